import { ObjectLiteral } from 'typeorm';
import { ActionPlanModule } from '../../src/action-plan/action-plan.module';
import { Indicator } from '../../src/action-plan/indicator.entity';
import { Barrier } from '../../src/barriers/barrier.entity';
import { BarriersModule } from '../../src/barriers/barriers.module';
import { readWholeEntities } from '../../src/database/linked-rows';
import { Meeting } from '../../src/meetings/meeting.entity';
import { MeetingsModule } from '../../src/meetings/meetings.module';
import { Organization } from '../../src/organizations/organization.entity';
import { Recommendation } from '../../src/recommendations/recommendation.entity';
import { RecommendationsModule } from '../../src/recommendations/recommendations.module';
import { createActionPlan, createIndicator, createMeeting, createRecommendation } from './support/factories';
import { createMediumModule, MediumModule } from './support/medium-module';

/**
 * Connections read their page without TypeORM's hydration (readWholeEntities, used by
 * pageAndTotal): the entities must be what TypeORM's getRawAndEntities builds from the same
 * statement, every column and type alike, and any query it cannot read that way is left to TypeORM.
 */
describe('pages read without TypeORM hydration', () => {
  let t: MediumModule;

  beforeAll(async () => {
    t = await createMediumModule([MeetingsModule, BarriersModule, ActionPlanModule, RecommendationsModule]);
    const meeting = await createMeeting(t);
    const plan = await createActionPlan(t);
    const indicator = await createIndicator(t, { actionPlanId: plan.id, baselineYear: 2023, baselineValue: 12.5 });
    await t.sql(`INSERT INTO organization (name, kind) VALUES ('{"en": "Ministry of Labour", "ru": "Министерство труда"}', 'MINISTRY')`);
    await t.sql(`INSERT INTO barrier (title, category) VALUES ('{"en": "Campaign finance"}', 'LEGAL')`);
    for (let i = 0; i < 3; i++) await createRecommendation(t, { meetingId: meeting.id, dueDate: i ? `2026-0${i}-15` : null, indicatorIds: [indicator.id] });
  });
  afterAll(() => t?.close());

  it.each([
    ['Recommendation', Recommendation],
    ['Meeting', Meeting],
    ['Barrier', Barrier],
    ['Organization', Organization],
    ['Indicator', Indicator],
  ] as const)('builds %s pages as TypeORM does', async (_name, entity: new () => ObjectLiteral) => {
    const query = () => t.db.getRepository(entity).createQueryBuilder('e').addSelect('(SELECT count(*) FROM meeting)', 'page_total').orderBy('e.id').limit(10);
    const fast = await readWholeEntities(query(), ['page_total']);
    const typeorm = await query().getRawAndEntities();
    expect(fast).not.toBeNull();
    expect(typeorm.entities.length).toBeGreaterThan(0);
    expect(fast!.entities.length).toBe(typeorm.entities.length);
    for (const [index, built] of fast!.entities.entries()) {
      expect(built).toBeInstanceOf(entity);
      expect({ ...built }).toEqual({ ...typeorm.entities[index] });
    }
    expect(fast!.raw.map((row) => Number(row.page_total))).toEqual(typeorm.raw.map((row) => Number(row.page_total)));
  });

  it('leaves joins, other selections and transactions to TypeORM', async () => {
    const repository = t.db.getRepository(Recommendation);
    expect(await readWholeEntities(repository.createQueryBuilder('r').leftJoinAndSelect('r.meeting', 'm'), [])).toBeNull();
    expect(await readWholeEntities(repository.createQueryBuilder('r').addSelect('r.code', 'other'), [])).toBeNull();
    expect(await readWholeEntities(repository.createQueryBuilder('r').select('r.id'), [])).toBeNull();
    await t.db.transaction(async (tx) => {
      expect(await readWholeEntities(tx.getRepository(Recommendation).createQueryBuilder('r'), [])).toBeNull();
    });
  });
});
