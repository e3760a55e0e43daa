// Long synchronous loops on the server's thread (portraits, the HNSW build at start-up) give the event loop a
// turn every few milliseconds, so /healthz and the pages answer while they run.

/** Resolves on the next turn of the event loop, after pending I/O callbacks (setImmediate, not a microtask). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A pause to await inside a loop: it yields only when `sliceMs` have passed since the last yield, so a
 * fast loop pays almost nothing for it.
 */
export function createTimeSlicer(sliceMs = 15): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < sliceMs) return undefined;
    return yieldToEventLoop().then(() => {
      since = performance.now();
    });
  };
}
