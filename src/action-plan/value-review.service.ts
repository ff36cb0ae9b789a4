import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { EDITORS, Role } from '../auth/role.enum';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import type { Locale } from '../i18n/locales';
import { NotificationKind } from '../notifications/notification-event';
import { PublicEventType } from '../public-events/public-event';
import { PublicEventsService } from '../public-events/public-events.service';
import { NotificationsService } from '../notifications/notifications.service';
import { RecordIndicatorValueInput } from './dto/record-indicator-value.input';
import { ReviewDecision, ReviewValueInput } from './dto/review-value.input';
import { IndicatorValueVersion, ReviewStatus } from './indicator-value-version.entity';
import { IndicatorValueVersionsRepository, isSubmitter, QueuedVersion, VersionOfPeriod } from './indicator-value-versions.repository';
import { IndicatorValue } from './indicator-value.entity';
import { IndicatorsService } from './indicators.service';

/** The most a review queue lists at once (oldest first). */
export const REVIEW_QUEUE_LIMIT = 200;

/** A row of the review page: a waiting version and what this reviewer may do with it. */
export interface WaitingVersion extends QueuedVersion {
  /** The reviewer submitted it themselves. */
  own: boolean;
  mayApprove: boolean;
  mayReturn: boolean;
}

/** Everything waiting for review, as one reviewer sees it. */
export interface ReviewWorklist {
  items: WaitingVersion[];
  /** The reviewer is the only one (an ADMIN): they approve their own values (mayApproveOwnValues). */
  approvesOwnValues: boolean;
}

/**
 * Review before publication (issue 23): each version of a value moves SUBMITTED → APPROVED
 * or SUBMITTED → RETURNED, by an ADMIN or EDITOR other than its submitter (four eyes). An
 * approved version is locked: a change is a new version. One exception keeps a single-user
 * install working: an ADMIN may approve their own values while no other reviewer exists
 * (mayApproveOwnValues). Every step is audited in its transaction.
 */
@Injectable()
export class ValueReviewService {
  constructor(
    private readonly versions: IndicatorValueVersionsRepository,
    private readonly indicators: IndicatorsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly publicEvents: PublicEventsService,
  ) {}

  /** Submits a value (a new SUBMITTED version; a correction needs its reason), as recordIndicatorValue does. */
  submitValue(input: RecordIndicatorValueInput, actor: Actor, locale: Locale): Promise<IndicatorValue> {
    return this.indicators.recordValue(input, actor, locale);
  }

  /** Whether this actor may approve the values they submitted themselves: an ADMIN while nobody else may review. */
  async mayApproveOwnValues(actor: Actor): Promise<boolean> {
    return actor.role === Role.ADMIN && !(await this.versions.otherReviewerExists(actor));
  }

  /** Approves or returns one SUBMITTED version (the latest of its value). */
  async reviewValue(input: ReviewValueInput, actor: Actor): Promise<IndicatorValueVersion> {
    if (!EDITORS.includes(actor.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'only ADMIN and EDITOR may review values', { reason: 'NOT_A_REVIEWER' });
    }
    const reason = input.reason?.trim() || null;
    if (input.decision === ReviewDecision.RETURN && !reason) {
      throw DomainError.badInput('reason', 'say why the value is returned: the submitter sees it');
    }
    const selfApproval = await this.mayApproveOwnValues(actor);
    return this.versions.transaction(async (tx) => {
      const found = await this.versions.lockForReview(tx, input.versionId);
      if (!found) {
        throw new DomainError(ErrorCode.NOT_FOUND, `versionId: IndicatorValueVersion ${input.versionId} does not exist`, {
          field: 'versionId',
          id: input.versionId,
        });
      }
      const { version, latestNumber } = found;
      if (input.expectedVersion != null && input.expectedVersion !== latestNumber) {
        throw DomainError.staleVersion(`the value is at version ${latestNumber}, not ${input.expectedVersion}: reload and review again`, {
          expectedVersion: input.expectedVersion,
          actualVersion: latestNumber,
        });
      }
      if (version.reviewStatus !== ReviewStatus.SUBMITTED) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `version ${version.number} is ${version.reviewStatus}: only a SUBMITTED version is reviewed`, {
          from: version.reviewStatus,
        });
      }
      if (version.number !== latestNumber) {
        throw DomainError.staleVersion(`version ${version.number} was corrected by version ${latestNumber}: review that one`, {
          actualVersion: latestNumber,
        });
      }
      const reviewer = { name: actor.name, userId: actor.userId ?? null };
      if (isSubmitter(version, reviewer) && !(selfApproval && input.decision === ReviewDecision.APPROVE)) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'four eyes: a value is reviewed by someone other than its submitter', { reason: 'FOUR_EYES' });
      }
      const decision = input.decision === ReviewDecision.APPROVE ? ReviewStatus.APPROVED : ReviewStatus.RETURNED;
      const reviewed = await this.versions.review(tx, version.id, decision, reviewer, decision === ReviewStatus.RETURNED ? reason : null);
      if (!reviewed) throw DomainError.staleVersion(`version ${version.number} was reviewed meanwhile: reload`);
      await this.audit.record(tx, {
        actor,
        action: decision === ReviewStatus.APPROVED ? 'indicatorValue.approve' : 'indicatorValue.return',
        entityType: 'IndicatorValue',
        entityId: version.indicatorValueId,
        before: version,
        after: { ...reviewed, ...(decision === ReviewStatus.APPROVED && reason ? { reviewNote: reason } : {}) },
      });
      if (decision === ReviewStatus.APPROVED) {
        await this.publicEvents.publish(tx, {
          type: PublicEventType.INDICATOR_VALUE_APPROVED,
          subjectType: 'IndicatorValue',
          subjectId: version.indicatorValueId,
          recommendationId: null,
          indicatorId: found.indicatorId,
          data: { versionId: version.id, versionNumber: version.number, value: version.value },
        });
      }
      // Its author hears of it (delivered after commit; an author without an account is told nothing).
      if (version.submittedByUserId) {
        await this.notifications.notify(tx, {
          kind: decision === ReviewStatus.APPROVED ? NotificationKind.VALUE_APPROVED : NotificationKind.VALUE_RETURNED,
          subjectType: 'IndicatorValue',
          subjectId: version.indicatorValueId,
          occurrence: version.id,
          audience: { kind: 'USERS', userIds: [version.submittedByUserId] },
          actorUserId: actor.userId ?? null,
          payload: { versionId: version.id, versionNumber: version.number, reason: decision === ReviewStatus.RETURNED ? reason : null },
        });
      }
      return reviewed;
    });
  }

  /**
   * What waits for review and this actor may review, oldest first: the latest SUBMITTED
   * version of each value, leaving out the actor's own (unless mayApproveOwnValues).
   * Nothing for roles that do not review.
   */
  async reviewQueue(actor: Actor, limit = REVIEW_QUEUE_LIMIT): Promise<QueuedVersion[]> {
    if (!EDITORS.includes(actor.role)) return [];
    const own = await this.mayApproveOwnValues(actor);
    return this.versions.queue({
      organizationId: null,
      excludeSubmitter: own ? null : { name: actor.name, userId: actor.userId ?? null },
      limit,
    });
  }

  /**
   * Every version waiting for review, oldest first, the reviewer's own included (the review
   * page lists them, saying why they cannot be approved), with what this reviewer may do:
   * approve what someone else submitted (or their own, while mayApproveOwnValues), return
   * what someone else submitted. FORBIDDEN for roles that do not review.
   */
  async worklist(actor: Actor, limit = REVIEW_QUEUE_LIMIT): Promise<ReviewWorklist> {
    if (!EDITORS.includes(actor.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'only ADMIN and EDITOR review values', { reason: 'NOT_A_REVIEWER' });
    }
    const [approvesOwnValues, queued] = await Promise.all([
      this.mayApproveOwnValues(actor),
      this.versions.queue({ organizationId: null, excludeSubmitter: null, limit }),
    ]);
    const reviewer = { name: actor.name, userId: actor.userId ?? null };
    const items = queued.map((q) => {
      const own = isSubmitter(q.version, reviewer);
      return { ...q, own, mayApprove: !own || approvesOwnValues, mayReturn: !own };
    });
    return { items, approvesOwnValues };
  }

  /** How many values wait for review (the staff navigation's count). */
  countWaiting(): Promise<number> {
    return this.versions.countWaiting();
  }

  /** The values this person submitted whose latest version was returned to them (with its reason), oldest first. */
  returnedTo(actor: Actor, limit = REVIEW_QUEUE_LIMIT): Promise<VersionOfPeriod[]> {
    return this.versions.latestSubmittedBy({ name: actor.name, userId: actor.userId ?? null }, ReviewStatus.RETURNED, limit);
  }

  /** The values this person submitted that wait for review, oldest first. */
  waitingFrom(actor: Actor, limit = REVIEW_QUEUE_LIMIT): Promise<VersionOfPeriod[]> {
    return this.versions.latestSubmittedBy({ name: actor.name, userId: actor.userId ?? null }, ReviewStatus.SUBMITTED, limit);
  }

  /** Every version of every value of the indicator, by period (newest first), newest version first. */
  historyOf(indicatorId: string): Promise<VersionOfPeriod[]> {
    return this.versions.versionsOfIndicator(indicatorId);
  }

  /** One version with its indicator and period, or null. */
  describe(versionId: string): Promise<VersionOfPeriod | null> {
    return this.versions.versionOfPeriod(versionId);
  }

  /** Every version of the value, first to last (the history of a period). */
  versionsOf(valueId: string): Promise<IndicatorValueVersion[]> {
    return this.versions.versionsOf(valueId);
  }
}
