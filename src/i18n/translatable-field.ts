import { Extensions, Field, FieldMiddleware, TypeMetadataStorage } from '@nestjs/graphql';
import { LazyMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/lazy-metadata.storage.js';
import { GraphQLSchema, isObjectType } from 'graphql';
import type { ContentLocales } from './content-locales';
import { Locale } from './locales';
import { LocaleEnum, Translation } from './translation.types';
import { pickTranslation, Translations, translationList } from './translations';

export interface TranslatableFieldOptions {
  nullable?: boolean;
  description?: string;
}

/** What a translatable field's resolvers need from the GraphQL context (see GraphqlContext). */
interface LocaleContext {
  content: ContentLocales;
}

interface LocaleArgs {
  locale?: Locale | null;
}

type TranslationResolver = (source: Record<string, unknown>, args: LocaleArgs, context: LocaleContext) => unknown;

/** The field extension that carries a translatable field's synchronous resolver (see useTranslationResolvers). */
const RESOLVER_EXTENSION = 'translationResolver';
/** The field extension that says which stored property a translatable field reads, and what of it (see translatableSourceOf). */
const SOURCE_EXTENSION = 'translatableSource';

/** What a translatable field answers from its stored Translations: the text, the locale served, or every locale's text. */
export interface TranslatableSource {
  /** The entity property holding the Translations (jsonb). */
  property: string;
  answers: 'text' | 'locale' | 'translations';
}

/** A schema field's TranslatableSource, or null when the field is not one of a TranslatableField's three. */
export function translatableSourceOf(field: { extensions?: Record<string, unknown> | null }): TranslatableSource | null {
  return (field.extensions?.[SOURCE_EXTENSION] as TranslatableSource | undefined) ?? null;
}

/** The fallback chain a translatable field's text is picked by: its `locale` argument's, else the request's. */
export function translationChain(content: ContentLocales, args: LocaleArgs): readonly Locale[] {
  return content.chains[args.locale ?? content.locale];
}

/**
 * A translatable text on an @ObjectType whose property holds the stored Translations (jsonb).
 * In the schema, for a property `title`:
 *   title(locale: Locale): String!      the text in the locale asked (argument, else the request's) or its fallback
 *   titleLocale(locale: Locale): Locale the locale actually served; null when there is no text
 *   titleTranslations: [Translation!]!  every locale's text, for editors
 * The three read the row already loaded (no SQL), so a page costs the same statements in
 * every locale. Each is declared with field middleware, which works wherever Nest builds the
 * schema; useTranslationResolvers then installs the same function as the field's resolver.
 */
export function TranslatableField(options: TranslatableFieldOptions = {}): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const property = String(key);
    const typeClass = target.constructor as new () => unknown;
    const stored = (source: Record<string, unknown>) => source[property] as Translations | null | undefined;
    const textOf: TranslationResolver = (source, args, context) => pickTranslation(stored(source), translationChain(context.content, args))?.text ?? null;
    const localeOf: TranslationResolver = (source, args, context) => pickTranslation(stored(source), translationChain(context.content, args))?.locale ?? null;
    const translationsOf: TranslationResolver = (source) => translationList(stored(source));

    const declare = (
      fieldName: string,
      resolve: TranslationResolver,
      answers: TranslatableSource['answers'],
      field: (name: string, middleware: FieldMiddleware) => void,
    ) => {
      field(fieldName, ({ source, args, context }) => resolve(source as Record<string, unknown>, args, context as LocaleContext));
      const source: TranslatableSource = { property, answers };
      Extensions({ [RESOLVER_EXTENSION]: resolve, [SOURCE_EXTENSION]: source })(target, fieldName);
    };
    declare(property, textOf, 'text', (name, middleware) =>
      Field(() => String, {
        nullable: options.nullable ?? false,
        description: options.description ?? `The ${property} in the requested locale (the argument, else Accept-Language), falling back to another locale's text`,
        middleware: [middleware],
      })(target, name),
    );
    declare(`${property}Locale`, localeOf, 'locale', (name, middleware) =>
      Field(() => LocaleEnum, {
        nullable: true,
        description: `The locale ${property} is served in (after fallback); null when it has no text`,
        middleware: [middleware],
      })(target, name),
    );
    declare(`${property}Translations`, translationsOf, 'translations', (name, middleware) =>
      Field(() => [Translation], { description: `Every locale's text of ${property}`, middleware: [middleware] })(target, name),
    );
    for (const fieldName of [property, `${property}Locale`]) {
      // The optional `locale` argument, declared as @Args declares a resolver method's argument
      // (this Nest version has no public way to give a class property field an argument).
      LazyMetadataStorage.store(
        typeClass,
        () =>
          TypeMetadataStorage.addMethodParamMetadata({
            kind: 'arg',
            name: 'locale',
            description: "This locale instead of the request's (Accept-Language); missing text falls back as usual",
            target: typeClass,
            methodName: fieldName,
            typeFn: () => LocaleEnum,
            index: 0,
            options: { nullable: true },
          }),
        // Loaded with the fields (entities are not among the resolver types Nest loads by target).
        { isField: true },
      );
    }
  };
}

/**
 * For GraphQL options' `transformSchema`: gives every translatable field its resolver directly.
 * Nest's field middleware runs through an async chain (a promise per field and row); these
 * fields are read hundreds of times per page, so they answer synchronously instead, with the
 * same function. Returns the schema, changed in place.
 */
export function useTranslationResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.extensions?.[RESOLVER_EXTENSION];
      if (typeof resolve === 'function') field.resolve = resolve as TranslationResolver as typeof field.resolve;
    }
  }
  return schema;
}

