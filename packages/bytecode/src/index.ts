export {
  CodeFlag,
  type CodeUnit,
  type ConstValue,
  type ExceptionTableEntry,
  LocalKind,
} from "./code-unit.js";
export {
  BRANCH_GUARDS,
  DEOPT,
  FAMILIES,
  INLINE_CACHE_ENTRIES,
  MACRO_EXPANSION,
  numPopped,
  numPushed,
  OPCODE_FLAGS,
  OpcodeFlag,
  PSEUDO_FLAGS,
  PSEUDO_TARGETS,
  RECORD_INPUTS,
  stackEffect,
  Tier2Flag,
  TRACE_EXPANSION,
  TRACE_NOT_VIABLE,
  UOP_FLAGS,
  UOP_NOT_VIABLE,
  UOP_STACK_EFFECT,
  UOP_TIER2_FLAGS,
} from "./generated/metadata.gen.js";
export {
  HAVE_ARGUMENT,
  MAX_PSEUDO_OPCODE,
  MAX_UOP_ID,
  MIN_PSEUDO_OPCODE,
  MIN_SPECIALIZED_OPCODE,
  MIN_UOP_ID,
  OPCODE_NAMES,
  Opcode,
  type OpcodeName,
  PseudoOpcode,
  type PseudoOpcodeName,
  UOP_NAMES,
  Uop,
  type UopName,
} from "./generated/opcodes.gen.js";
export {
  COMMON_CONSTANTS,
  type DisassembleOptions,
  type DisInstruction,
  disassemble,
  getInstructions,
  SPECIAL_METHOD_NAMES,
} from "./internal/dis.js";
export { constRepr } from "./internal/repr.js";
export {
  type AbortReason,
  type Backend,
  type Dependency,
  DependencyKind,
  EXIT_ERROR,
  type ExecutionHost,
  type Executor,
  ExitKind,
  type Trace,
  type TraceExit,
  type TraceUop,
} from "./jit.js";
export type { Tier1Env } from "./tier1-env.js";
export type { Tier2Env } from "./tier2-env.js";
