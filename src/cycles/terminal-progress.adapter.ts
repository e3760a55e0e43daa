import type { Logger } from '../shared/logger';
import type { ProgressReporter, ProgressTask } from './progress.port';

export type ProgressStream = {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
};

export type TerminalProgressOptions = {
  /** Usually process.stderr: stdout carries the JSON summary and must stay clean. */
  stream: ProgressStream;
  /** Where the structured lines go when the stream is not a terminal (CI, pipes, log files). */
  logger: Logger;
  /** Minimum gap between two log lines of one step when not on a terminal. */
  logIntervalMs?: number;
  now?: () => number;
};

const BAR_WIDTH = 28;
const REDRAW_MS = 80;

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '--';
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

/**
 * A bar per step on a terminal (redrawn in place, at most every 80 ms); when the stream is not a TTY, one
 * structured log line at the start, every `logIntervalMs` and at the end of each step instead, so
 * redirected output is not flooded with carriage returns.
 */
export function createTerminalProgress(opts: TerminalProgressOptions): ProgressReporter {
  const now = opts.now ?? (() => performance.now());
  const tty = opts.stream.isTTY === true;
  const logEvery = opts.logIntervalMs ?? 2000;

  return {
    start(label: string, initialTotal: number): ProgressTask {
      const started = now();
      let total = initialTotal;
      let done = 0;
      let lastDraw = -Infinity;
      let finished = false;

      const rate = () => {
        const elapsed = (now() - started) / 1000;
        return elapsed > 0 ? done / elapsed : 0;
      };
      const draw = (force: boolean) => {
        const t = now();
        if (!force && t - lastDraw < (tty ? REDRAW_MS : logEvery)) return;
        lastDraw = t;
        const fraction = total > 0 ? Math.min(1, done / total) : 1;
        const r = rate();
        const eta = r > 0 ? (total - done) / r : Number.NaN;
        if (tty) {
          const filled = Math.round(fraction * BAR_WIDTH);
          const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
          const line =
            `${label} [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${done}/${total}` + ` · ${r >= 10 ? Math.round(r) : r.toFixed(1)}/s · ETA ${formatSeconds(eta)}`;
          const width = opts.stream.columns ?? 120;
          opts.stream.write(`\r\x1b[K${line.slice(0, Math.max(20, width - 1))}`);
        } else {
          opts.logger.info({ step: label, done, total, percent: Math.floor(fraction * 100), perSecond: Number(r.toFixed(2)) }, 'progress');
        }
      };
      draw(true);

      return {
        update(nextDone: number, nextTotal?: number) {
          if (finished) return;
          done = nextDone;
          if (nextTotal !== undefined) total = nextTotal;
          draw(false);
        },
        finish() {
          if (finished) return;
          finished = true;
          if (tty) {
            draw(true);
            opts.stream.write(` · ${formatSeconds((now() - started) / 1000)}\n`);
          } else {
            opts.logger.info({ step: label, done, total, seconds: Number(((now() - started) / 1000).toFixed(2)) }, 'step finished');
          }
        },
      };
    },
  };
}
