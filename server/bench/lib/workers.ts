import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export interface Worker {
  child: ChildProcess;
  call<T>(msg: object): Promise<T>;
}

/** A client-holding worker process, talked to with request/response messages. */
export function startWorker(file: string): Worker {
  const child = fork(join(__dirname, '..', file), [], {
    serialization: 'advanced',
    stdio: 'inherit',
  });
  const queue: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (m: { error?: string }) => {
    const next = queue.shift();
    if (!next) return;
    if (m.error) next.reject(new Error(m.error));
    else next.resolve(m);
  });
  child.on('exit', (code) => {
    for (const q of queue.splice(0)) q.reject(new Error(`worker exited ${code}`));
  });
  return {
    child,
    call<T>(msg: object): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ resolve: resolve as (v: unknown) => void, reject });
        child.send(msg);
      });
    },
  };
}
