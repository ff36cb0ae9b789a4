import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { isPresent } from '../common/is-present';
import { Connection } from '../common/pagination/connection.type';
import { PageArgs } from '../common/pagination/page.args';
import { assertAllExist } from '../database/assert-exist';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../organizations/person.entity';
import { DESCRIPTION_MAX, NOTE_MAX, PLACE_NAME_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { CreateMeetingInput } from './dto/create-meeting.input';
import { Meeting } from './meeting.entity';
import { MeetingsRepository } from './meetings.repository';

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
  list(args: PageArgs): Promise<Connection<Meeting>> {
    return this.repository.listPage(args);
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
