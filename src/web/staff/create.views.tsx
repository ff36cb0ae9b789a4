import { h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from './form';
import { Button, Choice, Radios, Select, summaryOf, Textarea, TextInput } from './form-components';
import { StaffPage } from './staff-layout';
import { TranslatedField, translatedFieldId } from './translated-field';
import type { Locale } from '../../i18n/locales';

/** One field of a create form. */
export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  /** `translated`: a text in ky, ru and en (TranslatedField; `multiline` for a textarea). */
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'radios' | 'checkboxes' | 'translated';
  multiline?: boolean;
  choices?: Choice[];
}

export type Draft = Record<string, string | string[]>;

function Checkboxes(props: { ctx: PageContext; spec: FieldSpec; value: string[]; errors: FieldErrors }): SafeHtml {
  const { ctx, spec } = props;
  const error = props.errors[spec.name];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={error ? `${spec.name}-error` : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{spec.label}</legend>
        {error ? (
          <p id={`${spec.name}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">{ctx.t('staff.form.errorPrefix')}</span> {error}
          </p>
        ) : null}
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {(spec.choices ?? []).map((choice, index) => {
            const id = index === 0 ? spec.name : `${spec.name}-${index + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={id} name={spec.name} type="checkbox" value={choice.value} checked={props.value.includes(choice.value)} />
                <label class="govuk-label govuk-checkboxes__label" for={id}>
                  {choice.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

function Field(props: { ctx: PageContext; spec: FieldSpec; draft: Draft; errors: FieldErrors }): SafeHtml {
  const { ctx, spec, draft, errors } = props;
  const raw = draft[spec.name];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  switch (spec.kind) {
    case 'textarea':
      return <Textarea ctx={ctx} id={spec.name} label={spec.label} hint={spec.hint} value={value} errors={errors} />;
    case 'select':
      return <Select ctx={ctx} id={spec.name} label={spec.label} hint={spec.hint} choices={spec.choices ?? []} value={value} errors={errors} />;
    case 'radios':
      return <Radios ctx={ctx} id={spec.name} legend={spec.label} hint={spec.hint} choices={spec.choices ?? []} value={value} errors={errors} />;
    case 'checkboxes':
      return <Checkboxes ctx={ctx} spec={spec} value={[raw ?? []].flat()} errors={errors} />;
    case 'date':
      return <TextInput ctx={ctx} id={spec.name} label={spec.label} hint={spec.hint ?? ctx.t('staff.create.dateHint')} value={value} errors={errors} width="govuk-input--width-10" />;
    case 'number':
      return <TextInput ctx={ctx} id={spec.name} label={spec.label} hint={spec.hint} value={value} errors={errors} inputmode="decimal" width="govuk-input--width-10" />;
    case 'text':
      return <TextInput ctx={ctx} id={spec.name} label={spec.label} hint={spec.hint} value={value} errors={errors} />;
    case 'translated': {
      const posted = (locale: Locale) => [draft[translatedFieldId(spec.name, locale)] ?? ''].flat()[0] ?? '';
      const values = { ky: posted('ky'), ru: posted('ru'), en: posted('en') };
      return <TranslatedField ctx={ctx} field={spec.name} label={spec.label} kind={spec.multiline ? 'textarea' : 'text'} values={values} errors={errors} />;
    }
  }
}

export function CreatePage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  title: string;
  action: string;
  fields: FieldSpec[];
  draft: Draft;
  errors: FieldErrors;
}): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={props.title} errors={summaryOf(props.errors)} backLink={{ href: '/work/new', label: ctx.t('staff.create.title') }}>
      <h1 class="govuk-heading-l">{props.title}</h1>
      <form method="post" action={props.action} novalidate>
        <CsrfField ctx={ctx} />
        {props.fields.map((spec) => (
          <Field ctx={ctx} spec={spec} draft={props.draft} errors={props.errors} />
        ))}
        <Button>{ctx.t('staff.create.save')}</Button>
      </form>
    </StaffPage>
  );
}

export function CreateIndexPage(props: { ctx: PageContext; stylesheetHref: string; kinds: { href: string; label: string }[]; success: string | null }): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.create.title')} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.create.title')}</h1>
      <ul class="govuk-list">
        {props.kinds.map((kind) => (
          <li>
            <a class="govuk-link" href={kind.href}>
              {kind.label}
            </a>
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}
