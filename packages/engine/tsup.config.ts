import { rmSync } from "node:fs";
import { defineConfig } from "tsup";

// The configurations build in parallel, so dist/ is emptied once here rather than by each.
rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });

const common = { sourcemap: true, clean: false, target: "node20" } as const;

export default defineConfig([
  // The library, and the engine thread's code as modules (used when the bundle is older than a
  // package): they import the other packages, as every package does.
  {
    ...common,
    entry: ["src/index.ts", "src/worker.ts"],
    format: ["esm"],
    dts: { entry: ["src/index.ts"] },
  },
  // The command's main thread: one file that never loads the engine.
  { ...common, entry: ["src/cli.ts"], format: ["esm"], splitting: false },
  // The command's engine thread: worker.cjs holds worker.ts and every @skein package (loaded with
  // a V8 code cache: src/internal/worker-bundle.ts), worker-thread.cjs is the thread's entry.
  {
    ...common,
    entry: ["src/worker.ts", "src/worker-thread.ts"],
    format: ["cjs"],
    noExternal: [/^@skein\//],
    shims: true,
    splitting: false,
  },
]);
