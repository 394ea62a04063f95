#!/usr/bin/env node
// Compares @skein/compiler's dumpAst(parse(src)) with `python3.13 -m ast -a` (ast.dump with
// include_attributes=True, indent=3, type_comments=True) for every .py file of CPython's Lib/.
// CPython's dumps are made in one batch process and cached in a temp dir.
// Usage: npx tsx scripts/ast-compare.mjs [--test] [--show N] [--filter SUBSTR] [--time]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { decodeSource, dumpAst, parse } from "../packages/compiler/src/index.ts";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const includeTests = args.includes("--test");
const show = Number(opt("--show", "5"));
const filter = opt("--filter", "");
const env = { ...process.env, PYENV_VERSION: "3.13.0" };
const python = "python3.13";

const stdlib = execFileSync(
  python,
  ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
  {
    env,
    encoding: "utf8",
  },
).trim();

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name === "site-packages" || name === "__pycache__") continue;
      walk(p, out);
    } else if (name.endsWith(".py")) out.push(p);
  }
  return out;
}

const all = walk(stdlib, []).filter((p) => p.includes(filter));
const isTest = (p) => relative(stdlib, p).split("/").includes("test");
const groups = { lib: all.filter((p) => !isTest(p)), test: includeTests ? all.filter(isTest) : [] };

// CPython's dumps, in one batch process.
const cache = join(tmpdir(), "skein-ast-compare");
mkdirSync(cache, { recursive: true });
const key = (p) => join(cache, `${relative(stdlib, p).replace(/\//g, "__")}.txt`);
const missing = [...groups.lib, ...groups.test].filter((p) => !existsSync(key(p)));
if (missing.length > 0) {
  const script = `
import ast, sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin:
    src, dst = line.rstrip("\\n").split("\\t")
    try:
        with open(src, "rb") as f:
            tree = ast.parse(f.read(), src, "exec", type_comments=True)
        out = ast.dump(tree, include_attributes=True, indent=3)
    except BaseException as e:
        out = "!ERROR " + type(e).__name__
    with open(dst, "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(out)
`;
  execFileSync(python, ["-c", script], {
    env,
    input: missing.map((p) => `${p}\t${key(p)}`).join("\n"),
    stdio: ["pipe", "inherit", "inherit"],
    maxBuffer: 1 << 30,
  });
}

let totalLines = 0;
let totalMs = 0;
for (const [group, files] of Object.entries(groups)) {
  if (files.length === 0) continue;
  let match = 0;
  let skipped = 0;
  const failures = [];
  for (const file of files) {
    const expected = readFileSync(key(file), "utf8");
    if (expected.startsWith("!ERROR")) {
      skipped++;
      continue;
    }
    const src = decodeSource(readFileSync(file));
    const t0 = performance.now();
    let actual;
    try {
      const r = parse(src, file, "exec", { typeComments: true });
      totalMs += performance.now() - t0;
      actual = r.ok
        ? dumpAst(r.ast, { indent: 3, includeAttributes: true })
        : `!SYNTAXERROR ${JSON.stringify(r.error)}`;
    } catch (e) {
      actual = `!CRASH ${e?.stack ?? e}`;
    }
    totalLines += src.split("\n").length;
    if (actual === expected) match++;
    else failures.push([file, expected, actual]);
  }
  console.log(
    `${group}: ${match}/${files.length - skipped} files match (${skipped} skipped: CPython cannot parse them)`,
  );
  for (const [file, expected, actual] of failures.slice(0, show)) {
    const el = expected.split("\n");
    const al = actual.split("\n");
    let i = 0;
    while (i < el.length && el[i] === al[i]) i++;
    console.log(`  ${relative(stdlib, file)}: line ${i + 1}`);
    console.log(`    cpython: ${el.slice(Math.max(0, i - 2), i + 3).join("\n             ")}`);
    console.log(`    skein:   ${al.slice(Math.max(0, i - 2), i + 3).join("\n             ")}`);
  }
  if (args.includes("--list"))
    for (const [f] of failures) console.log(`  FAIL ${relative(stdlib, f)}`);
}
console.log(
  `parse: ${totalLines} lines in ${totalMs.toFixed(0)} ms (${Math.round(totalLines / (totalMs / 1000))} lines/s)`,
);
