#!/usr/bin/env node
// Compiles the standard modules written in Python (lib/**/*.py) into dist/code-cache/ (index.json
// and one <module>.json each), so the engine loads them without parsing, reading only the modules
// a program imports. Run by the package's build, after tsup.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { compile } from "@skein/compiler";
import { encodeCodeUnit } from "../dist/index.js";

const root = resolve(import.meta.dirname, "..");
const lib = join(root, "lib");

function* sources(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith(".py")) yield path;
  }
}

const index = {};
const codes = {};
let failed = false;
for (const path of sources(lib)) {
  const rel = relative(lib, path).replaceAll("\\", "/");
  const isPackage = rel.endsWith("/__init__.py");
  const name = (isPackage ? rel.slice(0, -"/__init__.py".length) : rel.slice(0, -3)).replaceAll(
    "/",
    ".",
  );
  const result = compile(readFileSync(path, "utf8"), `<stdlib>/${rel}`, "exec");
  if (!result.ok) {
    const e = result.error;
    console.error(`${rel}:${e.lineno}:${e.offset}: ${e.type}: ${e.msg}`);
    failed = true;
    continue;
  }
  index[name] = { package: isPackage };
  codes[name] = encodeCodeUnit(result.code);
}
if (failed) process.exit(1);
const dir = join(root, "dist", "code-cache");
rmSync(dir, { recursive: true, force: true });
rmSync(join(root, "dist", "code-cache.json"), { force: true }); // the former single-file form
mkdirSync(dir, { recursive: true });
for (const [name, code] of Object.entries(codes)) {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(code));
}
writeFileSync(join(dir, "index.json"), JSON.stringify(index));
console.log(`code cache: ${Object.keys(index).length} modules`);
