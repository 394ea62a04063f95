#!/usr/bin/env node
// Writes the boilerplate of a new workspace package: package.json, tsconfig, tsup config.
// Usage: node scripts/new-package.mjs <name> "<description>" [dep ...]
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [name, description, ...deps] = process.argv.slice(2);
if (!name || !description) {
  console.error('usage: node scripts/new-package.mjs <name> "<description>" [dep ...]');
  process.exit(2);
}
const dir = join("packages", name);
if (existsSync(join(dir, "package.json"))) {
  console.error(`${dir} exists`);
  process.exit(1);
}
mkdirSync(join(dir, "src", "internal"), { recursive: true });
mkdirSync(join(dir, "test"), { recursive: true });
const pkg = {
  name: `@skein/${name}`,
  version: "0.0.0",
  description,
  license: "MIT",
  type: "module",
  sideEffects: false,
  exports: {
    ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./package.json": "./package.json",
    "./internal/*": null,
  },
  main: "./dist/index.js",
  types: "./dist/index.d.ts",
  files: ["dist"],
  scripts: { build: "tsup", typecheck: "tsc -p tsconfig.json" },
  dependencies: Object.fromEntries(deps.map((d) => [`@skein/${d}`, "0.0.0"])),
  publishConfig: { access: "public" },
};
writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(dir, "tsconfig.json"),
  `${JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src", "test"] }, null, 2)}\n`,
);
writeFileSync(
  join(dir, "tsup.config.ts"),
  `import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
`,
);
console.log(`created ${dir}`);
