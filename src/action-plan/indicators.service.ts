import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertMayActFor } from '../auth/ministry-scope';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { likePattern } from '../common/like-pattern';
import { Connection } from '../common/pagination/connection.type';
import { toConnection, toKeysetPageRequest } from '../common/pagination/keyset-page';
import { countAll, pageAndTotal } from '../common/pagination/page-and-total';
import { formatPeriod, parsePeriod, Period } from '../common/period';
import { assertAllExist } from '../database/assert-exist';
import { rowToEntity } from '../database/linked-rows';
import { Organization } from '../organizations/organization.entity';
import { ActionPlan } from './action-plan.entity';
import { NOTE_MAX, SOURCE_MAX, TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { CreateIndicatorInput, SetIndicatorTargetArgs } from './dto/create-indicator.input';
import { IndicatorsArgs } from './dto/indicators.args';
import { RecordIndicatorValueInput } from './dto/record-indicator-value.input';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorValue } from './indicator-value.entity';
import { auditValueWrite, currentValues, upsertValues } from './indicator-value-writes';
import { Indicator } from './indicator.entity';

@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  findById(id: string): Promise<Indicator | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.db.getRepository(Indicator).findOneBy({ id });
  }

  /** The indicators with this code: one per action plan at most (codes are unique within a plan). */
  findByCode(code: string): Promise<Indicator[]> {
    return this.db.getRepository(Indicator).find({ where: { code }, order: { actionPlanId: 'ASC' } });
  }

  /** Ordered by code, ties broken by id. */
  async list(args: IndicatorsArgs): Promise<Connection<Indicator>> {
    const page = toKeysetPageRequest(args, 'indicators');
    const filtered = () => {
      const q = this.db.getRepository(Indicator).createQueryBuilder('i');
      const f = args.filter;
      if (f?.actionPlanId) q.andWhere('i.action_plan_id = :planId', { planId: f.actionPlanId });
      if (f?.responsibleOrganizationId) {
        q.andWhere('i.responsible_organization_id = :orgId', { orgId: f.responsibleOrganizationId });
      }
      if (f?.search) q.andWhere('(i.code ILIKE :pattern OR translations_text(i.name) ILIKE :pattern)', { pattern: likePattern(f.search) });
      return q;
    };
    const pageQuery = filtered().orderBy('i.code', 'ASC').addOrderBy('i.id', 'ASC').limit(page.limit + 1);
    if (page.after) {
      if (typeof page.after.key !== 'string') throw DomainError.badInput('after', 'is not a cursor of this list');
      pageQuery.andWhere('(i.code, i.id) > (CAST(:key AS varchar), CAST(:id AS uuid))', {
        key: page.after.key,
        id: page.after.id,
      });
    }
    const [rows, totalCount] = await pageAndTotal(pageQuery, countAll(filtered()), page.after !== null);
    return toConnection(rows, page, totalCount, (i) => i.code);
  }

  /** The indicator and its yearly targets, atomically. */
  async create(input: CreateIndicatorInput, actor: Actor, locale: Locale): Promise<Indicator> {
    const name = createdTranslations(input, 'name', locale, TITLE_MAX, true);
    return this.db.transaction(async (tx) => {
      const plan = await this.planOrFail(tx, input.actionPlanId, 'actionPlanId');
      await assertAllExist(tx, Organization, input.responsibleOrganizationId ? [input.responsibleOrganizationId] : [], 'responsibleOrganizationId');
      const targets = input.targets ?? [];
      const years = targets.map((t) => t.year);
      const repeated = years.find((year, i) => years.indexOf(year) !== i);
      if (repeated !== undefined) throw DomainError.badInput('targets', `year ${repeated} is given more than once`);
      for (const t of targets) assertYearInPlan(plan, t.year, 'targets.year');
      const indicator = await tx.getRepository(Indicator).save(
        tx.getRepository(Indicator).create({
          actionPlanId: plan.id,
          code: input.code,
          name,
          unit: input.unit,
          direction: input.direction,
          baselineYear: input.baselineYear ?? null,
          baselineValue: input.baselineValue ?? null,
          responsibleOrganizationId: input.responsibleOrganizationId ?? null,
        }),
      );
      if (targets.length) {
        await tx
          .getRepository(IndicatorTarget)
          .insert(targets.map((t) => ({ indicatorId: indicator.id, year: t.year, value: t.value })));
      }
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

  /** Sets (or replaces) the target of one year of the plan. */
  async setTarget(args: SetIndicatorTargetArgs, actor: Actor): Promise<Indicator> {
    return this.db.transaction(async (tx) => {
      const indicator = await this.indicatorOrFail(tx, args.indicatorId);
      assertMayActFor(actor, [indicator.responsibleOrganizationId], `indicator ${indicator.code}`);
      const plan = await this.planOrFail(tx, indicator.actionPlanId, 'actionPlanId');
      assertYearInPlan(plan, args.year, 'year');
      const [before] = await tx.query<{ value: number }[]>(
        'SELECT value FROM indicator_target WHERE indicator_id = $1 AND year = $2',
        [indicator.id, args.year],
      );
      await tx.query(
        `INSERT INTO indicator_target (indicator_id, year, value) VALUES ($1, $2, $3)
         ON CONFLICT (indicator_id, year) DO UPDATE SET value = EXCLUDED.value`,
        [indicator.id, args.year, args.value],
      );
      await this.audit.record(tx, {
        actor,
        action: 'indicatorTarget.set',
        entityType: 'Indicator',
        entityId: indicator.id,
        before: before ? { year: args.year, value: before.value } : null,
        after: { year: args.year, value: args.value },
      });
      await tx.query('UPDATE indicator SET updated_at = now() WHERE id = $1', [indicator.id]);
      return tx.getRepository(Indicator).findOneByOrFail({ id: indicator.id });
    });
  }

  /**
   * Indicators (of one organisation, or all) still waiting for a value of the
   * given quarter: neither that quarter nor its whole year has one, and the
   * plan covers the year. For the staff's "My work", by plan and code.
   */
  async awaitingValue(organizationId: string | null, year: number, quarter: number): Promise<Indicator[]> {
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT i.* FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id
       WHERE ($1::uuid IS NULL OR i.responsible_organization_id = $1)
         AND $2 BETWEEN p.start_year AND p.end_year
         AND NOT EXISTS (
           SELECT 1 FROM indicator_value v
           WHERE v.indicator_id = i.id AND v.year = $2 AND (v.quarter = $3 OR v.quarter IS NULL))
       ORDER BY p.code, i.code`,
      [organizationId, year, quarter],
    );
    return rows.map((row) => rowToEntity(this.db, Indicator, row));
  }

  /**
   * Records the value of a period. Idempotent: one value per indicator and
   * period, so recording again replaces it.
   */
  /** `locale`: the request's, which `source` and `note` are written in. */
  async recordValue(input: RecordIndicatorValueInput, actor: Actor, locale: Locale): Promise<IndicatorValue> {
    const period = parsePeriod(input.period);
    if (!period) throw DomainError.badInput('period', 'must be a year (2025) or a quarter (2025-Q3)');
    const source = createdTranslations(input, 'source', locale, SOURCE_MAX);
    const note = createdTranslations(input, 'note', locale, NOTE_MAX);
    return this.db.transaction(async (tx) => {
      const indicator = await this.indicatorOrFail(tx, input.indicatorId);
      assertMayActFor(actor, [indicator.responsibleOrganizationId], `indicator ${indicator.code}`);
      const plan = await this.planOrFail(tx, indicator.actionPlanId, 'actionPlanId');
      const problem = periodProblem(period, indicator, plan, this.clock.today());
      if (problem) throw DomainError.badInput('period', problem);
      const value = {
        indicatorId: indicator.id,
        period: input.period,
        parsed: period,
        value: input.value,
        source,
        note,
      };
      // The value being replaced, kept in the audit trail.
      const before = (await currentValues(tx, [value])).get(`${indicator.id}/${input.period}`) ?? null;
      const [recorded] = await upsertValues(tx, [value], actor.name);
      await auditValueWrite(this.audit, tx, actor, before, recorded);
      return recorded;
    });
  }

  private async indicatorOrFail(tx: EntityManager, id: string): Promise<Indicator> {
    const indicator = await tx.getRepository(Indicator).findOneBy({ id });
    if (!indicator) throw new DomainError(ErrorCode.NOT_FOUND, `indicatorId: Indicator ${id} does not exist`, { field: 'indicatorId', id });
    return indicator;
  }

  private async planOrFail(tx: EntityManager, id: string, field: string): Promise<ActionPlan> {
    const plan = await tx.getRepository(ActionPlan).findOneBy({ id });
    if (!plan) throw new DomainError(ErrorCode.NOT_FOUND, `${field}: ActionPlan ${id} does not exist`, { field, id });
    return plan;
  }
}

function assertYearInPlan(plan: ActionPlan, year: number, field: string): void {
  if (year < plan.startYear || year > plan.endYear) {
    throw DomainError.badInput(field, `${year} is outside the plan's years ${plan.startYear}-${plan.endYear}`);
  }
}

/**
 * Why no value can be recorded for this period of the indicator, or null when
 * one can: its year must lie between the baseline year (or the plan's first
 * year, if earlier) and the plan's last year, and the period must have started
 * by `today`. Shared by recordValue and the bulk import of indicator values.
 */
export function periodProblem(
  period: Period,
  indicator: Pick<Indicator, 'baselineYear'>,
  plan: Pick<ActionPlan, 'startYear' | 'endYear'>,
  today: string,
): string | null {
  const firstYear = Math.min(plan.startYear, indicator.baselineYear ?? plan.startYear);
  if (period.year < firstYear || period.year > plan.endYear) {
    return `must fall within ${firstYear}-${plan.endYear} (baseline and plan years)`;
  }
  if (periodStart(period.year, period.quarter) > today) return `${formatPeriod(period)} has not started yet`;
  return null;
}

/** First day of a period, YYYY-MM-DD. */
function periodStart(year: number, quarter: number | null): string {
  const month = quarter ? (quarter - 1) * 3 + 1 : 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}
