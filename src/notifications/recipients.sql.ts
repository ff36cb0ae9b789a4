/**
 * Who "the people responsible" for a record are (audience RESPONSIBLE), and who an escalation
 * reaches, as SQL, for one event (`deliver`) and for a set of subjects (`deliverSet`):
 *
 * 1. its responsible officer, when one is named, active, and a MINISTRY user of one of the
 *    record's responsible organisations (an officer whose organisation stopped being responsible
 *    does not count);
 * 2. otherwise, for each responsible organisation, its active focal points;
 * 3. and for an organisation without any, every MINISTRY user of it (the rule before focal points).
 *
 * An escalation reaches the focal points of the record's organisations and the secretariat
 * (ADMIN and EDITOR). Nobody is ever picked from an organisation not responsible for the record.
 */

/** Active focal points that are MINISTRY users of the organisation they are focal points of: `organization_id`, `user_id`. */
export const ACTIVE_FOCAL_POINTS_SQL = `
  SELECT f.organization_id, f.user_id
    FROM organization_focal_point f
    JOIN app_user fu ON fu.id = f.user_id AND fu.organization_id = f.organization_id AND fu.role = 'MINISTRY' AND fu.deactivated_at IS NULL`;

/** The officer named on a subject (a scalar uuid SQL, null when none), `subject` being its id's placeholder. */
export function subjectOfficerSql(type: 'IndicatorValue' | 'Recommendation' | 'Indicator' | 'WebhookEndpoint', subject: string): string {
  switch (type) {
    case 'IndicatorValue':
      return `(SELECT i.responsible_user_id FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE v.id = ${subject})`;
    case 'Recommendation':
      return `(SELECT responsible_user_id FROM recommendation WHERE id = ${subject})`;
    case 'Indicator':
      return `(SELECT responsible_user_id FROM indicator WHERE id = ${subject})`;
    case 'WebhookEndpoint':
      return 'NULL::uuid';
  }
}

/**
 * One event: `user_id` of the people responsible for a subject whose organisations are the CTE
 * `subject_orgs` and whose officer is `officer` (scalar SQL).
 */
export function responsibleUsersSql(officer: string): string {
  const officerRow = `SELECT o.id AS user_id FROM app_user o
     WHERE o.id = ${officer} AND o.deactivated_at IS NULL AND o.role = 'MINISTRY'
       AND o.organization_id IN (SELECT organization_id FROM subject_orgs)`;
  return `
    ${officerRow}
    UNION ALL
    SELECT user_id FROM (
      SELECT fp.user_id FROM (${ACTIVE_FOCAL_POINTS_SQL}) fp WHERE fp.organization_id IN (SELECT organization_id FROM subject_orgs)
      UNION ALL
      SELECT m.id FROM app_user m
       WHERE m.role = 'MINISTRY' AND m.organization_id IN (SELECT organization_id FROM subject_orgs)
         AND NOT EXISTS (SELECT 1 FROM (${ACTIVE_FOCAL_POINTS_SQL}) fp WHERE fp.organization_id = m.organization_id)
    ) fallback
    WHERE NOT EXISTS (${officerRow})`;
}

/** One event's escalation: the focal points of the subject's organisations (CTE `subject_orgs`) and the secretariat. */
export const ESCALATION_USERS_SQL = `
  SELECT fp.user_id FROM (${ACTIVE_FOCAL_POINTS_SQL}) fp WHERE fp.organization_id IN (SELECT organization_id FROM subject_orgs)
  UNION ALL
  SELECT id FROM app_user WHERE role IN ('ADMIN', 'EDITOR')`;

/**
 * Many subjects (CTE `subjects` with `subject_id`, `item_key`, `organization_ids`,
 * `responsible_user_id`, `payload`): rows of `subject_id`, `item_key`, `payload`, `user_id`,
 * by equality joins (hash joins however many subjects and people).
 */
export function responsibleSetSql(audience: 'RESPONSIBLE' | 'REVIEWERS' | 'ESCALATION'): string {
  const perOrganization = `SELECT s.subject_id, s.item_key, s.payload, so.organization_id
      FROM subjects s CROSS JOIN LATERAL unnest(s.organization_ids) AS so(organization_id)`;
  const focal = `SELECT p.subject_id, p.item_key, p.payload, fp.user_id
      FROM (${perOrganization}) p JOIN (${ACTIVE_FOCAL_POINTS_SQL}) fp ON fp.organization_id = p.organization_id`;
  const secretariat = `SELECT s.subject_id, s.item_key, s.payload, e.id AS user_id FROM subjects s JOIN app_user e ON e.role IN ('ADMIN', 'EDITOR')`;
  switch (audience) {
    case 'REVIEWERS':
      return secretariat;
    case 'ESCALATION':
      return `${focal} UNION ALL ${secretariat}`;
    case 'RESPONSIBLE':
      return `
        WITH officers AS (
               SELECT s.subject_id, s.item_key, s.payload, o.id AS user_id
                 FROM subjects s JOIN app_user o ON o.id = s.responsible_user_id
                WHERE o.deactivated_at IS NULL AND o.role = 'MINISTRY' AND o.organization_id = ANY (s.organization_ids)),
             uncovered AS (
               SELECT p.* FROM (${perOrganization}) p WHERE NOT EXISTS (SELECT 1 FROM officers x WHERE x.item_key = p.item_key)),
             focal AS (${ACTIVE_FOCAL_POINTS_SQL})
        SELECT subject_id, item_key, payload, user_id FROM officers
        UNION ALL
        SELECT p.subject_id, p.item_key, p.payload, f.user_id FROM uncovered p JOIN focal f ON f.organization_id = p.organization_id
        UNION ALL
        SELECT p.subject_id, p.item_key, p.payload, m.id FROM uncovered p JOIN app_user m ON m.organization_id = p.organization_id AND m.role = 'MINISTRY'
         WHERE NOT EXISTS (SELECT 1 FROM focal f WHERE f.organization_id = p.organization_id)`;
  }
}
