import { Injectable } from '@nestjs/common';
import { DESCRIPTION_MAX, NOTE_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { allTranslationsText, createdTranslations, MergeOptions, Translations, translationsFromInput } from '../i18n/translations';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertMayActFor } from '../auth/ministry-scope';
import { Role } from '../auth/role.enum';
import { Indicator } from '../action-plan/indicator.entity';
import { Barrier } from '../barriers/barrier.entity';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Connection } from '../common/pagination/connection.type';
import { assertAllExist } from '../database/assert-exist';
import { Organization } from '../organizations/organization.entity';
import { CreateRecommendationInput } from './dto/create-recommendation.input';
import { RecommendationFilter, RecommendationsArgs } from './dto/recommendations.args';
import { TransitionRecommendationInput } from './dto/transition-recommendation.input';
import { UpdateRecommendationInput } from './dto/update-recommendation.input';
import { assertTransition } from './recommendation-lifecycle';
import { DEFAULT_ORDER } from './recommendation-list.query';
import { Priority, RecommendationStatus } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';
import { LinkIds, RecommendationsRepository } from './recommendations.repository';
import { NotificationKind } from '../notifications/notification-event';
import { PublicEventType } from '../public-events/public-event';
import { PublicEventsService } from '../public-events/public-events.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ResponsibilityService } from '../responsibility/responsibility.service';

const TITLE_OPTIONS: MergeOptions = { field: 'title', maxLength: TITLE_MAX, required: true };
const DESCRIPTION_OPTIONS: MergeOptions = { field: 'description', maxLength: DESCRIPTION_MAX, required: false };

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly repository: RecommendationsRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly responsibility: ResponsibilityService,
    private readonly publicEvents: PublicEventsService,
  ) {}

  findById(id: string): Promise<Recommendation | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.repository.findById(id);
  }

  /** By its public code (the pages' address of a recommendation). */
  findByCode(code: string): Promise<Recommendation | null> {
    return this.repository.findByCode(code);
  }

  /** How many recommendations each meeting made (the meetings list), in one statement. */
  countsByMeeting(meetingIds: string[]): Promise<Map<string, number>> {
    return this.repository.countsByMeeting(meetingIds);
  }

  /** How many recommendations the filter matches, per status, and how many of them are overdue. */
  statusCounts(filter: RecommendationFilter): Promise<{ byStatus: Map<RecommendationStatus, number>; overdue: number }> {
    return this.repository.statusCounts(filter, this.clock.today());
  }

  list(args: RecommendationsArgs): Promise<Connection<Recommendation>> {
    return this.repository.listPage(args.filter, args.orderBy ?? DEFAULT_ORDER, args, this.clock.today());
  }

  /** Creates the recommendation, its links and the creation entry of its history, atomically. */
  async create(input: CreateRecommendationInput, actor: Actor, locale: Locale): Promise<Recommendation> {
    const title = createdTranslations(input, 'title', locale, TITLE_MAX, true);
    const description = createdTranslations(input, 'description', locale, DESCRIPTION_MAX);
    return this.repository.transaction(async (tx) => {
      const meeting = await this.repository.meetingOf(tx, input.meetingId);
      if (!meeting) throw new DomainError(ErrorCode.NOT_FOUND, `meetingId: Meeting ${input.meetingId} does not exist`, { field: 'meetingId' });
      await this.assertLinksExist(tx, input);
      const code = input.code ?? (await this.repository.nextCode(tx, meeting.heldOn));
      const saved = await this.repository.insert(tx, {
        code,
        title,
        description,
        kind: input.kind,
        priority: input.priority ?? Priority.MEDIUM,
        status: RecommendationStatus.PROPOSED,
        dueDate: input.dueDate ?? null,
        meetingId: meeting.id,
        version: 1,
      });
      await this.repository.replaceLinks(tx, saved.id, input);
      await this.repository.insertFactChange(tx, {
        recommendationId: saved.id,
        version: 1,
        dueDate: saved.dueDate,
        priority: saved.priority,
        responsibleOrganizationIds: sortedIds(input.responsibleOrganizationIds ?? []),
        changedBy: actor.name,
      });
      await this.repository.insertStatusChange(tx, {
        recommendationId: saved.id,
        version: 1,
        fromStatus: null,
        toStatus: RecommendationStatus.PROPOSED,
        changedBy: actor.name,
        note: null,
        evidenceUrl: null,
      });
      const created = await this.repository.findByIdOrFail(tx, saved.id);
      await this.audit.record(tx, {
        actor,
        action: 'recommendation.create',
        entityType: 'Recommendation',
        entityId: created.id,
        before: null,
        after: { ...created, ...linksOf(input) },
      });
      return created;
    });
  }

  /** Edits fields and links; bumps the version. CONFLICT when `expectedVersion` is stale. */
  async update(
    id: string,
    input: UpdateRecommendationInput,
    expectedVersion: number | null | undefined,
    actor: Actor,
    locale: Locale,
  ): Promise<Recommendation> {
    return this.repository.transaction(async (tx) => {
      const current = await this.loadForWrite(tx, id, expectedVersion);
      await this.assertLinksExist(tx, input);
      const changes: Partial<Recommendation> = {};
      // One locale written leaves the others as they are; all of them land in this one audit entry.
      if (input.title !== undefined || input.titleTranslations != null) {
        changes.title = translationsFromInput(current.title, input.title, input.titleTranslations, locale, TITLE_OPTIONS) as Translations;
      }
      if (input.description !== undefined || input.descriptionTranslations != null) {
        changes.description = translationsFromInput(
          current.description,
          input.description,
          input.descriptionTranslations,
          locale,
          DESCRIPTION_OPTIONS,
        );
      }
      if (input.kind !== undefined) changes.kind = input.kind;
      if (input.priority !== undefined) changes.priority = input.priority;
      if (input.dueDate !== undefined) changes.dueDate = input.dueDate;
      const organizationsBefore = sortedIds(await this.repository.responsibleOrganizationIds(tx, id));
      const organizationsAfter = input.responsibleOrganizationIds != null ? sortedIds(input.responsibleOrganizationIds) : organizationsBefore;
      // The officer (a new one, or the current one when the organisations change) must be of an organisation responsible after the edit.
      if (input.responsibleUserId !== undefined) changes.responsibleUserId = input.responsibleUserId?.toLowerCase() ?? null;
      if (input.responsibleUserId !== undefined || input.responsibleOrganizationIds != null) {
        const officer = changes.responsibleUserId !== undefined ? changes.responsibleUserId : current.responsibleUserId;
        await this.responsibility.assertOfficer(tx, officer, organizationsAfter, 'responsibleUserId');
      }
      const updated = await this.bumpVersion(tx, current, changes);
      await this.repository.replaceLinks(tx, id, input);
      await this.appendFacts(tx, current, organizationsBefore, updated, organizationsAfter, actor);
      await this.audit.record(tx, {
        actor,
        action: 'recommendation.update',
        entityType: 'Recommendation',
        entityId: id,
        before: current,
        after: { ...updated, ...linksOf(input) },
      });
      return updated;
    });
  }

  /**
   * Moves a recommendation along its lifecycle and appends the history entry in
   * the same transaction. Two writers from the same version: the UPDATE's
   * `version = $n` condition lets exactly one through; the other gets CONFLICT.
   */
  async transition(input: TransitionRecommendationInput, actor: Actor, locale: Locale): Promise<Recommendation> {
    const note = createdTranslations(input, 'note', locale, NOTE_MAX);
    return this.repository.transaction(async (tx) => {
      const current = await this.loadForWrite(tx, input.id, input.expectedVersion);
      if (actor.role === Role.MINISTRY) {
        const responsible = await this.repository.responsibleOrganizationIds(tx, current.id);
        assertMayActFor(actor, responsible, `recommendation ${current.code}`);
      }
      assertTransition(current.status, input.to, allTranslationsText(note));
      const updated = await this.bumpVersion(tx, current, { status: input.to });
      await this.repository.insertStatusChange(tx, {
        recommendationId: current.id,
        version: updated.version,
        fromStatus: current.status,
        toStatus: input.to,
        changedBy: actor.name,
        note,
        evidenceUrl: input.evidenceUrl ?? null,
      });
      await this.audit.record(tx, {
        actor,
        action: 'recommendation.transition',
        entityType: 'Recommendation',
        entityId: current.id,
        before: current,
        after: { ...updated, note, evidenceUrl: input.evidenceUrl ?? null },
      });
      await this.notifications.notify(tx, {
        kind: NotificationKind.RECOMMENDATION_TRANSITIONED,
        subjectType: 'Recommendation',
        subjectId: current.id,
        occurrence: `${current.id}:${updated.version}`,
        audience: { kind: 'RESPONSIBLE' },
        actorUserId: actor.userId ?? null,
        payload: { from: current.status, to: input.to },
      });
      await this.publicEvents.publish(tx, {
        type: PublicEventType.RECOMMENDATION_TRANSITIONED,
        subjectType: 'Recommendation',
        subjectId: current.id,
        recommendationId: current.id,
        indicatorId: null,
        data: { code: current.code, from: current.status, to: input.to, version: updated.version },
      });
      return updated;
    });
  }

  /**
   * Appends the fact history entry of an edit that changed the due date, the priority or the
   * responsible organisations (in the edit's transaction, which audits it). A recommendation
   * loaded in bulk has no history yet: its facts before this edit are recorded first, as
   * holding since its creation, so that a report as of an earlier day still finds them.
   */
  private async appendFacts(
    tx: EntityManager,
    before: Recommendation,
    organizationsBefore: string[],
    after: Recommendation,
    organizationsAfter: string[],
    actor: Actor,
  ): Promise<void> {
    const changed =
      before.dueDate !== after.dueDate || before.priority !== after.priority || organizationsBefore.join() !== organizationsAfter.join();
    if (!changed) return;
    if (!(await this.repository.hasFactHistory(tx, before.id))) {
      await this.repository.insertFactChange(tx, {
        recommendationId: before.id,
        version: before.version,
        dueDate: before.dueDate,
        priority: before.priority,
        responsibleOrganizationIds: organizationsBefore,
        changedAt: before.createdAt,
        changedBy: null,
      });
    }
    await this.repository.insertFactChange(tx, {
      recommendationId: after.id,
      version: after.version,
      dueDate: after.dueDate,
      priority: after.priority,
      responsibleOrganizationIds: organizationsAfter,
      changedBy: actor.name,
    });
  }

  private async loadForWrite(tx: EntityManager, id: string, expectedVersion?: number | null): Promise<Recommendation> {
    const current = isUUID(id) ? await this.repository.findById(id, tx) : null;
    if (!current) throw DomainError.notFound('Recommendation', id);
    if (expectedVersion != null && expectedVersion !== current.version) {
      throw DomainError.staleVersion(`Recommendation ${id} is at version ${current.version}, not ${expectedVersion}`, {
        currentVersion: current.version,
      });
    }
    return current;
  }

  /** The optimistic-concurrency write: only succeeds if nobody changed the row since it was read. */
  private async bumpVersion(
    tx: EntityManager,
    current: Recommendation,
    changes: Partial<Recommendation>,
  ): Promise<Recommendation> {
    const updated = await this.repository.updateIfVersion(tx, current, changes);
    if (!updated) throw DomainError.staleVersion(`Recommendation ${current.id} was changed concurrently; reload it and retry`);
    return updated;
  }

  private async assertLinksExist(tx: EntityManager, links: LinkIds): Promise<void> {
    await assertAllExist(tx, Barrier, links.barrierIds, 'barrierIds');
    await assertAllExist(tx, Organization, links.responsibleOrganizationIds, 'responsibleOrganizationIds');
    await assertAllExist(tx, Indicator, links.indicatorIds, 'indicatorIds');
  }


}

/** Ids without duplicates, sorted: the fact history's form, so two sets compare as text. */
function sortedIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].sort();
}

/** The link lists an input sets (absent ones are left out), for the audit trail. */
function linksOf(links: LinkIds): LinkIds {
  const result: LinkIds = {};
  if (links.barrierIds != null) result.barrierIds = links.barrierIds;
  if (links.responsibleOrganizationIds != null) result.responsibleOrganizationIds = links.responsibleOrganizationIds;
  if (links.indicatorIds != null) result.indicatorIds = links.indicatorIds;
  return result;
}
