import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { isPresent } from '../common/is-present';
import { Connection } from '../common/pagination/connection.type';
import { assertAllExist } from '../database/assert-exist';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../organizations/person.entity';
import { DESCRIPTION_MAX, NOTE_MAX, PLACE_NAME_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations, MergeOptions, Translations, translationsFromInput } from '../i18n/translations';
import { assertExpectedVersion, staleVersion } from '../common/errors/expected-version';
import { CreateMeetingInput } from './dto/create-meeting.input';
import { UpdateMeetingInput } from './dto/update-meeting.input';
import { Meeting } from './meeting.entity';
import { MeetingsArgs } from './dto/meetings.args';
import { MeetingsRepository } from './meetings.repository';

/** The translatable texts of a meeting: their longest text per locale and whether one must remain. */
const TEXTS: Record<'title' | 'settlement' | 'region' | 'summary' | 'sourceNote', MergeOptions> = {
  title: { field: 'title', maxLength: TITLE_MAX, required: true },
  settlement: { field: 'settlement', maxLength: PLACE_NAME_MAX, required: false },
  region: { field: 'region', maxLength: PLACE_NAME_MAX, required: false },
  summary: { field: 'summary', maxLength: DESCRIPTION_MAX, required: false },
  sourceNote: { field: 'sourceNote', maxLength: NOTE_MAX, required: false },
};

@Injectable()
export class MeetingsService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly audit: AuditService,
  ) {}

  findById(id: string): Promise<Meeting | null> {
    return this.repository.findById(id);
  }

  /** Newest first; ties on the date broken by id. */
  list(args: MeetingsArgs): Promise<Connection<Meeting>> {
    return this.repository.listPage(args);
  }

  /**
   * Edits a meeting's fields (absent ones stay; a text's locales merge as in updateRecommendation),
   * bumps its version and audits it before and after, in one transaction. CONFLICT when
   * `expectedVersion` is stale, NOT_FOUND for an unknown id.
   */
  update(id: string, input: UpdateMeetingInput, expectedVersion: number | null | undefined, actor: Actor, locale: Locale): Promise<Meeting> {
    return this.repository.transaction(async (tx) => {
      const current = assertExpectedVersion('Meeting', id, await this.repository.findById(id, tx), expectedVersion);
      const changes: Partial<Meeting> = {};
      for (const [field, options] of Object.entries(TEXTS) as [keyof typeof TEXTS, MergeOptions][]) {
        const translations = input[`${field}Translations`];
        if (input[field] === undefined && translations == null) continue;
        const merged = translationsFromInput(current[field], input[field], translations, locale, options);
        if (field === 'title') changes.title = merged as Translations;
        else changes[field] = merged;
      }
      if (input.heldOn !== undefined) changes.heldOn = input.heldOn;
      if (input.format !== undefined) changes.format = input.format;
      if (input.sourceUrl !== undefined) changes.sourceUrl = input.sourceUrl;
      const updated = await this.repository.updateIfVersion(tx, current, changes);
      if (!updated) throw staleVersion('Meeting', id, null);
      await this.audit.record(tx, { actor, action: 'meeting.update', entityType: 'Meeting', entityId: id, before: current, after: updated });
      return updated;
    });
  }

  /** `locale`: the request's, which `title` and the other plain texts are written in. */
  async create(input: CreateMeetingInput, actor: Actor, locale: Locale): Promise<Meeting> {
    // Checked before the transaction: a refused text changes nothing.
    const texts = {
      title: createdTranslations(input, 'title', locale, TITLE_MAX, true),
      settlement: createdTranslations(input, 'settlement', locale, PLACE_NAME_MAX),
      region: createdTranslations(input, 'region', locale, PLACE_NAME_MAX),
      summary: createdTranslations(input, 'summary', locale, DESCRIPTION_MAX),
      sourceNote: createdTranslations(input, 'sourceNote', locale, NOTE_MAX),
    };
    return this.repository.transaction(async (tx) => {
      const participants = distinctParticipants(input.participants ?? []);
      await assertAllExist(tx, Person, participants.map((p) => p.personId).filter(isPresent), 'participants.personId');
      await assertAllExist(
        tx,
        Organization,
        participants.map((p) => p.organizationId).filter(isPresent),
        'participants.organizationId',
      );
      const meeting = await this.repository.insert(
        tx,
        { ...texts, heldOn: input.heldOn, format: input.format, sourceUrl: input.sourceUrl ?? null },
        participants.map((p, position) => ({
          personId: p.personId ?? null,
          organizationId: p.organizationId ?? null,
          role: p.role,
          position,
        })),
      );
      await this.audit.record(tx, {
        actor,
        action: 'meeting.create',
        entityType: 'Meeting',
        entityId: meeting.id,
        before: null,
        after: { ...meeting, participants },
      });
      return meeting;
    });
  }
}

/** The same person (or organisation) listed twice attends once: the first listing (its role and position) is kept. */
function distinctParticipants<P extends { personId?: string | null; organizationId?: string | null }>(listed: readonly P[]): P[] {
  const seen = new Set<string>();
  return listed.filter((p) => {
    const key = `${p.personId ?? ''}/${p.organizationId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
