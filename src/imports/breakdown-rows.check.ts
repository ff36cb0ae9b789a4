import { EntityManager } from 'typeorm';
import { IndicatorValueKind, TotalSource } from '../action-plan/action-plan.enums';
import { IndicatorUnit } from '../action-plan/indicator-unit';
import { DomainError } from '../common/errors/domain-error';
import { CellInput, checkCells, CheckedCell, MemberRef, totalOf } from '../dimensions/breakdown';
import { DimensionsRepository } from '../dimensions/dimensions.repository';
import { LOCALES } from '../i18n/locales';
import { headerKey, ImportRow, RATIO_COLUMNS } from './import-file';
import type { ImportError } from './import-summary';
import type { CheckedRow } from './indicator-value-rows.check';

/*
 * The rows of a breakdown in an import file: one row per combination of members (the member
 * of each dimension in its column, by code or by name in any of the three languages), with
 * its value, or its numerator and denominator for a ratio. A row of the same indicator and
 * period without members is the breakdown's total (an indicator that records its total needs
 * one; one that derives it has none). Each breakdown becomes one version of its value with
 * its cells, as recordIndicatorValueBreakdown records it (breakdown.ts: the same rules).
 */

/** A plain decimal number, as the value column takes it (indicator-value-rows.check.ts). */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

const codeKey = (code: string) => code.trim().toUpperCase();
const groupKey = (row: ImportRow) => `${codeKey(row.cells.action_plan)}/${codeKey(row.cells.indicator_code)}/${row.cells.period.trim()}`;

/** Whether a row gives a member, a numerator or a denominator: it is a cell of a breakdown. */
export function isBreakdownRow(row: ImportRow): boolean {
  return Object.values(row.members).some((cell) => cell !== '') || RATIO_COLUMNS.some((column) => row.cells[column] !== '');
}

/** The rows of values without breakdown, and the breakdowns' rows by indicator and period (in file order). */
export function splitBreakdowns(rows: readonly ImportRow[]): { plain: ImportRow[]; groups: ImportRow[][] } {
  const broken = new Set(rows.filter(isBreakdownRow).map(groupKey));
  const groups = new Map<string, ImportRow[]>();
  const plain: ImportRow[] = [];
  for (const row of rows) {
    const key = groupKey(row);
    if (broken.has(key)) groups.set(key, [...(groups.get(key) ?? []), row]);
    else plain.push(row);
  }
  return { plain, groups: [...groups.values()] };
}

/** The row that stands for a breakdown in the value checks: its total row, else its first row (its value checked as a cell's). */
export function headRow(group: readonly ImportRow[]): ImportRow {
  const head = group.find((row) => !isBreakdownRow(row)) ?? group[0];
  return { ...head, cells: { ...head.cells, value: '0' } };
}

/** A breakdown ready to be written: its value (the version's total) and its cells. */
export interface CheckedBreakdown {
  value: CheckedRow;
  cells: CheckedCell[];
}

/**
 * Checks the breakdowns whose head rows passed the value checks (`heads`, by the head's row
 * number): the members, the figures and the total, by the rules of breakdown.ts. Errors name
 * the row of the file they are about.
 */
export async function checkBreakdowns(
  dimensions: DimensionsRepository,
  tx: EntityManager,
  groups: readonly ImportRow[][],
  heads: ReadonlyMap<number, CheckedRow>,
): Promise<{ checked: CheckedBreakdown[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const checked: CheckedBreakdown[] = [];
  const ready = groups.map((group) => ({ group, head: heads.get(group.find((row) => !isBreakdownRow(row))?.row ?? group[0].row) })).filter((g) => g.head);
  if (ready.length === 0) return { checked, errors };
  const indicatorIds = [...new Set(ready.map((g) => (g.head as CheckedRow).indicatorId))];
  const [shapes, declared] = await Promise.all([dimensions.indicatorShapes(tx, indicatorIds), dimensions.declaredByIndicators(tx, indicatorIds)]);
  const dimensionCodes = [...new Set([...declared.values()].flat().map((d) => d.code).concat(groups.flatMap((g) => g.flatMap((r) => Object.keys(r.members)))))];
  const members = await dimensions.membersOfCodes(tx, dimensionCodes);
  const byCode = new Map<string, MemberRef[]>();
  for (const m of members) byCode.set(m.code, [...(byCode.get(m.code) ?? []), m]);
  /** A member of the dimension by its code or its name in any language. */
  const memberOf = (dimensionCode: string, cell: string) =>
    members.find((m) => m.dimensionCode === dimensionCode && (m.code === codeKey(cell) || LOCALES.some((l) => m.name[l] !== undefined && headerKey(m.name[l] ?? '') === headerKey(cell))));

  for (const { group, head } of ready) {
    const value = head as CheckedRow;
    const shape = shapes.get(value.indicatorId);
    const own = declared.get(value.indicatorId) ?? [];
    const reject = (row: number, reason: string) => errors.push({ row, column: null, reason });
    const before = errors.length;
    if (!shape) continue;
    if (own.length === 0) {
      reject(group[0].row, 'the indicator is not broken down by any dimension: leave the dimension, numerator and denominator columns empty');
      continue;
    }
    const ratio = shape.valueKind === IndicatorValueKind.RATIO;
    const valueShape = { kind: shape.valueKind, percent: shape.unitCode === IndicatorUnit.PERCENT };
    const totals = group.filter((row) => !isBreakdownRow(row));
    const parts = group.filter(isBreakdownRow);
    for (const extra of totals.slice(1)) reject(extra.row, `repeats row ${totals[0].row} (the total of the same indicator and period)`);
    const cells: CellInput[] = [];
    for (const row of parts) {
      const codes: string[] = [];
      for (const [dimensionCode, cell] of Object.entries(row.members)) {
        if (cell === '') continue;
        const member = memberOf(dimensionCode, cell);
        if (!member) reject(row.row, `dimension ${dimensionCode} has no member "${cell.slice(0, 60)}"`);
        else codes.push(member.code);
      }
      const figure = (column: 'value' | 'numerator' | 'denominator') => {
        const text = row.cells[column];
        if (text === '') return null;
        if (!NUMBER.test(text)) {
          errors.push({ row: row.row, column, reason: `"${text.slice(0, 40)}" is not a number (write 12.5, without thousands separators)` });
          return null;
        }
        return Number(text);
      };
      cells.push({ members: codes, value: figure('value'), numerator: ratio ? figure('numerator') : null, denominator: ratio ? figure('denominator') : null });
      if (!ratio && (row.cells.numerator !== '' || row.cells.denominator !== '')) reject(row.row, 'the indicator is a NUMBER: give the value, not a numerator and denominator');
    }
    if (errors.length > before) continue;
    let checkedCells: CheckedCell[];
    try {
      checkedCells = checkCells(cells, own, byCode, valueShape);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const index = typeof error.details.index === 'number' ? error.details.index : 0;
      reject(parts[index]?.row ?? group[0].row, error.message.replace(/^cells\[\d+\]: /, ''));
      continue;
    }
    const total = totals[0];
    let whole: number;
    if (shape.totalSource === TotalSource.RECORDED) {
      if (!total || !NUMBER.test(total.cells.value)) {
        reject(total?.row ?? group[0].row, 'the indicator records its total: add a row without members whose value is the total');
        continue;
      }
      whole = Number(total.cells.value);
    } else {
      if (total) {
        reject(total.row, 'the indicator derives its total from the cells: leave out the row without members');
        continue;
      }
      whole = totalOf(checkedCells, valueShape).value;
    }
    checked.push({ value: { ...value, value: whole }, cells: checkedCells });
  }
  return { checked, errors };
}
