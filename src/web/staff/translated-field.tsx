import { Locale, LOCALE_NAMES, LOCALES } from '../../i18n/locales';
import type { TranslationChange, Translations } from '../../i18n/translations';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { Details } from '../components/details';
import { Input } from '../components/input';
import { Tag } from '../components/tag';
import { Textarea } from '../components/textarea';
import { errorFor, FieldErrors } from '../forms/field-errors';

/** One translatable field of a form: each locale's text as typed (or as stored, on first display). */
export type TranslatedValues = Record<Locale, string>;

/** The form control of one locale's text: `title-ky`, `title-ru`, `title-en` (its id and name). */
export function translatedFieldId(field: string, locale: Locale): string {
  return `${field}-${locale}`;
}

/** The stored translations as the form's values ('' for a locale without text). */
export function translatedValues(translations: Translations | null | undefined): TranslatedValues {
  return { ky: translations?.ky ?? '', ru: translations?.ru ?? '', en: translations?.en ?? '' };
}

/**
 * The locales a posted form gives for `field`: only the controls present in the body, so a
 * locale the form did not send stays as it is; a blank one removes that locale (see mergeTranslations).
 */
export function translationChangesFromForm(body: Record<string, unknown>, field: string): TranslationChange[] {
  return LOCALES.filter((locale) => typeof body[translatedFieldId(field, locale)] === 'string').map((locale) => ({
    locale,
    text: body[translatedFieldId(field, locale)] as string,
  }));
}

/** The posted texts of `field` for a form with nothing stored yet. */
export function postedTexts(body: Record<string, unknown>, field: string): TranslatedValues {
  return postedValues(body, field, null);
}

/** The posted texts of `field` for showing the form again, the stored ones where a locale was not posted. */
export function postedValues(body: Record<string, unknown>, field: string, stored: Translations | null | undefined): TranslatedValues {
  const values = translatedValues(stored);
  for (const change of translationChangesFromForm(body, field)) values[change.locale] = change.text ?? '';
  return values;
}

/** "Written in: Кыргызча, Русский" with each name in its own language, and "not yet translated" when the page's is missing. */
export function LanguagesOf({ ctx, translations }: { ctx: PageContext; translations: Translations | null | undefined }): SafeHtml {
  const present = LOCALES.filter((locale) => translations?.[locale]);
  return (
    <p class="govuk-body-s app-languages">
      {ctx.t('staff.translations.has')}{' '}
      {present.map((locale, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <span lang={locale}>{LOCALE_NAMES[locale]}</span>
        </>
      ))}
      {present.length && !present.includes(ctx.locale) ? (
        <>
          {' '}
          <Tag text={ctx.t('content.notTranslated')} classes="govuk-tag--yellow" />
        </>
      ) : null}
    </p>
  );
}

/**
 * A translatable text in a staff form: the page's language first, then the other two inside
 * "Other languages" (a native <details>: no JavaScript, opens with Enter or Space). Each
 * control carries `lang`, so screen readers and spell checkers use the right language.
 * The details start open when one of them has an error or the page's language has no text.
 */
export function TranslatedField(props: {
  ctx: PageContext;
  field: string;
  label: string;
  /** Shown under the label of the page language's control. */
  hint?: string;
  kind: 'text' | 'textarea';
  /** A textarea's height in lines (a description wants more than a title). */
  rows?: number;
  values: TranslatedValues;
  errors: FieldErrors;
}): SafeHtml {
  const { ctx, field, values, errors } = props;
  const others = LOCALES.filter((locale) => locale !== ctx.locale);
  const hasOthers = others.some((locale) => values[locale] !== '');
  const open = others.some((locale) => errors[translatedFieldId(field, locale)]) || (values[ctx.locale] === '' && hasOthers);
  const control = (locale: Locale, label: string, hint: string | undefined) => {
    const id = translatedFieldId(field, locale);
    const params = {
      id,
      name: id,
      label: { text: label },
      hint: hint ? { text: hint } : undefined,
      value: values[locale],
      errorMessage: errorFor(ctx, errors, id),
      attributes: { lang: locale },
    };
    return props.kind === 'textarea' ? <Textarea {...params} rows={props.rows ?? 4} /> : <Input {...params} />;
  };
  const pageHint = values[ctx.locale] === '' && hasOthers ? [props.hint, ctx.t('content.notTranslated')].filter(Boolean).join(' ') : props.hint;
  return (
    <div class="app-translated-field">
      {control(ctx.locale, props.label, pageHint)}
      <Details summaryText={`${ctx.t('staff.translations.other')}: ${props.label}`} open={open}>
        <p class="govuk-hint">{ctx.t('staff.translations.hint')}</p>
        {others.map((locale) => control(locale, ctx.t('staff.translations.label', { field: props.label, language: ctx.t(`content.in.${locale}`) }), undefined))}
      </Details>
    </div>
  );
}
