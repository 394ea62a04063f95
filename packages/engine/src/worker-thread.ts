// The entry of the `skein` command's engine thread (built as dist/worker-thread.cjs, CommonJS, so
// that the thread needs no ES module loader): it loads the worker bundle with its code cache (or
// the packages as modules when the bundle is stale) and runs it. On a main thread it only exports
// the build's step, writeWorkerCodeCache.
import { isMainThread, workerData } from "node:worker_threads";
import { loadWorker } from "./internal/worker-bundle.js";

export { writeWorkerCodeCache } from "./internal/worker-bundle.js";

if (!isMainThread) {
  loadWorker(__dirname).then(({ exports, startup }) => exports.runWorker(workerData, startup));
}
