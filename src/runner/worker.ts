/**
 * Worker-thread entry for `--jobs N`: runs scenarios one at a time with its own module graph,
 * hence its own nock and its own mocked targets. Receives {@link ExecuteRequest}s, answers
 * {@link ExecuteOutcome}s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { execute, type ExecuteRequest, type Pipeline } from './execute.js';

interface WorkerData {
  /** Module exporting `runOnDemand`; absent: the real pipeline. */
  pipelineModule?: string;
}

const data = (workerData ?? {}) as WorkerData;
const pipeline: Pipeline | undefined = data.pipelineModule
  ? ((await import(data.pipelineModule)) as { runOnDemand: Pipeline }).runOnDemand
  : undefined;

// One scenario at a time, in the order sent (the pool sends the next before this one ends): two
// mocked targets on one host cannot be open at once.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: { id: number; request: ExecuteRequest }) => {
  queue = queue.then(() => execute(message.request, pipeline).then((outcome) => parentPort?.postMessage({ id: message.id, outcome })));
});
