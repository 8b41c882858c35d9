// Runs FileProcessors either in this thread or in worker threads behind one async interface.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileIndexEntries } from '../service/index.js';
import { FileProcessor } from './processor.js';
import type { LintReply, ParseReply, ProcessorInit, WorkerRequest, WorkerResponse, WriteReply } from './types.js';

export interface Processor {
  parse(): Promise<ParseReply>;
  /** Round 2 of parsing, with the index definitions round 1 found in every processor's files. */
  parseRest(definitions: FileIndexEntries[]): Promise<ParseReply>;
  lint(entries: FileIndexEntries[], fix: boolean): Promise<LintReply>;
  write(): Promise<WriteReply>;
  close(): Promise<void>;
}

export class LocalProcessor implements Processor {
  private readonly processor: FileProcessor;
  constructor(init: ProcessorInit) {
    this.processor = new FileProcessor(init);
  }
  async parse() {
    return this.processor.parse();
  }
  async parseRest(definitions: FileIndexEntries[]) {
    return this.processor.parseRest(definitions);
  }
  async lint(entries: FileIndexEntries[], fix: boolean) {
    return this.processor.lint(entries, fix);
  }
  async write() {
    return this.processor.write();
  }
  async close() {}
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class WorkerProcessor implements Processor {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(init: ProcessorInit) {
    // The worker bundle sits next to the CLI bundle (server/dist/worker.js).
    this.worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: init });
    this.worker.on('message', (message: WorkerResponse) => {
      const pending = this.pending.get(message.seq);
      if (!pending) return;
      this.pending.delete(message.seq);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(`worker: ${message.error}`));
    });
    this.worker.on('error', (error) => this.fail(new Error(`worker failed: ${error instanceof Error ? error.message : String(error)}`)));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`worker exited unexpectedly (code ${code})`));
    });
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }

  private request<T>(message: Omit<WorkerRequest, 'seq'>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, seq } as WorkerRequest);
    });
  }

  parse() {
    return this.request<ParseReply>({ op: 'parse' });
  }
  parseRest(definitions: FileIndexEntries[]) {
    return this.request<ParseReply>({ op: 'parseRest', definitions } as Omit<WorkerRequest, 'seq'>);
  }
  lint(entries: FileIndexEntries[], fix: boolean) {
    return this.request<LintReply>({ op: 'lint', entries, fix } as Omit<WorkerRequest, 'seq'>);
  }
  write() {
    return this.request<WriteReply>({ op: 'write' });
  }
  async close() {
    this.closed = true;
    await this.worker.terminate();
  }
}
