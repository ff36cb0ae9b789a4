import { ActionPlanModule } from '../../src/action-plan/action-plan.module';
import { MeetingsModule } from '../../src/meetings/meetings.module';
import { OrganizationKind } from '../../src/organizations/organization-kind.enum';
import { Organization } from '../../src/organizations/organization.entity';
import { isDatabaseEmpty } from '../../src/seed/sokuluk-roundtable.seed';
import { createActionPlan, createMeeting } from './support/factories';
import { createMediumModule, MediumModule } from './support/medium-module';

/**
 * The embedded default loads the Sokuluk sample only into a database where nothing has been
 * recorded: one organisation, meeting or action plan of the user's own must keep it out.
 */
describe('the first start: is the database empty?', () => {
  let m: MediumModule;

  beforeEach(async () => {
    m = await createMediumModule([ActionPlanModule, MeetingsModule]);
  });
  afterEach(() => m.close());

  it('is empty when freshly migrated', async () => {
    expect(await isDatabaseEmpty(m.db)).toBe(true);
  });

  it.each([
    ['an organisation', (mm: MediumModule) => mm.db.getRepository(Organization).insert({ name: { en: 'Own NGO' }, kind: OrganizationKind.NGO })],
    ['a meeting', (mm: MediumModule) => createMeeting(mm)],
    ['an action plan', (mm: MediumModule) => createActionPlan(mm)],
  ])('is not empty with only %s recorded', async (_what, record) => {
    await record(m);
    expect(await isDatabaseEmpty(m.db)).toBe(false);
  });
});
