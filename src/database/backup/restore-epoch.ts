import type { Client } from 'pg';

/**
 * After a restore, the data version must not go back: the services (their memory,
 * ETags and the response cache, in Redis too) label answers by it, and a version
 * issued before the restore would otherwise be issued again for other data, so a
 * pre-restore answer would be served as current. So the restored row is set above
 * anything issued before: above the version the replaced database had (`before`,
 * when the restore went into a live database), and at least the clock in
 * microseconds since 1970. That floor holds across databases and instances, even
 * when the replaced database is gone (the embedded restore): versions count up by
 * one per write transaction, far fewer than a million per second, so a version
 * issued before now is below it. Listening services are told by NOTIFY, as after
 * any write. Returns the new version.
 */
export async function advanceDataVersionPastRestore(client: Client, before: bigint | null): Promise<string | null> {
  const exists = await client.query<{ present: boolean }>(`SELECT to_regclass('public.data_version') IS NOT NULL AS present`);
  if (!exists.rows[0].present) return null;
  const { rows } = await client.query<{ version: string; changed_at: Date }>(
    `UPDATE "data_version"
        SET "version" = GREATEST("version" + 1, $1::bigint + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint),
            "changed_at" = GREATEST(clock_timestamp(), "changed_at" + interval '1 microsecond')
      RETURNING "version"::text AS version, "changed_at"`,
    [before === null ? '0' : before.toString()],
  );
  if (!rows[0]) return null;
  await client.query(`SELECT pg_notify('data_version', json_build_object('version', $1::text, 'changedAt', $2::timestamptz)::text)`, [
    rows[0].version,
    rows[0].changed_at,
  ]);
  return rows[0].version;
}

/** The data version of a database about to be replaced by a restore; null when it has none. */
export async function dataVersionOf(client: Client): Promise<bigint | null> {
  const exists = await client.query<{ present: boolean }>(`SELECT to_regclass('public.data_version') IS NOT NULL AS present`);
  if (!exists.rows[0].present) return null;
  const { rows } = await client.query<{ version: string }>(`SELECT "version"::text AS version FROM "data_version"`);
  return rows[0] ? BigInt(rows[0].version) : null;
}
