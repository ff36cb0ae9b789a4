import { ThrottlerStorageService } from '@nestjs/throttler';
import seedrandom from 'seedrandom';
import { LocalThrottlerStorage } from './local-throttler-storage';

/**
 * LocalThrottlerStorage must count as @nestjs/throttler's ThrottlerStorageService does: the same
 * answers for the same calls at the same times, blocks and their ends included.
 */
describe('LocalThrottlerStorage', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-30T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it.each([
    ['with a block (as the service is configured)', 60_000],
    ['without a block', 0],
  ])('answers as ThrottlerStorageService does, %s', async (_name, blockDuration) => {
    const reference = new ThrottlerStorageService();
    const local = new LocalThrottlerStorage();
    const random = seedrandom(`throttler-${blockDuration}`);
    let refused = 0;
    try {
      for (let i = 0; i < 5_000; i++) {
        const key = `caller-${Math.floor(random() * 3)}`;
        const throttler = random() < 0.8 ? 'default' : 'burst';
        const ttl = throttler === 'default' ? 60_000 : 1_000;
        const limit = throttler === 'default' ? 40 : 5;
        const args = [key, ttl, limit, blockDuration, throttler] as const;
        const answer = await local.increment(...args);
        expect(answer).toEqual(await reference.increment(...args));
        if (answer.isBlocked) refused++;
        // Bursts, pauses, and now and then a wait past the window or the block.
        jest.advanceTimersByTime(random() < 0.01 ? 61_000 : Math.floor(random() * random() * 2_000));
      }
      // The script reaches the limits, and gets past them again.
      expect(refused).toBeGreaterThan(20);
      expect(refused).toBeLessThan(4_000);
    } finally {
      reference.onApplicationShutdown();
      local.onApplicationShutdown();
    }
  });

  it('counts a window of 120,000 hits (expired ones dropped from the front, the list compacted)', async () => {
    const local = new LocalThrottlerStorage();
    try {
      let last = await local.increment('busy', 60_000, 1_000_000, 60_000, 'default');
      // 300,000 hits over 150 s: the window keeps 120,000 of them at a time.
      for (let i = 1; i < 300_000; i++) {
        if (i % 2 === 0) jest.advanceTimersByTime(1);
        last = await local.increment('busy', 60_000, 1_000_000, 60_000, 'default');
      }
      expect(last.totalHits).toBe(120_000);
      expect(last.isBlocked).toBe(false);
    } finally {
      local.onApplicationShutdown();
    }
  });
});
