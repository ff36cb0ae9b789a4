import { expectError } from './support/expect-error';
import { createOrganization, createPerson, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const CREATE_ORGANIZATION = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name kind } }`;
const CREATE_PERSON = `mutation ($input: CreatePersonInput!) {
  createPerson(input: $input) { id fullName position organization { id name kind } }
}`;
const UNKNOWN_ID = '0b7e7a3c-3d5f-4c59-9a52-2f1f0c0e0d11';

describe('organizations and people', () => {
  let t: TestApp;

  const count = async (table: 'organization' | 'person') =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('createOrganization', () => {
    it('creates an organization and lists it', async () => {
      const { createOrganization: org } = await t.gqlOk(CREATE_ORGANIZATION, {
        input: { name: 'Jogorku Kenesh', kind: 'PARLIAMENT' },
      });
      expect(org).toEqual({ id: expect.any(String), name: 'Jogorku Kenesh', kind: 'PARLIAMENT' });

      const { organizations } = await t.gqlOk('{ organizations { id name kind } }');
      expect(organizations).toContainEqual(org);
      const [row] = await t.sql('SELECT name, kind::text AS kind FROM organization WHERE id = $1', [org.id]);
      expect(row).toEqual({ name: { en: 'Jogorku Kenesh' }, kind: 'PARLIAMENT' });
    });

    it('lists organizations by name', async () => {
      await createOrganization(t, { name: 'Zeta agency', kind: 'STATE_AGENCY' });
      await createOrganization(t, { name: 'Alpha NGO', kind: 'NGO' });
      const { organizations } = await t.gqlOk<{ organizations: { name: string }[] }>('{ organizations { name } }');
      const names = organizations.map((o) => o.name);
      expect(names.indexOf('Alpha NGO')).toBeGreaterThanOrEqual(0);
      expect(names.indexOf('Alpha NGO')).toBeLessThan(names.indexOf('Zeta agency'));
    });

    it('trims the name', async () => {
      const name = unique('Trimmed');
      const { createOrganization: org } = await t.gqlOk(CREATE_ORGANIZATION, { input: { name: `  ${name}  `, kind: 'NGO' } });
      expect(org.name).toBe(name);
    });

    it('refuses a name that is taken with CONFLICT and writes nothing', async () => {
      const existing = await createOrganization(t, { kind: 'NGO' });
      const before = await count('organization');

      const res = await t.gql(CREATE_ORGANIZATION, { input: { name: existing.name, kind: 'MINISTRY' } });

      const error = expectError(res, 'CONFLICT', /already exists/);
      expect(error.message).not.toMatch(/duplicate key|INSERT|constraint/i);
      expect(res.data).toBeNull();
      expect(await count('organization')).toBe(before);
    });

    it.each([
      ['blank', '   '],
      ['empty', ''],
      ['longer than 300 characters', 'x'.repeat(301)],
    ])('refuses a %s name with BAD_USER_INPUT naming the field', async (_, name) => {
      const before = await count('organization');
      const res = await t.gql(CREATE_ORGANIZATION, { input: { name, kind: 'NGO' } });
      const error = expectError(res, 'BAD_USER_INPUT', /^name: /);
      expect(error.extensions?.fields).toEqual(['name']);
      expect(await count('organization')).toBe(before);
    });

    it('accepts a name of exactly 300 characters', async () => {
      const name = 'y'.repeat(300);
      const { createOrganization: org } = await t.gqlOk(CREATE_ORGANIZATION, { input: { name, kind: 'OTHER' } });
      expect(org.name).toBe(name);
    });

    it('refuses an unknown kind with BAD_USER_INPUT', async () => {
      const res = await t.gql(CREATE_ORGANIZATION, { input: { name: unique('Org'), kind: 'COMPANY' } });
      expectError(res, 'BAD_USER_INPUT', /kind|OrganizationKind/);
    });
  });

  describe('createPerson', () => {
    it('creates a person of an organization; Person.organization resolves', async () => {
      const org = await createOrganization(t, { kind: 'MINISTRY' });
      const { createPerson: person } = await t.gqlOk(CREATE_PERSON, {
        input: { fullName: 'Aigul Toktosunova', position: 'Deputy minister', organizationId: org.id },
      });
      expect(person).toEqual({
        id: expect.any(String),
        fullName: 'Aigul Toktosunova',
        position: 'Deputy minister',
        organization: { id: org.id, name: org.name, kind: 'MINISTRY' },
      });

      const { people } = await t.gqlOk('{ people { id fullName position organization { id name } } }');
      expect(people).toContainEqual({
        id: person.id,
        fullName: 'Aigul Toktosunova',
        position: 'Deputy minister',
        organization: { id: org.id, name: org.name },
      });
    });

    it('creates a person without organization or position', async () => {
      const { createPerson: person } = await t.gqlOk(CREATE_PERSON, { input: { fullName: 'Independent Expert' } });
      expect(person).toMatchObject({ fullName: 'Independent Expert', position: null, organization: null });
      const { people } = await t.gqlOk<{ people: { id: string; organization: unknown }[] }>('{ people { id organization { id } } }');
      expect(people.find((p) => p.id === person.id)).toEqual({ id: person.id, organization: null });
    });

    it('stores a blank position as null', async () => {
      const person = await createPerson(t, { position: '   ' });
      expect(person.position).toBeNull();
    });

    it('lists people by full name', async () => {
      await createPerson(t, { fullName: 'Zarina Z' });
      await createPerson(t, { fullName: 'Asel A' });
      const { people } = await t.gqlOk<{ people: { fullName: string }[] }>('{ people { fullName } }');
      const names = people.map((p) => p.fullName);
      expect(names.indexOf('Asel A')).toBeGreaterThanOrEqual(0);
      expect(names.indexOf('Asel A')).toBeLessThan(names.indexOf('Zarina Z'));
    });

    it('refuses an unknown organizationId with NOT_FOUND and writes nothing', async () => {
      const before = await count('person');
      const res = await t.gql(CREATE_PERSON, { input: { fullName: 'Nobody', organizationId: UNKNOWN_ID } });
      const error = expectError(res, 'NOT_FOUND', /organizationId/);
      expect(error.message).toContain(UNKNOWN_ID);
      expect(await count('person')).toBe(before);
    });

    it('refuses a non-UUID organizationId with BAD_USER_INPUT', async () => {
      const before = await count('person');
      const res = await t.gql(CREATE_PERSON, { input: { fullName: 'Nobody', organizationId: 'ministry-of-education' } });
      expectError(res, 'BAD_USER_INPUT', /organizationId/);
      expect(await count('person')).toBe(before);
    });

    it.each([
      ['blank', '  '],
      ['longer than 200 characters', 'p'.repeat(201)],
    ])('refuses a %s fullName with BAD_USER_INPUT naming the field', async (_, fullName) => {
      const before = await count('person');
      const res = await t.gql(CREATE_PERSON, { input: { fullName } });
      expectError(res, 'BAD_USER_INPUT', /^fullName: /);
      expect(await count('person')).toBe(before);
    });

    it('refuses a position longer than 300 characters naming the field', async () => {
      const res = await t.gql(CREATE_PERSON, { input: { fullName: 'Long Position', position: 'q'.repeat(301) } });
      expectError(res, 'BAD_USER_INPUT', /^position: /);
    });
  });
});
