import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { EDITORS, Role } from '../auth/role.enum';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { Connection } from '../common/pagination/connection.type';
import { DataVersionService } from '../data-version/data-version.service';
import { PerVersionMemo } from '../data-version/per-version-memo';
import { assertAllExist } from '../database/assert-exist';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { PublicEventType } from '../public-events/public-event';
import { PublicEventsService } from '../public-events/public-events.service';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Assessment, AssessmentReviewStatus } from './assessment.entity';
import { AssessmentReadScope, AssessmentsRepository } from './assessments.repository';
import { AssessmentsArgs } from './dto/assessments.args';
import { ASSESSMENT_TEXT_MAX, PublishAssessmentInput, ReturnAssessmentInput, SubmitAssessmentInput } from './dto/submit-assessment.input';

/** What a caller may read of assessments (see AssessmentReadScope): the secretariat all, an NGO its own, everyone the published ones. */
export function assessmentScopeOf(actor: Pick<Actor, 'role' | 'organizationId'> | null | undefined): AssessmentReadScope {
  if (actor && EDITORS.includes(actor.role)) return { all: true, organizationId: null };
  if (actor?.role === Role.NGO && actor.organizationId) return { all: false, organizationId: actor.organizationId };
  return { all: false, organizationId: null };
}

/** Whether the scope may read this version. */
export function mayRead(scope: AssessmentReadScope, version: Assessment): boolean {
  return version.reviewStatus === AssessmentReviewStatus.PUBLISHED || scope.all || (scope.organizationId !== null && scope.organizationId === version.organizationId);
}

/**
 * Independent assessments (issue 26): an NGO user assesses a recommendation for their own
 * organisation; each submission is a new version, SUBMITTED until an EDITOR publishes it or
 * returns it with a reason. Moderation is about form and safety, not agreement: an assessment
 * that disagrees with the official status is what this is for. Every step is audited in its
 * transaction; the official data is never touched.
 */
@Injectable()
export class AssessmentsService {
  /** Which recommendations have a published assessment, and how many diverge: read once per data version. */
  private readonly memo: PerVersionMemo;

  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly publicEvents: PublicEventsService,
    versions: DataVersionService,
  ) {
    this.memo = new PerVersionMemo(versions);
  }

  /** How many recommendations' official and independent views diverge now (the home page's figure); read once per data version. */
  divergentCount(): Promise<number> {
    return this.memo.get('divergent-count', () => this.assessments.countDivergent());
  }

  /**
   * Each recommendation's published assessments as they are now (each organisation's latest
   * published version), by recommendation id. Public pages ask it for every list they show; most
   * recommendations have none, so only those known to have one are read.
   */
  async publishedNow(recommendationIds: readonly string[]): Promise<Map<string, Assessment[]>> {
    const assessed = await this.memo.get('published-recommendations', () => this.assessments.publishedRecommendationIds());
    const wanted = recommendationIds.filter((id) => assessed.has(id));
    const lists = wanted.length ? await this.assessments.currentByRecommendationId(new LoaderRegistry(), null).loadMany(wanted) : [];
    const byId = new Map<string, Assessment[]>(recommendationIds.map((id) => [id, []]));
    wanted.forEach((id, i) => {
      const list = lists[i];
      byId.set(id, list instanceof Error ? [] : list.filter((a) => a.reviewStatus === AssessmentReviewStatus.PUBLISHED));
    });
    return byId;
  }

  list(args: AssessmentsArgs, actor: Actor): Promise<Connection<Assessment>> {
    return this.assessments.page(args.filter, assessmentScopeOf(actor), args);
  }

  /** A new version of the caller's organisation's assessment of the recommendation, SUBMITTED. */
  async submit(input: SubmitAssessmentInput, actor: Actor, locale: Locale): Promise<Assessment> {
    if (actor.role !== Role.NGO || !actor.organizationId) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'only an NGO user or token assesses, for its own organisation', { reason: 'notAnNgo' });
    }
    const organizationId = actor.organizationId;
    const text = createdTranslations(input, 'text', locale, ASSESSMENT_TEXT_MAX, true);
    const today = this.clock.today();
    const assessedOn = input.assessedOn ?? today;
    if (assessedOn > today) throw DomainError.badInput('assessedOn', `is after today (${today})`);
    const evidenceUrls = [...new Set(input.evidenceUrls ?? [])];
    return this.assessments.transaction(async (tx) => {
      await assertAllExist(tx, Recommendation, [input.recommendationId], 'recommendationId');
      const { assessmentId, latest } = await this.assessments.lockSlot(tx, input.recommendationId, organizationId);
      const latestNumber = latest?.number ?? 0;
      if (input.expectedVersion != null && input.expectedVersion !== latestNumber) {
        throw DomainError.staleVersion(`the assessment is at version ${latestNumber}, not ${input.expectedVersion}: reload and edit again`, {
          expectedVersion: input.expectedVersion,
          actualVersion: latestNumber,
        });
      }
      const version = await this.assessments.insertVersion(tx, {
        assessmentId,
        recommendationId: input.recommendationId,
        organizationId,
        number: latestNumber + 1,
        status: input.status,
        text,
        evidenceUrls,
        assessedOn,
        submittedBy: actor.name,
        submittedByUserId: actor.userId ?? null,
      });
      await this.audit.record(tx, { actor, action: 'assessment.submit', entityType: 'Assessment', entityId: assessmentId, before: latest, after: version });
      return version;
    });
  }

  publish(input: PublishAssessmentInput, actor: Actor): Promise<Assessment> {
    return this.moderate(input.id, AssessmentReviewStatus.PUBLISHED, null, actor);
  }

  returnToOrganization(input: ReturnAssessmentInput, actor: Actor): Promise<Assessment> {
    const reason = input.reason?.trim();
    if (!reason) throw DomainError.badInput('reason', 'say why the assessment is returned: the organisation sees it');
    return this.moderate(input.id, AssessmentReviewStatus.RETURNED, reason, actor);
  }

  /** Publishes or returns the latest version of an assessment while it is SUBMITTED. */
  private async moderate(id: string, decision: AssessmentReviewStatus.PUBLISHED | AssessmentReviewStatus.RETURNED, reason: string | null, actor: Actor): Promise<Assessment> {
    if (!EDITORS.includes(actor.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'only ADMIN and EDITOR moderate assessments', { reason: 'notAModerator' });
    }
    return this.assessments.transaction(async (tx) => {
      const found = await this.assessments.lockForReview(tx, id);
      if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `id: Assessment ${id} does not exist`, { field: 'id', id });
      const { version, latestNumber } = found;
      if (version.reviewStatus !== AssessmentReviewStatus.SUBMITTED) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `version ${version.number} is ${version.reviewStatus}: only a SUBMITTED version is moderated`, {
          from: version.reviewStatus,
        });
      }
      if (version.number !== latestNumber) {
        throw DomainError.staleVersion(`version ${version.number} was replaced by version ${latestNumber}: moderate that one`, { actualVersion: latestNumber });
      }
      const reviewed = await this.assessments.review(tx, version.id, decision, { name: actor.name, userId: actor.userId ?? null }, reason);
      if (!reviewed) throw DomainError.staleVersion(`version ${version.number} was moderated meanwhile: reload`);
      await this.audit.record(tx, {
        actor,
        action: decision === AssessmentReviewStatus.PUBLISHED ? 'assessment.publish' : 'assessment.return',
        entityType: 'Assessment',
        entityId: version.assessmentId,
        before: version,
        after: reviewed,
      });
      if (decision === AssessmentReviewStatus.PUBLISHED) {
        await this.publicEvents.publish(tx, {
          type: PublicEventType.ASSESSMENT_PUBLISHED,
          subjectType: 'Assessment',
          subjectId: version.id,
          recommendationId: version.recommendationId,
          indicatorId: null,
          data: { assessmentId: version.assessmentId, versionNumber: version.number, status: version.status, organizationId: version.organizationId },
        });
      }
      return reviewed;
    });
  }

  /** One version the actor may read, or null. */
  async findVersion(id: string, actor: Actor): Promise<Assessment | null> {
    const version = await this.assessments.findVersion(id);
    return version && mayRead(assessmentScopeOf(actor), version) ? version : null;
  }

  /** What waits for moderation, oldest first (the secretariat's page); FORBIDDEN for roles that do not moderate. */
  moderationQueue(actor: Actor, limit: number): Promise<Assessment[]> {
    if (!EDITORS.includes(actor.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'only ADMIN and EDITOR moderate assessments', { reason: 'notAModerator' });
    }
    return this.assessments.waiting(limit);
  }

  /** How many assessments wait for moderation (the secretariat's navigation). */
  countWaiting(): Promise<number> {
    return this.assessments.countWaiting();
  }
}
