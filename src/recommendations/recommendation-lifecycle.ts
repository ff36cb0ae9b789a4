import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RecommendationStatus as S } from './recommendation.enums';

/** The lifecycle of a recommendation: from each status, where it may go next. */
export const ALLOWED_TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.PROPOSED]: [S.UNDER_REVIEW, S.REJECTED],
  [S.UNDER_REVIEW]: [S.ACCEPTED, S.REJECTED],
  [S.ACCEPTED]: [S.IN_PROGRESS],
  [S.IN_PROGRESS]: [S.IMPLEMENTED, S.STALLED],
  [S.STALLED]: [S.IN_PROGRESS],
  [S.REJECTED]: [S.UNDER_REVIEW],
  [S.IMPLEMENTED]: [],
};

/** Statuses after which a due date no longer matters. */
export const CLOSED_STATUSES: readonly S[] = [S.IMPLEMENTED, S.REJECTED];

export function canTransition(from: S, to: S): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** A reopened (REJECTED -> UNDER_REVIEW) recommendation must say why. */
export function requiresNote(from: S, to: S): boolean {
  return from === S.REJECTED && to === S.UNDER_REVIEW;
}

/** Throws INVALID_TRANSITION unless the lifecycle allows `from -> to` with this note. */
export function assertTransition(from: S, to: S, note: string | null | undefined): void {
  if (!canTransition(from, to)) {
    const allowed = ALLOWED_TRANSITIONS[from];
    throw new DomainError(
      ErrorCode.INVALID_TRANSITION,
      allowed.length
        ? `${from} -> ${to} is not allowed; from ${from} a recommendation may go to ${allowed.join(' or ')}`
        : `${from} is final; no transition is allowed`,
      { from, to, allowed: [...allowed] },
    );
  }
  if (requiresNote(from, to) && !note?.trim()) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, 'reopening a REJECTED recommendation requires a note', {
      from,
      to,
      field: 'note',
    });
  }
}

export function isOverdue(dueDate: string | null, status: S, today: string): boolean {
  return dueDate !== null && dueDate < today && !CLOSED_STATUSES.includes(status);
}
