import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does nothing to stop two processes opening one data folder, and two openers corrupt
 * it. A lock file with the owner's pid keeps the second one out; a stale lock (dead pid) is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'asylon.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(
        file,
        JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }),
        {
          flag: 'wx',
        },
      );
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // An unreadable lock is treated like a held one unless its pid can be shown dead.
      }
      if (typeof holder.pid === 'number' && holder.pid !== process.pid && !alive(holder.pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new DataDirLockedError(
        `The data folder ${dataDir} is in use by another Asylon process (pid ${holder.pid ?? '?'}, ${holder.purpose ?? 'unknown'}). ` +
          'The embedded database allows one process at a time: stop that process first, or do this through the running server (web app or API). ' +
          'For several processes at once, run Asylon on PostgreSQL.',
      );
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}.`);
}
