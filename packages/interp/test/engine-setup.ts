// An engine that has run `source`, and the adaptive disassembly of its global functions.
import { type CodeUnit, disassemble } from "@skein/bytecode";
import { createEngine } from "@skein/engine";
import { codeData, layout } from "@skein/objects";

export function setup(source: string, specialize = true) {
  const engine = createEngine({ heapLimit: "64M", specialize });
  engine.run(source);
  const s = engine.space;
  /** The adaptive disassembly of global function `name`: its live, quickened code units. */
  const dis = (name: string): string => {
    const globals = (engine as unknown as { mainGlobals(): number }).mainGlobals();
    const f = s.dictGetStr(globals, name);
    const code = s.i32[((f & ~3) + layout.FUNC_CODE) >> 2]! & ~3;
    const start = s.i32[(code + layout.CODE_BYTECODE) >> 2]!;
    const n = s.i32[(code + layout.CODE_NUNITS) >> 2]!;
    const unit = codeData(s, code).source as CodeUnit;
    return disassemble(unit, { adaptive: true, code: s.u16.slice(start, start + n) });
  };
  return { engine, dis };
}
