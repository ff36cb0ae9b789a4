import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';
import { isCalendarDate } from '../scalars/calendar-date';
import { cleanText } from './storable-text';

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 5000;
export const SHORT_TEXT_MAX = 300;
export const NOTE_MAX = 2000;
export const URL_MAX = 2048;
/** Where a reported value comes from. */
export const SOURCE_MAX = 500;
export const CODE_MAX = 40;
/** A settlement or region name. */
export const PLACE_NAME_MAX = 120;

/** Trims blanks and invisible characters and normalises to NFC (see cleanText). */
const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanText(value) : value));

/** A required string that is not blank (zero-width characters count as blank) after trimming, at most `max` characters. */
export function RequiredText(max: number): PropertyDecorator {
  return applyDecorators(trim, IsString(), IsNotEmpty({ message: '$property must not be blank' }), MaxLength(max));
}

/** An optional string; blank means absent (stored as null). */
export function OptionalText(max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const trimmed = cleanText(value);
      return trimmed === '' ? null : trimmed;
    }),
    IsOptional(),
    IsString(),
    MaxLength(max),
  );
}

/** An http(s) URL; other schemes (javascript:, file:, ftp:) are refused. */
export function OptionalHttpUrl(): PropertyDecorator {
  return applyDecorators(
    trim,
    IsOptional(),
    IsString(),
    MaxLength(URL_MAX),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '$property must be an http(s) URL' }),
  );
}

/** A human-readable code such as SOK-2024-01; stored upper-case so codes are unique regardless of case. */
export function CodeText(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsString(),
    MaxLength(CODE_MAX),
    Matches(/^[A-Z0-9][A-Z0-9._/-]*$/, {
      message: '$property must start with a letter or digit and contain only letters, digits, ".", "_", "/" and "-"',
    }),
  );
}

/** A real calendar date, YYYY-MM-DD (the Date scalar checks it too; this names the field). */
export function IsCalendarDate(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    });
}

/** A number not smaller than another property of the same object (e.g. endYear >= startYear). */
export function IsNotLessThan(otherProperty: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotLessThan',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown>)[otherProperty];
          return typeof value !== 'number' || typeof other !== 'number' || value >= other;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be less than ${otherProperty}`,
      },
    });
}

/** A finite number of sane magnitude (GraphQL Float already refuses NaN and Infinity). */
export function IsMeasurement(): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-1e12),
    Max(1e12),
  );
}
