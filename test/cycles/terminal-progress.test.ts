import { describe, expect, it } from 'vitest';
import { createTerminalProgress } from '../../src/cycles/terminal-progress.adapter';
import type { Logger } from '../../src/shared/logger';

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = { info: (obj: Record<string, unknown>, msg: string) => lines.push({ ...obj, msg }) } as unknown as Logger;
  return { logger, lines };
}

describe('terminal progress', () => {
  it('draws a bar in place on a terminal and ends the step with a newline', () => {
    let written = '';
    let clock = 0;
    const { logger, lines } = recordingLogger();
    const progress = createTerminalProgress({
      stream: {
        isTTY: true,
        columns: 100,
        write: (s: string) => {
          written += s;
        },
      },
      logger,
      now: () => clock,
    });
    const task = progress.start('rank', 200);
    for (let i = 1; i <= 200; i++) {
      clock += 10;
      task.update(i);
    }
    task.finish();
    expect(written).toContain('\r\x1b[K');
    expect(written).toMatch(/rank \[█+\] 100% 200\/200/);
    expect(written.endsWith('\n')).toBe(true);
    // Redrawn at most every 80 ms, not on every update.
    expect(written.split('\r').length).toBeLessThan(40);
    expect(lines).toEqual([]);
  });

  it('writes periodic structured log lines instead when the stream is not a terminal', () => {
    let written = '';
    let clock = 0;
    const { logger, lines } = recordingLogger();
    const progress = createTerminalProgress({
      stream: {
        isTTY: false,
        write: (s: string) => {
          written += s;
        },
      },
      logger,
      logIntervalMs: 1000,
      now: () => clock,
    });
    const task = progress.start('rank', 100);
    for (let i = 1; i <= 100; i++) {
      clock += 50;
      task.update(i);
    }
    task.finish();
    expect(written).toBe('');
    // Start, then one line a second over five seconds, then the end.
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(lines[0]).toMatchObject({ step: 'rank', done: 0, total: 100, msg: 'progress' });
    expect(lines.at(-1)).toMatchObject({ step: 'rank', done: 100, total: 100, msg: 'step finished' });
  });
});
