import { Client } from 'pg';
import { cellText } from '../tabular/cell-text';

/** A parameter as an SQL literal, escaped by node-postgres; arrays in PostgreSQL's array syntax. */
function literal(client: Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return client.escapeLiteral(`{${value.map((v) => `"${cellText(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return client.escapeLiteral(cellText(value));
}

/**
 * COPY takes no bind parameters, so its query carries them as literals, each
 * escaped by the connection's escapeLiteral (quotes doubled, backslashes in an
 * E'' string): safe for any text, the search filter included. The placeholders
 * keep their casts ($2::text[] becomes '{…}'::text[]).
 */
export function inlineParams(client: Client, sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(client, params[Number(n) - 1]));
}
