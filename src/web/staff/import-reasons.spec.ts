import { periodProblem } from '../../action-plan/reporting-period';
import { buildTranslator } from '../../i18n/i18n.service';
import { translateImportReason } from './import-reasons';

describe('translateImportReason', () => {
  const ru = buildTranslator('ru', 'Asia/Bishkek');

  it('picks the message by the reason code and its values, whatever the English reason says', () => {
    const problem = periodProblem({ year: 2031, quarter: null }, { baselineYear: null }, { startYear: 2025, endYear: 2035 }, '2026-01-01');
    expect(problem).toMatchObject({ reason: 'notStarted', period: '2031' });
    const shown = translateImportReason(ru.t, { reason: 'a reworded English sentence', why: { code: 'notStarted', params: { period: '2031' } } });
    expect(shown).toEqual({ text: 'Период 2031 ещё не начался', translated: true });
    expect(translateImportReason(ru.t, { reason: 'x', why: { code: 'repeats', params: { row: '4' } } }).text).toContain('4');
  });

  it('shows a reason without a code as written (in English), even one that reads like a known reason', () => {
    expect(translateImportReason(ru.t, { reason: '2031 has not started yet' })).toEqual({ text: '2031 has not started yet', translated: false });
  });
});
