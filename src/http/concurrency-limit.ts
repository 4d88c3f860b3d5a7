/**
 * At most `limit` pieces of work at once; the rest wait in arrival order. Beyond the database
 * pool's width, more requests at once only hold more memory each for longer: admitted in turn,
 * each finishes sooner and its garbage dies young.
 */
export class ConcurrencyLimit {
  private inProgress = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Waits for a slot, or answers false if `signal` fires first (the request gave up). */
  async acquire(signal: AbortSignal): Promise<boolean> {
    if (this.inProgress < this.limit) {
      this.inProgress += 1;
      return true;
    }
    if (signal.aborted) return false;
    return new Promise<boolean>((resolve) => {
      const admit = () => {
        signal.removeEventListener('abort', giveUp);
        this.inProgress += 1;
        resolve(true);
      };
      const giveUp = () => {
        this.waiting.splice(this.waiting.indexOf(admit), 1);
        resolve(false);
      };
      this.waiting.push(admit);
      signal.addEventListener('abort', giveUp, { once: true });
    });
  }

  release(): void {
    this.inProgress -= 1;
    this.waiting.shift()?.();
  }

  get running(): number {
    return this.inProgress;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
