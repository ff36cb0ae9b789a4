import { indicatorValuesExportQuery, ValueSelection } from '../../action-plan/indicator-values.repository';
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
