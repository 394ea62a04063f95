import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Analysis, analyze, type EnvInfo, readEnvInfo } from "../codegen/analyzer.js";
import { caseLines } from "../codegen/tier1-generator.js";

const root = join(import.meta.dirname, "..");

export const env: EnvInfo = readEnvInfo(readFileSync(join(root, "src/tier1-env.ts"), "utf8"));

export function analyzeSnippet(source: string): Analysis {
  return analyze(source, env);
}

/** The generated `case` of instruction `name` in a DSL snippet (always inline). */
export function caseOf(source: string, name: string, refs: "inline" | "calls" = "calls"): string {
  const a = analyzeSnippet(source);
  const instr = a.instructions.get(name);
  if (!instr) throw new Error(`no instruction ${name}`);
  return caseLines(a, instr, 0, true, refs).join("\n");
}
