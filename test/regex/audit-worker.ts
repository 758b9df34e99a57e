// Worker of the regular-expression audit: runs one pattern over inputs it builds itself and
// reports the time of each run. Run in a worker so that a catastrophic pattern can be stopped.
import { parentPort } from 'node:worker_threads';

export interface AuditJob {
  readonly source: string;
  readonly flags: string;
  readonly inputs: readonly { readonly head: string; readonly unit: string; readonly tail: string }[];
  readonly size: number;
}

parentPort!.on('message', (job: AuditJob) => {
  const re = new RegExp(job.source, job.flags);
  for (let k = 0; k < job.inputs.length; k++) {
    const { head, unit, tail } = job.inputs[k]!;
    const text = head + unit.repeat(Math.ceil(job.size / unit.length)) + tail;
    const t = performance.now();
    if (re.global || re.sticky) {
      re.lastIndex = 0;
      // Every match, as replace() and split() would find them.
      let m: RegExpExecArray | null;
      let guard = 0;
      while ((m = re.exec(text)) !== null && guard++ < 5_000_000) if (m[0] === '') re.lastIndex++;
    } else re.exec(text);
    parentPort!.postMessage({ index: k, ms: performance.now() - t });
  }
  parentPort!.postMessage({ done: true });
});
