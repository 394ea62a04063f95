#!/usr/bin/env node
// Runs every package's `codegen` script. With --check, regenerates into the work tree and fails
// (restoring the committed files) when any generated file differs from what is committed there.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const packagesDir = join(root, "packages");
const packages = readdirSync(packagesDir)
  .map((d) => join(packagesDir, d))
  .filter((d) => existsSync(join(d, "package.json")));
const generators = packages.filter(
  (d) => JSON.parse(readFileSync(join(d, "package.json"), "utf8")).scripts?.codegen,
);

function generatedFiles() {
  const out = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "node_modules" || name === "dist") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.gen\.[cm]?[jt]s$/.test(name)) out.set(path, readFileSync(path, "utf8"));
    }
  };
  // Generators may write into other packages (bytecode writes interp's loops): check them all.
  for (const dir of packages) walk(dir);
  return out;
}

const before = generatedFiles();
for (const dir of generators) {
  execFileSync("npm", ["run", "-s", "codegen"], { cwd: dir, stdio: "inherit" });
}
if (!check) {
  console.log(`codegen: ${generators.length} generator package(s) ran`);
  process.exit(0);
}
const after = generatedFiles();
const changed = [];
for (const [path, text] of after) if (before.get(path) !== text) changed.push(path);
for (const path of before.keys()) if (!after.has(path)) changed.push(path);
if (changed.length === 0) {
  console.log(`codegen:check: ${after.size} generated file(s) up to date`);
  process.exit(0);
}
for (const [path, text] of before) writeFileSync(path, text);
for (const path of after.keys()) if (!before.has(path)) rmSync(path);
console.error("codegen:check: these generated files are stale; run `npm run codegen` and commit:");
for (const path of changed) console.error(`  ${relative(root, path)}`);
process.exit(1);
