/**
 * Keeping the cluster between CLI commands: one JSON file in a data directory, replaced
 * atomically (write a temporary file, flush it to disk, rename it over the old one, flush the
 * directory). A crash at any point leaves either the old state or the new one, never a torn
 * file, so nothing a command reported as done can be lost. A lock file keeps two commands
 * from interleaving their read-modify-write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newCluster, type ClusterState } from './state';

const STATE_FILE = 'state.json';
const LOCK_FILE = 'lock';

/** Reads the cluster from `dataDir`, or starts a new one when the directory has none. */
export function loadCluster(dataDir: string): ClusterState {
  const file = path.join(dataDir, STATE_FILE);
  if (!fs.existsSync(file)) return newCluster();
  let state: ClusterState;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterState;
  } catch (error) {
    throw new Error(`${file}: cannot read the cluster state: ${(error as Error).message}. Remove the directory to start a new cluster.`);
  }
  if (state.format !== 1) throw new Error(`${file}: format ${String(state.format)} is not supported (expected 1). Remove the directory to start a new cluster.`);
  return state;
}

/** Writes the cluster to `dataDir` atomically; returns once the new state is on disk. */
export function saveCluster(dataDir: string, state: ClusterState): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeFileSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  // The rename itself lives in the directory; flush it too, or a power cut may undo it.
  const dir = fs.openSync(dataDir, 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/** Runs `work` while holding the data directory's lock; a lock left by a dead process is taken over. */
export function withClusterLock<T>(dataDir: string, work: () => T): T {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (!isAlive(holder)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (attempt > 200) throw new Error(`${lock}: the cluster is in use by process ${holder}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
