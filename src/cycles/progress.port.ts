/**
 * Progress of the long steps of a cycle run (sync, ranking, storing). The batch shows a bar on a terminal
 * and periodic log lines otherwise; tests pass `silentProgress`.
 */
export interface ProgressReporter {
  start(label: string, total: number): ProgressTask;
}

export interface ProgressTask {
  /** Absolute count done so far (a total may be corrected when it was only an estimate). */
  update(done: number, total?: number): void;
  finish(): void;
}

const noopTask: ProgressTask = { update() {}, finish() {} };
export const silentProgress: ProgressReporter = { start: () => noopTask };
