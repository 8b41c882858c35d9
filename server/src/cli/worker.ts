// Worker thread entry (bundled to server/dist/worker.js): hosts one FileProcessor for its share
// of the run's files. It reads its files itself; only index entries and findings cross the channel.
import { parentPort, workerData } from 'node:worker_threads';
import { FileProcessor } from './processor.js';
import type { ProcessorInit, WorkerRequest, WorkerResponse } from './types.js';

const port = parentPort;
if (!port) throw new Error('worker.js must run as a worker thread');
const processor = new FileProcessor(workerData as ProcessorInit);

port.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const result =
      request.op === 'parse'
        ? processor.parse()
        : request.op === 'parseRest'
          ? processor.parseRest(request.definitions)
          : request.op === 'lint'
            ? processor.lint(request.entries, request.fix)
            : processor.write();
    response = { seq: request.seq, ok: true, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response = { seq: request.seq, ok: false, error: message.split('\n')[0] ?? message };
  }
  port.postMessage(response);
});
