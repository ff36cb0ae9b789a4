/** A value from a row as text: strings as they are, numbers and booleans as written, anything else as JSON. */
export function cellText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return value instanceof Date ? value.toISOString() : JSON.stringify(value);
  }
}
