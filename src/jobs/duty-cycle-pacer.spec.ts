import { DutyCyclePacer } from './duty-cycle-pacer';

describe('DutyCyclePacer', () => {
  function fakeTime() {
    let now = 0;
    const pauses: number[] = [];
    return {
      pauses,
      advance: (ms: number) => void (now += ms),
      sleep: (ms: number) => {
        pauses.push(ms);
        now += ms;
        return Promise.resolve();
      },
      now: () => now,
    };
  }

  it('pauses after each step so that the steps take busyPercent of the time spanned', async () => {
    const time = fakeTime();
    const pacer = new DutyCyclePacer(10, time.sleep, time.now);
    await pacer.step(async () => time.advance(200));
    await pacer.step(async () => time.advance(50));
    const result = await pacer.step(async () => (time.advance(100), 'done'), { last: true });
    expect(result).toBe('done');
    expect(time.pauses).toEqual([1800, 450]);
    // 350 ms of work over 350 + 2,250 ms: the last step is not followed by a pause.
    expect(time.now()).toBe(2600);
  });

  it('does not pause at 100 %, and refuses a share outside (0, 100]', async () => {
    const time = fakeTime();
    const pacer = new DutyCyclePacer(100, time.sleep, time.now);
    await pacer.step(async () => time.advance(500));
    expect(time.pauses).toEqual([]);
    expect(() => new DutyCyclePacer(0)).toThrow(RangeError);
    expect(() => new DutyCyclePacer(101)).toThrow(RangeError);
  });

  it('passes a failing step through without pausing', async () => {
    const time = fakeTime();
    const pacer = new DutyCyclePacer(50, time.sleep, time.now);
    await expect(pacer.step(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(time.pauses).toEqual([]);
  });
});
