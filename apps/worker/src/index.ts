// The worker's public door: the API imports it to run the worker in-process in embedded mode, so
// nothing here may do anything on import.
export { startWorker, type WorkerOptions, type RunningWorker } from './start-worker.ts';
export { DispatchLoop } from './dispatch-loop.ts';
export { logSubscriber } from './log-subscriber.ts';
export { workerDefinitions, type WorkerDefinitions } from './worker-definitions.ts';
