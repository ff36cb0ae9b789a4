import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A dated history of each recommendation's due date, priority and responsible
 * organisations (recommendation_fact_change), so that a report as of a day reads
 * them as they stood that day, as it reads the status from status_change.
 *
 * Seeded without loss from what the database knows:
 * - every `recommendation.create` and `recommendation.update` audit entry gives the
 *   facts after that change (its `after`: version, dueDate, priority, updatedAt, and
 *   responsibleOrganizationIds when the change set them; a creation that gave none
 *   had none), at the moment the row was written (updatedAt), by its actor;
 * - a recommendation without a creation entry (loaded by the sample seed, the
 *   synthetic data or before the audit log existed) starts with an entry at its
 *   created_at, with the facts its first audited update found (`before`), or today's
 *   when it has none;
 * - responsible organisations no audit entry has set yet are today's (the only
 *   record of them);
 * - an edit that changed none of the three (a title) gives no entry, as the service
 *   appends none for it;
 * - finally, where the last entry differs from the row as it is today (a change
 *   made outside the service), an entry at the row's version and updated_at gives
 *   today's values, so the history always ends where the recommendation stands.
 */
export class RecommendationFactHistory1796420000000 implements MigrationInterface {
    name = 'RecommendationFactHistory1796420000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "recommendation_fact_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recommendation_id" uuid NOT NULL, "version" integer NOT NULL, "due_date" date, "priority" "public"."priority" NOT NULL, "responsible_organization_ids" uuid array NOT NULL DEFAULT '{}', "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "changed_by" character varying(200), CONSTRAINT "PK_5935fe754d3bfd74f883f8b28e5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_recommendation_fact_change_changed_at_id" ON "recommendation_fact_change"  ("changed_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_recommendation_fact_change_recommendation_version" ON "recommendation_fact_change"  ("recommendation_id", "version") `);
        await queryRunner.query(`ALTER TABLE "recommendation_fact_change" ADD CONSTRAINT "FK_c6579e87158f66a6194fb6b342e" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

        // The facts after each audited creation or edit (orgs: null when that edit left them as they were).
        await queryRunner.query(`
            CREATE TEMPORARY TABLE fact_seed AS
            SELECT DISTINCT ON (a.entity_id, (a.after->>'version')::int)
                   a.entity_id AS recommendation_id,
                   (a.after->>'version')::int AS version,
                   (a.after->>'dueDate')::date AS due_date,
                   (a.after->>'priority')::text AS priority,
                   CASE WHEN jsonb_typeof(a.after->'responsibleOrganizationIds') = 'array' THEN a.after->'responsibleOrganizationIds'
                        WHEN a.action = 'recommendation.create' THEN '[]'::jsonb END AS orgs,
                   COALESCE((a.after->>'updatedAt')::timestamptz, a.at) AS changed_at,
                   a.actor_name::varchar(200) AS changed_by
              FROM audit_entry a
              JOIN recommendation r ON r.id = a.entity_id
             WHERE a.entity_type = 'Recommendation'
               AND a.action IN ('recommendation.create', 'recommendation.update')
               AND jsonb_typeof(a.after->'version') = 'number'
             ORDER BY a.entity_id, (a.after->>'version')::int, a.at DESC, a.id DESC`);
        // The first entry of recommendations without an audited creation.
        await queryRunner.query(`
            INSERT INTO fact_seed (recommendation_id, version, due_date, priority, orgs, changed_at, changed_by)
            SELECT r.id,
                   COALESCE((fu.before->>'version')::int, r.version),
                   CASE WHEN fu.id IS NULL THEN r.due_date ELSE (fu.before->>'dueDate')::date END,
                   CASE WHEN fu.id IS NULL THEN r.priority::text ELSE COALESCE(fu.before->>'priority', r.priority::text) END,
                   NULL, r.created_at, NULL
              FROM recommendation r
              LEFT JOIN LATERAL (
                SELECT a.id, a.before FROM audit_entry a
                 WHERE a.entity_type = 'Recommendation' AND a.entity_id = r.id AND a.action = 'recommendation.update'
                   AND jsonb_typeof(a.before->'version') = 'number'
                 ORDER BY a.at, a.id LIMIT 1
              ) fu ON true
             WHERE NOT EXISTS (SELECT 1 FROM fact_seed s WHERE s.recommendation_id = r.id
                                 AND s.version <= COALESCE((fu.before->>'version')::int, r.version))`);
        // Responsible organisations carried forward from the last entry that set them, else today's; an edit that
        // changed none of the three facts (a title, a description) is no entry, as the service appends none for it.
        await queryRunner.query(`
            INSERT INTO recommendation_fact_change (recommendation_id, version, due_date, priority, responsible_organization_ids, changed_at, changed_by)
            SELECT x.recommendation_id, x.version, x.due_date, x.priority::priority, x.orgs, x.changed_at, x.changed_by
              FROM (SELECT y.*, row_number() OVER w AS n, lag(y.due_date) OVER w AS previous_due_date,
                           lag(y.priority) OVER w AS previous_priority, lag(y.orgs) OVER w AS previous_orgs
                      FROM (SELECT s.recommendation_id, s.version, s.due_date, s.priority, s.changed_at, s.changed_by,
                                   ARRAY(SELECT DISTINCT e::uuid FROM jsonb_array_elements_text(
                                           COALESCE(s.known_orgs -> -1,
                                                    (SELECT COALESCE(jsonb_agg(ro.organization_id), '[]'::jsonb) FROM recommendation_organization ro
                                                      WHERE ro.recommendation_id = s.recommendation_id))) AS e ORDER BY 1) AS orgs
                              FROM (SELECT f.*, jsonb_agg(f.orgs) FILTER (WHERE f.orgs IS NOT NULL)
                                                  OVER (PARTITION BY f.recommendation_id ORDER BY f.version ROWS UNBOUNDED PRECEDING) AS known_orgs
                                      FROM fact_seed f) s) y
                    WINDOW w AS (PARTITION BY y.recommendation_id ORDER BY y.version)) x
             WHERE x.n = 1 OR x.due_date IS DISTINCT FROM x.previous_due_date OR x.priority <> x.previous_priority OR x.orgs <> x.previous_orgs`);
        // Where the history does not end where the row stands today, today's values at the row's version.
        await queryRunner.query(`
            INSERT INTO recommendation_fact_change (recommendation_id, version, due_date, priority, responsible_organization_ids, changed_at, changed_by)
            SELECT r.id, r.version, r.due_date, r.priority, c.orgs, r.updated_at, NULL
              FROM recommendation r
              CROSS JOIN LATERAL (SELECT ARRAY(SELECT ro.organization_id FROM recommendation_organization ro
                                                WHERE ro.recommendation_id = r.id ORDER BY 1) AS orgs) c
              LEFT JOIN LATERAL (SELECT f.due_date, f.priority, f.responsible_organization_ids FROM recommendation_fact_change f
                                  WHERE f.recommendation_id = r.id ORDER BY f.version DESC LIMIT 1) last ON true
             WHERE last.priority IS NULL
                OR (last.due_date IS DISTINCT FROM r.due_date OR last.priority <> r.priority OR last.responsible_organization_ids <> c.orgs)
            ON CONFLICT (recommendation_id, version) DO UPDATE
               SET due_date = EXCLUDED.due_date, priority = EXCLUDED.priority, responsible_organization_ids = EXCLUDED.responsible_organization_ids`);
        await queryRunner.query(`DROP TABLE fact_seed`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "recommendation_fact_change" DROP CONSTRAINT "FK_c6579e87158f66a6194fb6b342e"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_recommendation_fact_change_recommendation_version"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_recommendation_fact_change_changed_at_id"`);
        await queryRunner.query(`DROP TABLE "recommendation_fact_change"`);
    }

}
