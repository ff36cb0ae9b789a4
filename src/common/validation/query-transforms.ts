import { Transform } from 'class-transformer';

/** A repeatable query parameter (?status=A&status=B) arrives as a string when given once: make it a list. */
export const RepeatableParameter = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value));

/** "true" / "false" to a boolean; anything else is kept so that validation names the parameter. */
export const BooleanParameter = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Digits to a number; anything else is kept so that validation names the parameter. */
export const IntegerParameter = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

/** An empty value (a select left at "Any") is no parameter at all. */
export const EmptyIsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
