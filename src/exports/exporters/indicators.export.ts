import { indicatorsExportQuery } from '../../action-plan/action-plan.repository';
import { IndicatorDirection, IndicatorMeasure, ReportingFrequency } from '../../action-plan/action-plan.enums';
import { actualEntryForYear, PeriodValue, progressOf } from '../../action-plan/indicator-progress';
import type { ValueStatus } from '../../action-plan/value-status';
import { formatPeriod } from '../../action-plan/reporting-period';
import { Row } from '../../database/sql/query';
import { ExportLanguage } from '../export-language';
import { ExportColumn, wholeNumbers } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

function yearColumns(years: readonly number[], language: ExportLanguage): ExportColumn[] {
  return years.flatMap((year) => {
    const values = { year: String(year) };
    return [
      language.column(`target_${year}`, 'number', 12, `The target for ${year}`, { message: 'target_year', values }),
      language.column(`actual_${year}`, 'number', 12, `The actual of ${year} as recorded by asOf: the annual value, else the latest quarter’s`, { message: 'actual_year', values }),
      language.column(`actual_${year}_period`, 'text', 12, `The period actual_${year} was reported for`, { message: 'actual_year_period', values }),
    ];
  });
}

/** Percentages are shown to one decimal; the exact figure is in its own column. */
export function displayPercent(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/**
 * Per indicator: its code, name, unit, direction, baseline, the target and the
 * actual of every year of its plan (with the period each actual comes from), and
 * for `year` the percent of target and the progress status; only values recorded
 * by the end of `asOf` count. PostgreSQL returns each indicator's targets and
 * values as JSON in the same row; the actual and the progress come from
 * indicator-progress.ts, the one implementation of the progress rules. `years`
 * are the plans' years (ActionPlanRepository.planYears); the rows come from
 * indicatorsExportQuery (the action plan repository).
 */
export function indicatorsExport(years: readonly number[], actionPlanId: string | null, year: number, ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'indicators',
    sheetName: language.sheetName('indicators'),
    description: `One row per indicator: targets and actuals per plan year, and progress towards the ${year} target, from the values known (approved) by the end of valuesKnownBy.`,
    primaryKey: ['action_plan', 'code'],
    query: indicatorsExportQuery(actionPlanId, year, ctx),
    mapRow: (row) => indicatorRow(row, years, year, ctx),
    columns: [
      language.column('action_plan', 'text', 14, 'The action plan’s code'),
      language.column('code', 'text', 12, 'The indicator’s code within its plan'),
      language.column('name', 'text', 50, 'The indicator’s name'),
      language.column('unit', 'text', 10, 'The unit its values are in'),
      language.column('direction', 'text', 11, 'INCREASE: higher is better; DECREASE: lower is better'),
      wholeNumbers(language.column('baseline_year', 'number', 13, 'The year of the baseline'), 'year'),
      language.column('baseline_value', 'number', 14, 'The value progress is measured from'),
      ...yearColumns(years, language),
      wholeNumbers(language.column('year', 'number', 7, 'The year progress is measured for'), 'year'),
      language.column('target', 'number', 12, 'The target for year'),
      language.column('actual', 'number', 12, 'The actual of year (see actual_period)'),
      language.column('actual_period', 'text', 12, 'The period the actual was reported for: the year itself, or its latest reported quarter'),
      language.column('period_target', 'number', 14, 'The target the actual is measured against: the year’s target for an annual value; for a quarter’s, its milestone, else the year’s target pro-rated by the indicator’s measure'),
      language.column('percent_of_target', 'percent', 17, '(actual − baseline) / (period_target − baseline) × 100, rounded to one decimal'),
      language.column('percent_of_target_exact', 'number', 22, 'percent_of_target unrounded'),
      language.column('progress_status', 'text', 15, 'ACHIEVED (target reached), ON_TRACK (≥ 90 %), AT_RISK (≥ 50 %), OFF_TRACK, NO_DATA (no actual or no target)'),
      language.column('framework_items', 'text', 30, 'The SDG indicators and targets, CEDAW paragraphs and UPR documents it measures, as "SDG 5.5.1(b)", joined with "; " (as they are now)'),
    ],
  };
}

/** json columns arrive as PostgreSQL's text output from the export cursor. */
function json<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : (JSON.parse(value as string) as T);
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function indicatorRow(row: Row, years: readonly number[], year: number, ctx: ExportContext): Row {
  const { language } = ctx;
  const targets = new Map((json<[number, number][]>(row.targets) ?? []).map(([y, value]) => [y, value]));
  const values = (json<[number, number | null, number][]>(row.values) ?? []).map(
    ([y, quarter, value]): PeriodValue => ({ year: y, quarter, value }),
  );
  const out: Row = { ...row };
  for (const y of years) {
    const entry = actualEntryForYear(values, y);
    out[`target_${y}`] = targets.get(y) ?? null;
    out[`actual_${y}`] = entry?.value ?? null;
    out[`actual_${y}_period`] = entry ? formatPeriod(entry) : null;
  }
  // The year's progress from the reader's own SQL figures, by the one progressOf.
  const progress = progressOf(
    {
      id: '',
      direction: row.direction as IndicatorDirection,
      baselineValue: numberOrNull(row.baseline_value),
      measure: row.measure as IndicatorMeasure,
      reportingFrequency: row.reporting_frequency as ReportingFrequency,
    },
    year,
    {
      target: numberOrNull(row.figures_target),
      actual: numberOrNull(row.figures_actual),
      actualPeriod: (row.figures_actual_period as string | null) ?? null,
      previousTarget: numberOrNull(row.figures_previous_target),
      milestone: numberOrNull(row.figures_milestone),
    },
    { asOf: ctx.asOf, valuesKnownBy: ctx.valuesKnownBy, valueStatus: ctx.valueStatus as ValueStatus },
  );
  const { figures_target: _t, figures_actual: _a, figures_actual_period: _p, figures_previous_target: _pt, figures_milestone: _m, measure: _me, reporting_frequency: _f, ...shown } = out;
  return {
    ...shown,
    direction: language.label('staff.direction', row.direction as IndicatorDirection),
    year,
    target: progress.target,
    actual: progress.actual,
    actual_period: progress.actualPeriod,
    period_target: progress.periodTarget ?? null,
    percent_of_target: displayPercent(progress.percentOfTarget),
    percent_of_target_exact: progress.percentOfTarget,
    progress_status: language.label('progress', progress.status),
    // Last, after the progress columns, as in the column list.
    framework_items: row.framework_items ?? null,
  };
}
