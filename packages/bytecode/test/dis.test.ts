// disassemble() against CPython 3.13's dis output for the cases in test/dis/cases (regenerate
// with `PYENV_VERSION=3.13.0 python3.13 packages/bytecode/test/dis/regen-dis.py`; the script
// documents how 3.13's instructions are adapted to 3.14's).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CodeUnit,
  type ConstValue,
  disassemble,
  getInstructions,
  INLINE_CACHE_ENTRIES,
  Opcode,
} from "@skein/bytecode";
import { describe, expect, it } from "vitest";

const CASES = join(import.meta.dirname, "dis", "cases");

// biome-ignore lint/suspicious/noExplicitAny: JSON written by regen-dis.py
function constFromJson(c: any): ConstValue {
  if (c === null || typeof c === "boolean" || typeof c === "string") return c;
  switch (c.kind) {
    case "int":
      return { kind: "int", value: BigInt(c.value) };
    case "float":
      return { kind: "float", value: pyFloat(c.value) };
    case "complex":
      return { kind: "complex", real: pyFloat(c.real), imag: pyFloat(c.imag) };
    case "bytes":
      return { kind: "bytes", value: Uint8Array.from(Buffer.from(c.value, "hex")) };
    case "tuple":
    case "frozenset":
      return { kind: c.kind, items: c.items.map(constFromJson) };
    case "ellipsis":
      return { kind: "ellipsis" };
    case "code":
      return unitFromJson(c);
  }
  throw new Error(`constant ${JSON.stringify(c)}`);
}

function pyFloat(text: string): number {
  if (text === "inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

const OPCODES = Opcode as Record<string, number>;

// biome-ignore lint/suspicious/noExplicitAny: JSON written by regen-dis.py
export function unitFromJson(j: any): CodeUnit {
  const code = new Uint16Array(j.code.length);
  j.code.forEach(([name, arg]: [string, number], i: number) => {
    const op = OPCODES[name];
    if (op === undefined) throw new Error(`${j.name}: no opcode ${name} in Skein's set`);
    code[i] = op | (arg << 8);
  });
  return {
    kind: "code",
    name: j.name,
    qualname: j.qualname,
    filename: j.filename,
    firstLineno: j.firstLineno,
    argcount: j.argcount,
    posonlyargcount: j.posonlyargcount,
    kwonlyargcount: j.kwonlyargcount,
    flags: j.flags,
    code,
    consts: j.consts.map(constFromJson),
    names: j.names,
    localsplusNames: j.localsplusNames,
    localsplusKinds: Uint8Array.from(j.localsplusKinds),
    stacksize: j.stacksize,
    positions: Int32Array.from(j.positions.flat()),
    exceptionTable: j.exceptionTable,
  };
}

function loadCase(name: string): { unit: CodeUnit; expected: string } {
  const unit = unitFromJson(JSON.parse(readFileSync(join(CASES, `${name}.json`), "utf8")));
  return { unit, expected: readFileSync(join(CASES, `${name}.expected`), "utf8") };
}

const names = readdirSync(CASES)
  .filter((f) => f.endsWith(".py"))
  .map((f) => f.slice(0, -3));

describe("disassemble() prints as CPython 3.13's dis.dis(show_offsets=True)", () => {
  it.each(names)("%s", (name) => {
    const { unit, expected } = loadCase(name);
    expect(disassemble(unit)).toBe(expected);
  });
});

describe("disassemble() options", () => {
  it("omits the offset column like dis.dis's default", () => {
    const { unit } = loadCase("simple");
    const text = disassemble(unit, { showOffsets: false, depth: 0 });
    expect(text.split("\n")[2]).toBe("  1           LOAD_SMALL_INT           1");
  });

  it("shows specialized forms of the live code with adaptive", () => {
    const { unit } = loadCase("simple");
    const live = unit.code.slice();
    const at = getInstructions(unit).find((i) => i.opname === "BINARY_OP" && i.arg === 0)!;
    live[at.offset >> 1] = (live[at.offset >> 1]! & 0xff00) | Opcode.BINARY_OP_ADD_INT;
    const plain = disassemble(unit);
    const adaptive = disassemble(unit, { adaptive: true, code: live });
    expect(plain).toContain("BINARY_OP                0 (+)");
    expect(adaptive).toContain("BINARY_OP_ADD_INT        0 (+)");
    expect(adaptive.replace("BINARY_OP_ADD_INT", "BINARY_OP        ")).toBe(plain);
  });

  it("marks the current instruction and prints EXTENDED_ARG prefixes", () => {
    const code = new Uint16Array([
      Opcode.EXTENDED_ARG | (1 << 8),
      Opcode.LOAD_CONST | (2 << 8),
      Opcode.RETURN_VALUE,
    ]);
    const consts: ConstValue[] = Array.from({ length: 259 }, (_, i) =>
      i === 258 ? { kind: "tuple", items: ["a"] } : null,
    );
    const unit: CodeUnit = {
      ...loadCase("simple").unit,
      code,
      consts,
      positions: new Int32Array(12).fill(-1),
      exceptionTable: [],
    };
    expect(disassemble(unit, { lasti: 4 })).toBe(
      [
        "         0       EXTENDED_ARG             1",
        "         2       LOAD_CONST             258 (('a',))",
        "         4   --> RETURN_VALUE",
        "",
      ].join("\n"),
    );
    expect(INLINE_CACHE_ENTRIES[Opcode.LOAD_CONST]).toBe(0);
  });
});
