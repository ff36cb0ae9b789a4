import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long a list can grow, read from the data: every row of a table, or the most rows one parent has. */
export type MeasuredBound = { rows: string } | { perParent: { table: string; column: string } };

const IDENTIFIER = /^[a-z_]+$/;

/** The SQL of the list bounds (see ListBoundsService): one statement for all of them. */
@Injectable()
export class ListBoundsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each bound's length, in the order given: exact row counts, and the largest count per parent (GROUP BY). */
  async lengths(bounds: readonly MeasuredBound[]): Promise<number[]> {
    if (!bounds.length) return [];
    const columns = bounds.map((bound, i) => {
      const sql =
        'rows' in bound
          ? `(SELECT count(*) FROM ${checked(bound.rows)})`
          : `(SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM ${checked(bound.perParent.table)} GROUP BY ${checked(bound.perParent.column)}) AS per_parent)`;
      return `${sql}::int AS b${i}`;
    });
    const [row] = await this.db.query<Record<string, number>[]>(`SELECT ${columns.join(', ')}`);
    return bounds.map((_, i) => Number(row[`b${i}`]));
  }
}

/** Table and column names come from LIST_BOUNDS, never from a request; checked all the same. */
function checked(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`not an identifier: ${identifier}`);
  return identifier;
}
