// The _dis module: what lib/dis.py needs from @skein/bytecode. A code object keeps the CodeUnit
// it was loaded from, so disassembly formats that unit with the bytecode package's
// `disassemble` (CPython 3.13's layout) and reads instructions with `getInstructions`.
import {
  type CodeUnit,
  disassemble,
  getInstructions,
  HAVE_ARGUMENT,
  OPCODE_NAMES,
  stackEffect,
} from "@skein/bytecode";
import { codeData, intToSafeNumber, isInt, layout, type ObjectSpace } from "@skein/objects";
import { ERROR, type StackRef, TAG_MASK } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

function unitOf(s: ObjectSpace, code: StackRef): CodeUnit | null {
  if (s.typeOf(code) !== s.b.code) {
    s.raise(s.b.TypeError, `don't know how to disassemble ${s.typeOf(code).name} objects`);
    return null;
  }
  const unit = codeData(s, code).source as CodeUnit | undefined;
  if (unit === undefined || unit.kind !== "code") {
    s.raise(s.b.TypeError, "this code object has no bytecode to disassemble");
    return null;
  }
  return unit;
}

/**
 * The live code units of a code object (the interpreter's quickened copy, with the specialized
 * opcodes installed) when `adaptive` is true; undefined otherwise.
 */
function liveUnits(s: ObjectSpace, code: StackRef, adaptive: StackRef): Uint16Array | undefined {
  if (s.isTrue(adaptive) !== 1) return undefined;
  const addr = code & ~TAG_MASK;
  const start = s.i32[(addr + layout.CODE_BYTECODE) >> 2]!;
  return s.u16.slice(start, start + s.i32[(addr + layout.CODE_NUNITS) >> 2]!);
}

function intArg(s: ObjectSpace, v: StackRef, fallback: number): number {
  if (!isInt(s, v)) return fallback;
  return intToSafeNumber(s, v) ?? fallback;
}

export function initDis(_rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  // disassemble(code, show_offsets, depth, lasti[, adaptive]): the text dis.dis prints.
  m.fn("disassemble", (_self, args, nargs) => {
    if (nargs !== 4 && nargs !== 5) {
      return s.raise(s.b.TypeError, "disassemble() takes 4 or 5 arguments");
    }
    const unit = unitOf(s, s.i32[args]!);
    if (unit === null) return ERROR;
    const showOffsets = s.isTrue(s.i32[args + 1]!) === 1;
    const depthArg = s.i32[args + 2]!;
    const lasti = intArg(s, s.i32[args + 3]!, -1);
    const live = nargs === 5 ? liveUnits(s, s.i32[args]!, s.i32[args + 4]!) : undefined;
    const text = disassemble(unit, {
      showOffsets,
      ...(depthArg === s.None ? {} : { depth: intArg(s, depthArg, 0) }),
      ...(lasti >= 0 ? { lasti } : {}),
      ...(live === undefined ? {} : { adaptive: true, code: live }),
    });
    return s.newStr(text);
  });
  // instructions(code[, adaptive]): (opname, opcode, arg, argrepr, offset, start_offset,
  // starts_line, line_number, label, jump_target) per instruction.
  m.fn("instructions", (_self, args, nargs) => {
    if (nargs !== 1 && nargs !== 2) {
      return s.raise(s.b.TypeError, "instructions() takes 1 or 2 arguments");
    }
    const unit = unitOf(s, s.i32[args]!);
    if (unit === null) return ERROR;
    const live = nargs === 2 ? liveUnits(s, s.i32[args]!, s.i32[args + 1]!) : undefined;
    const items: StackRef[] = [];
    const opt = (v: number | null) => (v === null ? s.None : s.newInt(v));
    for (const ins of getInstructions(unit, live)) {
      items.push(
        s.newTuple([
          s.newStr(ins.opname),
          s.newInt(ins.opcode),
          opt(ins.arg),
          s.newStr(ins.argrepr),
          s.newInt(ins.offset),
          s.newInt(ins.startOffset),
          s.bool(ins.startsLine),
          opt(ins.lineNumber),
          opt(ins.label),
          opt(ins.jumpTarget),
        ]),
      );
    }
    return s.newList(items);
  });
  m.fn("stack_effect", (_self, args, nargs) => {
    if (nargs !== 2) return s.raise(s.b.TypeError, "stack_effect() takes 2 arguments");
    const op = intArg(s, s.i32[args]!, -1);
    const name = OPCODE_NAMES[op];
    if (name === undefined || name === "" || name.startsWith("<")) {
      return s.raise(s.b.ValueError, "invalid opcode or oparg");
    }
    const oparg = s.i32[args + 1]! === s.None ? 0 : intArg(s, s.i32[args + 1]!, 0);
    return s.newInt(stackEffect(op, oparg));
  });
  const names: StackRef[] = [];
  for (let i = 0; i < 256; i++) {
    const n = OPCODE_NAMES[i];
    names.push(s.newStr(n === undefined || n === "" ? `<${i}>` : n));
  }
  m.set("opname", s.newList(names));
  m.int("HAVE_ARGUMENT", HAVE_ARGUMENT);
}
