import * as fs from 'node:fs';
import * as path from 'node:path';

const LOCK_FILE = 'runtime.pid';

/** Data folders locked by this process, which the pid in the lock file cannot tell apart. */
const lockedHere = new Set<string>();

export class DataFolderInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Data folder ${dataDir} is in use by the local runtime with process id ${pid}. Stop that runtime first (Ctrl+C in its terminal, or kill ${pid}).`);
    this.name = 'DataFolderInUseError';
  }
}

/**
 * Claims the data folder for this process and returns the release function.
 * Two runtimes on one folder would corrupt the DynamoDB data and the
 * execution checkpoints, and dynalite crashes on the second one's first
 * request. A lock file whose process has exited is taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  const folder = path.resolve(dataDir);
  const file = path.join(folder, LOCK_FILE);
  fs.mkdirSync(folder, { recursive: true });

  const owner = readOwner(file);
  if (lockedHere.has(folder)) {
    throw new DataFolderInUseError(dataDir, process.pid);
  }
  if (owner !== undefined && owner !== process.pid && isRunning(owner)) {
    throw new DataFolderInUseError(dataDir, owner);
  }

  fs.writeFileSync(file, String(process.pid));
  lockedHere.add(folder);
  return () => {
    lockedHere.delete(folder);
    if (readOwner(file) === process.pid) {
      fs.rmSync(file, { force: true });
    }
  };
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
