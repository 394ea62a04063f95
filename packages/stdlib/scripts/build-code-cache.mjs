#!/usr/bin/env node
// Compiles the standard modules written in Python (lib/**/*.py) into dist/code-cache.json, so the
// engine loads them without parsing. Run by the package's build, after tsup.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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

const cache = {};
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
  cache[name] = { package: isPackage, code: encodeCodeUnit(result.code) };
}
if (failed) process.exit(1);
writeFileSync(join(root, "dist", "code-cache.json"), JSON.stringify(cache));
console.log(`code cache: ${Object.keys(cache).length} modules`);
