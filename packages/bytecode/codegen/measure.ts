// Measures the V8 bytecode size of the generated dispatch loops (V8 never optimizes a function
// over 60 KiB of bytecode: --max-optimized-bytecode-size). Compiles the generated file to
// JavaScript with stub imports, runs it under `node --print-bytecode` and reads the lengths.
// Usage: tsx codegen/measure.ts            (every loop)
//        tsx codegen/measure.ts --cases [function] [count]   (a loop's largest cases)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { REPO_DIR } from "./main.js";
import { LOOPS } from "./tier1-generator.js";

export const V8_MAX_OPTIMIZED_BYTECODE = 60 * 1024;

/** Bytecode length of each named function of the generated tier-1 file. */
export function measureTier1(
  names: readonly string[] = LOOPS.map((l) => l.name),
): Map<string, number> {
  return measureGenerated("tier1.gen.ts", names);
}

/** Bytecode length of the tier-2 uop interpreter. */
export function measureTier2(): Map<string, number> {
  return measureGenerated("tier2.gen.ts", ["runUops"]);
}

/** Bytecode length of each named function of a generated file of @skein/interp. */
export function measureGenerated(file: string, names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of names) {
    const m = /Bytecode length: (\d+)/.exec(printBytecode(file, n).text);
    if (!m) throw new Error(`no bytecode printed for ${n}`);
    out.set(n, Number(m[1]));
  }
  return out;
}

/**
 * The V8 bytecode of function `name` of `runTier1`'s file by case: each instruction's bytes are
 * charged to the case whose source holds the statement they came from (V8's source positions).
 */
export function measureCases(name = "runTier1", file = "tier1.gen.ts"): Map<string, number> {
  const { text, script } = printBytecode(file, name);
  const starts: [number, string][] = [];
  for (const m of script.matchAll(/case \d+: \/\* (\w+) \*\//g)) starts.push([m.index, m[1]!]);
  const caseAt = (pos: number): string => {
    let found = "(loop)";
    for (const [at, n] of starts) {
      if (at > pos) break;
      found = n;
    }
    return found;
  };
  const sizes = new Map<string, number>();
  let current = "(loop)";
  let prevOffset = -1;
  let prevCase = current;
  for (const line of text.split("\n")) {
    const m = /^\s*(?:(\d+) [SE]>)?\s*0x[0-9a-f]+ @\s*(\d+) :/.exec(line);
    if (!m) continue;
    const offset = Number(m[2]);
    if (m[1] !== undefined) current = caseAt(Number(m[1]));
    if (prevOffset >= 0) sizes.set(prevCase, (sizes.get(prevCase) ?? 0) + offset - prevOffset);
    prevOffset = offset;
    prevCase = current;
  }
  return sizes;
}

/** `node --print-bytecode` of one function of a generated file, and the script it ran. */
function printBytecode(file: string, name: string): { text: string; script: string } {
  const source = readFileSync(join(REPO_DIR, "packages/interp/src/generated", file), "utf8");
  let js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  // Stub the imports: V8 compiles a function to bytecode on its first call, which is all we need.
  js = js.replace(/^import .*$/gm, "");
  const stubs = [
    "const FRAME_FLAGS = 36, FRAME_HEADER = 40, FRAME_INSTR = 32, FRAME_IP = 24, FRAME_OWNED_BY_HOST = 1, FRAME_PREVIOUS = 20, FRAME_SP = 28;",
    "const NULL = 1, ERROR = 2, FRAME_BUILTINS = 8, FRAME_CODE = 0, FRAME_GLOBALS = 4;",
    "const EXIT_ERROR = -1, ExitKind = { Dynamic: 2 };",
    "const layout = new Proxy({}, { get: () => 8 });",
    "const f = () => 0;",
    "const addTaggedInts = f, isNull = f, isTaggedInt = f, mulTaggedInts = f, same = f, subTaggedInts = f, tagInt = f, untagInt = f;",
  ].join("\n");
  const script = `${stubs}\n${js}\ntry { ${name}({ get i32() { throw 0; } }, 0); } catch {}\n`;
  const dir = mkdtempSync(join(tmpdir(), "skein-measure-"));
  try {
    const path = join(dir, "loops.mjs");
    writeFileSync(path, script);
    const text = execFileSync(
      process.execPath,
      ["--print-bytecode", `--print-bytecode-filter=${name}`, path],
      { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
    );
    return { text, script };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf("--cases");
  if (at >= 0) {
    // tsx codegen/measure.ts --cases [function] [count]: the largest cases first.
    const sizes = [...measureCases(process.argv[at + 1] ?? "runTier1")];
    sizes.sort((a, b) => b[1] - a[1]);
    for (const [n, len] of sizes.slice(0, Number(process.argv[at + 2] ?? 40))) {
      console.log(`${String(len).padStart(6)} ${n}`);
    }
    process.exit(0);
  }
  for (const [n, len] of [...measureTier1(), ...measureTier2()]) {
    console.log(
      `${n}: ${len} bytes of bytecode (${((100 * len) / V8_MAX_OPTIMIZED_BYTECODE).toFixed(1)}% of V8's limit)`,
    );
  }
}
