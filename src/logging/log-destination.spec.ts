import { Writable } from 'node:stream';
import { validateEnvironment } from '../config/environment';
import { chooseLogFormat, createPino } from './log-destination';

/** A stream keeping what is written to it. */
function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

describe('log format', () => {
  it('is readable in a terminal and JSON elsewhere, unless LOG_FORMAT says', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('LOG_FORMAT is validated at boot', () => {
    expect(validateEnvironment({}).LOG_FORMAT).toBeUndefined();
    expect(validateEnvironment({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(validateEnvironment({ LOG_FORMAT: '' }).LOG_FORMAT).toBeUndefined();
    expect(() => validateEnvironment({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT must be json or pretty/);
  });

  it('writes JSON lines, or readable lines with the level, time and message', () => {
    const json = collector();
    createPino({ level: 'info' }, 'json', json).info({ requestId: 'r1' }, 'listening');
    expect(JSON.parse(json.text())).toMatchObject({ level: 30, msg: 'listening', requestId: 'r1' });

    const pretty = collector();
    createPino({ level: 'info' }, 'pretty', pretty).warn({ requestId: 'r2' }, 'no user existed');
    const line = pretty.text();
    expect(line).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] WARN: no user existed \{"requestId":"r2"\}\n$/);
    expect(() => JSON.parse(line)).toThrow();
  });
});
