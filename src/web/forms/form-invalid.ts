/** The values of a posted form as sent (the CSRF token left out), to show the form again with them. */
export type FormValues = Record<string, string | string[]>;

/**
 * One problem of a posted form: the control it concerns, and a reason code that picks the
 * message ('invalid' for a rule of the form's DTO; a domain error's `details.reason` otherwise).
 */
export interface FormProblem {
  control: string;
  /** Whether the control is one text per language (the problem is shown at the page language's). */
  translated: boolean;
  reason: string;
  /** Values for the message (e.g. the years a period must fall within). */
  params: Record<string, string>;
}

/**
 * A posted staff form that cannot be saved as it is: the staff error filter shows the form
 * again with these problems and the values as typed (GOV.UK error summary and inline errors).
 * `status`: 400, 409 when a value is taken or changed meanwhile, 403 or 404 when a domain error refused it.
 */
export class FormInvalid extends Error {
  constructor(
    readonly values: FormValues,
    readonly problems: FormProblem[],
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(`invalid form: ${problems.map((p) => p.control).join(', ')}`);
    this.name = 'FormInvalid';
  }
}

/** The posted body as form values: strings and lists of strings, the CSRF token left out. */
export function formValuesOf(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** A control's first posted value ('' when absent). */
export function valueOf(values: FormValues, name: string): string {
  return [values[name] ?? ''].flat()[0] ?? '';
}
