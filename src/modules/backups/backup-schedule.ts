import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../clock/clock';
import type { BackupSettings } from '../../config/config';
import { exportDatabase, type TableCounts } from '../../db/backup';
import type { Database } from '../../db/database';
import type { Logger } from '../../logging/logger';
import type { BackgroundJob } from '../manifest';

const HOUR_MS = 60 * 60_000;

export interface WrittenBackup {
  file: string;
  counts: TableCounts;
}
/** After a start with no recent backup, the first one waits this long, so start-up is not slowed. */
const FIRST_DELAY_MS = 60_000;
const NAME = /^pitchside-(\d{8}T\d{6}Z)\.ndjson$/;

/** 2026-11-28T18:00:00.000Z → pitchside-20261128T180000Z.ndjson: names sort as times do. */
const fileNameAt = (at: Date) => `pitchside-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}.ndjson`;

/**
 * Scheduled backups (BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP): the database's export
 * (src/db/backup.ts), written to a temporary file, flushed to disk and renamed into place, so a
 * backup file is always whole; then all but the newest BACKUP_KEEP are deleted.
 */
export class BackupSchedule implements BackgroundJob {
  readonly name = 'backups';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<WrittenBackup> | undefined;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly settings: BackupSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await mkdir(this.settings.dir, { recursive: true });
    const newest = (await this.backups())[0];
    const dueAt = newest ? (await stat(path.join(this.settings.dir, newest))).mtimeMs + this.settings.intervalHours * HOUR_MS : 0;
    this.next(Math.max(FIRST_DELAY_MS, dueAt - this.clock.now().getTime()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Takes a backup now (one at a time); answers its file and counts. */
  backUp(): Promise<WrittenBackup> {
    this.running ??= this.write().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Backup files in the directory, newest first. */
  async backups(): Promise<string[]> {
    return (await readdir(this.settings.dir)).filter((name) => NAME.test(name)).sort().reverse();
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.backUp()
        .catch((error) => this.logger.error({ err: error }, 'backup failed; the next one is at the usual time'))
        .finally(() => this.next(this.settings.intervalHours * HOUR_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async write(): Promise<WrittenBackup> {
    const file = path.join(this.settings.dir, fileNameAt(this.clock.now()));
    const partial = `${file}.partial`;
    const out = createWriteStream(partial);
    try {
      await once(out, 'open');
      const counts = await exportDatabase(this.database, out);
      out.end();
      await once(out, 'finish');
      await syncFile(partial);
      await rename(partial, file);
      await syncFile(this.settings.dir);
      await this.prune();
      this.logger.info({ file, counts }, 'backup written');
      return { file, counts };
    } catch (error) {
      out.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** Keeps the newest BACKUP_KEEP backups; also clears what a crash mid-backup left behind (this one's is renamed by now). */
  private async prune(): Promise<void> {
    const old = (await this.backups()).slice(this.settings.keep);
    const partials = (await readdir(this.settings.dir)).filter((name) => name.startsWith('pitchside-') && name.endsWith('.ndjson.partial'));
    for (const name of [...old, ...partials]) await rm(path.join(this.settings.dir, name), { force: true });
  }
}

/** fsync a file or a directory, so a rename is on disk before it is reported. */
async function syncFile(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
