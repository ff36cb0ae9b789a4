import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ResponseCacheService } from '../src/response-cache/response-cache.service';
import { createMeeting } from './support/factories';
import { bearer, createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * GraphQL answers are compressed as the client's Accept-Encoding asks (brotli or gzip, from 1 kB),
 * both when Apollo executes them and when a cached answer is sent before Apollo, where the
 * compressed body is made once per cached answer and coding, not on every hit.
 */
const LIST = `query List($first: Int) { recommendations(first: $first) { totalCount edges { node { code title description status } } } }`;
const admin = { authorization: bearer(TEST_ADMIN_TOKEN) };

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The answer's bytes as sent (no client-side decompression), over a real connection. */
async function post(t: TestApp, encoding: string | null): Promise<RawAnswer> {
  const server = t.app.getHttpServer() as http.Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const payload = JSON.stringify({ query: LIST, variables: { first: 50 }, operationName: 'List' });
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json', 'accept-encoding': encoding ?? 'identity' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function decoded(answer: RawAnswer): string {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return zlib.brotliDecompressSync(answer.body).toString('utf8');
  if (coding === 'gzip') return zlib.gunzipSync(answer.body).toString('utf8');
  return answer.body.toString('utf8');
}

function describeCompression(cached: boolean): void {
  describe(`GraphQL answers compressed (response cache ${cached ? 'on' : 'off'})`, () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ RESPONSE_CACHE: String(cached) });
      const meeting = await createMeeting(t);
      // Enough text for an answer well over the 1 kB threshold.
      for (let i = 1; i <= 12; i++) {
        await t.gqlOk(`mutation ($m: ID!, $d: String!) { createRecommendation(input: { title: "Compressed ${i}", description: $d, kind: QUOTA, meetingId: $m }) { id } }`, {
          m: meeting.id,
          d: 'A description long enough to make the answer worth compressing. '.repeat(3),
        });
      }
    });
    afterAll(async () => {
      jest.restoreAllMocks();
      await t?.close();
    });

    it('sends the answer as it is to a client that accepts no coding', async () => {
      const plain = await post(t, null);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      expect(JSON.parse(plain.body.toString('utf8')).data.recommendations.totalCount).toBe(12);
    });

    it.each(['br', 'gzip'])('sends %s to a client that asks for it, with the same JSON, much smaller', async (coding) => {
      const plain = await post(t, null);
      const answers = [await post(t, coding), await post(t, coding)];
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.headers['content-encoding']).toBe(coding);
        expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
        expect(JSON.parse(decoded(answer))).toEqual(JSON.parse(plain.body.toString('utf8')));
        expect(answer.body.length).toBeLessThan(plain.body.length / 3);
      }
    });

    it('chooses the coding by the client\'s preference, among brotli and gzip', async () => {
      expect((await post(t, 'gzip;q=0.5, br')).headers['content-encoding']).toBe('br');
      expect((await post(t, 'br;q=0.2, gzip')).headers['content-encoding']).toBe('gzip');
      expect((await post(t, 'deflate')).headers['content-encoding']).toBe('deflate');
    });

    if (cached) {
      it('compresses a cached answer once per coding, not on every hit', async () => {
        const cache = t.app.get(ResponseCacheService);
        cache.clearLocal();
        await post(t, 'br'); // Apollo executes it, caches the answer and remembers the operation
        // From here on the answers come before Apollo, which would remember the operation again.
        const remember = jest.spyOn(cache, 'rememberOperation');
        const brotli = jest.spyOn(zlib, 'brotliCompressSync');
        const gzip = jest.spyOn(zlib, 'gzipSync');
        const hits = [await post(t, 'br'), await post(t, 'br'), await post(t, 'gzip'), await post(t, 'gzip')];
        expect(remember).not.toHaveBeenCalled();
        expect(brotli).toHaveBeenCalledTimes(1);
        expect(gzip).toHaveBeenCalledTimes(1);
        expect(hits[0].body.equals(hits[1].body)).toBe(true);
        expect(hits[2].body.equals(hits[3].body)).toBe(true);
        expect(hits[0].headers['content-length']).toBe(String(hits[0].body.length));
      });
    }
  });
}

describeCompression(false);
describeCompression(true);
