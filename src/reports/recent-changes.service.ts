import type { IndicatorUnit } from '../action-plan/indicator-unit';
import { Injectable } from '@nestjs/common';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { ChangeScope, ReportsRepository } from './reports.repository';
import { DataVersionService } from '../data-version/data-version.service';
import { PerVersionMemo } from '../data-version/per-version-memo';
import type { Translations } from '../i18n/translations';

/** A recommendation moved from one status to another (or was created). */
export interface StatusChangeEntry {
  kind: 'status';
  id: string;
  at: Date;
  recommendationCode: string;
  recommendationTitle: Translations;
  fromStatus: RecommendationStatus | null;
  toStatus: RecommendationStatus;
  note: Translations | null;
  evidenceUrl: string | null;
}

/** A value was recorded for an indicator. */
export interface IndicatorValueEntry {
  kind: 'value';
  id: string;
  at: Date;
  indicatorCode: string;
  indicatorName: Translations;
  actionPlanCode: string;
  unit: string;
  unitCode: IndicatorUnit | null;
  period: string;
  value: number;
  source: Translations | null;
}

/** A civil-society organisation's independent assessment was published. */
export interface AssessmentEntry {
  kind: 'assessment';
  id: string;
  at: Date;
  recommendationCode: string;
  recommendationTitle: Translations;
  organizationName: Translations;
  status: RecommendationStatus;
  text: Translations;
  evidenceUrls: string[];
}

export type ChangeEntry = StatusChangeEntry | IndicatorValueEntry | AssessmentEntry;

export type { ChangeScope } from './reports.repository';

/**
 * The latest public changes, newest first: status changes, recorded indicator values and published independent assessments
 * (what the home page lists and the Atom feeds carry). Who made a change is not part of
 * it: the changedBy/recordedBy names are token and user names, not public.
 */
@Injectable()
export class RecentChangesService {
  /** Whether any assessment is published: read once per data version (most deployments have few or none). */
  private readonly memo: PerVersionMemo;

  constructor(
    private readonly repository: ReportsRepository,
    versions: DataVersionService,
  ) {
    this.memo = new PerVersionMemo(versions);
  }

  async latest(scope: ChangeScope, limit: number): Promise<ChangeEntry[]> {
    const withAssessments = await this.memo.get('any-published-assessment', () => this.repository.anyPublishedAssessment());
    // Every kind in one statement (a recommendation's history has no indicator values).
    const rows = await this.repository.latestChanges(scope, limit, withAssessments);
    const entries: ChangeEntry[] = rows.map((row): ChangeEntry => {
      if (row.kind === 'status') {
        return {
          kind: 'status',
          id: String(row.id),
          at: new Date(row.at),
          recommendationCode: String(row.code),
          recommendationTitle: row.title as Translations,
          fromStatus: row.from_status ?? null,
          toStatus: row.to_status as RecommendationStatus,
          note: row.note ?? null,
          evidenceUrl: row.evidence_url ?? null,
        };
      }
      if (row.kind === 'value') {
        return {
          kind: 'value',
          id: String(row.id),
          at: new Date(row.at),
          indicatorCode: String(row.code),
          indicatorName: row.name as Translations,
          actionPlanCode: String(row.plan_code),
          unit: String(row.unit),
          unitCode: (row.unit_code as IndicatorUnit | null) ?? null,
          period: String(row.period),
          value: Number(row.value),
          source: row.source ?? null,
        };
      }
      return {
        kind: 'assessment',
        id: String(row.id),
        at: new Date(row.at),
        recommendationCode: String(row.code),
        recommendationTitle: row.title as Translations,
        organizationName: row.organization_name as Translations,
        status: row.status as RecommendationStatus,
        text: row.text as Translations,
        evidenceUrls: row.evidence_urls ?? [],
      };
    });
    return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id)).slice(0, limit);
  }
}
