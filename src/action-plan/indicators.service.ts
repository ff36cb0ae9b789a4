import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertMayActFor } from '../auth/ministry-scope';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Connection } from '../common/pagination/connection.type';

import { assertAllExist } from '../database/assert-exist';
import { Organization } from '../organizations/organization.entity';
import { ActionPlan } from './action-plan.entity';
import { unitCodeFor } from './indicator-unit';
import { ActionPlanRepository } from './action-plan.repository';
import { parsePeriod, periodProblem } from './reporting-period';
import { NOTE_MAX, SOURCE_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations, Translations, translationsFromInput } from '../i18n/translations';
import { assertExpectedVersion, staleVersion } from '../common/errors/expected-version';
import { UpdateIndicatorInput } from './dto/update-indicator.input';
import { CreateIndicatorInput, SetIndicatorMilestoneArgs, SetIndicatorTargetArgs } from './dto/create-indicator.input';
import { IndicatorMeasure, IndicatorValueKind, ReportingFrequency, TotalSource } from './action-plan.enums';
import { IndicatorMilestonesRepository } from './indicator-milestones.repository';
import { IndicatorsArgs } from './dto/indicators.args';
import { RecordIndicatorValueInput } from './dto/record-indicator-value.input';
import { IndicatorValue } from './indicator-value.entity';
import { announceValueSubmitted, auditValueWrite, ValueFields, ValueParts, valueSubmittedEvent } from './indicator-value-writes';
import { NotificationsService } from '../notifications/notifications.service';
import { PublicEventsService } from '../public-events/public-events.service';
import { ResponsibilityService } from '../responsibility/responsibility.service';
import { currentValues, submitVersions } from './indicator-values.repository';
import { Indicator } from './indicator.entity';

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly repository: ActionPlanRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly milestones: IndicatorMilestonesRepository,
    private readonly notifications: NotificationsService,
    private readonly responsibility: ResponsibilityService,
    private readonly publicEvents: PublicEventsService,
  ) {}

  /** Whether the sample's illustrative values are loaded (the pages then say they are not official statistics). */
  hasSampleValues(): Promise<boolean> {
    return this.repository.hasSampleValues();
  }

  findById(id: string): Promise<Indicator | null> {
    return this.repository.findIndicator(id);
  }

  /** The indicators with this code: one per action plan at most (codes are unique within a plan). */
  findByCode(code: string): Promise<Indicator[]> {
    return this.repository.findIndicatorsByCode(code);
  }

  /** Ordered by code, ties broken by id. */
  list(args: IndicatorsArgs): Promise<Connection<Indicator>> {
    return this.repository.indicatorPage(args.filter, args);
  }

  /** The indicator and its yearly targets, atomically. */
  async create(input: CreateIndicatorInput, actor: Actor, locale: Locale): Promise<Indicator> {
    const name = createdTranslations(input, 'name', locale, TITLE_MAX, true);
    return this.repository.transaction(async (tx) => {
      const plan = await this.planOrFail(tx, input.actionPlanId, 'actionPlanId');
      await assertAllExist(tx, Organization, input.responsibleOrganizationId ? [input.responsibleOrganizationId] : [], 'responsibleOrganizationId');
      const targets = input.targets ?? [];
      const years = targets.map((t) => t.year);
      const repeated = years.find((year, i) => years.indexOf(year) !== i);
      if (repeated !== undefined) throw DomainError.badInput('targets', `year ${repeated} is given more than once`);
      for (const t of targets) assertYearInPlan(plan, t.year, 'targets.year');
      const indicator = await this.repository.insertIndicator(
        tx,
        {
          actionPlanId: plan.id,
          code: input.code,
          name,
          unit: input.unit,
          unitCode: input.unitCode ?? unitCodeFor(input.unit),
          direction: input.direction,
          measure: input.measure ?? IndicatorMeasure.LEVEL,
          valueKind: input.valueKind ?? IndicatorValueKind.NUMBER,
          totalSource: TotalSource.DERIVED,
          reportingFrequency: input.reportingFrequency ?? ReportingFrequency.YEARLY,
          baselineYear: input.baselineYear ?? null,
          baselineValue: input.baselineValue ?? null,
          responsibleOrganizationId: input.responsibleOrganizationId ?? null,
          responsibleUserId: null,
        },
        targets,
      );
      await this.audit.record(tx, {
        actor,
        action: 'indicator.create',
        entityType: 'Indicator',
        entityId: indicator.id,
        before: null,
        after: { ...indicator, targets },
      });
      return indicator;
    });
  }

  /**
   * Edits an indicator's fields; bumps its version and audits it before and after, in one
   * transaction. Its code and plan stay once it has values (BAD_USER_INPUT, reason `hasValues`);
   * a new plan must cover the years of its targets (reason `yearsInUse`); a code the plan already
   * has is refused by its unique index. Targets keep setIndicatorTarget. CONFLICT when
   * `expectedVersion` is stale, NOT_FOUND for an unknown id, plan or organisation.
   */
  async update(id: string, input: UpdateIndicatorInput, expectedVersion: number | null | undefined, actor: Actor, locale: Locale): Promise<Indicator> {
    return this.repository.transaction(async (tx) => {
      const current = assertExpectedVersion('Indicator', id, await this.repository.findIndicator(id, tx), expectedVersion);
      const changes: Partial<Indicator> = {};
      const movesPlan = input.actionPlanId !== undefined && input.actionPlanId.toLowerCase() !== current.actionPlanId;
      const recodes = input.code !== undefined && input.code !== current.code;
      if ((movesPlan || recodes) && (await this.repository.hasValues(tx, id))) {
        throw DomainError.badInput(movesPlan ? 'actionPlanId' : 'code', 'cannot change while the indicator has values', { reason: 'hasValues' });
      }
      if (movesPlan && input.actionPlanId !== undefined) {
        const plan = await this.planOrFail(tx, input.actionPlanId, 'actionPlanId');
        const used = await this.repository.yearsInUse(tx, { indicatorId: id });
        if (used.first !== null && used.last !== null && (used.first < plan.startYear || used.last > plan.endYear)) {
          throw DomainError.badInput('actionPlanId', `the indicator has targets from ${used.first} to ${used.last}, outside the plan's years`, {
            reason: 'yearsInUse',
            from: used.first,
            to: used.last,
          });
        }
        changes.actionPlanId = plan.id;
      }
      if (recodes) changes.code = input.code;
      if (input.name !== undefined || input.nameTranslations != null) {
        changes.name = translationsFromInput(current.name, input.name, input.nameTranslations, locale, { field: 'name', maxLength: TITLE_MAX, required: true }) as Translations;
      }
      if (input.unit !== undefined) changes.unit = input.unit;
      if (input.unitCode !== undefined) changes.unitCode = input.unitCode;
      else if (input.unit !== undefined && input.unit !== current.unit) changes.unitCode = unitCodeFor(input.unit);
      if (input.direction !== undefined) changes.direction = input.direction;
      if (input.measure !== undefined) changes.measure = input.measure;
      if (input.reportingFrequency !== undefined) changes.reportingFrequency = input.reportingFrequency;
      if (input.baselineYear !== undefined) changes.baselineYear = input.baselineYear;
      if (input.baselineValue !== undefined) changes.baselineValue = input.baselineValue;
      if (input.responsibleOrganizationId !== undefined) {
        await assertAllExist(tx, Organization, input.responsibleOrganizationId ? [input.responsibleOrganizationId] : [], 'responsibleOrganizationId');
        changes.responsibleOrganizationId = input.responsibleOrganizationId;
      }
      if (input.responsibleUserId !== undefined) changes.responsibleUserId = input.responsibleUserId?.toLowerCase() ?? null;
      if (input.responsibleUserId !== undefined || input.responsibleOrganizationId !== undefined) {
        // The officer (a new one, or the current one when the organisation changes) must be of the organisation responsible after the edit.
        const officer = changes.responsibleUserId !== undefined ? changes.responsibleUserId : current.responsibleUserId;
        const organization = changes.responsibleOrganizationId !== undefined ? changes.responsibleOrganizationId : current.responsibleOrganizationId;
        await this.responsibility.assertOfficer(tx, officer, [organization?.toLowerCase() ?? null], 'responsibleUserId');
      }
      const updated = await this.repository.updateIndicatorIfVersion(tx, current, changes);
      if (!updated) throw staleVersion('Indicator', id, null);
      await this.audit.record(tx, { actor, action: 'indicator.update', entityType: 'Indicator', entityId: id, before: current, after: updated });
      return updated;
    });
  }

  /** Sets (or replaces) the target of one year of the plan. */
  async setTarget(args: SetIndicatorTargetArgs, actor: Actor): Promise<Indicator> {
    return this.repository.transaction(async (tx) => {
      const indicator = await this.indicatorOrFail(tx, args.indicatorId);
      assertMayActFor(actor, [indicator.responsibleOrganizationId], `indicator ${indicator.code}`);
      const plan = await this.planOrFail(tx, indicator.actionPlanId, 'actionPlanId');
      assertYearInPlan(plan, args.year, 'year');
      const { replaced, indicator: updated } = await this.repository.upsertTarget(tx, indicator.id, args.year, args.value);
      await this.audit.record(tx, {
        actor,
        action: 'indicatorTarget.set',
        entityType: 'Indicator',
        entityId: indicator.id,
        before: replaced === null ? null : { year: args.year, value: replaced },
        after: { year: args.year, value: args.value },
      });
      return updated;
    });
  }

  /**
   * Sets (or replaces) the target of one quarter of a plan year: a QUARTERLY indicator's
   * milestone, which period-target.ts prefers to the pro-rated year target. Same scope as
   * setTarget; BAD_USER_INPUT for a quarter outside 1-4, a YEARLY indicator or a year
   * outside the plan, with nothing changed.
   */
  async setMilestone(args: SetIndicatorMilestoneArgs, actor: Actor): Promise<Indicator> {
    if (!Number.isInteger(args.quarter) || args.quarter < 1 || args.quarter > 4) {
      throw DomainError.badInput('quarter', 'must be 1, 2, 3 or 4', { reason: 'quarterOutOfRange' });
    }
    return this.repository.transaction(async (tx) => {
      const indicator = await this.indicatorOrFail(tx, args.indicatorId);
      assertMayActFor(actor, [indicator.responsibleOrganizationId], `indicator ${indicator.code}`);
      if (indicator.reportingFrequency !== ReportingFrequency.QUARTERLY) {
        throw DomainError.badInput('indicatorId', `indicator ${indicator.code} is reported yearly: only a QUARTERLY indicator has quarterly milestones`, {
          reason: 'yearlyIndicator',
        });
      }
      const plan = await this.planOrFail(tx, indicator.actionPlanId, 'actionPlanId');
      assertYearInPlan(plan, args.year, 'year');
      const replaced = await this.milestones.upsert(tx, indicator.id, args.year, args.quarter, args.value);
      await this.audit.record(tx, {
        actor,
        action: 'indicatorMilestone.set',
        entityType: 'Indicator',
        entityId: indicator.id,
        before: replaced === null ? null : { year: args.year, quarter: args.quarter, value: replaced },
        after: { year: args.year, quarter: args.quarter, value: args.value },
      });
      return (await this.repository.findIndicator(indicator.id, tx)) ?? indicator;
    });
  }

  /**
   * Indicators (of one organisation, or all) still waiting for a value of the
   * given quarter: neither that quarter nor its whole year has one, and the
   * plan covers the year. For the staff's "My work", by plan and code.
   */
  awaitingValue(organizationId: string | null, year: number, quarter: number): Promise<Indicator[]> {
    return this.repository.indicatorsAwaitingValue(organizationId, year, quarter);
  }

  /**
   * Submits a value for a period: a new SUBMITTED version, public once a reviewer approves it
   * (value-review.service.ts). Nothing is overwritten: a period that already has a value gets
   * its next version, which needs a correctionReason (BAD_USER_INPUT without one).
   * `locale`: the request's, which `source` and `note` are written in.
   */
  recordValue(input: RecordIndicatorValueInput, actor: Actor, locale: Locale): Promise<IndicatorValue> {
    return this.submitValue(input, actor, locale, {
      prepare: () => Promise.resolve(input.value),
      write: () => Promise.resolve(undefined),
    });
  }

  /**
   * Submits a value with its breakdown by dimensions, exactly as recordValue submits a value
   * (the same scope, period rules, corrections and review), all in one transaction: `parts`
   * checks the breakdown against the indicator before anything is written and gives the
   * version's total, then writes the breakdown of the version just submitted. CONFLICT when
   * `parts.expectedVersion` is not the period's latest version number (0: none yet).
   */
  recordValueWithParts(input: ValueFields, actor: Actor, locale: Locale, parts: ValueParts): Promise<IndicatorValue> {
    return this.submitValue(input, actor, locale, parts);
  }

  private async submitValue(input: ValueFields, actor: Actor, locale: Locale, parts: ValueParts): Promise<IndicatorValue> {
    const period = parsePeriod(input.period);
    if (!period) throw DomainError.badInput('period', 'must be a year (2025) or a quarter (2025-Q3)');
    const source = createdTranslations(input, 'source', locale, SOURCE_MAX);
    const note = createdTranslations(input, 'note', locale, NOTE_MAX);
    const correctionReason = input.correctionReason?.trim() || null;
    return this.repository.transaction(async (tx) => {
      const indicator = await this.indicatorOrFail(tx, input.indicatorId);
      assertMayActFor(actor, [indicator.responsibleOrganizationId], `indicator ${indicator.code}`);
      const plan = await this.planOrFail(tx, indicator.actionPlanId, 'actionPlanId');
      const problem = periodProblem(period, indicator, plan, this.clock.today());
      if (problem) {
        const { message, ...details } = problem;
        throw DomainError.badInput('period', message, details);
      }
      const slot = { indicatorId: indicator.id, period: input.period, parsed: period };
      // The value as it stands (its latest version), kept in the audit trail.
      const before = (await currentValues(tx, [{ ...slot, value: 0, source: null, note: null }])).get(`${indicator.id}/${input.period}`) ?? null;
      const latest = before?.versionNumber ?? 0;
      if (parts.expectedVersion != null && parts.expectedVersion !== latest) {
        throw DomainError.staleVersion(`${input.period} is at version ${latest}, not ${parts.expectedVersion}: reload and record again`, {
          expectedVersion: parts.expectedVersion,
          actualVersion: latest,
        });
      }
      if (before && !correctionReason) {
        throw DomainError.badInput(
          'correctionReason',
          `${input.period} already has a value (version ${before.versionNumber}); say why this version corrects it`,
        );
      }
      const value = await parts.prepare(tx, indicator);
      const [recorded] = await submitVersions(tx, [{ ...slot, value, source, note }], { name: actor.name, userId: actor.userId ?? null }, correctionReason);
      const breakdown = await parts.write(tx, recorded);
      await auditValueWrite(this.audit, tx, actor, before, recorded, breakdown);
      await announceValueSubmitted(this.notifications, tx, actor, recorded);
      await this.publicEvents.publish(tx, valueSubmittedEvent(recorded));
      return recorded.value;
    });
  }

  private async indicatorOrFail(tx: EntityManager, id: string): Promise<Indicator> {
    const indicator = await this.repository.findIndicator(id, tx);
    if (!indicator) throw new DomainError(ErrorCode.NOT_FOUND, `indicatorId: Indicator ${id} does not exist`, { field: 'indicatorId', id });
    return indicator;
  }

  private async planOrFail(tx: EntityManager, id: string, field: string): Promise<ActionPlan> {
    const plan = await this.repository.findPlan(id, tx);
    if (!plan) throw new DomainError(ErrorCode.NOT_FOUND, `${field}: ActionPlan ${id} does not exist`, { field, id });
    return plan;
  }
}

function assertYearInPlan(plan: ActionPlan, year: number, field: string): void {
  if (year < plan.startYear || year > plan.endYear) {
    throw DomainError.badInput(field, `${year} is outside the plan's years ${plan.startYear}-${plan.endYear}`, {
      reason: 'outsidePlan',
      from: plan.startYear,
      to: plan.endYear,
    });
  }
}
