import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EntityManager } from 'typeorm';
import { RecordIndicatorValueInput } from '../action-plan/dto/record-indicator-value.input';
import { periodProblem } from '../action-plan/reporting-period';
import type { ValueToRecord } from '../action-plan/indicator-value-writes';
import { Actor } from '../auth/actor';
import { assertMayActFor } from '../auth/ministry-scope';
import { DomainError } from '../common/errors/domain-error';
import { parsePeriod } from '../action-plan/reporting-period';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../common/validation/storable-text';
import { isLocale, Locale, LOCALES } from '../i18n/locales';
import { IMPORT_COLUMNS, ImportColumn, ImportRow, LOCALE_COLUMN } from './import-file';
import { ImportError, ImportErrorCode, ImportReason, ImportReasonCode } from './import-summary';
import { ImportIndicatorRow, ImportPlanRow, ImportsRepository } from './imports.repository';

const UNKNOWN_LOCALE_REASON = `is not a language: write ${LOCALES.join(', ')}, or leave the cell empty for the request’s language`;

/** A row that passed every check: what will be recorded. */
export interface CheckedRow extends ValueToRecord {
  row: number;
  /** The language its source and note are written in: the row's locale cell, else the request's. */
  locale: Locale;
}

/** The row's locale cell (ky, ru or en, in any case), the request's locale when it is empty, or null when it is neither. */
function rowLocale(cell: string, requestLocale: Locale): Locale | null {
  if (cell === '') return requestLocale;
  const locale = cell.toLowerCase();
  return isLocale(locale) ? locale : null;
}

/** A plain decimal number, as a spreadsheet or a person writes it: 12, -3.5, 1e6 (no thousands separators). */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Rows checked between two turns of the event loop (a few milliseconds of work). */
const YIELD_EVERY_ROWS = 200;

/** Codes are stored upper-case (see CodeText), so they match regardless of case. */
const codeKey = (code: string) => code.trim().toUpperCase();

/**
 * Checks every row by the rules of recordIndicatorValue: the plan and indicator
 * exist, a MINISTRY token acts only for its own organisation's indicators, the
 * fields pass RecordIndicatorValueInput's validation, and the period passes
 * periodProblem (within the baseline and plan years, already started). An
 * indicator and period may appear only once per file. Plans and indicators are
 * looked up in two queries, whatever the number of rows.
 */
export async function checkRows(
  repository: ImportsRepository,
  tx: EntityManager,
  rows: readonly ImportRow[],
  actor: Actor,
  today: string,
  requestLocale: Locale,
): Promise<{ checked: CheckedRow[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  // The same edge check as the API's inputs: such a cell is refused before anything queries or writes it.
  const storable = rows.filter((row) => {
    const columns = IMPORT_COLUMNS.filter((column) => !isStorableText(row.cells[column]));
    for (const column of columns) errors.push({ row: row.row, column, reason: UNSTORABLE_TEXT_MESSAGE });
    return columns.length === 0;
  });
  const plans = await loadPlans(repository, tx, storable);
  const indicators = await loadIndicators(repository, tx, [...plans.values()].map((p) => p.id), storable);
  const checked: CheckedRow[] = [];
  const firstRowOf = new Map<string, number>();

  for (const [index, row] of storable.entries()) {
    // Validation is synchronous CPU work (~50 µs a row): let other requests (GET /health among them) in between.
    if (index > 0 && index % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    const reject = (column: ImportColumn | null, reason: string, why?: ImportReason, code?: ImportErrorCode) =>
      errors.push({ row: row.row, column, reason, ...(code ? { code } : {}), ...(why ? { why } : {}) });
    const before = errors.length;
    if (row.shapeProblem) reject(null, row.shapeProblem);
    const { cells } = row;

    const plan = cells.action_plan ? plans.get(codeKey(cells.action_plan)) : undefined;
    if (!cells.action_plan) reject('action_plan', 'is required (the action plan code)', why('required'));
    else if (!plan) reject('action_plan', `no action plan has the code ${cells.action_plan}`, why('noPlan', { code: cells.action_plan }));

    const indicator = plan && cells.indicator_code ? indicators.get(`${plan.id}/${codeKey(cells.indicator_code)}`) : undefined;
    if (!cells.indicator_code) reject('indicator_code', 'is required', why('required'));
    else if (plan && !indicator) reject('indicator_code', `action plan ${plan.code} has no indicator ${cells.indicator_code}`, why('noIndicator', { plan: plan.code, code: cells.indicator_code }));
    if (indicator) {
      const scope = ministryScopeProblem(actor, indicator);
      if (scope) reject('indicator_code', scope.message, scope.why);
    }

    if (!cells.value) reject('value', 'is required', why('required'));
    else if (!NUMBER.test(cells.value)) {
      const typed = cells.value.slice(0, 40);
      reject('value', `"${typed}" is not a number (write 12.5, without thousands separators)`, why('notNumber', { value: typed }));
    }

    const input = plainToInstance(RecordIndicatorValueInput, {
      indicatorId: indicator?.id,
      period: cells.period,
      value: NUMBER.test(cells.value) ? Number(cells.value) : undefined,
      source: cells.source,
      note: cells.note,
    });
    for (const error of validateSync(input)) {
      if (error.property === 'indicatorId' || (error.property === 'value' && !NUMBER.test(cells.value))) continue;
      // A period that is not "2025" or "2025-Q3" has a code; the other rules of the input speak the API's English.
      const period = error.property === 'period' && error.constraints?.isPeriod !== undefined;
      reject(error.property as ImportColumn, Object.values(error.constraints ?? {}).join('; '), period ? why('periodFormat') : undefined);
    }

    const locale = rowLocale(cells.locale, requestLocale);
    if (!locale) {
      const typed = cells.locale.slice(0, 20);
      reject(LOCALE_COLUMN, `"${typed}" ${UNKNOWN_LOCALE_REASON}`, why('locale', { value: typed }), 'UNKNOWN_LOCALE');
    }

    const period = parsePeriod(cells.period);
    if (period && plan && indicator) {
      const problem = periodProblem(period, { baselineYear: indicator.baseline_year }, { startYear: plan.start_year, endYear: plan.end_year }, today);
      if (problem) {
        const params: Record<string, string> = problem.reason === 'outOfRange' ? { from: String(problem.from), to: String(problem.to) } : { period: problem.period };
        reject('period', problem.message, why(problem.reason, params));
      }
    }
    if (period && indicator) {
      const key = `${indicator.id}/${cells.period}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) reject('period', `repeats row ${first} (the same indicator and period)`, why('repeats', { row: String(first) }));
      else firstRowOf.set(key, row.row);
    }

    if (errors.length === before && indicator && period && locale) {
      checked.push({
        row: row.row,
        locale,
        indicatorId: indicator.id,
        period: cells.period,
        parsed: period,
        value: input.value,
        source: input.source ? { [locale]: input.source } : null,
        note: input.note ? { [locale]: input.note } : null,
      });
    }
  }
  return { checked, errors };
}

/** A reason code and its values. */
function why(code: ImportReasonCode, params: Record<string, string> = {}): ImportReason {
  return { code, params };
}

/** The rule of assertMayActFor, as a row's reason rather than a failed request (its code from the error's `details.reason`). */
function ministryScopeProblem(actor: Actor, indicator: ImportIndicatorRow): { message: string; why?: ImportReason } | null {
  try {
    assertMayActFor(actor, [indicator.responsible_organization_id], `indicator ${indicator.code}`);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { message: error.message, why: error.details.reason === 'otherOrganization' ? why('otherOrganization') : undefined };
    throw error;
  }
}

async function loadPlans(repository: ImportsRepository, tx: EntityManager, rows: readonly ImportRow[]): Promise<Map<string, ImportPlanRow>> {
  const codes = [...new Set(rows.map((r) => codeKey(r.cells.action_plan)).filter(Boolean))];
  const plans = await repository.plansByCode(tx, codes);
  return new Map(plans.map((p) => [p.code, p]));
}

async function loadIndicators(
  repository: ImportsRepository,
  tx: EntityManager,
  planIds: string[],
  rows: readonly ImportRow[],
): Promise<Map<string, ImportIndicatorRow>> {
  const codes = [...new Set(rows.map((r) => codeKey(r.cells.indicator_code)).filter(Boolean))];
  if (planIds.length === 0 || codes.length === 0) return new Map();
  const indicators = await repository.indicatorsByCode(tx, planIds, codes);
  return new Map(indicators.map((i) => [`${i.action_plan_id}/${i.code}`, i]));
}
