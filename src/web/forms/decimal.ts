/**
 * A number as staff type it: either decimal separator (12,5 as often as 12.5), an optional minus.
 * Blank is absent (null); anything else that is not such a number is returned as typed, so the
 * form's validation names the field instead of a NaN slipping through.
 */
export function parseDecimal(typed: string): number | string | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  return /^-?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : trimmed;
}
