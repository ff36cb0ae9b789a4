import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMeeting, createOrganization } from '../support/factories';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

/**
 * The analyst's notebook of docs/notebooks runs, cell by cell, against a live service (issue 27:
 * a Python example run in CI): it pages through every recommendation, and its own counts must
 * agree with progressSummary (the notebook asserts it) and with what the test recorded.
 */
const NOTEBOOK = join(__dirname, '..', '..', 'docs', 'notebooks', 'recommendations-progress.ipynb');
const RUNNER = join(__dirname, '..', '..', 'scripts', 'run-notebook.py');

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const python = hasPython();
if (!python) console.warn('[python-notebook] skipped: no python3 on this machine (CI has one)');

(python ? describe : describe.skip)('the Python notebook in docs/notebooks', () => {
  let t: TestApp;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'notebook-'));
    const meeting = await createMeeting(t);
    const organization = await createOrganization(t, { kind: 'MINISTRY' });
    // 230 recommendations: three pages of 100; 40 of them overdue, 10 moved on.
    for (let i = 0; i < 230; i++) {
      await t.gqlOk(`mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }`, {
        input: {
          title: `Рекомендация ${i}`,
          kind: 'MONITORING',
          meetingId: meeting.id,
          dueDate: i < 40 ? '2024-01-31' : '2030-12-31',
          responsibleOrganizationIds: [organization.id],
        },
      });
    }
    const { recommendations } = await t.gqlOk<{ recommendations: { edges: { node: { id: string } }[] } }>('{ recommendations(first: 10) { edges { node { id } } } }');
    for (const { node } of recommendations.edges) {
      await t.gqlOk(`mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }`, { id: node.id });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs every cell, agrees with progressSummary, and writes the CSV', async () => {
    const output = join(dir, 'recommendations.csv');
    const { stdout } = await promisify(execFile)('python3', [RUNNER, NOTEBOOK], {
      env: { ...process.env, TRACKER_URL: url, TRACKER_TOKEN: TEST_ADMIN_TOKEN, TRACKER_LANGUAGE: 'ru', TRACKER_OUTPUT: output },
      timeout: 60_000,
    });
    expect(stdout).toContain('230 recommendations');
    expect(stdout).toMatch(/agrees: 230 recommendations, 40 overdue/);
    expect(stdout).toMatch(/UNDER_REVIEW\s+10\n/);
    const csv = readFileSync(output, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(231);
    expect(csv.slice(1).every((line) => line.includes('Рекомендация'))).toBe(true);
  });

  it('fails, naming the cell, when the service refuses the token', async () => {
    const run = promisify(execFile)('python3', [RUNNER, NOTEBOOK], {
      env: { ...process.env, TRACKER_URL: url, TRACKER_TOKEN: 'rtt_not-a-token', TRACKER_OUTPUT: join(dir, 'none.csv') },
      timeout: 60_000,
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/UNAUTHENTICATED[\s\S]*cell \d+ failed/) });
  });
});
