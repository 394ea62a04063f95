// The specializer (CPython's Python/specialize.c): rewrites a family head in place to the member
// that fits the operands it sees, or backs its counter off when none fits.
import { Opcode } from "@skein/bytecode";
import { NB } from "@skein/objects";
import { type StackRef, TAG_INT, TAG_MASK } from "@skein/stackref";
import { ADAPTIVE_COOLDOWN, backoff } from "./counters.js";

export interface SpecializationStats {
  attempts: number;
  successes: number;
  failures: number;
}

export class Specializer {
  readonly u16: Uint16Array;
  readonly stats = new Map<string, SpecializationStats>();
  enabled: boolean;

  constructor(u16: Uint16Array, enabled: boolean) {
    this.u16 = u16;
    this.enabled = enabled;
  }

  private record(family: string, success: boolean): void {
    let s = this.stats.get(family);
    if (s === undefined) {
      s = { attempts: 0, successes: 0, failures: 0 };
      this.stats.set(family, s);
    }
    s.attempts++;
    if (success) s.successes++;
    else s.failures++;
  }

  private specialize(instr: number, opcode: number): void {
    const u16 = this.u16;
    u16[instr] = (u16[instr]! & 0xff00) | opcode;
    u16[instr + 1] = ADAPTIVE_COOLDOWN;
  }

  private fail(instr: number): void {
    this.u16[instr + 1] = backoff(this.u16[instr + 1]!);
  }

  binaryOp(instr: number, lhs: StackRef, rhs: StackRef, oparg: number): void {
    if (!this.enabled) {
      this.u16[instr + 1] = backoff(0xffff);
      return;
    }
    const ints = (lhs & rhs & TAG_MASK) === TAG_INT;
    let opcode = -1;
    if (ints) {
      if (oparg === NB.ADD || oparg === NB.INPLACE_ADD) opcode = Opcode.BINARY_OP_ADD_INT;
      else if (oparg === NB.SUBTRACT || oparg === NB.INPLACE_SUBTRACT) {
        opcode = Opcode.BINARY_OP_SUBTRACT_INT;
      } else if (oparg === NB.MULTIPLY || oparg === NB.INPLACE_MULTIPLY) {
        opcode = Opcode.BINARY_OP_MULTIPLY_INT;
      }
    }
    this.record("BINARY_OP", opcode >= 0);
    if (opcode >= 0) this.specialize(instr, opcode);
    else this.fail(instr);
  }
}
