// The worker thread's half of WorkerEmbedder (worker-embedder.adapter.ts): it loads the model here, so the
// tokenising and the session runs of a first start's thousands of texts never hold the main event loop.
// Each request is split into the very batches TransformersEmbedder.embed would make (same sort by length,
// same batch size), so its vectors are those of an in-thread call; the batches of all requests are run one
// at a time, a short request (a match's query text) going before the next batch of a long one.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { EmbeddingModelError } from './embedder.port';
import { type TokenBatch, TransformersEmbedder, type TransformersEmbedderOptions } from './transformers-embedder.adapter';

export type WorkerRequest = { type: 'embed'; id: number; texts: string[]; urgent: boolean };
export type WorkerReply =
  | { type: 'ready'; modelId: string; dim: number }
  | { type: 'load-failed'; reason: string; message: string }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'failed'; id: number; message: string };

type Job = { id: number; urgent: boolean; batches: TokenBatch[]; next: number; out: Float32Array[] };

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function serve(port: MessagePort, options: TransformersEmbedderOptions): Promise<void> {
  let embedder: TransformersEmbedder;
  try {
    embedder = await TransformersEmbedder.load(options);
  } catch (err) {
    const reason = err instanceof EmbeddingModelError ? err.reason : firstLine(err);
    port.postMessage({ type: 'load-failed', reason, message: firstLine(err) } satisfies WorkerReply);
    return;
  }
  const queue: Job[] = [];
  let pumping = false;
  const finish = (job: Job, reply: WorkerReply, transfer: ArrayBuffer[] = []) => {
    queue.splice(queue.indexOf(job), 1);
    port.postMessage(reply, transfer);
  };
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length) {
        // Messages that came in during the last batch are queued by now (setImmediate runs after the poll phase).
        await nextTurn();
        const job = queue.find((j) => j.urgent) ?? queue[0];
        if (job.next === job.batches.length) {
          finish(job, { type: 'vectors', id: job.id, vectors: job.out });
          continue;
        }
        const batch = job.batches[job.next++];
        try {
          const vectors = await embedder.runBatch(batch);
          batch.indices.forEach((j, r) => {
            job.out[j] = vectors[r];
          });
        } catch (err) {
          finish(job, { type: 'failed', id: job.id, message: firstLine(err) });
          continue;
        }
        if (job.next === job.batches.length)
          finish(
            job,
            { type: 'vectors', id: job.id, vectors: job.out },
            job.out.map((v) => v.buffer as ArrayBuffer),
          );
      }
    } finally {
      pumping = false;
    }
  };
  port.on('message', (req: WorkerRequest) => {
    let batches: TokenBatch[];
    try {
      batches = embedder.prepareBatches(req.texts);
    } catch (err) {
      port.postMessage({ type: 'failed', id: req.id, message: firstLine(err) } satisfies WorkerReply);
      return;
    }
    queue.push({ id: req.id, urgent: req.urgent, batches, next: 0, out: new Array<Float32Array>(req.texts.length) });
    void pump();
  });
  port.postMessage({ type: 'ready', modelId: embedder.modelId, dim: embedder.dim } satisfies WorkerReply);
}

if (parentPort) void serve(parentPort, workerData as TransformersEmbedderOptions);
