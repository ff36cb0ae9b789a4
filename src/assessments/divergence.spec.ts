import { divergesFrom } from './divergence';

describe('divergence between the official and the independent views', () => {
  it('diverges when any published independent status differs from the official one', () => {
    expect(divergesFrom('PROPOSED', ['STALLED'])).toBe(true);
    expect(divergesFrom('IMPLEMENTED', ['IN_PROGRESS'])).toBe(true);
    expect(divergesFrom('IN_PROGRESS', ['IN_PROGRESS', 'STALLED'])).toBe(true);
  });

  it('does not diverge when every independent status is the official one, or when there is none', () => {
    expect(divergesFrom('STALLED', ['STALLED'])).toBe(false);
    expect(divergesFrom('IMPLEMENTED', ['IMPLEMENTED', 'IMPLEMENTED'])).toBe(false);
    expect(divergesFrom('PROPOSED', [])).toBe(false);
  });
});
