import * as fs from 'node:fs';
import * as path from 'node:path';

import { DataFolderInUseError, lockDataFolder } from '../../../lib/local/data-folder-lock';
import { createTempDir } from './build-assembly';

/** A process id far above Linux's default pid_max (4194304), so no process has it. */
const EXITED_PID = 99_999_999;

describe('lockDataFolder', () => {
  it('rejects a second lock in one process', () => {
    const dataDir = createTempDir('lock-twice');
    const release = lockDataFolder(dataDir);

    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderInUseError);
    release();
  });

  it('locks again after release', () => {
    const dataDir = createTempDir('lock-release');
    lockDataFolder(dataDir)();

    const release = lockDataFolder(dataDir);

    expect(fs.readFileSync(path.join(dataDir, 'runtime.pid'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dataDir, 'runtime.pid'))).toBe(false);
  });

  it('rejects a folder of a running process', () => {
    const dataDir = createTempDir('lock-running');
    fs.writeFileSync(path.join(dataDir, 'runtime.pid'), String(process.ppid));

    expect(() => lockDataFolder(dataDir)).toThrow(
      `Data folder ${dataDir} is in use by the local runtime with process id ${process.ppid}. Stop that runtime first (Ctrl+C in its terminal, or kill ${process.ppid}).`,
    );
  });

  it('takes over the lock of an exited process', () => {
    const dataDir = createTempDir('lock-stale');
    fs.writeFileSync(path.join(dataDir, 'runtime.pid'), String(EXITED_PID));

    const release = lockDataFolder(dataDir);

    expect(fs.readFileSync(path.join(dataDir, 'runtime.pid'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
