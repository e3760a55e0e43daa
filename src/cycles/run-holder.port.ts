/**
 * Names the running invocation for the cycle's run lease and judges whether another holder is still alive
 * (a process killed with -9 never releases its lease).
 */
export interface RunHolder {
  /** A fresh holder id for one execution: `<host>:<pid>:<nonce>`. */
  newHolderId(): string;
  /** False when the holder is known dead (its process is gone) or silent for longer than a run can be. */
  isAlive(holder: string, heartbeatAt: string, now: Date): boolean;
}
