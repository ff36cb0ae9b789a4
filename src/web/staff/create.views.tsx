import { Button } from '../components/button';
import { Checkboxes } from '../components/checkboxes';
import { CsrfField } from '../components/csrf-field';
import { Input } from '../components/input';
import { Radios } from '../components/radios';
import { Select } from '../components/select';
import { Textarea } from '../components/textarea';
import { WarningText } from '../components/warning-text';
import type { Choice } from '../forms/bound-controls';
import { errorFor, FieldErrors, summaryOf } from '../forms/field-errors';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
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

function Field(props: { ctx: PageContext; spec: FieldSpec; draft: Draft; errors: FieldErrors }): SafeHtml {
  const { ctx, spec, draft, errors } = props;
  const raw = draft[spec.name];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  const common = { id: spec.name, name: spec.name, errorMessage: errorFor(ctx, errors, spec.name) };
  const hint = (text: string | undefined) => (text ? { text } : undefined);
  const items = (spec.choices ?? []).map((choice) => ({ value: choice.value, text: choice.label, hint: hint(choice.hint) }));
  switch (spec.kind) {
    case 'textarea':
      return <Textarea {...common} label={{ text: spec.label }} hint={hint(spec.hint)} value={value} rows={4} />;
    case 'select':
      return <Select {...common} label={{ text: spec.label }} hint={hint(spec.hint)} items={items} value={value} />;
    case 'radios':
      return (
        <Radios
          name={spec.name}
          errorMessage={common.errorMessage}
          fieldset={{ legend: { text: spec.label, classes: 'govuk-fieldset__legend--m' } }}
          hint={hint(spec.hint)}
          items={items}
          value={value}
        />
      );
    case 'checkboxes':
      return (
        <Checkboxes
          name={spec.name}
          errorMessage={common.errorMessage}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: spec.label, classes: 'govuk-fieldset__legend--s' } }}
          items={items}
          values={[raw ?? []].flat()}
        />
      );
    case 'date':
      return <Input {...common} label={{ text: spec.label }} hint={hint(spec.hint ?? ctx.t('staff.create.dateHint'))} value={value} classes="govuk-input--width-10" />;
    case 'number':
      return <Input {...common} label={{ text: spec.label }} hint={hint(spec.hint)} value={value} inputmode="decimal" classes="govuk-input--width-10" />;
    case 'text':
      return <Input {...common} label={{ text: spec.label }} hint={hint(spec.hint)} value={value} />;
    case 'translated': {
      const posted = (locale: Locale) => [draft[translatedFieldId(spec.name, locale)] ?? ''].flat()[0] ?? '';
      const values = { ky: posted('ky'), ru: posted('ru'), en: posted('en') };
      return <TranslatedField ctx={ctx} field={spec.name} label={spec.label} kind={spec.multiline ? 'textarea' : 'text'} values={values} errors={errors} />;
    }
  }
}

/**
 * A record's form, new or edited: the fields (form-fields.ts) with the draft's values and their
 * errors. An edit form carries hidden fields (the version it was filled from) and may open with
 * a notice the error summary links to (e.g. that someone else saved the record meanwhile).
 */
export function CreatePage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  title: string;
  action: string;
  fields: FieldSpec[];
  draft: Draft;
  errors: FieldErrors;
  backLink?: { href: string; label: string };
  saveLabel?: string;
  hidden?: Record<string, string>;
  notice?: { id: string; text: string };
}): SafeHtml {
  const { ctx } = props;
  const summary = [...(props.notice ? [{ href: `#${props.notice.id}`, text: props.notice.text }] : []), ...summaryOf(props.errors)];
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={props.title} errors={summary} backLink={props.backLink ?? { href: '/work/new', label: ctx.t('staff.create.title') }}>
      <h1 class="govuk-heading-l">{props.title}</h1>
      {props.notice ? (
        <div id={props.notice.id} tabindex="-1">
          <WarningText text={props.notice.text} iconFallbackText={ctx.t('staff.warning')} />
        </div>
      ) : null}
      <form method="post" action={props.action} novalidate>
        <CsrfField ctx={ctx} />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.fields.map((spec) => (
          <Field ctx={ctx} spec={spec} draft={props.draft} errors={props.errors} />
        ))}
        <Button text={props.saveLabel ?? ctx.t('staff.create.save')} />
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
