import { applyDecorators } from '@nestjs/common';
import { Expose, plainToInstance, Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { cleanText } from '../../common/validation/storable-text';
import { LOCALES } from '../../i18n/locales';
import { TranslationInput } from '../../i18n/translation.types';
import { parseDecimal } from './decimal';

/** How a form shows one property of its DTO: the control's name and whether it is one text per language. */
export interface ControlInfo {
  name: string;
  translated: boolean;
}

const CONTROL = Symbol('form-control');

/** The value a form posts under `name`: a string, or '' when absent or repeated. */
export function postedText(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The property is shown by the control `name` (errors on it are shown, and linked, there). Without
 * it a property's control has the property's own name.
 */
export function Control(name: string, translated = false): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(CONTROL, { name, translated } satisfies ControlInfo, target, property);
}

/** The control that shows `property` of a form DTO. */
export function controlOf(type: abstract new (...args: never[]) => object, property: string): ControlInfo {
  return (Reflect.getMetadata(CONTROL, type.prototype as object, property) as ControlInfo | undefined) ?? { name: property, translated: false };
}

/** The form's control names, for the problems of a form (e.g. one a domain error names by its input property). */
export function hasControl(type: abstract new (...args: never[]) => object, property: string): boolean {
  return Reflect.getMetadata(CONTROL, type.prototype as object, property) !== undefined;
}

/**
 * A translatable text posted as one control per language (`title-ky`, `title-ru`, `title-en`) into
 * the API's `<field>Translations`: the languages posted and not blank (a new record starts with
 * the texts given). `required`: at least one language must have a text (checked with the other
 * fields, so a blank title is reported together with them). `edit`: the form changes a stored
 * record, so every language posted is sent, a blank one as null (see mergeTranslations).
 */
export function TranslatedControl(name: string, options: { required?: boolean; edit?: boolean } = {}): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    Control(name, true),
    Expose(),
    Transform(({ obj }: { obj: Record<string, unknown> }) =>
      options.edit
        ? // An edit: every language posted, a blank one as null (which removes that language's text).
          LOCALES.filter((locale) => typeof obj[`${name}-${locale}`] === 'string').map((locale) => {
            const text = cleanText(postedText(obj, `${name}-${locale}`));
            return plainToInstance(TranslationInput, { locale, text: text === '' ? null : text });
          })
        : LOCALES.filter((locale) => cleanText(postedText(obj, `${name}-${locale}`)) !== '').map((locale) =>
            plainToInstance(TranslationInput, { locale, text: postedText(obj, `${name}-${locale}`) }),
          ),
    ),
  ];
  if (options.required) decorators.push(HasSomeText());
  return applyDecorators(...decorators);
}

/** At least one language has a text. */
function HasSomeText(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'hasSomeText',
      target: target.constructor,
      propertyName: property as string,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.some((t: TranslationInput) => typeof t.text === 'string' && t.text !== ''),
        defaultMessage: () => `${String(property)} needs a text in at least one language`,
      },
    });
}

/** Each language's text at most `max` characters (after the cleaning the services apply). */
export function TextsAtMost(max: number): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'textsAtMost',
      target: target.constructor,
      propertyName: property as string,
      constraints: [max],
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every((t: TranslationInput) => cleanText(t.text ?? '').length <= max),
        defaultMessage: () => `${String(property)} must be at most ${max} characters in each language`,
      },
    });
}

/** A number typed with either decimal separator (see parseDecimal); blank is absent. */
export function DecimalControl(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? parseDecimal(value) : value));
}

/** A text control whose blank value means absent (an unchosen select, an empty date). */
export function BlankAsNull(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? null : value));
}

/** Checkboxes or a select feeding a list: one posted value is a list of one, none an empty list. */
export function ListControl(): PropertyDecorator {
  return applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => [value ?? []].flat().filter((v) => v !== '')),
  );
}

/**
 * Gives a form DTO that extends an API input class the form's shape: decorators applied to the
 * inherited properties (TypeScript cannot decorate a redeclared field without redefining it).
 */
export function formShape<T extends object>(type: abstract new (...args: never[]) => T, controls: Partial<Record<keyof T & string, PropertyDecorator>>): void {
  for (const [property, decorator] of Object.entries(controls) as [string, PropertyDecorator][]) decorator(type.prototype as object, property);
}
