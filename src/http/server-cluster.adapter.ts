import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../shared/logger';

const READY = 'kjfz:ready';
type ReadyMessage = { type: typeof READY; info?: Record<string, unknown> };

/** This process is the primary of a multi-process server: it supervises and serves nothing itself. */
export function isClusterPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

/** The first worker forked (or a single server): the one that starts alone. */
export function isFirstWorker(): boolean {
  return !cluster.isWorker || cluster.worker?.id === 1;
}

/** A worker tells the primary it listens and its ranking is warm (a single server: nothing to tell). */
export function announceReady(info?: Record<string, unknown>): void {
  if (cluster.isWorker) process.send?.({ type: READY, info } satisfies ReadyMessage);
}

/**
 * The primary of WORKERS > 1 (node:cluster: the workers share the port, connections are spread over them).
 * The first worker starts alone — it seeds, syncs portraits, vectors and the index files exactly as a single
 * server would; the others start once it is ready, over the same database and files, so they embed nothing
 * and load the same index. Every worker's caches follow the database's change log per request, and a worker
 * whose index is older than the database's evidence syncs before ranking (RetrievalService.catchUp), so any
 * worker answers as a single server would. A worker that dies is replaced; SIGTERM/SIGINT stop them all.
 */
export function superviseWorkers(opts: { workers: number; logger: Logger; onAllReady?: (infos: Array<Record<string, unknown>>) => void }): Promise<never> {
  const { logger } = opts;
  const infos = new Map<number, Record<string, unknown>>();
  let stopping = false;
  const fork = (n: number): Worker => {
    const worker = cluster.fork();
    worker.on('message', (m: ReadyMessage) => {
      if (m?.type !== READY) return;
      const first = infos.size === 0;
      infos.set(n, { worker: n, pid: worker.process.pid, ...m.info });
      logger.info({ worker: n, pid: worker.process.pid }, 'server worker ready');
      if (first && n === 1) for (let i = 2; i <= opts.workers; i++) fork(i);
      if (infos.size === opts.workers) opts.onAllReady?.([...infos.values()].sort((a, b) => Number(a.worker) - Number(b.worker)));
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ worker: n, code, signal }, 'server worker exited; starting another');
      infos.delete(n);
      fork(n);
    });
    return worker;
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping server workers');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    let left = alive.length;
    if (left === 0) process.exit(0);
    for (const w of alive) {
      w.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      w.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  fork(1);
  return new Promise<never>(() => {});
}
