import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LoaderRegistry, manyByKey } from '../common/loaders/loader-registry';
import { Connection } from '../common/pagination/connection.type';
import { isCursorTimestamp } from '../common/pagination/cursor';
import { KeysetOrder, keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { readQuery } from '../database/read-routing';
import { readEntities, rowToEntity } from '../database/linked-rows';
import { Assessment, AssessmentReviewStatus } from './assessment.entity';
import { divergentSql } from './divergence';
import { AssessmentFilter } from './dto/assessments.args';

/**
 * What a caller may read of assessments: every PUBLISHED version; besides, every version
 * (`all`: the secretariat) or those of one organisation (an NGO's own).
 */
export interface AssessmentReadScope {
  all: boolean;
  organizationId: string | null;
}

/** A version locked for moderation, with its assessment's latest version number. */
export interface AssessmentUnderReview {
  version: Assessment;
  latestNumber: number;
}

/** Newest submission first, then id. */
const ORDER: KeysetOrder<Assessment> = {
  list: 'assessments:SUBMITTED_AT:DESC',
  sql: 'v.submitted_at',
  idSql: 'v.id',
  cast: 'timestamptz',
  direction: 'DESC',
  keyOf: (v) => v.submittedAt.toISOString(),
  isValidKey: isCursorTimestamp,
};

/** The statements on independent_assessment and assessment_version: submission, moderation, lists and loaders. */
@Injectable()
export class AssessmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * The organisation's assessment of the recommendation, created when it has none, locked until
   * the transaction ends (submissions of one assessment queue behind each other), with its latest
   * version (null before the first).
   */
  async lockSlot(tx: EntityManager, recommendationId: string, organizationId: string): Promise<{ assessmentId: string; latest: Assessment | null }> {
    await tx.query(
      `INSERT INTO independent_assessment (recommendation_id, organization_id) VALUES ($1, $2)
       ON CONFLICT (recommendation_id, organization_id) DO NOTHING`,
      [recommendationId, organizationId],
    );
    const [slot]: { id: string }[] = await tx.query(
      'SELECT id FROM independent_assessment WHERE recommendation_id = $1 AND organization_id = $2 FOR NO KEY UPDATE',
      [recommendationId, organizationId],
    );
    const [latest]: Record<string, unknown>[] = await tx.query('SELECT * FROM assessment_version WHERE assessment_id = $1 ORDER BY number DESC LIMIT 1', [slot.id]);
    return { assessmentId: slot.id, latest: latest ? rowToEntity(tx.connection, Assessment, latest) : null };
  }

  async insertVersion(tx: EntityManager, values: Omit<Assessment, 'id' | 'submittedAt' | 'reviewedAt' | 'reviewedBy' | 'reviewedByUserId' | 'returnReason' | 'reviewStatus' | 'assessment'>): Promise<Assessment> {
    const [row]: Record<string, unknown>[] = await tx.query(
      `INSERT INTO assessment_version
         (assessment_id, recommendation_id, organization_id, number, status, text, evidence_urls, assessed_on, submitted_by, submitted_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING *`,
      [
        values.assessmentId,
        values.recommendationId,
        values.organizationId,
        values.number,
        values.status,
        JSON.stringify(values.text),
        values.evidenceUrls,
        values.assessedOn,
        values.submittedBy,
        values.submittedByUserId,
      ],
    );
    return rowToEntity(tx.connection, Assessment, row);
  }

  /** The version, its assessment locked until the transaction ends, with the assessment's latest version number; null when there is none. */
  async lockForReview(tx: EntityManager, versionId: string): Promise<AssessmentUnderReview | null> {
    if (!isUUID(versionId)) return null;
    const [slot]: { assessment_id: string }[] = await tx.query('SELECT assessment_id FROM assessment_version WHERE id = $1', [versionId]);
    if (!slot) return null;
    await tx.query('SELECT id FROM independent_assessment WHERE id = $1 FOR NO KEY UPDATE', [slot.assessment_id]);
    const [row]: Record<string, unknown>[] = await tx.query(
      `SELECT v.*, (SELECT max(x.number) FROM assessment_version x WHERE x.assessment_id = v.assessment_id) AS under_latest
         FROM assessment_version v WHERE v.id = $1`,
      [versionId],
    );
    return { version: rowToEntity(tx.connection, Assessment, row), latestNumber: row.under_latest as number };
  }

  /** Moves a SUBMITTED version to PUBLISHED or RETURNED (only if it is still SUBMITTED); the version as it is now, or null. */
  async review(
    tx: EntityManager,
    versionId: string,
    decision: AssessmentReviewStatus.PUBLISHED | AssessmentReviewStatus.RETURNED,
    reviewer: { name: string; userId: string | null },
    returnReason: string | null,
  ): Promise<Assessment | null> {
    const [rows]: [Record<string, unknown>[], number] = await tx.query(
      `UPDATE assessment_version
          SET review_status = $2, reviewed_at = now(), reviewed_by = $3, reviewed_by_user_id = $4, return_reason = $5
        WHERE id = $1 AND review_status = 'SUBMITTED'
        RETURNING *`,
      [versionId, decision, reviewer.name, reviewer.userId, returnReason],
    );
    return rows.length ? rowToEntity(tx.connection, Assessment, rows[0]) : null;
  }

  async findVersion(id: string): Promise<Assessment | null> {
    if (!isUUID(id)) return null;
    const [found] = await readEntities(this.db, Assessment, null, 'SELECT * FROM assessment_version WHERE id = $1', [id]);
    return found ?? null;
  }

  /** A page of the versions the scope may read, newest submission first. */
  page(filter: AssessmentFilter | null | undefined, scope: AssessmentReadScope, args: PageArgs): Promise<Connection<Assessment>> {
    const pageQuery = this.filtered(filter, scope);
    return keysetConnection(args, ORDER, pageQuery, countAll(this.filtered(filter, scope) as SelectQueryBuilder<ObjectLiteral>));
  }

  private filtered(filter: AssessmentFilter | null | undefined, scope: AssessmentReadScope): SelectQueryBuilder<Assessment> {
    const query = this.db.getRepository(Assessment).createQueryBuilder('v');
    const readable = (alias: string) =>
      scope.all ? 'TRUE' : `(${alias}.review_status = 'PUBLISHED' OR ${alias}.organization_id = CAST(:scopeOrganizationId AS uuid))`;
    query.where(readable('v'), { scopeOrganizationId: scope.organizationId });
    if (filter?.recommendationId) query.andWhere('v.recommendation_id = :recommendationId', { recommendationId: filter.recommendationId });
    if (filter?.organizationId) query.andWhere('v.organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter?.latest) {
      query.andWhere(`v.number = (SELECT max(x.number) FROM assessment_version x WHERE x.assessment_id = v.assessment_id AND ${readable('x')})`);
    }
    if (filter?.reviewStatus?.length) query.andWhere('v.review_status IN (:...reviewStatuses)', { reviewStatuses: filter.reviewStatus });
    return query;
  }

  /**
   * Recommendation.assessments and Recommendation.divergent: for each recommendation, each
   * organisation's latest PUBLISHED version (published before `publishedBefore` when given) and
   * its latest version when that is another one (waiting or returned; the resolver keeps it
   * only for those who may read it). One statement per request and moment.
   */
  currentByRecommendationId(loaders: LoaderRegistry, publishedBefore: Date | null): DataLoader<string, Assessment[]> {
    const key = publishedBefore ? publishedBefore.toISOString() : 'now';
    return loaders.get(`assessment.currentByRecommendationId:${key}`, async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        Assessment,
        loaders,
        `SELECT v.* FROM assessment_version v
          WHERE v.recommendation_id = ANY($1)
            AND (($2::timestamptz IS NULL AND v.number = (SELECT max(x.number) FROM assessment_version x WHERE x.assessment_id = v.assessment_id))
                 OR v.number = (SELECT max(x.number) FROM assessment_version x
                                 WHERE x.assessment_id = v.assessment_id AND x.review_status = 'PUBLISHED'
                                   AND ($2::timestamptz IS NULL OR x.reviewed_at < $2)))
          ORDER BY v.recommendation_id, v.assessed_on DESC, v.organization_id, v.number DESC`,
        [ids, publishedBefore],
      );
      return manyByKey(ids, rows, (v) => v.recommendationId);
    });
  }

  /** How many recommendations' official and independent views diverge now (divergence.ts). */
  async countDivergent(): Promise<number> {
    const [row] = await readQuery<{ n: number }>(this.db, null, `SELECT count(*)::int AS n FROM recommendation r WHERE ${divergentSql('r.id', 'r.status')}`);
    return row?.n ?? 0;
  }

  /** The recommendations with at least one published assessment version (as they are now). */
  async publishedRecommendationIds(): Promise<Set<string>> {
    const rows = await readQuery<{ recommendation_id: string }>(
      this.db,
      null,
      `SELECT DISTINCT recommendation_id FROM assessment_version WHERE review_status = 'PUBLISHED'`,
    );
    return new Set(rows.map((row) => row.recommendation_id));
  }

  /** The moderation queue: each assessment whose latest version is SUBMITTED, that version, oldest submission first (at most `limit`). */
  waiting(limit: number): Promise<Assessment[]> {
    return readEntities(
      this.db,
      Assessment,
      null,
      `SELECT v.* FROM assessment_version v
        WHERE v.review_status = 'SUBMITTED'
          AND v.number = (SELECT max(x.number) FROM assessment_version x WHERE x.assessment_id = v.assessment_id)
        ORDER BY v.submitted_at, v.id
        LIMIT $1`,
      [limit],
    );
  }

  /** How many assessments wait for moderation: their latest version is SUBMITTED. */
  async countWaiting(): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM assessment_version v
        WHERE v.review_status = 'SUBMITTED'
          AND v.number = (SELECT max(x.number) FROM assessment_version x WHERE x.assessment_id = v.assessment_id)`,
    );
    return row.n;
  }
}
