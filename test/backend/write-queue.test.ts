import { describe, expect, it } from 'vitest';
import { createWriteQueue } from '../../electron/backend/write-queue';

describe('write queue', () => {
  it('runs jobs one after another in arrival order, and a failure does not stop the next', async () => {
    const enqueue = createWriteQueue();
    const log: string[] = [];
    const job =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([enqueue(job('a')), enqueue(job('b', true)), enqueue(job('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
