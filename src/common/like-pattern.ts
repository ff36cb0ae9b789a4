/** An ILIKE pattern matching `search` anywhere; `%`, `_` and `\` in it are literal. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
