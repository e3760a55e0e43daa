import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RunHolder } from './run-holder.port';

/**
 * A lease silent this long is taken over even when its process cannot be checked (another host): a run
 * renews its heartbeat after every checkpoint chunk, which takes seconds, not minutes.
 */
export const STALE_HEARTBEAT_MS = 10 * 60_000;

/** Holders are processes: alive while their pid exists on this host (signal 0 checks without signalling). */
export const processRunHolder: RunHolder = {
  newHolderId: () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  isAlive(holder, heartbeatAt, now) {
    if (now.getTime() - Date.parse(heartbeatAt) > STALE_HEARTBEAT_MS) return false;
    const [host, pid] = holder.split(':');
    if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return true;
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch (err) {
      // EPERM: the process exists but belongs to someone else.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};
