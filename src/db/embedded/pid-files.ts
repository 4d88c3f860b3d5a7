import { readFileSync } from 'node:fs';

/**
 * A pid file's lines (pitchside.pid: the pid; postmaster.pid: the pid, the data directory, …, the
 * postmaster's state on the eighth), or undefined when there is none.
 */
export function pidFileLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/**
 * The pid a pid file names, when that process is alive and its command line names `program` (a pid
 * reused by something else is not it). A command line that cannot be read counts as the program.
 */
export function livePidIn(file: string, program: string): number | undefined {
  const pid = Number(pidFileLines(file)?.[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return undefined;
  return commandOf(pid)?.includes(program) === false ? undefined : pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command line (Linux's /proc), or undefined where it cannot be read. */
export function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}
