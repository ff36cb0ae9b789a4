import { applyDecorators } from '@nestjs/common';
import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DESCRIPTION_MAX } from '../common/validation/decorators';
import { cleanText } from '../common/validation/storable-text';
import { LOCALES } from './locales';
import type { Locale } from './locales';

/** The GraphQL face of Locale: `KY`, `RU`, `EN` in the schema, 'ky', 'ru', 'en' in the code. */
export const LocaleEnum = { KY: 'ky', RU: 'ru', EN: 'en' } as const satisfies Record<string, Locale>;

registerEnumType(LocaleEnum, {
  name: 'Locale',
  description: 'A language of the content: Kyrgyz (the state language), Russian (official), English',
  valuesMap: {
    KY: { description: 'Kyrgyz' },
    RU: { description: 'Russian' },
    EN: { description: 'English' },
  },
});

/** One locale's text of a translatable field. */
@ObjectType({ description: 'A text in one locale' })
export class Translation {
  @Field(() => LocaleEnum, { description: "The text's locale" })
  locale: Locale;

  @Field({ description: 'The text' })
  text: string;
}

/** One locale's text in an input: a text sets that locale, null or a blank text removes it. */
@InputType({ description: 'A text in one locale, to set' })
export class TranslationInput {
  @Field(() => LocaleEnum, { description: "The text's locale" })
  @IsIn(LOCALES)
  locale: Locale;

  @Field(() => String, { nullable: true, description: 'Null or blank removes this locale (a required field keeps at least one)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanText(value) : value))
  @IsOptional()
  @IsString()
  // The field's own limit (e.g. 300 for a title) is checked when the translations are merged.
  @MaxLength(DESCRIPTION_MAX)
  text?: string | null;
}

/**
 * The `<field>Translations` input next to a translatable `<field>`: several locales at once
 * (at most one entry per locale; the field's own length limit is checked on merge).
 */
export function TranslationsInputField(field: string): PropertyDecorator {
  return applyDecorators(
    Field(() => [TranslationInput], {
      nullable: true,
      description: `${field} in several locales; ${field} itself writes the request's locale (Accept-Language)`,
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LOCALES.length),
    ValidateNested({ each: true }),
    Type(() => TranslationInput),
  );
}
