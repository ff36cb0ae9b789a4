import { Field, FieldMiddleware, MiddlewareContext, TypeMetadataStorage } from '@nestjs/graphql';
import { LazyMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/lazy-metadata.storage.js';
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

/**
 * A translatable text on an @ObjectType whose property holds the stored Translations (jsonb).
 * In the schema, for a property `title`:
 *   title(locale: Locale): String!      the text in the locale asked (argument, else the request's) or its fallback
 *   titleLocale(locale: Locale): Locale the locale actually served; null when there is no text
 *   titleTranslations: [Translation!]!  every locale's text, for editors
 * The three are plain field resolvers over the row already loaded (field middleware, no
 * parameter pipeline, no SQL), so a page costs the same statements in every locale.
 */
export function TranslatableField(options: TranslatableFieldOptions = {}): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const property = String(key);
    const typeClass = target.constructor as new () => unknown;
    const textOf: FieldMiddleware = ({ source, args, context }: MiddlewareContext<Record<string, unknown>, LocaleContext, LocaleArgs>) =>
      pickTranslation(source[property] as Translations | null, chainFor(context, args))?.text ?? null;
    const localeOf: FieldMiddleware = ({ source, args, context }: MiddlewareContext<Record<string, unknown>, LocaleContext, LocaleArgs>) =>
      pickTranslation(source[property] as Translations | null, chainFor(context, args))?.locale ?? null;
    const translationsOf: FieldMiddleware = ({ source }: MiddlewareContext<Record<string, unknown>>) =>
      translationList(source[property] as Translations | null);

    Field(() => String, { nullable: options.nullable ?? false, description: options.description, middleware: [textOf] })(target, key);
    Field(() => LocaleEnum, {
      nullable: true,
      description: `the locale ${property} is served in (after fallback); null when it has no text`,
      middleware: [localeOf],
    })(target, `${property}Locale`);
    Field(() => [Translation], { description: `every locale's text of ${property}`, middleware: [translationsOf] })(
      target,
      `${property}Translations`,
    );
    for (const fieldName of [property, `${property}Locale`]) {
      // The optional `locale` argument, declared as @Args declares a resolver method's argument
      // (this Nest version has no public way to give a class property field an argument).
      LazyMetadataStorage.store(typeClass, () =>
        TypeMetadataStorage.addMethodParamMetadata({
          kind: 'arg',
          name: 'locale',
          description: "this locale instead of the request's (Accept-Language); missing text falls back as usual",
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

function chainFor(context: LocaleContext, args: LocaleArgs): readonly Locale[] {
  return context.content.chains[args.locale ?? context.content.locale];
}
