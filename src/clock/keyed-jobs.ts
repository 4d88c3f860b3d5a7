import schedule, { type Job } from 'node-schedule';

/**
 * node-schedule jobs by key (an event's id), at most one per key. They are triggers only: what
 * they start checks the database, and a sweep covers any job that never ran.
 */
export class KeyedJobs {
  private readonly jobs = new Map<string, Job>();

  /**
   * Runs `task` at `at`, in place of the key's job. Answers false, and schedules nothing, when `at`
   * has passed by the time node-schedule looks (it answers null then).
   */
  schedule(key: string, at: Date, task: () => void): boolean {
    this.cancel(key);
    const job = schedule.scheduleJob(at, () => {
      this.jobs.delete(key);
      task();
    });
    if (job) this.jobs.set(key, job);
    return job !== null;
  }

  /** Answers whether there was a job to cancel. */
  cancel(key: string): boolean {
    this.jobs.get(key)?.cancel();
    return this.jobs.delete(key);
  }

  has(key: string): boolean {
    return this.jobs.has(key);
  }

  get size(): number {
    return this.jobs.size;
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.cancel();
    this.jobs.clear();
  }
}
