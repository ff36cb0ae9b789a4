/** Whether a decoded cursor's key can be a text sort value (a name or title), at most 2,000 characters. */
export function isCursorKeyText(key: unknown): key is string {
  return typeof key === 'string' && key.length <= 2000;
}
