import { Injectable } from '@nestjs/common';
import { ContentLocaleService } from '../i18n/content-locales';
import type { Connection } from '../common/pagination/connection.type';
import type { PageArgs } from '../common/pagination/page.args';
import { BarriersRepository } from './barriers.repository';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertAllExist } from '../database/assert-exist';
import { Meeting } from '../meetings/meeting.entity';
import { BarrierCategory } from './barrier-category.enum';
import { Barrier } from './barrier.entity';
import { DESCRIPTION_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations, MergeOptions, Translations, translationsFromInput } from '../i18n/translations';
import { assertExpectedVersion, staleVersion } from '../common/errors/expected-version';
import { CreateBarrierInput } from './dto/create-barrier.input';
import { UpdateBarrierInput } from './dto/update-barrier.input';

const TITLE_OPTIONS: MergeOptions = { field: 'title', maxLength: TITLE_MAX, required: true };
const DESCRIPTION_OPTIONS: MergeOptions = { field: 'description', maxLength: DESCRIPTION_MAX, required: false };

@Injectable()
export class BarriersService {
  constructor(
    private readonly audit: AuditService,
    private readonly repository: BarriersRepository,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  /** `limit`: at most that many (the pages' filter lists); all when absent. Ordered by title in `locale` (default: DEFAULT_CONTENT_LOCALE). */
  list(category?: BarrierCategory | null, limit?: number, locale: Locale = this.contentLocales.defaultLocale): Promise<Barrier[]> {
    return this.repository.list(category ?? null, limit, locale);
  }

  /** A page of list()'s order. */
  listPage(category: BarrierCategory | null, page: PageArgs, locale: Locale): Promise<Connection<Barrier>> {
    return this.repository.listPage(category, page, locale);
  }

  /** `locale`: the request's, which `title` and `description` are written in. */
  create(input: CreateBarrierInput, actor: Actor, locale: Locale): Promise<Barrier> {
    const title = createdTranslations(input, 'title', locale, TITLE_MAX, true);
    const description = createdTranslations(input, 'description', locale, DESCRIPTION_MAX);
    return this.repository.transaction(async (tx) => {
      const meetingIds = [...new Set(input.meetingIds)];
      await assertAllExist(tx, Meeting, meetingIds, 'meetingIds');
      const barrier = await this.repository.insert(tx, { title, description, category: input.category }, meetingIds);
      await this.audit.record(tx, {
        actor,
        action: 'barrier.create',
        entityType: 'Barrier',
        entityId: barrier.id,
        before: null,
        after: { ...barrier, meetingIds },
      });
      return barrier;
    });
  }

  findById(id: string): Promise<Barrier | null> {
    return this.repository.findById(id);
  }

  /** The ids of the meetings where the barrier was raised (for the edit form). */
  meetingIdsOf(id: string): Promise<string[]> {
    return this.repository.transaction((tx) => this.repository.meetingIdsOf(tx, id));
  }

  /**
   * Edits a barrier's fields and, when `meetingIds` is given, the meetings where it was raised;
   * bumps its version and audits it before and after, in one transaction. CONFLICT when
   * `expectedVersion` is stale, NOT_FOUND for an unknown id or meeting.
   */
  update(id: string, input: UpdateBarrierInput, expectedVersion: number | null | undefined, actor: Actor, locale: Locale): Promise<Barrier> {
    return this.repository.transaction(async (tx) => {
      const current = assertExpectedVersion('Barrier', id, await this.repository.findById(id, tx), expectedVersion);
      const changes: Partial<Barrier> = {};
      if (input.title !== undefined || input.titleTranslations != null) {
        changes.title = translationsFromInput(current.title, input.title, input.titleTranslations, locale, TITLE_OPTIONS) as Translations;
      }
      if (input.description !== undefined || input.descriptionTranslations != null) {
        changes.description = translationsFromInput(current.description, input.description, input.descriptionTranslations, locale, DESCRIPTION_OPTIONS);
      }
      if (input.category !== undefined) changes.category = input.category;
      const meetingsBefore = await this.repository.meetingIdsOf(tx, id);
      const meetingIds = input.meetingIds !== undefined ? [...new Set(input.meetingIds.map((m) => m.toLowerCase()))].sort() : meetingsBefore;
      if (input.meetingIds !== undefined) await assertAllExist(tx, Meeting, meetingIds, 'meetingIds');
      const updated = await this.repository.updateIfVersion(tx, current, changes);
      if (!updated) throw staleVersion('Barrier', id, null);
      if (input.meetingIds !== undefined) await this.repository.replaceMeetings(tx, id, meetingIds);
      await this.audit.record(tx, {
        actor,
        action: 'barrier.update',
        entityType: 'Barrier',
        entityId: id,
        before: { ...current, meetingIds: meetingsBefore },
        after: { ...updated, meetingIds },
      });
      return updated;
    });
  }
}
