import { jsonArraySql, jsonIsoTimestampSql, jsonNameSql, jsonObjectSql, MAX_JSON_OBJECT_KEYS } from './json-object';

describe('jsonObjectSql', () => {
  it('writes the keys in order, a required value falling back to the missing marker', () => {
    const sql = jsonObjectSql([
      { key: 'id', valueSql: 'to_json(b.id)', required: true },
      { key: 'note', valueSql: 'to_json(b.note)', required: false },
      { key: '__typename', valueSql: jsonNameSql('Barrier'), required: true },
    ]);
    expect(sql).toBe(
      `('{"id":' || coalesce((to_json(b.id))::text, '"\\u0000missing"') || ',"note":' || coalesce((to_json(b.note))::text, 'null') || ',"__typename":' || coalesce((to_json('Barrier'::text))::text, '"\\u0000missing"') || '}')`,
    );
  });

  it('writes a list of objects in order, or an empty one', () => {
    expect(jsonArraySql(`('{"id":' || to_json(s.id)::text || '}')`, 'FROM status_change s WHERE s.recommendation_id = r.id', 's.version')).toBe(
      `COALESCE((SELECT '[' || string_agg(('{"id":' || to_json(s.id)::text || '}'), ',' ORDER BY s.version) || ']' FROM status_change s WHERE s.recommendation_id = r.id), '[]')`,
    );
  });

  it('refuses keys and names that are not GraphQL names, and objects PostgreSQL cannot build', () => {
    expect(() => jsonObjectSql([{ key: "x', 1); --", valueSql: 'null', required: false }])).toThrow(/not a name/);
    expect(() => jsonNameSql("Barrier'")).toThrow(/not a name/);
    expect(() => jsonObjectSql([])).toThrow();
    const many = Array.from({ length: MAX_JSON_OBJECT_KEYS + 1 }, (_, i) => ({ key: `k${i}`, valueSql: 'null', required: false }));
    expect(() => jsonObjectSql(many)).toThrow();
  });

  it('writes a timestamp as toISOString() does', () => {
    expect(jsonIsoTimestampSql('s.changed_at')).toBe(`to_json(to_char(s.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);
  });
});
