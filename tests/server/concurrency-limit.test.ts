import { ConcurrencyLimit } from '../../src/http/concurrency-limit';

const never = () => new AbortController().signal;
const settledNow = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
};

describe('ConcurrencyLimit', () => {
  it('admits up to its limit at once and the rest in arrival order as slots free up', async () => {
    const limit = new ConcurrencyLimit(2);
    expect(await limit.acquire(never())).toBe(true);
    expect(await limit.acquire(never())).toBe(true);
    const admitted: string[] = [];
    const third = limit.acquire(never()).then(() => admitted.push('third'));
    const fourth = limit.acquire(never()).then(() => admitted.push('fourth'));
    expect(await settledNow(third)).toBe(false);
    expect({ running: limit.running, queued: limit.queued }).toEqual({ running: 2, queued: 2 });

    limit.release();
    await third;
    expect(admitted).toEqual(['third']);
    expect({ running: limit.running, queued: limit.queued }).toEqual({ running: 2, queued: 1 });
    limit.release();
    await fourth;
    expect(admitted).toEqual(['third', 'fourth']);
  });

  it('lets a waiter give up when its signal fires, without taking a slot or losing its turn to others', async () => {
    const limit = new ConcurrencyLimit(1);
    await limit.acquire(never());
    const giveUp = new AbortController();
    const impatient = limit.acquire(giveUp.signal);
    const patient = limit.acquire(never());
    giveUp.abort();
    expect(await impatient).toBe(false);
    expect(limit.queued).toBe(1);

    limit.release();
    expect(await patient).toBe(true);
    expect({ running: limit.running, queued: limit.queued }).toEqual({ running: 1, queued: 0 });
  });

  it('does not queue a waiter whose signal has already fired', async () => {
    const limit = new ConcurrencyLimit(1);
    await limit.acquire(never());
    const gaveUp = new AbortController();
    gaveUp.abort();
    expect(await limit.acquire(gaveUp.signal)).toBe(false);
    expect(limit.queued).toBe(0);
  });
});
