// Runs every generator of @skein/bytecode over defs/bytecodes.ts and writes the generated files
// (formatted with the repository's biome settings, so `npm run lint` accepts them as they are).
// Usage: tsx codegen/main.ts [--check]   (--check: fail if a file would change; write nothing)
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Analysis, analyze, readEnvInfo } from "./analyzer.js";
import { readLayoutConstants } from "./loop-constants.js";
import { generateMetadata, generateOpcodes } from "./metadata-generator.js";
import { parseDefs } from "./parse-defs.js";
import { generateTier1 } from "./tier1-generator.js";
import { generateTier2 } from "./tier2-generator.js";

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_DIR = resolve(PACKAGE_DIR, "../..");

/** The definition files, in order: the generic instructions, then the specialized family members. */
export const DEF_FILES = ["defs/bytecodes.ts", "defs/specialized.ts"];

/** The analysis of the committed definitions. */
export function loadAnalysis(): Analysis {
  const env = readEnvInfo(readFileSync(join(PACKAGE_DIR, "src/tier1-env.ts"), "utf8"));
  const parsed = DEF_FILES.map((f) =>
    parseDefs(readFileSync(join(PACKAGE_DIR, f), "utf8"), f.slice("defs/".length)),
  );
  return analyze({ file: parsed[0]!.file, defs: parsed.flatMap((p) => p.defs) }, env);
}

/** Every generated file: absolute path -> unformatted text. */
export function generateAll(analysis = loadAnalysis()): Map<string, string> {
  return new Map([
    [join(PACKAGE_DIR, "src/generated/opcodes.gen.ts"), generateOpcodes(analysis)],
    [join(PACKAGE_DIR, "src/generated/metadata.gen.ts"), generateMetadata(analysis)],
    [
      join(REPO_DIR, "packages/interp/src/generated/tier1.gen.ts"),
      generateTier1(analysis, readLayoutConstants(REPO_DIR)),
    ],
    [
      join(REPO_DIR, "packages/interp/src/generated/tier2.gen.ts"),
      generateTier2(analysis, readLayoutConstants(REPO_DIR)),
    ],
  ]);
}

/** Format TypeScript source with biome (the repository's configuration). */
export function format(path: string, text: string): string {
  const biome = join(REPO_DIR, "node_modules/.bin/biome");
  return execFileSync(biome, ["format", `--stdin-file-path=${relative(REPO_DIR, path)}`], {
    cwd: REPO_DIR,
    input: text,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Every generated file formatted: path -> text. */
export function generateFormatted(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of generateAll()) out.set(path, format(path, text));
  return out;
}

function main(): void {
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  for (const [path, text] of generateFormatted()) {
    let old: string | null = null;
    try {
      old = readFileSync(path, "utf8");
    } catch {}
    if (old === text) continue;
    stale.push(relative(REPO_DIR, path));
    if (!check) writeFileSync(path, text);
  }
  if (check && stale.length > 0) {
    console.error(`stale generated files:\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`bytecode codegen: ${stale.length} file(s) ${check ? "stale" : "written"}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
