// The model in a worker thread behind the Embedder port: the server's first start embeds thousands of texts,
// and in the main thread that held the event loop for seconds at a time (/healthz stalled 1.2–2.8 s).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Embedder, EmbeddingModelError } from './embedder.port';
import type { WorkerReply, WorkerRequest } from './embedding-worker.adapter';
import type { TransformersEmbedderOptions } from './transformers-embedder.adapter';

/** Calls of at most this many texts (a match's query) go before the remaining batches of longer ones. */
const URGENT_MAX_TEXTS = 4;

/**
 * Starts the worker half. From TypeScript sources (tsx, vitest) the worker registers tsx's require hook
 * first (Node 20 does not hand ESM loader hooks to worker threads); the bundle (npm run build) has
 * embedding-worker.adapter.js beside server.js.
 */
function startWorker(options: TransformersEmbedderOptions): Worker {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const hook = createRequire(import.meta.url).resolve('tsx/cjs/api');
    const entry = join(dirname(here), 'embedding-worker.adapter.ts');
    return new Worker(`require(${JSON.stringify(hook)}).register(); require(${JSON.stringify(entry)});`, { eval: true, workerData: options });
  }
  return new Worker(new URL('./embedding-worker.adapter.js', import.meta.url), { workerData: options });
}

type Pending = { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void };

/** Same vectors as TransformersEmbedder with the same options (the worker makes the same batches). */
export class WorkerEmbedder implements Embedder {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private broken?: Error;

  private constructor(
    private readonly worker: Worker,
    readonly modelId: string,
    readonly dim: number,
  ) {
    worker.on('message', (m: WorkerReply) => this.receive(m));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`embedding worker exited (code ${code})`)));
    // An idle worker does not keep the process alive; one with work does (see embed).
    worker.unref();
  }

  static load(options: TransformersEmbedderOptions): Promise<WorkerEmbedder> {
    const worker = startWorker(options);
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(new EmbeddingModelError(options.model, options.modelDir, `worker failed: ${err.message.split('\n')[0]}`, { cause: err }));
      worker.once('error', onError);
      worker.once('message', (m: WorkerReply) => {
        worker.off('error', onError);
        if (m.type === 'ready') resolve(new WorkerEmbedder(worker, m.modelId, m.dim));
        else {
          void worker.terminate();
          reject(new EmbeddingModelError(options.model, options.modelDir, m.type === 'load-failed' ? m.reason : `unexpected ${m.type}`));
        }
      });
    });
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (texts.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'embed', id, texts, urgent: texts.length <= URGENT_MAX_TEXTS } satisfies WorkerRequest);
    });
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return p;
  }

  private receive(m: WorkerReply): void {
    if (m.type === 'vectors') this.settle(m.id)?.resolve(m.vectors);
    else if (m.type === 'failed') this.settle(m.id)?.reject(new Error(`embedding failed: ${m.message}`));
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(this.broken);
  }

  async dispose(): Promise<void> {
    this.broken ??= new Error('embedding worker closed');
    await this.worker.terminate();
  }
}
