import { IsOptional } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import { IsMeasurement } from '../../common/validation/decorators';
import { RecordIndicatorValueBreakdownInput } from '../../dimensions/dto/dimension.inputs';
import { parseDecimal } from '../forms/decimal';
import { DecimalControl } from '../forms/form-controls';
import { ValueSubmissionForm } from './value-submission.form';
import { FormInvalid, FormProblem, FormValues, valueOf } from '../forms/form-invalid';

/** The most rows a breakdown form shows (more combinations: the import takes them). */
export const BREAKDOWN_FORM_ROWS = 200;

/** The control ids of row `index`: its members (hidden), numerator, denominator and value. */
export const cellControl = (index: number, part: 'members' | 'numerator' | 'denominator' | 'value') => `cell-${index}-${part}`;

/**
 * The form that records a value's breakdown: the period, source, note and correction reason as
 * the value form has them, the total when the indicator records it, and one row per combination
 * (read by cellsOf: each row's member codes come back in a hidden control, its figures take either
 * decimal separator, an empty row is left out).
 */
export class IndicatorBreakdownForm extends ValueSubmissionForm {
  @DecimalControl()
  @IsOptional()
  @IsMeasurement()
  total?: number | null;
}

/** A row of the posted form that has figures: its index on the form and the API's cell. */
export interface PostedCell {
  row: number;
  cell: { members: string[]; value: number | null; numerator: number | null; denominator: number | null };
}

/** The filled rows of a posted breakdown form; FormInvalid naming every row whose figures are not numbers. */
export function cellsOf(values: FormValues, ratio: boolean): PostedCell[] {
  const cells: PostedCell[] = [];
  const problems: FormProblem[] = [];
  for (let row = 0; row < BREAKDOWN_FORM_ROWS && values[cellControl(row, 'members')] !== undefined; row++) {
    const members = valueOf(values, cellControl(row, 'members')).split(' ').filter(Boolean);
    const parts = ratio ? (['numerator', 'denominator'] as const) : (['value'] as const);
    const typed = parts.map((part) => [part, parseDecimal(valueOf(values, cellControl(row, part)))] as const);
    if (typed.every(([, v]) => v === null)) continue;
    const bad = typed.find(([, v]) => typeof v === 'string');
    if (bad) {
      problems.push({ control: cellControl(row, bad[0]), translated: false, reason: 'notANumber', params: {} });
      continue;
    }
    const figure = (part: string) => (typed.find(([p]) => p === part)?.[1] as number | null | undefined) ?? null;
    cells.push({ row, cell: { members, value: figure('value'), numerator: figure('numerator'), denominator: figure('denominator') } });
  }
  if (problems.length) throw new FormInvalid(values, problems);
  if (cells.length === 0) throw new FormInvalid(values, [{ control: cellControl(0, ratio ? 'numerator' : 'value'), translated: false, reason: 'noCells', params: {} }]);
  return cells;
}

/** The API's input for this indicator. */
export function breakdownInput(form: IndicatorBreakdownForm, indicatorId: string, cells: PostedCell[]): RecordIndicatorValueBreakdownInput {
  return Object.assign(new RecordIndicatorValueBreakdownInput(), {
    indicatorId,
    period: form.period,
    cells: cells.map((c) => c.cell),
    total: form.total ?? null,
    sourceTranslations: form.sourceTranslations,
    noteTranslations: form.noteTranslations,
    correctionReason: form.correctionReason ?? null,
  });
}

/** A domain error about one cell (details.field `cells[i]`), as the problem of its row's control; null for any other error. */
export function cellProblem(error: unknown, values: FormValues, cells: PostedCell[], ratio: boolean): FormInvalid | null {
  if (!(error instanceof DomainError)) return null;
  const field = error.details.field;
  const match = typeof field === 'string' ? /^cells\[(\d+)\]$/.exec(field) : null;
  const posted = match ? cells[Number(match[1])] : undefined;
  if (!posted) return null;
  const reason = typeof error.details.reason === 'string' ? error.details.reason : 'invalid';
  const part = ratio ? (reason === 'zeroDenominator' ? 'denominator' : 'numerator') : 'value';
  return new FormInvalid(values, [{ control: cellControl(posted.row, part), translated: false, reason, params: {} }]);
}
