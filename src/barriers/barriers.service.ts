import { Injectable } from '@nestjs/common';
import { ContentLocaleService } from '../i18n/content-locales';
import { BarriersRepository } from './barriers.repository';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertAllExist } from '../database/assert-exist';
import { Meeting } from '../meetings/meeting.entity';
import { BarrierCategory } from './barrier-category.enum';
import { Barrier } from './barrier.entity';
import { DESCRIPTION_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { CreateBarrierInput } from './dto/create-barrier.input';

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
}
