import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { CrashGuard } from './crash-guard';
import type { PinoLoggerService } from './pino-logger.service';

/** A response as far as the guard uses it. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  headers: Record<string, string> = {};
  body: string | null = null;
  destroyed = false;
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  end(body: string) {
    this.body = body;
    this.headersSent = true;
  }
  destroy() {
    this.destroyed = true;
  }
}

function guardWithLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message });
  const logger = { pino: { error: at('error'), fatal: at('fatal'), flush: () => undefined } } as unknown as PinoLoggerService;
  return { guard: new CrashGuard(logger), lines };
}

describe('CrashGuard', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    process.exitCode = undefined;
  });

  it('logs an uncaught exception with the ids of the requests in flight, answers each a coded 500, then exits with 1', () => {
    const { guard, lines } = guardWithLog();
    const waiting = new FakeResponse();
    const streaming = Object.assign(new FakeResponse(), { headersSent: true });
    const done = new FakeResponse();
    guard.track('req-waiting', waiting as unknown as ServerResponse);
    guard.track('req-streaming', streaming as unknown as ServerResponse);
    guard.track('req-done', done as unknown as ServerResponse);
    done.emit('close');
    const exit = jest.fn();

    guard.uncaughtException(new Error('too many bytes in the stream'), 'uncaughtException', exit);

    expect(lines).toEqual([
      expect.objectContaining({ level: 'fatal', fields: expect.objectContaining({ inFlightRequestIds: ['req-waiting', 'req-streaming'] }) }),
    ]);
    expect((lines[0].fields.err as Error).message).toBe('too many bytes in the stream');
    expect(waiting.statusCode).toBe(500);
    expect(JSON.parse(waiting.body!)).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId: 'req-waiting' } });
    expect(streaming.destroyed).toBe(true);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('logs an unhandled rejection and keeps serving', () => {
    const { guard, lines } = guardWithLog();
    const waiting = new FakeResponse();
    guard.track('req-1', waiting as unknown as ServerResponse);
    guard.unhandledRejection(new Error('nobody awaited me'));
    expect(lines).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ inFlightRequestIds: ['req-1'] }) })]);
    expect(waiting.body).toBeNull();
    expect(process.exitCode).toBeUndefined();
  });
});
