import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, type DataDirLock, DataDirLockedError } from './data-lock.js';

let dir: string;
const locks: DataDirLock[] = [];
const children: ChildProcess[] = [];

function lockFile() {
  return path.join(dir, 'kehui.lock');
}

function take(): DataDirLock {
  const lock = acquireDataDirLock(dir);
  locks.push(lock);
  return lock;
}

/** A child process that stays alive until killed. */
async function liveChild(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
  if (child.pid === undefined) throw new Error('child has no pid');
  return child as ChildProcess & { pid: number };
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (pid === undefined) throw new Error('child has no pid');
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kehui-lock-'));
});

afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('acquireDataDirLock', () => {
  it('takes the lock by writing its own pid into <dataDir>/kehui.lock', () => {
    const lock = take();
    expect(lock.file).toBe(lockFile());
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  });

  it('creates the data directory when it does not exist yet', () => {
    const nested = path.join(dir, 'a', 'b');
    const lock = acquireDataDirLock(nested);
    locks.push(lock);
    expect(existsSync(path.join(nested, 'kehui.lock'))).toBe(true);
  });

  it('refuses with DataDirLockedError naming the pid while another live process holds the lock', async () => {
    const child = await liveChild();
    writeFileSync(lockFile(), `${child.pid}\n`);
    let error: unknown;
    try {
      take();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const e = error as DataDirLockedError;
    expect(e.holderPid).toBe(child.pid);
    expect(e.dataDir).toBe(dir);
    expect(e.message).toContain(String(child.pid));
    expect(e.message).toContain(dir);
    // The holder's lock is left alone.
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(child.pid));

    // Once the holder is gone, the lock can be taken.
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    take();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a lock file left by a process that is no longer alive', async () => {
    const pid = await deadPid();
    expect(isAlive(pid)).toBe(false);
    writeFileSync(lockFile(), `${pid}\n`);
    take();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a lock file holding garbage', () => {
    writeFileSync(lockFile(), 'not a pid\n');
    take();
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  });

  it('removes the lock file on release, and only once', () => {
    const lock = acquireDataDirLock(dir);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    // A later holder's lock is not removed by a second release.
    const next = take();
    lock.release();
    expect(existsSync(next.file)).toBe(true);
  });
});
