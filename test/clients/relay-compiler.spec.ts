import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Relay accepts the committed schema (issue 27): the documents in test/clients/relay — forward and
 * backward pagination with @connection, @refetchable fragments refetched through node(id:) —
 * compile with relay-compiler (its binary ships in the npm package). The artefacts go to a
 * temporary folder: what is checked is that the schema lets them compile.
 */
describe('relay-compiler against schema.gql', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    cpSync(join(__dirname, 'relay', 'src'), join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, '__generated__'));
    writeFileSync(
      join(dir, 'relay.config.json'),
      JSON.stringify({ src: './src', schema: join(ROOT, 'schema.gql'), language: 'typescript', artifactDirectory: './__generated__' }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles the dashboard documents: pagination both ways and refetchable fragments', () => {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'relay-compiler'), { cwd: dir, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 });
    expect(readdirSync(join(dir, '__generated__')).sort()).toEqual([
      'dashboardMeetingsPaginationQuery.graphql.ts',
      'dashboardMeetings_query.graphql.ts',
      'dashboardQuery.graphql.ts',
      'dashboardRecommendationCardRefetchQuery.graphql.ts',
      'dashboardRecommendationCard_recommendation.graphql.ts',
      'dashboardRecommendationsPaginationQuery.graphql.ts',
      'dashboardRecommendations_query.graphql.ts',
    ]);
  });
});
