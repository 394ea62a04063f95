#!/usr/bin/env node
// Regenerates the expected output of the golden Python programs by running them under CPython
// 3.13: tests/python/<area>/<name>.py -> <name>.expected (stdout, then the exit status).
// Usage: node scripts/regen-golden.mjs [path-filter]
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { formatExpected } from "../tests/python/expected.mjs";

const root = resolve(import.meta.dirname, "..");
const corpora = [join(root, "tests", "python"), join(root, "examples")];
const filter = process.argv[2] ?? "";

function* programs(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* programs(path);
    else if (name.endsWith(".py")) yield path;
  }
}

let count = 0;
for (const path of corpora.flatMap((c) => [...programs(c)])) {
  const rel = relative(root, path);
  if (!rel.includes(filter)) continue;
  // -P: the program's folder is not put on sys.path, so a golden program named like a standard
  // module (say collections.py) cannot shadow it.
  const r = spawnSync("python3.13", ["-P", relative(dirname(path), path)], {
    cwd: dirname(path),
    env: {
      ...process.env,
      PYENV_VERSION: "3.13.0",
      PYTHONHASHSEED: "0",
      PYTHONIOENCODING: "utf-8",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  writeFileSync(path.replace(/\.py$/, ".expected"), formatExpected(r.stdout, r.status ?? 1));
  count++;
}
console.log(`regen-golden: ${count} expected files written by CPython 3.13`);
