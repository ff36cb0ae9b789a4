import seedrandom from 'seedrandom';
import { IndicatorDirection } from '../../src/action-plan/action-plan.enums';
import { BarrierCategory } from '../../src/barriers/barrier-category.enum';
import { MeetingFormat, ParticipantRole } from '../../src/meetings/meeting.enums';
import { OrganizationKind } from '../../src/organizations/organization-kind.enum';
import { ALLOWED_TRANSITIONS } from '../../src/recommendations/recommendation-lifecycle';
import { Priority, RecommendationKind, RecommendationStatus } from '../../src/recommendations/recommendation.enums';

/**
 * Deterministic synthetic data for benchmarks and scale tests. At scale 1:
 * 200 meetings, 2,000 barriers, 20,000 recommendations with 5 status history
 * entries each on average, 300 organisations, 100 indicators with 4 yearly
 * targets and a value for each quarter reported by the data set's "today"
 * (2026-10-31: 14 per indicator). Every count scales linearly with N
 * (fractions allowed); the same N always gives the same rows, ids included.
 */
export interface SyntheticCounts {
  organizations: number;
  people: number;
  meetings: number;
  barriers: number;
  recommendations: number;
  actionPlans: number;
  indicators: number;
}

export const SCALE_1: SyntheticCounts = {
  organizations: 300,
  people: 600,
  meetings: 200,
  barriers: 2000,
  recommendations: 20000,
  actionPlans: 1,
  indicators: 100,
};

export function countsFor(scale: number): SyntheticCounts {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, not ${scale}`);
  const n = (base: number) => Math.max(1, Math.round(base * scale));
  return {
    organizations: n(SCALE_1.organizations),
    people: n(SCALE_1.people),
    meetings: n(SCALE_1.meetings),
    barriers: n(SCALE_1.barriers),
    recommendations: n(SCALE_1.recommendations),
    actionPlans: Math.max(1, Math.ceil(scale)),
    indicators: n(SCALE_1.indicators),
  };
}

/** The action plan years of the synthetic data; baselines are from the year before. */
export const PLAN_FIRST_YEAR = 2023;
export const PLAN_LAST_YEAR = 2026;
const HISTORY_START = Date.UTC(2023, 0, 2);
const HISTORY_END = Date.UTC(2026, 9, 31);
const DAY = 86_400_000;

export type Cell = string | number | null;

/** One table's rows, as COPY will receive them (columns in this order). */
export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: () => Iterable<Cell[]>;
}

/** A seeded random source with the few helpers the generator needs. */
class Random {
  private readonly next: () => number;

  constructor(seed: string) {
    this.next = seedrandom(seed);
  }

  float(): number {
    return this.next();
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A version-4-shaped UUID from the seeded stream (so ids are reproducible too). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push(((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0'));
    const h = hex.join('');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const REGIONS = ['Chui', 'Osh', 'Jalal-Abad', 'Issyk-Kul', 'Naryn', 'Talas', 'Batken'];
const SETTLEMENTS = ['Sokuluk', 'Kara-Balta', 'Tokmok', 'Osh', 'Karakol', 'Naryn', 'Talas', 'Batken', 'Kant', 'Uzgen'];
const TOPICS = [
  'candidate quotas',
  'childcare for elected women',
  'campaign finance',
  'mentorship networks',
  'local council training',
  'gender-disaggregated statistics',
  'media coverage',
  'party lists',
  'youth leadership',
  'civil service promotion',
];

function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A lifecycle walk from PROPOSED: `steps` allowed transitions, stopping early at IMPLEMENTED. */
function statusPath(random: Random, steps: number): RecommendationStatus[] {
  const path = [RecommendationStatus.PROPOSED];
  for (let i = 0; i < steps; i++) {
    const options = ALLOWED_TRANSITIONS[path[path.length - 1]];
    if (options.length === 0) break;
    // Mostly forward: the first allowed transition is the lifecycle's main line.
    path.push(options.length > 1 && random.float() < 0.25 ? options[1] : options[0]);
  }
  return path;
}

/**
 * Builds every table's rows for `scale`. Rows are produced lazily (the large
 * tables are streamed into COPY), but the random stream is consumed in a fixed
 * order, so the result depends on `scale` alone.
 */
export function syntheticTables(scale: number): TableRows[] {
  const counts = countsFor(scale);
  const random = new Random(`roundtable-synthetic-v1`);

  const organizations = Array.from({ length: counts.organizations }, (_, i) => ({
    id: random.uuid(),
    name: `Synthetic organisation ${pad(i + 1, 6)}`,
    kind: random.pick(Object.values(OrganizationKind)),
    createdAt: timestamp(HISTORY_START - DAY),
  }));
  const people = Array.from({ length: counts.people }, (_, i) => ({
    id: random.uuid(),
    fullName: `Synthetic person ${pad(i + 1, 6)}`,
    position: random.float() < 0.5 ? 'Deputy' : 'Specialist',
    organizationId: random.float() < 0.9 ? random.pick(organizations).id : null,
  }));
  const meetings = Array.from({ length: counts.meetings }, (_, i) => {
    const heldOn = HISTORY_START + Math.floor(random.float() * (HISTORY_END - HISTORY_START - 60 * DAY));
    return {
      id: random.uuid(),
      title: `Synthetic roundtable ${pad(i + 1, 6)} on ${random.pick(TOPICS)}`,
      heldOn,
      format: random.pick(Object.values(MeetingFormat)),
      settlement: random.pick(SETTLEMENTS),
      region: random.pick(REGIONS),
    };
  });
  const participants = meetings.flatMap((meeting) =>
    Array.from({ length: 4 }, (_, position) => {
      const person = random.float() < 0.6 ? random.pick(people) : null;
      return {
        id: random.uuid(),
        meetingId: meeting.id,
        personId: person?.id ?? null,
        organizationId: person ? person.organizationId : random.pick(organizations).id,
        role: position === 0 ? ParticipantRole.ORGANIZER : random.pick([ParticipantRole.SPEAKER, ParticipantRole.PARTICIPANT]),
        position,
      };
    }).map((p) => (p.personId === null && p.organizationId === null ? { ...p, organizationId: organizations[0].id } : p)),
  );
  const barriersByMeeting: string[][] = meetings.map(() => []);
  const barriers = Array.from({ length: counts.barriers }, (_, i) => {
    const id = random.uuid();
    const first = i % meetings.length;
    const meetingIndexes = random.float() < 0.2 && meetings.length > 1 ? [first, (first + 1 + random.int(0, meetings.length - 2)) % meetings.length] : [first];
    for (const m of meetingIndexes) barriersByMeeting[m].push(id);
    return {
      id,
      title: `Synthetic barrier ${pad(i + 1, 7)}: ${random.pick(TOPICS)}`,
      category: random.pick(Object.values(BarrierCategory)),
      meetingIds: meetingIndexes.map((m) => meetings[m].id),
    };
  });
  const plans = Array.from({ length: counts.actionPlans }, (_, i) => ({
    id: random.uuid(),
    code: `SYN-AP-${pad(i + 1, 3)}`,
    title: `Synthetic action plan ${i + 1} for women's leadership ${PLAN_FIRST_YEAR}-${PLAN_LAST_YEAR}`,
  }));
  const indicators = Array.from({ length: counts.indicators }, (_, i) => {
    const direction = random.float() < 0.8 ? IndicatorDirection.INCREASE : IndicatorDirection.DECREASE;
    // Three in four are shares (%, 0–100), the others counts of people (whole numbers, ≥ 0).
    const unit: SyntheticUnit = random.float() < 0.75 ? '%' : 'people';
    const topic = random.pick(TOPICS);
    const baseline = unit === '%' ? random.int(15, 60) : random.int(40, 400);
    // The change planned over the four plan years, within the unit's range: up to 35 points or 60 %.
    const room = direction === IndicatorDirection.INCREASE ? (unit === '%' ? 95 - baseline : baseline * 0.6) : baseline - (unit === '%' ? 5 : baseline * 0.4);
    const change = room * (0.3 + 0.7 * random.float()) * (direction === IndicatorDirection.INCREASE ? 1 : -1);
    return {
      id: random.uuid(),
      planId: plans[i % plans.length].id,
      code: `SYN-I-${pad(i + 1, 5)}`,
      name: unit === '%' ? `Synthetic indicator ${i + 1}: share of women in ${topic}` : `Synthetic indicator ${i + 1}: women trained for ${topic}`,
      unit,
      direction,
      baseline,
      /** The planned change per year: each year's target is baseline + step × (years since the baseline). */
      step: roundTo(change / 4, unit),
      organizationId: random.float() < 0.8 ? random.pick(organizations).id : null,
      /** How fast it actually moves relative to plan: 0.5 (half as fast) to 1.3 (faster). */
      pace: 0.5 + 0.8 * random.float(),
    };
  });

  const years = Array.from({ length: PLAN_LAST_YEAR - PLAN_FIRST_YEAR + 1 }, (_, i) => PLAN_FIRST_YEAR + i);
  const created = timestamp(HISTORY_START - DAY);

  return [
    {
      table: 'organization',
      columns: ['id', 'name', 'kind', 'created_at'],
      rows: () => organizations.map((o) => [o.id, english(o.name), o.kind, o.createdAt]),
    },
    {
      table: 'person',
      columns: ['id', 'full_name', 'position', 'organization_id', 'created_at'],
      rows: () => people.map((p) => [p.id, p.fullName, english(p.position), p.organizationId, created]),
    },
    {
      table: 'meeting',
      columns: ['id', 'title', 'held_on', 'format', 'settlement', 'region', 'summary', 'source_url', 'created_at', 'updated_at'],
      rows: () =>
        meetings.map((m) => [
          m.id,
          english(m.title),
          date(m.heldOn),
          m.format,
          english(m.settlement),
          english(m.region),
          english(`Synthetic summary of ${m.title}.`),
          null,
          timestamp(m.heldOn),
          timestamp(m.heldOn),
        ]),
    },
    {
      table: 'participant',
      columns: ['id', 'meeting_id', 'person_id', 'organization_id', 'role', 'position'],
      rows: () => participants.map((p) => [p.id, p.meetingId, p.personId, p.organizationId, p.role, p.position]),
    },
    {
      table: 'barrier',
      columns: ['id', 'title', 'description', 'category', 'created_at'],
      rows: () => barriers.map((b) => [b.id, english(b.title), null, b.category, created]),
    },
    {
      table: 'barrier_meeting',
      columns: ['barrier_id', 'meeting_id'],
      rows: () => barriers.flatMap((b) => b.meetingIds.map((m) => [b.id, m])),
    },
    {
      table: 'action_plan',
      columns: ['id', 'code', 'title', 'approved_by', 'approved_on', 'start_year', 'end_year', 'created_at'],
      rows: () => plans.map((p) => [p.id, p.code, english(p.title), 'Synthetic decree', `${PLAN_FIRST_YEAR - 1}-12-01`, PLAN_FIRST_YEAR, PLAN_LAST_YEAR, created]),
    },
    {
      table: 'indicator',
      columns: [
        'id',
        'action_plan_id',
        'code',
        'name',
        'unit',
        'direction',
        'baseline_year',
        'baseline_value',
        'responsible_organization_id',
        'created_at',
        'updated_at',
      ],
      rows: () =>
        indicators.map((i) => [i.id, i.planId, i.code, english(i.name), i.unit, i.direction, PLAN_FIRST_YEAR - 1, i.baseline, i.organizationId, created, created]),
    },
    {
      table: 'indicator_target',
      columns: ['indicator_id', 'year', 'value'],
      rows: () => indicators.flatMap((i) => years.map((year, k) => [i.id, year, roundTo(i.baseline + i.step * (k + 1), i.unit)])),
    },
    {
      table: 'indicator_value',
      columns: ['id', 'indicator_id', 'period', 'year', 'quarter', 'value', 'source', 'note', 'recorded_at', 'recorded_by'],
      rows: () => indicatorValues(indicators, years),
    },
    {
      // Each value was public already: its first version, approved when recorded (as the migration does).
      table: 'indicator_value_version',
      columns: ['indicator_value_id', 'number', 'value', 'source', 'note', 'submitted_at', 'submitted_by', 'review_status', 'reviewed_at'],
      rows: function* () {
        for (const [id, , , , , value, source, note, recordedAt, recordedBy] of indicatorValues(indicators, years)) {
          yield [id, 1, value, source, note, recordedAt, recordedBy, 'APPROVED', recordedAt];
        }
      },
    },
    ...recommendationTables(random, counts, meetings, barriersByMeeting, organizations, indicators),
  ];
}

type SyntheticUnit = '%' | 'people';

/** A translatable column's value (jsonb, see src/i18n/translations.ts): the synthetic texts are English. */
function english(text: string | null): string | null {
  return text === null ? null : JSON.stringify({ en: text });
}

/** Shares to two decimals, counts of people whole. */
function roundTo(value: number, unit: SyntheticUnit): number {
  return unit === '%' ? Math.round(value * 100) / 100 : Math.round(value);
}

/** Within the unit's range: shares 0–100, counts not below zero. */
function clamp(value: number, unit: SyntheticUnit): number {
  return unit === '%' ? Math.min(100, Math.max(0, value)) : Math.max(0, value);
}

/**
 * A value for every quarter that ended before the data set's "today"
 * (HISTORY_END), moving from the baseline towards the targets at the
 * indicator's own pace, with noise of about ±3 % of the baseline; each recorded
 * 10 to 45 days after its quarter ended, and never after "today".
 */
function* indicatorValues(
  indicators: { id: string; unit: SyntheticUnit; baseline: number; step: number; pace: number }[],
  years: number[],
): Iterable<Cell[]> {
  // Its own stream: values do not shift when other tables change shape.
  const random = new Random('roundtable-synthetic-values-v2');
  for (const i of indicators) {
    for (const year of years) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        const periodEnd = Date.UTC(year, quarter * 3, 1) - DAY;
        const recordedAt = periodEnd + random.int(10, 45) * DAY + random.int(8, 17) * 3_600_000;
        // Consumed for every period, so that values do not shift with HISTORY_END.
        const noise = (random.float() - 0.5) * 0.06 * i.baseline;
        if (recordedAt > HISTORY_END) continue;
        // Quarters since the baseline year ended, as a fraction of plan years.
        const yearsIn = year - PLAN_FIRST_YEAR + quarter / 4;
        const value = roundTo(clamp(i.baseline + i.step * yearsIn * i.pace + noise, i.unit), i.unit);
        yield [random.uuid(), i.id, `${year}-Q${quarter}`, year, quarter, value, english('Synthetic quarterly report'), null, timestamp(recordedAt), 'synthetic'];
      }
    }
  }
}

/**
 * Recommendations, their links and their status history. Generated once into
 * compact arrays (the history, the largest table, is streamed from them).
 */
function recommendationTables(
  random: Random,
  counts: SyntheticCounts,
  meetings: { id: string; heldOn: number }[],
  barriersByMeeting: string[][],
  organizations: { id: string }[],
  indicators: { id: string }[],
): TableRows[] {
  interface Rec {
    id: string;
    meeting: number;
    kind: RecommendationKind;
    priority: Priority;
    dueDate: string | null;
    path: RecommendationStatus[];
    times: number[];
    barrierIds: string[];
    organizationIds: string[];
    indicatorIds: string[];
  }
  const recs: Rec[] = [];
  for (let i = 0; i < counts.recommendations; i++) {
    const meeting = random.int(0, meetings.length - 1);
    // 0..12 transitions after creation (fewer when IMPLEMENTED ends it): 5 history entries on average.
    const path = statusPath(random, random.int(0, 12));
    const start = meetings[meeting].heldOn + random.int(0, 30) * DAY;
    const times = [start];
    for (let k = 1; k < path.length; k++) {
      const previous = times[k - 1];
      times.push(previous + Math.max(60_000, Math.floor(((HISTORY_END - previous) / (path.length - k + 1)) * random.float())));
    }
    const meetingBarriers = barriersByMeeting[meeting];
    const barrierIds = new Set<string>();
    const wantBarriers = random.int(1, 3);
    for (let k = 0; k < wantBarriers && meetingBarriers.length; k++) barrierIds.add(random.pick(meetingBarriers));
    const organizationIds = new Set<string>();
    const wantOrgs = random.int(1, 2);
    for (let k = 0; k < wantOrgs; k++) organizationIds.add(random.pick(organizations).id);
    const indicatorIds = new Set<string>();
    const wantIndicators = random.float() < 0.3 ? 0 : random.int(1, 2);
    for (let k = 0; k < wantIndicators; k++) indicatorIds.add(random.pick(indicators).id);
    recs.push({
      id: random.uuid(),
      meeting,
      kind: random.pick(Object.values(RecommendationKind)),
      priority: random.pick(Object.values(Priority)),
      dueDate: random.float() < 0.1 ? null : date(start + random.int(90, 1460) * DAY),
      path,
      times,
      barrierIds: [...barrierIds],
      organizationIds: [...organizationIds],
      indicatorIds: [...indicatorIds],
    });
  }
  const historyRandom = new Random('roundtable-synthetic-history-v1');
  return [
    {
      table: 'recommendation',
      columns: ['id', 'code', 'title', 'description', 'kind', 'priority', 'status', 'due_date', 'meeting_id', 'version', 'created_at', 'updated_at'],
      rows: () =>
        recs.map((r, i) => [
          r.id,
          `SYN-R-${pad(i + 1, 7)}`,
          english(`Synthetic recommendation ${i + 1} on ${TOPICS[i % TOPICS.length]}`),
          english(`Generated for benchmarks: recommendation ${i + 1} of meeting ${r.meeting + 1}.`),
          r.kind,
          r.priority,
          r.path[r.path.length - 1],
          r.dueDate,
          meetings[r.meeting].id,
          r.path.length,
          timestamp(r.times[0]),
          timestamp(r.times[r.times.length - 1]),
        ]),
    },
    {
      table: 'status_change',
      columns: ['id', 'recommendation_id', 'version', 'from_status', 'to_status', 'changed_at', 'changed_by', 'note', 'evidence_url'],
      rows: function* () {
        for (const r of recs) {
          for (let k = 0; k < r.path.length; k++) {
            const from = k === 0 ? null : r.path[k - 1];
            const reopening = from === RecommendationStatus.REJECTED;
            yield [
              historyRandom.uuid(),
              r.id,
              k + 1,
              from,
              r.path[k],
              timestamp(r.times[k]),
              k === 0 ? null : 'synthetic',
              reopening ? english('Reopened after new evidence') : null,
              null,
            ];
          }
        }
      },
    },
    {
      table: 'recommendation_barrier',
      columns: ['recommendation_id', 'barrier_id'],
      rows: () => recs.flatMap((r) => r.barrierIds.map((b) => [r.id, b])),
    },
    {
      table: 'recommendation_organization',
      columns: ['recommendation_id', 'organization_id'],
      rows: () => recs.flatMap((r) => r.organizationIds.map((o) => [r.id, o])),
    },
    {
      table: 'recommendation_indicator',
      columns: ['recommendation_id', 'indicator_id'],
      rows: () => recs.flatMap((r) => r.indicatorIds.map((i) => [r.id, i])),
    },
  ];
}
