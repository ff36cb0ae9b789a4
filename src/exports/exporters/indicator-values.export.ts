import { indicatorValuesExportQuery, indicatorValueVersionsExportQuery, ValueSelection } from '../../action-plan/indicator-values.repository';
import { indicatorValueCellsExportQuery } from '../../dimensions/value-cells.export-query';
import { wholeNumbers } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/**
 * One row per value recorded by the end of `asOf`, by plan code, indicator code
 * and period. The first six columns are the bulk import's
 * (action_plan,indicator_code,period,value,source,note), so an analyst can
 * correct figures in a spreadsheet and import them back. A value replaced after
 * `asOf` is left out (values keep no history of their own). The rows come from
 * indicatorValuesExportQuery (the indicator values repository).
 */
export function indicatorValuesExport(selection: ValueSelection, ctx: ExportContext): TabularExport {
  return {
    name: 'indicator-values',
    sheetName: ctx.language.sheetName('indicator-values'),
    description: 'One row per indicator value recorded by the end of asOf, for the periods from … to.',
    primaryKey: ['action_plan', 'indicator_code', 'period'],
    query: indicatorValuesExportQuery(selection, ctx),
    columns: [
      ctx.language.column('action_plan', 'text', 14, 'The action plan’s code'),
      ctx.language.column('indicator_code', 'text', 14, 'The indicator’s code within its plan'),
      ctx.language.column('period', 'text', 9, 'The period measured: a year (2025) or a quarter (2025-Q3)'),
      ctx.language.column('value', 'number', 12, 'The value reported for the period, in the indicator’s unit'),
      ctx.language.column('source', 'text', 40, 'Where the value comes from'),
      ctx.language.column('note', 'text', 40, 'A note given with the value'),
      ctx.language.column('indicator_name', 'text', 50, 'The indicator’s name'),
      ctx.language.column('unit', 'text', 10, 'The unit of value'),
      wholeNumbers(ctx.language.column('year', 'number', 7, 'The period’s year'), 'year'),
      wholeNumbers(ctx.language.column('quarter', 'number', 8, 'The period’s quarter (1–4); empty for a whole year'), 'year'),
      ctx.language.column('recorded_at', 'timestamp', 26, 'When the value was recorded (or last replaced)'),
      ctx.language.column('recorded_by', 'text', 20, 'Who recorded it'),
    ],
  };
}

/**
 * versions=all (staff only): one row per version of each value submitted by the end of `asOf`
 * (every submission, correction, approval and return), as it stood then, by plan code,
 * indicator code, period and version. The rows come from indicatorValueVersionsExportQuery.
 */
export function indicatorValueVersionsExport(selection: ValueSelection, ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'indicator-value-versions',
    sheetName: language.sheetName('indicator-value-versions'),
    description: 'One row per version of an indicator value submitted by the end of asOf (staff only), with its review as known then.',
    primaryKey: ['action_plan', 'indicator_code', 'period', 'version'],
    query: indicatorValueVersionsExportQuery(selection, ctx),
    columns: [
      language.column('action_plan', 'text', 14, 'The action plan’s code'),
      language.column('indicator_code', 'text', 14, 'The indicator’s code within its plan'),
      language.column('period', 'text', 9, 'The period measured: a year (2025) or a quarter (2025-Q3)'),
      wholeNumbers(language.column('version', 'number', 9, 'The version of the period’s value: 1 for the first submission, 2 for its first correction, …'), 'count'),
      language.column('value', 'number', 12, 'The value this version reported, in the indicator’s unit'),
      language.column('review_status', 'text', 14, 'SUBMITTED (waiting for review), APPROVED (public) or RETURNED (sent back with a reason), as of asOf'),
      language.column('source', 'text', 40, 'Where the value comes from'),
      language.column('note', 'text', 40, 'A note given with the value'),
      language.column('submitted_at', 'timestamp', 26, 'When the version was submitted'),
      language.column('submitted_by', 'text', 20, 'Who submitted it'),
      language.column('reviewed_at', 'timestamp', 26, 'When it was approved or returned; empty while it waits'),
      language.column('reviewed_by', 'text', 20, 'Who approved or returned it'),
      language.column('correction_reason', 'text', 40, 'Why this version corrects the previous one'),
      language.column('return_reason', 'text', 40, 'Why the reviewer returned it'),
      language.column('indicator_name', 'text', 50, 'The indicator’s name'),
      language.column('unit', 'text', 10, 'The unit of value'),
      wholeNumbers(language.column('year', 'number', 7, 'The period’s year'), 'year'),
      wholeNumbers(language.column('quarter', 'number', 8, 'The period’s quarter (1–4); empty for a whole year'), 'year'),
    ],
  };
}

/**
 * breakdown=cells: one row per cell of the breakdown of each value the values export shows (the
 * same cut: the version counted by valuesKnownBy and the value status), by plan code, indicator
 * code, period and members. A ratio's value is numerator / denominator (× 100 for a percentage);
 * totals over cells are Σ numerator / Σ denominator. The rows come from indicatorValueCellsExportQuery.
 */
export function indicatorValueCellsExport(selection: ValueSelection, ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'indicator-value-cells',
    sheetName: language.sheetName('indicator-value-cells'),
    description: 'One row per cell of the breakdown of each indicator value of the values export (the same cut): its members, value, numerator and denominator.',
    primaryKey: ['action_plan', 'indicator_code', 'period', 'members'],
    query: indicatorValueCellsExportQuery(selection, ctx),
    columns: [
      language.column('action_plan', 'text', 14, 'The action plan’s code'),
      language.column('indicator_code', 'text', 14, 'The indicator’s code within its plan'),
      language.column('period', 'text', 9, 'The period measured: a year (2025) or a quarter (2025-Q3)'),
      language.column('members', 'text', 24, 'The cell’s members, one per dimension, by code (in the order of the dimensions column)'),
      language.column('dimensions', 'text', 20, 'The dimensions of the members, by code'),
      language.column('member_names', 'text', 40, 'The members’ names'),
      language.column('value', 'number', 12, 'The cell’s value, in the indicator’s unit (a ratio: numerator / denominator)'),
      language.column('numerator', 'number', 12, 'A ratio’s numerator; empty for a number'),
      language.column('denominator', 'number', 12, 'A ratio’s denominator; empty for a number'),
      wholeNumbers(language.column('version', 'number', 9, 'The version of the period’s value the cell belongs to'), 'count'),
      wholeNumbers(language.column('year', 'number', 7, 'The period’s year'), 'year'),
      wholeNumbers(language.column('quarter', 'number', 8, 'The period’s quarter (1–4); empty for a whole year'), 'year'),
    ],
  };
}
