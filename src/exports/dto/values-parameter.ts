import { ValueStatus } from '../../action-plan/value-status';

/** `values=approved|submitted` in export and report URLs: which value versions count (ValueStatus). */
export const VALUES_PARAMETER = ['approved', 'submitted'] as const;
export type ValuesParameter = (typeof VALUES_PARAMETER)[number];

export function valueStatusOf(values: ValuesParameter | undefined | null): ValueStatus | null {
  if (!values) return null;
  return values === 'submitted' ? ValueStatus.SUBMITTED : ValueStatus.APPROVED;
}
