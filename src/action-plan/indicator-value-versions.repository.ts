import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { LoaderRegistry, manyByKey } from '../common/loaders/loader-registry';
import { readEntities, rowToEntity } from '../database/linked-rows';
import { IndicatorValueVersion, ReviewStatus } from './indicator-value-version.entity';

/** A version waiting for review, with the value's indicator and period (the review queue's row). */
export interface QueuedVersion {
  version: IndicatorValueVersion;
  indicatorId: string;
  indicatorCode: string;
  responsibleOrganizationId: string | null;
  period: string;
  /** The period's value as approved before this version (its slot's copy), null when none is. */
  approvedValue: number | null;
}

/** A version with the value's indicator and period (a row of someone's own submissions, or of a period's history). */
export interface VersionOfPeriod {
  version: IndicatorValueVersion;
  indicatorId: string;
  indicatorCode: string;
  period: string;
}

/** A version locked for review, with what the review rules need of its value. */
export interface VersionUnderReview {
  version: IndicatorValueVersion;
  latestNumber: number;
  indicatorId: string;
  responsibleOrganizationId: string | null;
}

/** The statements on indicator_value_version besides submission (indicator-values.repository.ts): review, history, the queue. */
@Injectable()
export class IndicatorValueVersionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Gives each of the indicator's values that has no version yet its first: the slot's value, source
   * and note, submitted by whoever recorded it and approved, both when it was recorded. For values
   * loaded as published (insertMissingValues, the sample's); a value with versions is left as it is.
   */
  async insertApprovedFirstVersions(tx: EntityManager, indicatorId: string): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_value_version (indicator_value_id, number, value, source, note, submitted_at, submitted_by, review_status, reviewed_at)
       SELECT v.id, 1, v.value, v.source, v.note, v.recorded_at, v.recorded_by, 'APPROVED', v.recorded_at FROM indicator_value v
        WHERE v.indicator_id = $1 AND NOT EXISTS (SELECT 1 FROM indicator_value_version w WHERE w.indicator_value_id = v.id)`,
      [indicatorId],
    );
  }

  /** The version, locked until the transaction ends, with its value's latest version number; null when there is none. */
  async lockForReview(tx: EntityManager, versionId: string): Promise<VersionUnderReview | null> {
    if (!isUUID(versionId)) return null;
    const [slot]: { indicator_value_id: string }[] = await tx.query('SELECT indicator_value_id FROM indicator_value_version WHERE id = $1', [versionId]);
    if (!slot) return null;
    // The value slot first: reviews and submissions of one value queue behind each other.
    const [row]: Record<string, unknown>[] = await tx.query(
      `SELECT w.*, i.id AS under_indicator_id, i.responsible_organization_id AS under_organization_id,
              (SELECT max(x.number) FROM indicator_value_version x WHERE x.indicator_value_id = v.id) AS under_latest
         FROM indicator_value v
         JOIN indicator i ON i.id = v.indicator_id
         JOIN indicator_value_version w ON w.indicator_value_id = v.id AND w.id = $2
        WHERE v.id = $1
          FOR NO KEY UPDATE OF v, w`,
      [slot.indicator_value_id, versionId],
    );
    if (!row) return null;
    return {
      version: rowToEntity(tx.connection, IndicatorValueVersion, row),
      latestNumber: row.under_latest as number,
      indicatorId: row.under_indicator_id as string,
      responsibleOrganizationId: row.under_organization_id as string | null,
    };
  }

  /**
   * Moves a SUBMITTED version to APPROVED or RETURNED (only if it is still SUBMITTED: the
   * row count says whether it was) and, on approval, copies it to its value slot (the slot's
   * value/source/note: its latest approved version). Returns the version as it is now, or null.
   */
  async review(
    tx: EntityManager,
    versionId: string,
    decision: ReviewStatus.APPROVED | ReviewStatus.RETURNED,
    reviewer: { name: string; userId: string | null },
    returnReason: string | null,
  ): Promise<IndicatorValueVersion | null> {
    const [rows]: [Record<string, unknown>[], number] = await tx.query(
      `UPDATE indicator_value_version
          SET review_status = $2, reviewed_at = now(), reviewed_by = $3, reviewed_by_user_id = $4, return_reason = $5
        WHERE id = $1 AND review_status = 'SUBMITTED'
        RETURNING *`,
      [versionId, decision, reviewer.name, reviewer.userId, returnReason],
    );
    if (rows.length === 0) return null;
    const version = rowToEntity(tx.connection, IndicatorValueVersion, rows[0]);
    if (decision === ReviewStatus.APPROVED) {
      await tx.query('UPDATE indicator_value SET value = $2, source = $3, note = $4 WHERE id = $1', [
        version.indicatorValueId,
        version.value,
        version.source === null ? null : JSON.stringify(version.source),
        version.note === null ? null : JSON.stringify(version.note),
      ]);
    }
    return version;
  }

  /**
   * Whether anyone other than `actor` may review values: an active person (app_user) or a
   * shared token (not a personal one) with the ADMIN or EDITOR role, not revoked.
   */
  async otherReviewerExists(actor: Actor): Promise<boolean> {
    const [row]: { exists: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM app_user u WHERE u.role IN ('ADMIN', 'EDITOR') AND u.deactivated_at IS NULL
                         AND ($1::uuid IS NULL OR u.id <> $1))
              OR EXISTS (SELECT 1 FROM api_token t WHERE t.role IN ('ADMIN', 'EDITOR') AND t.revoked_at IS NULL AND t.user_id IS NULL
                         AND ($2::uuid IS NULL OR t.id <> $2)) AS exists`,
      [actor.userId ?? null, actor.tokenId],
    );
    return row.exists;
  }

  /**
   * The latest versions still SUBMITTED, oldest first (at most `limit`), of the indicators
   * of `organizationId` (all when null); `excludeSubmitter`: leave out what this person submitted.
   */
  async queue(options: { organizationId: string | null; excludeSubmitter: { name: string; userId: string | null } | null; limit: number }): Promise<QueuedVersion[]> {
    const exclude = options.excludeSubmitter;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT w.*, i.id AS queue_indicator_id, i.code AS queue_indicator_code, i.responsible_organization_id AS queue_organization_id, v.period AS queue_period,
              v.value AS queue_approved_value
         FROM indicator_value_version w
         JOIN indicator_value v ON v.id = w.indicator_value_id
         JOIN indicator i ON i.id = v.indicator_id
        WHERE w.review_status = 'SUBMITTED'
          AND w.number = (SELECT max(x.number) FROM indicator_value_version x WHERE x.indicator_value_id = w.indicator_value_id)
          AND ($1::uuid IS NULL OR i.responsible_organization_id = $1)
          AND NOT ($2::boolean AND ${sameSubmitterSql('w', '$3', '$4')})
        ORDER BY w.submitted_at, w.id
        LIMIT $5`,
      [options.organizationId, exclude !== null, exclude?.name ?? null, exclude?.userId ?? null, options.limit],
    );
    return rows.map((row) => ({
      version: rowToEntity(this.db, IndicatorValueVersion, row),
      indicatorId: row.queue_indicator_id as string,
      indicatorCode: row.queue_indicator_code as string,
      responsibleOrganizationId: row.queue_organization_id as string | null,
      period: row.queue_period as string,
      approvedValue: row.queue_approved_value as number | null,
    }));
  }

  /** How many values wait for review: their latest version is SUBMITTED (the staff navigation's count). */
  async countWaiting(): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM indicator_value_version w
        WHERE w.review_status = 'SUBMITTED'
          AND w.number = (SELECT max(x.number) FROM indicator_value_version x WHERE x.indicator_value_id = w.indicator_value_id)`,
    );
    return row.n;
  }

  /**
   * The values whose latest version this person submitted and is in `status` (SUBMITTED: waiting
   * for review; RETURNED: sent back to them), oldest first, at most `limit`.
   */
  async latestSubmittedBy(person: { name: string; userId: string | null }, status: ReviewStatus.SUBMITTED | ReviewStatus.RETURNED, limit: number): Promise<VersionOfPeriod[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT w.*, i.id AS own_indicator_id, i.code AS own_indicator_code, v.period AS own_period
         FROM indicator_value_version w
         JOIN indicator_value v ON v.id = w.indicator_value_id
         JOIN indicator i ON i.id = v.indicator_id
        WHERE w.review_status = $1
          AND w.number = (SELECT max(x.number) FROM indicator_value_version x WHERE x.indicator_value_id = w.indicator_value_id)
          AND ${sameSubmitterSql('w', '$2', '$3')}
        ORDER BY COALESCE(w.reviewed_at, w.submitted_at), w.id
        LIMIT $4`,
      [status, person.name, person.userId, limit],
    );
    return rows.map((row) => ({
      version: rowToEntity(this.db, IndicatorValueVersion, row),
      indicatorId: row.own_indicator_id as string,
      indicatorCode: row.own_indicator_code as string,
      period: row.own_period as string,
    }));
  }

  /** Every version of every value of the indicator: by period, then newest version first (the staff indicator page's history). */
  async versionsOfIndicator(indicatorId: string): Promise<VersionOfPeriod[]> {
    if (!isUUID(indicatorId)) return [];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT w.*, i.id AS hist_indicator_id, i.code AS hist_indicator_code, v.period AS hist_period
         FROM indicator_value_version w
         JOIN indicator_value v ON v.id = w.indicator_value_id
         JOIN indicator i ON i.id = v.indicator_id
        WHERE v.indicator_id = $1
        ORDER BY v.year DESC, v.quarter DESC NULLS FIRST, w.number DESC`,
      [indicatorId],
    );
    return rows.map((row) => ({
      version: rowToEntity(this.db, IndicatorValueVersion, row),
      indicatorId: row.hist_indicator_id as string,
      indicatorCode: row.hist_indicator_code as string,
      period: row.hist_period as string,
    }));
  }

  /** One version with its value's indicator and period (the review page's banner after an action); null when there is none. */
  async versionOfPeriod(versionId: string): Promise<VersionOfPeriod | null> {
    if (!isUUID(versionId)) return null;
    const [row]: Record<string, unknown>[] = await this.db.query(
      `SELECT w.*, i.id AS one_indicator_id, i.code AS one_indicator_code, v.period AS one_period
         FROM indicator_value_version w
         JOIN indicator_value v ON v.id = w.indicator_value_id
         JOIN indicator i ON i.id = v.indicator_id
        WHERE w.id = $1`,
      [versionId],
    );
    if (!row) return null;
    return {
      version: rowToEntity(this.db, IndicatorValueVersion, row),
      indicatorId: row.one_indicator_id as string,
      indicatorCode: row.one_indicator_code as string,
      period: row.one_period as string,
    };
  }

  /** Every version of the value, first to last. */
  versionsOf(valueId: string): Promise<IndicatorValueVersion[]> {
    if (!isUUID(valueId)) return Promise.resolve([]);
    return readEntities(this.db, IndicatorValueVersion, null, 'SELECT * FROM indicator_value_version WHERE indicator_value_id = $1 ORDER BY number', [valueId]);
  }

  /** IndicatorValue.versions: every version of each value, first to last, one statement per request. */
  versionsByValueId(loaders: LoaderRegistry): DataLoader<string, IndicatorValueVersion[]> {
    return loaders.get('indicatorValue.versions', async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        IndicatorValueVersion,
        loaders,
        'SELECT * FROM indicator_value_version WHERE indicator_value_id = ANY($1) ORDER BY indicator_value_id, number',
        [ids],
      );
      return manyByKey(ids, rows, (v) => v.indicatorValueId);
    });
  }
}

/**
 * SQL: whether version `w` was submitted by this person: the same user when both are
 * known, else the same actor label (tokens and the bootstrap admin have no user).
 */
function sameSubmitterSql(w: string, name: string, userId: string): string {
  return `(CASE WHEN ${w}.submitted_by_user_id IS NOT NULL AND ${userId}::uuid IS NOT NULL THEN ${w}.submitted_by_user_id = ${userId}::uuid
                ELSE ${w}.submitted_by IS NOT DISTINCT FROM ${name}::text END)`;
}

/** The rule of sameSubmitterSql, for one version in hand. */
export function isSubmitter(version: IndicatorValueVersion, person: { name: string; userId: string | null }): boolean {
  if (version.submittedByUserId !== null && person.userId !== null) return version.submittedByUserId === person.userId;
  return version.submittedBy === person.name;
}
