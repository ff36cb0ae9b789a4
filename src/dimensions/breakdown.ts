import { IndicatorValueKind } from '../action-plan/action-plan.enums';
import { DomainError } from '../common/errors/domain-error';

/**
 * The rules of a breakdown, without the database: which cells a recording may have, the
 * value of a cell and of the whole, and totals per member or per parent. A ratio is always
 * aggregated as Σ numerator / Σ denominator (× 100 for a percentage), never as a mean of
 * shares: 10/20 and 90/100 make 100/120 = 83.3 %, not (50 % + 90 %) / 2 = 70 %.
 */

/** What the rules need of a member. */
export interface MemberRef {
  id: string;
  code: string;
  dimensionId: string;
  parentId: string | null;
}

/** What the rules need of a declared dimension. */
export interface DimensionRef {
  id: string;
  code: string;
}

/** A cell as given: member codes (one per declared dimension) and its figures. */
export interface CellInput {
  members: readonly string[];
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** A cell as stored: its combination's key (member ids, sorted) and its figures. */
export interface CheckedCell {
  memberIds: string[];
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** How an indicator's values are: a number, or a ratio and whether shown × 100 (a percentage). */
export interface ValueShape {
  kind: IndicatorValueKind;
  percent: boolean;
}

/** The most cells one recording may hold (every district × sex × age group fits with room to spare). */
export const MAX_CELLS = 2000;

/** A ratio's value: numerator / denominator, × 100 for a percentage. */
export function ratioValue(numerator: number, denominator: number, shape: ValueShape): number {
  return ((shape.percent ? 100 : 1) * numerator) / denominator;
}

/** How far a given ratio value may lie from numerator / denominator (a value rounded to one decimal place passes). */
const RATIO_TOLERANCE = 0.05;

/**
 * Checks the cells of a recording against the indicator's declared dimensions and value kind,
 * and returns them keyed by their combination. Every problem is BAD_USER_INPUT with a `reason`
 * and the cell's `index`: unknownMember, undeclaredDimension, ambiguousMember, missingDimension,
 * repeatedDimension, duplicateCombination, missingValue, missingRatio, valueForRatio,
 * zeroDenominator, negative, shareAboveWhole, valueDisagrees, noCells, tooManyCells, and
 * overlapping (a cell of a member and one of its parent, e.g. a district and its oblast, would
 * count the district twice in a total).
 */
export function checkCells(
  cells: readonly CellInput[],
  declared: readonly DimensionRef[],
  membersByCode: ReadonlyMap<string, readonly MemberRef[]>,
  shape: ValueShape,
): CheckedCell[] {
  if (cells.length === 0) throw DomainError.badInput('cells', 'give at least one cell', { reason: 'noCells' });
  if (cells.length > MAX_CELLS) throw DomainError.badInput('cells', `at most ${MAX_CELLS} cells at once`, { reason: 'tooManyCells', max: MAX_CELLS });
  const declaredIds = new Set(declared.map((d) => d.id));
  const codeOfDimension = new Map(declared.map((d) => [d.id, d.code]));
  const seen = new Set<string>();
  const used = new Set<string>();
  const checked = cells.map((cell, index) => {
    const bad = (message: string, reason: string, details: Record<string, unknown> = {}) =>
      DomainError.badInput(`cells[${index}]`, message, { reason, index, ...details });
    const byDimension = new Map<string, MemberRef>();
    for (const code of cell.members) {
      const candidates = membersByCode.get(code) ?? [];
      if (candidates.length === 0) throw bad(`no dimension has a member ${code}`, 'unknownMember', { member: code });
      const inDeclared = candidates.filter((m) => declaredIds.has(m.dimensionId));
      if (inDeclared.length === 0) throw bad(`${code} is a member of a dimension the indicator is not broken down by`, 'undeclaredDimension', { member: code });
      if (inDeclared.length > 1) throw bad(`${code} is a member of several of the indicator's dimensions`, 'ambiguousMember', { member: code });
      const member = inDeclared[0];
      if (byDimension.has(member.dimensionId)) {
        throw bad(`two members of ${codeOfDimension.get(member.dimensionId)}`, 'repeatedDimension', { dimension: codeOfDimension.get(member.dimensionId) });
      }
      byDimension.set(member.dimensionId, member);
    }
    const missing = declared.filter((d) => !byDimension.has(d.id)).map((d) => d.code);
    if (missing.length) throw bad(`no member of ${missing.join(', ')}`, 'missingDimension', { dimensions: missing });
    const memberIds = [...byDimension.values()].map((m) => m.id).sort();
    const key = memberIds.join(',');
    if (seen.has(key)) throw bad(`the combination ${cell.members.join(' × ')} is given twice`, 'duplicateCombination', { members: cell.members });
    seen.add(key);
    for (const id of memberIds) used.add(id);
    return { memberIds, ...cellFigures(cell, shape, bad) };
  });
  const all = [...membersByCode.values()].flat();
  checked.forEach((cell, index) => {
    const nested = cell.memberIds.map((id) => all.find((m) => m.id === id)).find((m) => m?.parentId && used.has(m.parentId));
    if (nested) {
      const parent = all.find((m) => m.id === nested.parentId);
      throw DomainError.badInput(`cells[${index}]`, `${nested.code} lies within ${parent?.code ?? 'another member'}, which has cells too: a total would count it twice`, {
        reason: 'overlapping',
        index,
        member: nested.code,
      });
    }
  });
  return checked;
}

function cellFigures(
  cell: CellInput,
  shape: ValueShape,
  bad: (message: string, reason: string, details?: Record<string, unknown>) => DomainError,
): Omit<CheckedCell, 'memberIds'> {
  const { numerator, denominator } = cell;
  if (shape.kind === IndicatorValueKind.NUMBER) {
    if (numerator != null || denominator != null) throw bad('the indicator is a NUMBER: give a value, not a numerator and denominator', 'valueForRatio');
    if (cell.value == null) throw bad('give the value', 'missingValue');
    return { value: cell.value, numerator: null, denominator: null };
  }
  if (numerator == null || denominator == null) throw bad('the indicator is a RATIO: give the numerator and the denominator', 'missingRatio');
  if (denominator === 0) throw bad('the denominator is 0', 'zeroDenominator');
  if (numerator < 0 || denominator < 0) throw bad('numerator and denominator are counts: not negative', 'negative');
  if (shape.percent && numerator > denominator) throw bad(`a share: the numerator (${numerator}) is more than the denominator (${denominator})`, 'shareAboveWhole');
  const value = ratioValue(numerator, denominator, shape);
  if (cell.value != null && Math.abs(cell.value - value) > RATIO_TOLERANCE) {
    throw bad(`the value ${cell.value} is not ${numerator} / ${denominator}`, 'valueDisagrees', { expected: value });
  }
  return { value, numerator, denominator };
}

/** A total of some cells: Σ of values, or for a ratio Σ numerator / Σ denominator (null values when the denominators sum to 0). */
export interface CellTotal {
  value: number;
  numerator: number | null;
  denominator: number | null;
  cells: number;
}

/** The total of these cells (the whole a DERIVED total is). */
export function totalOf(cells: readonly Pick<CheckedCell, 'value' | 'numerator' | 'denominator'>[], shape: ValueShape): CellTotal {
  if (shape.kind === IndicatorValueKind.NUMBER) {
    return { value: cells.reduce((sum, c) => sum + c.value, 0), numerator: null, denominator: null, cells: cells.length };
  }
  const numerator = cells.reduce((sum, c) => sum + (c.numerator ?? 0), 0);
  const denominator = cells.reduce((sum, c) => sum + (c.denominator ?? 0), 0);
  return { value: denominator > 0 ? ratioValue(numerator, denominator, shape) : 0, numerator, denominator, cells: cells.length };
}

/** Whether totals are per member of a dimension or per their parent (a district's cells counted in its oblast). */
export enum BreakdownLevel {
  MEMBER = 'MEMBER',
  PARENT = 'PARENT',
}

/**
 * Totals per member of one dimension (every other dimension summed over), or per parent of
 * those members (members without a parent count as their own). Ordered as `members` lists
 * them (the dimension's ordering); only members that have cells.
 */
export function totalsBy(
  cells: readonly Pick<CheckedCell, 'memberIds' | 'value' | 'numerator' | 'denominator'>[],
  members: ReadonlyMap<string, MemberRef>,
  dimensionId: string,
  level: BreakdownLevel,
  shape: ValueShape,
): { memberId: string; total: CellTotal }[] {
  const groups = new Map<string, Pick<CheckedCell, 'memberIds' | 'value' | 'numerator' | 'denominator'>[]>();
  for (const cell of cells) {
    const member = cell.memberIds.map((id) => members.get(id)).find((m) => m?.dimensionId === dimensionId);
    if (!member) continue;
    const key = level === BreakdownLevel.PARENT ? (member.parentId ?? member.id) : member.id;
    const group = groups.get(key) ?? [];
    group.push(cell);
    groups.set(key, group);
  }
  const order = [...members.keys()];
  return [...groups.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([memberId, group]) => ({ memberId, total: totalOf(group, shape) }));
}
