import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as turn } from 'node:timers/promises';
import type { AppConfig } from '../../config/app-config.service';
import { RequestAdmission } from './request-admission';

/** What RequestAdmission and on-headers use of a response: its events and writeHead. */
class FakeResponse extends EventEmitter {
  writeHead(): this {
    return this;
  }
}

function admissionOf(limit: number): RequestAdmission {
  return new RequestAdmission({ get: () => limit } as unknown as AppConfig);
}

describe('RequestAdmission', () => {
  const exempt = (req: IncomingMessage) => req.url === '/health';
  let admission: RequestAdmission;
  let middleware: ReturnType<RequestAdmission['admit']>;
  const started: string[] = [];

  /** A request to `url` through the middleware; `res` ends it, `started` records when it is worked on. */
  function request(url: string) {
    const res = new FakeResponse();
    middleware({ url, headers: {} } as IncomingMessage, res as unknown as ServerResponse, () => started.push(url));
    return { res, answer: () => res.writeHead(), close: () => res.emit('close') };
  }

  beforeEach(() => {
    admission = admissionOf(2);
    middleware = admission.admit(exempt);
    started.length = 0;
  });

  it('works on up to the limit at once and holds the others, first come first served', async () => {
    const [a, b] = [request('/a'), request('/b')];
    request('/c');
    request('/d');
    expect(started).toEqual(['/a', '/b']);
    expect([admission.inProgress, admission.queued]).toEqual([2, 2]);

    b.answer();
    await turn();
    expect(started).toEqual(['/a', '/b', '/c']);
    expect([admission.inProgress, admission.queued]).toEqual([2, 1]);

    a.answer();
    await turn();
    expect(started).toEqual(['/a', '/b', '/c', '/d']);
    expect([admission.inProgress, admission.queued]).toEqual([2, 0]);
  });

  it('frees a slot once, whether the answer starts, the connection closes, or both', async () => {
    const a = request('/a');
    request('/b');
    a.answer();
    a.close();
    a.answer();
    await turn();
    expect(admission.inProgress).toBe(1);
    request('/c');
    request('/d');
    expect(started).toEqual(['/a', '/b', '/c']);
    expect([admission.inProgress, admission.queued]).toEqual([2, 1]);
  });

  it('a slot freed with nobody waiting is given up', async () => {
    const [a, b] = [request('/a'), request('/b')];
    a.close();
    b.answer();
    await turn();
    expect(admission.inProgress).toBe(0);
    request('/c');
    expect(started).toEqual(['/a', '/b', '/c']);
  });

  it('never works on a request whose client left while it waited, and passes its turn on', async () => {
    const a = request('/a');
    request('/b');
    const gone = request('/gone');
    request('/c');
    gone.close();
    expect(admission.queued).toBe(1);
    a.answer();
    await turn();
    expect(started).toEqual(['/a', '/b', '/c']);
    expect(admission.inProgress).toBe(2);
  });

  it('passes the turn on when the client leaves after its slot was handed over but before it ran', async () => {
    const a = request('/a');
    request('/b');
    const late = request('/late');
    request('/c');
    a.answer(); // the slot goes to /late on the next turn…
    late.close(); // …which has gone by then
    await turn();
    await turn();
    expect(started).toEqual(['/a', '/b', '/c']);
    expect([admission.inProgress, admission.queued]).toEqual([2, 0]);
  });

  it('lets exempt requests through at once, without a slot', () => {
    request('/a');
    request('/b');
    request('/health');
    expect(started).toEqual(['/a', '/b', '/health']);
    expect([admission.inProgress, admission.queued]).toEqual([2, 0]);
  });
});
