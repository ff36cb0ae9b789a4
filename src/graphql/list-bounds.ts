import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { MAX_PAGE_SIZE } from '../common/pagination/page.args';
import { LOCALES } from '../i18n/locales';
import { ListBoundsRepository, MeasuredBound } from './list-bounds.repository';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { MAX_DIMENSIONS } from '../dimensions/dto/dimension.inputs';
import { NotificationKind } from '../notifications/notification-event';
import { PUBLIC_EVENT_TYPES } from '../public-events/public-event';

/**
 * How long an unpaginated list can be:
 * - `rows`: every row of a table (a root list such as `barriers`);
 * - `perParent`: the most rows of a table that share one value of a column (a
 *   barrier's recommendations: the most links any one barrier has), so that
 *   nested lists multiply by what one parent really holds;
 * - `fixed`: a hard maximum the schema itself sets (the locales, the statuses).
 */
export type ListBound = { rows: string } | { perParent: { table: string; column: string } } | { fixed: number };

const TRANSLATIONS: ListBound = { fixed: LOCALES.length };

/**
 * Every list field of the schema that is not a connection, by `Type.field`. A test walks
 * the schema so that a new list cannot be added without saying how long it can grow.
 * Translation lists (`…Translations`) hold one entry per locale and need no entry here.
 */
export const LIST_BOUNDS: Readonly<Record<string, ListBound>> = {
  'Query.actionPlans': { rows: 'action_plan' },
  'Query.apiTokens': { rows: 'api_token' },
  'Query.barriers': { rows: 'barrier' },
  'Query.organizations': { rows: 'organization' },
  'Query.people': { rows: 'person' },
  'ActionPlan.indicators': { perParent: { table: 'indicator', column: 'action_plan_id' } },
  'ProgressSummary.indicators': { perParent: { table: 'indicator', column: 'action_plan_id' } },
  'ProgressSummary.byStatus': { fixed: Object.keys(RecommendationStatus).length },
  'Barrier.meetings': { perParent: { table: 'barrier_meeting', column: 'barrier_id' } },
  'Barrier.recommendations': { perParent: { table: 'recommendation_barrier', column: 'barrier_id' } },
  'Meeting.barriers': { perParent: { table: 'barrier_meeting', column: 'meeting_id' } },
  'Meeting.participants': { perParent: { table: 'participant', column: 'meeting_id' } },
  'Meeting.recommendations': { perParent: { table: 'recommendation', column: 'meeting_id' } },
  'Recommendation.barriers': { perParent: { table: 'recommendation_barrier', column: 'recommendation_id' } },
  'Recommendation.indicators': { perParent: { table: 'recommendation_indicator', column: 'recommendation_id' } },
  'Recommendation.responsibleOrganizations': { perParent: { table: 'recommendation_organization', column: 'recommendation_id' } },
  'Recommendation.statusHistory': { perParent: { table: 'status_change', column: 'recommendation_id' } },
  'Indicator.recommendations': { perParent: { table: 'recommendation_indicator', column: 'indicator_id' } },
  'Indicator.targets': { perParent: { table: 'indicator_target', column: 'indicator_id' } },
  'Indicator.values': { perParent: { table: 'indicator_value', column: 'indicator_id' } },
  'IndicatorValue.versions': { perParent: { table: 'indicator_value_version', column: 'indicator_value_id' } },
  // At most one waiting version per value.
  'Query.valueReviewQueue': { rows: 'indicator_value' },
  // nodes(ids:) takes at most a page of ids (see NodeResolver).
  'Query.nodes': { fixed: MAX_PAGE_SIZE },
  'Indicator.milestones': { perParent: { table: 'indicator_milestone', column: 'indicator_id' } },
  // One entry per organisation responsible for an indicator; each has the year and its four quarters at most.
  'Query.reportingCompleteness': { rows: 'organization' },
  'OrganizationCompleteness.periods': { fixed: 5 },
  'Recommendation.factHistory': { perParent: { table: 'recommendation_fact_change', column: 'recommendation_id' } },
  // A past entry may name organisations no longer linked: bounded by all of them.
  'RecommendationFactChange.responsibleOrganizationIds': { rows: 'organization' },
  'RecommendationFactChange.responsibleOrganizations': { rows: 'organization' },
  'Query.dimensions': { rows: 'dimension' },
  'Dimension.members': { perParent: { table: 'dimension_member', column: 'dimension_id' } },
  'Indicator.dimensions': { perParent: { table: 'indicator_dimension', column: 'indicator_id' } },
  'IndicatorValueVersion.breakdown': { perParent: { table: 'indicator_value_cell', column: 'version_id' } },
  // At most one total per member that has a cell.
  'IndicatorValueVersion.breakdownTotals': { perParent: { table: 'indicator_value_cell', column: 'version_id' } },
  // One member per dimension of the indicator.
  'IndicatorValueCell.members': { fixed: MAX_DIMENSIONS },
  // Each organisation's latest published version and at most one later one: bounded by the versions of one recommendation.
  'Recommendation.assessments': { perParent: { table: 'assessment_version', column: 'recommendation_id' } },
  // SubmitAssessmentInput and a check constraint (CHK_assessment_version_evidence) keep it to EVIDENCE_MAX.
  'Assessment.evidenceUrls': { fixed: 10 },
  'Query.frameworkItems': { rows: 'framework_item' },
  'Recommendation.frameworkItems': { perParent: { table: 'recommendation_framework_item', column: 'recommendation_id' } },
  'Organization.focalPoints': { perParent: { table: 'organization_focal_point', column: 'organization_id' } },
  'Indicator.frameworkItems': { perParent: { table: 'indicator_framework_item', column: 'indicator_id' } },
  // One per kind of notification.
  'Query.notificationPreferences': { fixed: Object.keys(NotificationKind).length },
  'Query.webhookEndpoints': { rows: 'webhook_endpoint' },
  // Chosen from the event types, each at most once (ArrayUnique).
  'WebhookEndpoint.eventTypes': { fixed: PUBLIC_EVENT_TYPES.length },
  // An event's organisations are its recommendation's responsible ones (or its indicator's one).
  'PublicEventMessage.organizationIds': { perParent: { table: 'recommendation_organization', column: 'recommendation_id' } },
  // The retries (WEBHOOK_MAX_ATTEMPTS) and any redeliveries: measured.
  'WebhookDelivery.attempts': { perParent: { table: 'webhook_attempt', column: 'delivery_id' } },
};

/** The bound of a list field, or null when the schema has a list the table above does not know. */
export function listBoundOf(typeName: string, fieldName: string): ListBound | null {
  return LIST_BOUNDS[`${typeName}.${fieldName}`] ?? (fieldName.endsWith('Translations') ? TRANSLATIONS : null);
}

/**
 * A list the table above does not know is costed as this many items: far more than a
 * page, so that forgetting an entry refuses queries rather than admitting large answers.
 */
export const UNKNOWN_LIST_LENGTH = 1_000;

/** The lengths as measured at one moment; `generation` changes with every measurement. */
export interface ListLengths {
  generation: number;
  lengthOf(typeName: string, fieldName: string): number;
}

/**
 * Measures how long each unpaginated list can be, from the data: exact row counts and the
 * largest number of rows per parent (one statement, GROUP BY over the link tables), kept
 * for GRAPHQL_LIST_BOUNDS_MAX_AGE seconds. The query cost estimate (query-limits.plugin)
 * multiplies nested lists by these, so that an answer's estimated size follows the data
 * instead of assuming five items per list.
 */
@Injectable()
export class ListBoundsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ListBounds');
  private measured: { at: number; lengths: Map<string, number>; generation: number } | null = null;
  private refreshing: Promise<void> | null = null;
  private generation = 0;

  constructor(
    private readonly repository: ListBoundsRepository,
    private readonly config: AppConfig,
  ) {}

  /** Measured once at start, so that no operation waits for the first measurement. */
  async onApplicationBootstrap(): Promise<void> {
    // Not fatal: the first operation measures again (a database without its tables yet, say).
    await this.refresh().catch((error: unknown) => this.logger.warn(`list bounds not measured at start: ${String(error)}`));
  }

  /**
   * The lengths. Older than GRAPHQL_LIST_BOUNDS_MAX_AGE, they are measured again in the background
   * (one measurement at a time) while this operation is costed with the last ones; with 0, every
   * operation waits for a fresh measurement.
   */
  async current(): Promise<ListLengths> {
    const maxAgeMs = this.config.get('GRAPHQL_LIST_BOUNDS_MAX_AGE') * 1000;
    if (!this.measured || maxAgeMs === 0) {
      await this.refresh();
    } else if (Date.now() - this.measured.at > maxAgeMs) {
      this.refresh().catch((error: unknown) => this.logger.warn(`list bounds not measured again: ${String(error)}`));
    }
    const measured = this.measured!;
    return {
      generation: measured.generation,
      lengthOf: (typeName, fieldName) => {
        const bound = listBoundOf(typeName, fieldName);
        if (!bound) return UNKNOWN_LIST_LENGTH;
        if ('fixed' in bound) return bound.fixed;
        // An empty table today may have a row by the next measurement: never cost a list below one item.
        return Math.max(1, measured.lengths.get(boundKey(bound)) ?? UNKNOWN_LIST_LENGTH);
      },
    };
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.measure().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async measure(): Promise<void> {
    const bounds = new Map<string, MeasuredBound>();
    for (const bound of Object.values(LIST_BOUNDS)) if (!('fixed' in bound)) bounds.set(boundKey(bound), bound);
    const started = Date.now();
    const measured = await this.repository.lengths([...bounds.values()]);
    const lengths = new Map([...bounds.keys()].map((key, i) => [key, measured[i]]));
    this.measured = { at: Date.now(), lengths, generation: ++this.generation };
    this.logger.debug(`list bounds measured in ${Date.now() - started} ms`);
  }
}


function boundKey(bound: MeasuredBound): string {
  return 'rows' in bound ? bound.rows : `${bound.perParent.table}.${bound.perParent.column}`;
}
