#!/usr/bin/env node
// The pack test: pack every package as npm would publish it, install the tarballs into an empty
// temporary folder (no workspace around it), and import every entry point there. It fails on a
// broken exports map, a file missing from `dist`, or a dependency that resolves only inside the
// workspace. When @skein/engine exists, it also runs a Python program through it, and one through
// the installed `skein` command (its engine thread is a bundle of every package).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");
const work = mkdtempSync(join(tmpdir(), "skein-pack-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] }).toString();

try {
  const packages = readdirSync(packagesDir)
    .filter((d) => existsSync(join(packagesDir, d, "package.json")))
    .map((d) => JSON.parse(readFileSync(join(packagesDir, d, "package.json"), "utf8")));
  const tarballs = {};
  for (const pkg of packages) {
    const dir = join(packagesDir, pkg.name.replace("@skein/", ""));
    const out = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], dir));
    tarballs[pkg.name] = `file:${join(work, out[0].filename)}`;
  }
  const app = join(work, "app");
  run("mkdir", ["-p", app]);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({
      name: "pack-test",
      private: true,
      type: "module",
      dependencies: tarballs,
      overrides: tarballs,
    }),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--offline"], app);
  const lines = [];
  for (const pkg of packages) {
    lines.push(`import * as m${lines.length} from "${pkg.name}";`);
    lines.push(
      `if (Object.keys(m${lines.length - 1}).length === 0) throw new Error("${pkg.name} exports nothing");`,
    );
    lines.push(
      `await import("${pkg.name}/internal/index.js").then(() => { throw new Error("${pkg.name}: deep import allowed"); }, () => {});`,
    );
  }
  if (tarballs["@skein/engine"]) {
    lines.push(`import { createEngine } from "@skein/engine";`);
    lines.push(`const out = []; const engine = createEngine({ stdout: (s) => out.push(s) });`);
    lines.push(`engine.run("print(sum([i * i for i in range(10)]))");`);
    lines.push(
      `if (out.join("") !== "285\\n") throw new Error("engine printed " + JSON.stringify(out.join("")));`,
    );
  }
  writeFileSync(join(app, "check.mjs"), `${lines.join("\n")}\nconsole.log("ok");\n`);
  const result = run("node", ["check.mjs"], app).trim();
  if (result !== "ok") throw new Error(`pack test printed ${result}`);
  if (tarballs["@skein/engine"]) {
    // The installed command runs its engine thread from the bundle and its code cache, which
    // finds the packages it inlined where npm put them. (When a package was rebuilt after the
    // engine, the bundle is stale here as in the workspace, and both import the packages.)
    const bundleUse = (skein, cwd) => {
      const statsFile = join(work, "stats.json");
      const args = ["-X", `stats=${statsFile}`, "-c", "import sys; print(sys.argv)", "x"];
      const printed = run(skein, args, cwd);
      if (printed !== "['-c', 'x']\n") throw new Error(`skein printed ${JSON.stringify(printed)}`);
      return JSON.parse(readFileSync(statsFile, "utf8")).startup.codeCache;
    };
    const installed = bundleUse(join(app, "node_modules", ".bin", "skein"), app);
    const here = bundleUse(join(packagesDir, "engine", "bin", "skein.mjs"), root);
    if (installed !== here) {
      throw new Error(`the installed skein's bundle: ${installed}, the workspace's: ${here}`);
    }
  }
  console.log(`pack test: ${packages.length} packages packed, installed and imported`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
