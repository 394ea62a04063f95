// The trace dump (`-X trace-dump`), in the spirit of LuaJIT's -jdump: each executor's uops, one per
// line with their opargs, operands and exits, then the exits with their kind and target.
import {
  EXIT_WORDS,
  type Executor,
  ExitKind,
  ExitWord,
  traceExits,
  traceUops,
} from "@skein/bytecode";
import { uopName } from "./instructions.js";

const EXIT_NAMES: Record<number, string> = {
  [ExitKind.Deopt]: "deopt",
  [ExitKind.Side]: "side",
  [ExitKind.Dynamic]: "dynamic",
  [ExitKind.End]: "end",
};

/**
 * Describe a code location for the dump: `where(code, unit)` gives e.g. `f (x.py:3) @12`. The
 * engine passes one that knows names and line numbers; the default prints addresses.
 */
export type Locator = (code: number, unit: number) => string;

const defaultLocator: Locator = (code, unit) => `code@${code} +${unit}`;

export function dumpExecutor(executor: Executor, where: Locator = defaultLocator): string {
  const { trace } = executor;
  const uops = traceUops(trace);
  const exits = traceExits(trace);
  const lines: string[] = [];
  const parent = trace.chainDepth > 0 ? ` (side trace, depth ${trace.chainDepth})` : "";
  lines.push(
    `---- TRACE ${executor.id} start ${where(trace.code, trace.start)}${parent}: ${uops.length} uops, ${exits.length} exits`,
  );
  let lastTarget = -1;
  uops.forEach((u, i) => {
    if (u.target !== lastTarget) {
      lines.push(`     ; ${where(exits[u.exit]?.code ?? trace.code, u.target)}`);
      lastTarget = u.target;
    }
    const parts = [String(i).padStart(4, "0"), uopName(u.opcode).padEnd(34)];
    parts.push(`oparg=${u.oparg}`);
    if (u.operand0 !== 0 || u.operand1 !== 0 || u.operand2 !== 0) {
      parts.push(`operands=${u.operand0},${u.operand1},${u.operand2}`);
    }
    if (u.exit >= 0) parts.push(`-> exit ${u.exit}`);
    if (uopName(u.opcode) === "_JUMP_TO_TOP") parts.push(`-> ${String(u.jump).padStart(4, "0")}`);
    lines.push(parts.join(" "));
  });
  lines.push("---- exits");
  exits.forEach((e, i) => {
    const linked = trace.links?.[i] ?? null;
    const link = linked !== null ? ` linked to TRACE ${linked.id}` : "";
    const taken = trace.exits[i * EXIT_WORDS + ExitWord.count];
    lines.push(
      `  ${String(i).padStart(3)} ${EXIT_NAMES[e.kind]!.padEnd(7)} ${where(e.code, e.target)} taken ${taken}${link}`,
    );
  });
  lines.push(`---- TRACE ${executor.id} end`);
  return lines.join("\n");
}
