// Numbers of other packages that the recorder's per-instruction path uses, as TypeScript enums:
// the build (esbuild) writes an enum member as its literal value, whereas a constant imported from
// another package costs V8's optimized code a few loads at every use (the recording micro-benchmark,
// bench/micro/recording.mjs, ran 64 ns per instruction with the imports and 53 with literals).
// Each enum mirrors the package that defines the numbers; test/words.test.ts checks that they agree.

/** `UOP_WORDS` (as `size`) and `UopWord` of @skein/bytecode: a uop's words in a trace. */
export enum UopW {
  size = 8,
  opcode = 0,
  oparg = 1,
  target = 2,
  exit = 3,
  jump = 4,
  operand0 = 5,
}

/** `EXIT_WORDS` (as `size`) and `ExitWord` of @skein/bytecode: an exit's words in a trace. */
export enum ExitW {
  size = 5,
  kind = 0,
  code = 1,
  target = 2,
}

/** `ExitKind` of @skein/bytecode. */
export enum Exit {
  Deopt = 0,
  Side = 1,
  Dynamic = 2,
  End = 3,
}

/** `DependencyKind` of @skein/bytecode. */
export enum Dep {
  TypeVersion = 0,
  KeysVersion = 1,
  FunctionVersion = 2,
}

/** Offsets in frames (`frameLayout` of @skein/interp) and objects (@skein/gc, @skein/objects). */
export enum Layout {
  FRAME_CODE = 0,
  FRAME_PREVIOUS = 20,
  FRAME_GLOBALS = 4,
  FRAME_BUILTINS = 8,
  FRAME_IP = 24,
  OB_TYPE = 4,
  TYPE_VERSION = 12,
  TYPE_FLAGS = 16,
  TPFLAGS_HEAPTYPE = 512,
}
