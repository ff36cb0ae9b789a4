import { DataSource, EntityManager, EntityTarget, FindOperator, FindOptionsWhere, JsonContains, ObjectLiteral } from 'typeorm';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { IndicatorDirection, IndicatorMeasure, IndicatorValueKind, ReportingFrequency, TotalSource } from '../action-plan/action-plan.enums';
import { ActionPlanRepository } from '../action-plan/action-plan.repository';
import { Indicator } from '../action-plan/indicator.entity';
import { IndicatorMilestonesRepository } from '../action-plan/indicator-milestones.repository';
import { SAMPLE_VALUE_RECORDER } from '../action-plan/indicator-value.entity';
import { IndicatorValueVersionsRepository } from '../action-plan/indicator-value-versions.repository';
import { insertMissingValues, RecordedValue } from '../action-plan/indicator-values.repository';
import { IndicatorUnit } from '../action-plan/indicator-unit';
import { BarrierCategory } from '../barriers/barrier-category.enum';
import { Barrier } from '../barriers/barrier.entity';
import { linkBarriersToMeeting } from '../barriers/barriers.repository';
import { DimensionsRepository } from '../dimensions/dimensions.repository';
import { Framework } from '../frameworks/framework-item.entity';
import { FrameworksRepository, INDICATOR_MAPPING, RECOMMENDATION_MAPPING } from '../frameworks/frameworks.repository';
import { parsePeriod } from '../action-plan/reporting-period';
import type { Translations } from '../i18n/translations';
import { SAMPLE_TEXTS } from './sokuluk-roundtable.texts';
import { MeetingFormat, ParticipantRole } from '../meetings/meeting.enums';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingsRepository } from '../meetings/meetings.repository';
import { OrganizationKind } from '../organizations/organization-kind.enum';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../organizations/person.entity';
import { Priority, RecommendationKind, RecommendationStatus } from '../recommendations/recommendation.enums';
import { Recommendation } from '../recommendations/recommendation.entity';
import { addRecommendationLinks } from '../recommendations/recommendations.repository';
import { StatusChange } from '../recommendations/status-change.entity';

/**
 * The regional roundtable on women's political participation held in Sokuluk
 * (Chui region) on 13 August 2024, as the news report tells it, and the Action
 * Plan 2024–2027 of the State Program for Supporting Women's Leadership.
 *
 * The meeting, the people, the organisations, the barriers and the three
 * proposals are from the report. The indicators' baselines, targets and values
 * are ILLUSTRATIVE, not official statistics, and say so in their names and in
 * each value's source and note. So is WL-1's breakdown of 2024 by the districts
 * of Chui oblast (CHUI_DISTRICTS_2024): women and all deputies of each district's
 * local keneshes, made up so that Σ women / Σ deputies is the value's 21.5 %.
 *
 * One figure is real, not illustrative: WL-4, the share of women in the Jogorku Kenesh elected in
 * 2021, 19 of 90 deputies (21.1 %), as the IPU's Parline database reports it
 * (https://data.ipu.org/parliament/KG/KG-LC01/); its value's source and note cite it, and it has
 * no targets (the plan sets none for it: the sample does not invent them).
 */
const ILLUSTRATIVE_SOURCE: Translations = SAMPLE_TEXTS.illustrativeSource;
const ILLUSTRATIVE_NOTE: Translations = SAMPLE_TEXTS.illustrativeNote;
const SEEDED_BY = SAMPLE_VALUE_RECORDER;
/** Days after a period's end the sample's values are dated as reported (within the plan's default reporting lag of 45 days). */
const SAMPLE_REPORTING_DAYS = 30;

/**
 * When a sample value is dated as reported and approved: SAMPLE_REPORTING_DAYS after its period
 * ends, or now for a period too recent for that. So a past year's report (values known by its end
 * plus the reporting lag) shows the sample's values, as it would show values reported on time.
 */
function sampleReportedAt(period: { year: number; quarter: number | null }): Date {
  const periodEnd = Date.UTC(period.year, (period.quarter ?? 4) * 3, 1);
  return new Date(Math.min(periodEnd + SAMPLE_REPORTING_DAYS * 86_400_000, Date.now()));
}
/**
 * ILLUSTRATIVE, not official statistics: WL-1's 2024 value by district of Chui oblast, as
 * [member code, women deputies, all deputies]. 43 / 200 = 21.5 %, the sample's value for 2024;
 * the mean of the districts' shares (21.0 %) is not it.
 */
const CHUI_DISTRICTS_2024: [string, number, number][] = [
  ['CHUI-ALAMUDUN', 8, 36],
  ['CHUI-CHUI', 4, 20],
  ['CHUI-ISSYK-ATA', 5, 24],
  ['CHUI-JAYIL', 5, 26],
  ['CHUI-KEMIN', 3, 16],
  ['CHUI-MOSKVA', 5, 24],
  ['CHUI-PANFILOV', 4, 20],
  ['CHUI-SOKULUK', 9, 34],
];

/** WL-4's targets: none (the real figure's indicator is not given invented ones). */
const NO_TARGETS: Record<number, number> = {};

/** The proposals date from the roundtable, not from when the sample was loaded. */
const PROPOSED_AT = new Date('2024-08-13T12:00:00+06:00');

const ORGANIZATIONS = {
  parliament: { name: SAMPLE_TEXTS.organizations.parliament.name, kind: OrganizationKind.PARLIAMENT },
  ministry: { name: SAMPLE_TEXTS.organizations.ministry.name, kind: OrganizationKind.MINISTRY },
  district: { name: SAMPLE_TEXTS.organizations.district.name, kind: OrganizationKind.DISTRICT_ADMINISTRATION },
} as const;

const MEETING = {
  title: SAMPLE_TEXTS.meeting.title,
  heldOn: '2024-08-13',
  format: MeetingFormat.ROUNDTABLE,
  settlement: SAMPLE_TEXTS.meeting.settlement,
  region: SAMPLE_TEXTS.meeting.region,
  summary: SAMPLE_TEXTS.meeting.summary,
  sourceNote: SAMPLE_TEXTS.meeting.sourceNote,
  sourceUrl: null,
};

const BARRIERS = {
  support: {
    title: SAMPLE_TEXTS.barriers.support.title,
    category: BarrierCategory.SOCIAL_SUPPORT,
    description: SAMPLE_TEXTS.barriers.support.description,
  },
  confidence: {
    title: SAMPLE_TEXTS.barriers.confidence.title,
    category: BarrierCategory.CONFIDENCE,
    description: SAMPLE_TEXTS.barriers.confidence.description,
  },
  money: {
    title: SAMPLE_TEXTS.barriers.money.title,
    category: BarrierCategory.FINANCIAL,
    description: SAMPLE_TEXTS.barriers.money.description,
  },
} as const;

export interface SeedSummary {
  created: number;
  existing: number;
}

/** The features' repositories the seed writes through (built on the data source, as the CLIs build theirs): the SQL is theirs, not the seed's. */
interface SeedRepositories {
  meetings: MeetingsRepository;
  actionPlan: ActionPlanRepository;
  milestones: IndicatorMilestonesRepository;
  valueVersions: IndicatorValueVersionsRepository;
  dimensions: DimensionsRepository;
  frameworks: FrameworksRepository;
}

function repositoriesOf(db: DataSource): SeedRepositories {
  return {
    meetings: new MeetingsRepository(db),
    actionPlan: new ActionPlanRepository(db),
    milestones: new IndicatorMilestonesRepository(db),
    valueVersions: new IndicatorValueVersionsRepository(db),
    dimensions: new DimensionsRepository(db),
    frameworks: new FrameworksRepository(db),
  };
}

/** True when nothing has been recorded yet (no organisation, meeting or action plan): each feature's table asked through the ORM. */
export async function isDatabaseEmpty(db: DataSource): Promise<boolean> {
  for (const entity of [Organization, Meeting, ActionPlan] as EntityTarget<ObjectLiteral>[]) {
    if (await db.getRepository(entity).exists()) return false;
  }
  return true;
}

/** Loads the sample in one transaction. Idempotent: what exists (by name, code or date) is kept, not duplicated. */
export async function seedSokulukRoundtable(db: DataSource): Promise<string> {
  const tally: SeedSummary = { created: 0, existing: 0 };
  const repositories = repositoriesOf(db);
  await db.transaction(async (tx) => {
    const find = <T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>, values: Partial<T>) =>
      findOrCreate(tx, tally, entity, where, values);

    const org = {
      parliament: await find(Organization, { name: sameEnglish(ORGANIZATIONS.parliament.name) }, ORGANIZATIONS.parliament),
      ministry: await find(Organization, { name: sameEnglish(ORGANIZATIONS.ministry.name) }, ORGANIZATIONS.ministry),
      district: await find(Organization, { name: sameEnglish(ORGANIZATIONS.district.name) }, ORGANIZATIONS.district),
    };
    const people = {
      raimbachaeva: await find(Person, { fullName: 'Vinera Raimbachaeva' }, {
        fullName: 'Vinera Raimbachaeva',
        position: SAMPLE_TEXTS.people.raimbachaeva.position,
        organizationId: org.parliament.id,
      }),
      ashimova: await find(Person, { fullName: 'Dinara Ashimova' }, {
        fullName: 'Dinara Ashimova',
        position: SAMPLE_TEXTS.people.ashimova.position,
        organizationId: org.parliament.id,
      }),
    };

    const existingMeeting = await tx.getRepository(Meeting).findOneBy({ title: sameEnglish(MEETING.title), heldOn: MEETING.heldOn });
    const meeting =
      existingMeeting ??
      (await repositories.meetings.insert(tx, MEETING, [
        { personId: people.raimbachaeva.id, organizationId: org.parliament.id, role: ParticipantRole.SPEAKER, position: 0 },
        { personId: people.ashimova.id, organizationId: org.parliament.id, role: ParticipantRole.SPEAKER, position: 1 },
        { personId: null, organizationId: org.ministry.id, role: ParticipantRole.PARTICIPANT, position: 2 },
        { personId: null, organizationId: org.district.id, role: ParticipantRole.ORGANIZER, position: 3 },
      ]));
    if (existingMeeting) {
      tally.existing += 1;
    } else {
      tally.created += 1;
    }

    const barrier = {
      support: await find(Barrier, { title: sameEnglish(BARRIERS.support.title) }, BARRIERS.support),
      confidence: await find(Barrier, { title: sameEnglish(BARRIERS.confidence.title) }, BARRIERS.confidence),
      money: await find(Barrier, { title: sameEnglish(BARRIERS.money.title) }, BARRIERS.money),
    };
    await linkBarriersToMeeting(tx, meeting.id, Object.values(barrier).map((b) => b.id));

    const plan = await find(ActionPlan, { code: 'WL-2024-2027' }, {
      code: 'WL-2024-2027',
      title: SAMPLE_TEXTS.plan.title,
      // Not translatable (yet): the decree as cited in English.
      approvedBy: SAMPLE_TEXTS.plan.approvedBy.en,
      approvedOn: null,
      startYear: 2024,
      endYear: 2027,
    });

    const indicatorSpecs = [
      {
        code: 'WL-1',
        name: SAMPLE_TEXTS.indicators['WL-1'].name,
        unit: '%',
        unitCode: IndicatorUnit.PERCENT,
        direction: IndicatorDirection.INCREASE,
        // A share at the end of each year.
        measure: IndicatorMeasure.LEVEL,
        reportingFrequency: ReportingFrequency.YEARLY,
        baselineYear: 2023,
        baselineValue: 20,
        // Recorded as women deputies / all deputies, broken down by territory (district of Chui oblast).
        valueKind: IndicatorValueKind.RATIO,
        totalSource: TotalSource.DERIVED,
        responsibleOrganizationId: org.district.id,
        targets: { 2024: 22, 2025: 25, 2026: 28, 2027: 30 },
        values: { '2024': 21.5, '2025-Q2': 23.1 },
      },
      {
        code: 'WL-2',
        name: SAMPLE_TEXTS.indicators['WL-2'].name,
        unit: 'people',
        unitCode: IndicatorUnit.PERSON,
        direction: IndicatorDirection.INCREASE,
        // People reached since the baseline, counted every quarter.
        measure: IndicatorMeasure.CUMULATIVE,
        reportingFrequency: ReportingFrequency.QUARTERLY,
        baselineYear: 2023,
        baselineValue: 0,
        responsibleOrganizationId: org.ministry.id,
        targets: { 2024: 300, 2025: 600, 2026: 900, 2027: 1200 },
        values: { '2024': 310, '2025-Q1': 380, '2025-Q2': 455, '2025-Q3': 520 },
        milestones: { '2025-Q1': 375, '2025-Q2': 450, '2025-Q3': 525, '2025-Q4': 600 },
      },
      {
        code: 'WL-3',
        name: SAMPLE_TEXTS.indicators['WL-3'].name,
        unit: 'programmes',
        unitCode: IndicatorUnit.PROGRAMME,
        direction: IndicatorDirection.DECREASE,
        // Programmes still in force at the end of each year.
        measure: IndicatorMeasure.LEVEL,
        reportingFrequency: ReportingFrequency.YEARLY,
        baselineYear: 2023,
        baselineValue: 10,
        responsibleOrganizationId: org.ministry.id,
        targets: { 2024: 8, 2025: 6, 2026: 4, 2027: 2 },
        values: { '2024': 9 },
      },
      {
        code: 'WL-4',
        name: SAMPLE_TEXTS.indicators['WL-4'].name,
        unit: '%',
        unitCode: IndicatorUnit.PERCENT,
        direction: IndicatorDirection.INCREASE,
        measure: IndicatorMeasure.LEVEL,
        reportingFrequency: ReportingFrequency.YEARLY,
        // The last election before the plan: its result is the baseline, and the one value.
        baselineYear: 2021,
        baselineValue: 21.1,
        responsibleOrganizationId: org.parliament.id,
        targets: NO_TARGETS,
        values: { '2021': 21.1 },
        // A real figure: its own source and note, not the illustrative ones.
        source: SAMPLE_TEXTS.parlineSource,
        note: SAMPLE_TEXTS.parlineNote,
      },
    ];
    const indicators: Record<string, Indicator> = {};
    for (const spec of indicatorSpecs) {
      const { targets, values, milestones, source, note, ...fields } = { milestones: undefined, source: ILLUSTRATIVE_SOURCE, note: ILLUSTRATIVE_NOTE, ...spec };
      const indicator = await find(Indicator, { actionPlanId: plan.id, code: spec.code }, { ...fields, actionPlanId: plan.id });
      indicators[spec.code] = indicator;
      await repositories.actionPlan.insertMissingTargets(
        tx,
        indicator.id,
        Object.entries(targets).map(([year, value]) => ({ year: Number(year), value })),
      );
      await repositories.milestones.insertMissing(
        tx,
        indicator.id,
        Object.entries(milestones ?? {}).map(([period, value]) => {
          const parsed = parsePeriod(period);
          if (!parsed?.quarter) throw new Error(`bad sample milestone ${period}`);
          return { year: parsed.year, quarter: parsed.quarter, value };
        }),
      );
      await insertMissingValues(
        tx,
        indicator.id,
        Object.entries(values).map(([period, value]: [string, number]): RecordedValue => {
          const parsed = parsePeriod(period);
          if (!parsed) throw new Error(`bad sample period ${period}`);
          return { period, year: parsed.year, quarter: parsed.quarter, value, source, note, recordedBy: SEEDED_BY, recordedAt: sampleReportedAt(parsed) };
        }),
      );
      // The sample's values are published: each is its first version, approved when it was (as if) reported.
      await repositories.valueVersions.insertApprovedFirstVersions(tx, indicator.id);
    }

    await breakDownByDistrict(tx, repositories, indicators['WL-1'].id);

    const proposals = [
      {
        code: 'SOK-2024-01',
        title: SAMPLE_TEXTS.proposals['SOK-2024-01'].title,
        description: SAMPLE_TEXTS.proposals['SOK-2024-01'].description,
        kind: RecommendationKind.QUOTA,
        priority: Priority.HIGH,
        barriers: [barrier.support.id],
        organizations: [org.parliament.id],
        indicators: [indicators['WL-1'].id],
      },
      {
        code: 'SOK-2024-02',
        title: SAMPLE_TEXTS.proposals['SOK-2024-02'].title,
        description: SAMPLE_TEXTS.proposals['SOK-2024-02'].description,
        kind: RecommendationKind.MENTORSHIP,
        priority: Priority.HIGH,
        barriers: [barrier.confidence.id],
        organizations: [org.ministry.id, org.district.id],
        indicators: [indicators['WL-2'].id],
      },
      {
        code: 'SOK-2024-03',
        title: SAMPLE_TEXTS.proposals['SOK-2024-03'].title,
        description: SAMPLE_TEXTS.proposals['SOK-2024-03'].description,
        kind: RecommendationKind.MONITORING,
        priority: Priority.MEDIUM,
        barriers: [barrier.support.id],
        organizations: [org.ministry.id],
        indicators: [indicators['WL-3'].id],
      },
    ];
    for (const p of proposals) {
      const existing = await tx.getRepository(Recommendation).findOneBy({ code: p.code });
      if (existing) {
        tally.existing += 1;
        continue;
      }
      tally.created += 1;
      const rec = await tx.getRepository(Recommendation).save(
        tx.getRepository(Recommendation).create({
          code: p.code,
          title: p.title,
          description: p.description,
          kind: p.kind,
          priority: p.priority,
          status: RecommendationStatus.PROPOSED,
          dueDate: null,
          meetingId: meeting.id,
          version: 1,
          createdAt: PROPOSED_AT,
          updatedAt: PROPOSED_AT,
        }),
      );
      await tx.getRepository(StatusChange).insert({
        recommendationId: rec.id,
        version: 1,
        fromStatus: null,
        toStatus: RecommendationStatus.PROPOSED,
        changedAt: PROPOSED_AT,
        changedBy: SEEDED_BY,
        note: SAMPLE_TEXTS.proposedNote,
      });
      await addRecommendationLinks(tx, rec.id, { barrierIds: p.barriers, responsibleOrganizationIds: p.organizations, indicatorIds: p.indicators });
    }
    await mapToFrameworks(tx, repositories.frameworks, indicators);
  });
  return `${tally.created} records created, ${tally.existing} already present`;
}

/**
 * What the sample addresses in the international frameworks: every proposal SDG target 5.5, the
 * quota proposal also CEDAW's temporary special measures; the local-kenesh indicator measures
 * SDG 5.5.1(b), the Jogorku Kenesh indicator 5.5.1(a), the leadership programmes indicator target 5.5.
 * Mappings already there stay.
 */
const FRAMEWORK_MAPPINGS: { recommendations: Record<string, [Framework, string][]>; indicators: Record<string, [Framework, string][]> } = {
  recommendations: {
    'SOK-2024-01': [[Framework.SDG, '5.5'], [Framework.CEDAW, 'CO5-TSM']],
    'SOK-2024-02': [[Framework.SDG, '5.5']],
    'SOK-2024-03': [[Framework.SDG, '5.5']],
  },
  indicators: {
    'WL-1': [[Framework.SDG, '5.5.1(b)']],
    'WL-2': [[Framework.SDG, '5.5']],
    'WL-4': [[Framework.SDG, '5.5.1(a)']],
  },
};

async function mapToFrameworks(tx: EntityManager, frameworks: FrameworksRepository, indicators: Record<string, Indicator>): Promise<void> {
  const items = await frameworks.itemCodes(tx);
  const itemIds = (refs: [Framework, string][]) =>
    refs.flatMap(([framework, code]) => {
      const id = items.find((i) => i.framework === framework && i.code === code)?.id;
      return id ? [id] : [];
    });
  for (const [code, refs] of Object.entries(FRAMEWORK_MAPPINGS.recommendations)) {
    const recommendation = await tx.getRepository(Recommendation).findOneBy({ code });
    if (!recommendation) continue;
    for (const itemId of itemIds(refs)) await frameworks.map(tx, RECOMMENDATION_MAPPING, recommendation.id, itemId);
  }
  for (const [code, refs] of Object.entries(FRAMEWORK_MAPPINGS.indicators)) {
    const indicator = indicators[code];
    if (!indicator) continue;
    for (const itemId of itemIds(refs)) await frameworks.map(tx, INDICATOR_MAPPING, indicator.id, itemId);
  }
}

async function findOrCreate<T extends ObjectLiteral>(
  tx: EntityManager,
  tally: SeedSummary,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  values: Partial<T>,
): Promise<T> {
  const repo = tx.getRepository(entity);
  const existing = await repo.findOneBy(where);
  if (existing) {
    tally.existing += 1;
    return existing;
  }
  tally.created += 1;
  return repo.save(repo.create(values as T));
}

/**
 * Matches a stored translatable text by its English version: the sample's identity, so that
 * loading it again finds what an earlier version of the sample created.
 */
function sameEnglish(text: Translations): FindOperator<Translations> {
  // jsonb containment (@>): the stored object has this English text, whatever else it holds.
  // (JsonContains is typed FindOperator<any>.)
  return JsonContains({ en: text.en }) as FindOperator<Translations>;
}

/**
 * WL-1 broken down by territory, and its sample value of 2024 (version 1) by the districts of
 * Chui oblast (CHUI_DISTRICTS_2024). Idempotent; an indicator loaded by an earlier sample
 * becomes a ratio as it is now.
 */
async function breakDownByDistrict(tx: EntityManager, repositories: SeedRepositories, indicatorId: string): Promise<void> {
  await repositories.actionPlan.setValueKindUnversioned(tx, indicatorId, IndicatorValueKind.RATIO);
  await repositories.dimensions.addIndicatorDimension(tx, indicatorId, 'TERRITORY', 1);
  await repositories.dimensions.insertPercentCellsByMemberCode(
    tx,
    { indicatorId, period: '2024', versionNumber: 1, dimensionCode: 'TERRITORY' },
    CHUI_DISTRICTS_2024.map(([memberCode, numerator, denominator]) => ({ memberCode, numerator, denominator })),
  );
}
