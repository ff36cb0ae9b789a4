import { ALLOWED_TRANSITIONS, assertTransition, canTransition, isOverdue } from './recommendation-lifecycle';
import { RecommendationStatus as S } from './recommendation.enums';

describe('recommendation lifecycle', () => {
  const all = Object.values(S);
  const allowed: [S, S][] = [
    [S.PROPOSED, S.UNDER_REVIEW],
    [S.PROPOSED, S.REJECTED],
    [S.UNDER_REVIEW, S.ACCEPTED],
    [S.UNDER_REVIEW, S.REJECTED],
    [S.ACCEPTED, S.IN_PROGRESS],
    [S.IN_PROGRESS, S.IMPLEMENTED],
    [S.IN_PROGRESS, S.STALLED],
    [S.STALLED, S.IN_PROGRESS],
    [S.REJECTED, S.UNDER_REVIEW],
  ];

  it('allows exactly the transitions of the contract', () => {
    const actual = all.flatMap((from) => all.filter((to) => canTransition(from, to)).map((to) => [from, to]));
    expect(actual.sort()).toEqual([...allowed].sort());
  });

  it.each(all.flatMap((from) => all.map((to) => [from, to] as [S, S])).filter(([f, t]) => !allowed.some(([a, b]) => a === f && b === t)))(
    'refuses %s -> %s with INVALID_TRANSITION',
    (from, to) => {
      expect(() => assertTransition(from, to, 'a note')).toThrow(
        expect.objectContaining({ code: 'INVALID_TRANSITION' }),
      );
    },
  );

  it('treats IMPLEMENTED as final', () => {
    expect(ALLOWED_TRANSITIONS[S.IMPLEMENTED]).toEqual([]);
    expect(() => assertTransition(S.IMPLEMENTED, S.IN_PROGRESS, null)).toThrow(/IMPLEMENTED is final/);
  });

  it('requires a note to reopen a rejected recommendation', () => {
    for (const note of [undefined, null, '', '   ']) {
      expect(() => assertTransition(S.REJECTED, S.UNDER_REVIEW, note)).toThrow(/requires a note/);
    }
    expect(() => assertTransition(S.REJECTED, S.UNDER_REVIEW, 'new evidence from the ministry')).not.toThrow();
  });

  it('does not require a note elsewhere', () => {
    expect(() => assertTransition(S.PROPOSED, S.UNDER_REVIEW, null)).not.toThrow();
  });

  describe('isOverdue', () => {
    it('is true when the due date has passed and the recommendation is open', () => {
      expect(isOverdue('2025-01-01', S.IN_PROGRESS, '2025-01-02')).toBe(true);
    });
    it('is false on the due date itself', () => {
      expect(isOverdue('2025-01-02', S.IN_PROGRESS, '2025-01-02')).toBe(false);
    });
    it('is false without a due date', () => {
      expect(isOverdue(null, S.PROPOSED, '2025-01-02')).toBe(false);
    });
    it.each([S.IMPLEMENTED, S.REJECTED])('is false once %s', (status) => {
      expect(isOverdue('2024-01-01', status, '2025-01-02')).toBe(false);
    });
  });
});
