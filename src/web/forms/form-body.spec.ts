import 'reflect-metadata';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { formProblem } from '../staff/staff-error.filter';
import { IndicatorForm, MeetingForm, PlanForm } from '../staff/create/create.forms';
import { IndicatorValueForm } from '../staff/indicator-value.form';
import { FormPipe } from './form-body';
import type { FormType } from './form-body';
import { FormInvalid } from './form-invalid';

const pipe = new FormPipe();
const run = (type: FormType, body: Record<string, unknown>) => pipe.transform(body, { type: 'custom', data: type as never, metatype: type });

async function invalid(type: FormType, body: Record<string, unknown>): Promise<FormInvalid> {
  const thrown = await run(type, body).then(
    () => null,
    (error: unknown) => error,
  );
  if (!(thrown instanceof FormInvalid)) throw new Error('the form was accepted');
  return thrown;
}

describe('FormPipe', () => {
  it('reports every invalid control at once, by the name the form gives it, with the values as posted', async () => {
    const error = await invalid(MeetingForm, { _csrf: 'token', 'title-en': ' ', heldOn: '14.03.2025', format: 'ROUNDTABLE', sourceUrl: 'javascript:alert(1)' });
    expect(error.problems).toEqual([
      { control: 'title', translated: true, reason: 'invalid', params: {} },
      { control: 'heldOn', translated: false, reason: 'invalid', params: {} },
      { control: 'sourceUrl', translated: false, reason: 'invalid', params: {} },
    ]);
    expect(error.values).toEqual({ 'title-en': ' ', heldOn: '14.03.2025', format: 'ROUNDTABLE', sourceUrl: 'javascript:alert(1)' });
    expect(error.status).toBe(400);
  });

  it('gives the API input: texts per language (blank ones left out), decimal commas, blanks as absent', async () => {
    const form = (await run(IndicatorForm, {
      actionPlanId: '7f1f2d4c-9b0e-4c53-8f6a-1d2e3f405060',
      code: 'f-1',
      'name-ky': '',
      'name-ru': 'Доля',
      'name-en': 'Share',
      unit: '%',
      direction: 'INCREASE',
      baselineYear: '2024',
      baselineValue: '3,5',
      responsibleOrganizationId: '',
      injected: 'dropped',
    })) as IndicatorForm;
    expect(form).toBeInstanceOf(IndicatorForm);
    expect(form.nameTranslations?.map((t) => [t.locale, t.text])).toEqual([
      ['ru', 'Доля'],
      ['en', 'Share'],
    ]);
    expect(form).toMatchObject({ code: 'F-1', baselineYear: 2024, baselineValue: 3.5, responsibleOrganizationId: null });
    expect(form).not.toHaveProperty('injected');
  });

  it('names a number typed with letters or two separators', async () => {
    const error = await invalid(PlanForm, { code: 'WL', 'title-ru': 'План', startYear: '2025,5', endYear: '20x7' });
    expect(error.problems.map((p) => p.control)).toEqual(['startYear', 'endYear']);
  });
});

describe('formProblem', () => {
  const form = { type: PlanForm, values: { code: 'WL' }, controller: Object };

  it('shows a domain error at the control it names, with its reason code and values', () => {
    const taken = formProblem(new DomainError(ErrorCode.CONFLICT, 'an action plan with this code already exists', { field: 'code', reason: 'taken' }), form);
    expect(taken?.status).toBe(409);
    expect(taken?.problems).toEqual([{ control: 'code', translated: false, reason: 'taken', params: { field: 'code', reason: 'taken' } }]);
    const title = formProblem(DomainError.badInput('titleTranslations', 'too long'), form);
    expect(title?.problems[0]).toMatchObject({ control: 'title', translated: true, reason: ErrorCode.BAD_USER_INPUT });
  });

  it('leaves other errors to the error page', () => {
    expect(formProblem(new DomainError(ErrorCode.FORBIDDEN, 'no'), form)).toBeNull();
    expect(formProblem(DomainError.notFound('Indicator', 'x'), form)).toBeNull();
    expect(formProblem(new DomainError(ErrorCode.NOT_FOUND, 'gone', { field: 'indicatorId' }), form)).toBeNull();
    expect(formProblem(new Error('boom'), form)).toBeNull();
  });
});

describe('the indicator value form', () => {
  it('shows a refused period at the year, with the reason code and its values', () => {
    const form = { type: IndicatorValueForm as FormType, values: { year: '1999', value: '1' }, controller: Object };
    const problem = formProblem(DomainError.badInput('period', 'must fall within 2024-2027', { reason: 'outOfRange', from: 2024, to: 2027 }), form);
    expect(problem?.problems).toEqual([{ control: 'year', translated: false, reason: 'outOfRange', params: { reason: 'outOfRange', from: '2024', to: '2027', field: 'period' } }]);
  });

  it('builds the API input: the period from year and quarter, decimal commas read', async () => {
    const form = (await run(IndicatorValueForm, { year: '2025', quarter: '3', value: '12,5', 'source-ru': 'Отчёт', 'note-en': ' ' })) as IndicatorValueForm;
    expect(form.toInput('7f1f2d4c-9b0e-4c53-8f6a-1d2e3f405060')).toMatchObject({ period: '2025-Q3', value: 12.5, noteTranslations: [] });
    expect((await invalid(IndicatorValueForm, { year: '25', quarter: '5', value: '1.2.3' })).problems.map((p) => p.control)).toEqual(['year', 'quarter', 'value']);
  });
});
