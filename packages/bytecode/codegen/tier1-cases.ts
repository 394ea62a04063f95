// Emits the tier-1 code of one instruction (CPython's tier1_generator.py with stack.py): loads
// inputs, rewrites each uop body, inserts the spills, sp publications, NULLing and error exits
// that the stack model requires, and writes the outputs with one final sp adjustment.
//
// The stack model. Every stack item of the instruction is an Entry at a symbolic offset from `sp`
// (the stack pointer when the instruction started). An entry is live (on the logical stack, owning
// its value) or dead (consumed: closed, moved, or never defined), and its memory slot holds its
// value, NULL, or something stale. At a sync point (before an escaping statement, at an error exit)
// the logical top is the end of the highest live entry; every live entry below it is written to
// memory, every dead one below it is NULLed, and for an escape the top is published as FRAME_SP
// (with FRAME_INSTR). Outputs may be on the stack at a sync point only after every input that is
// not a peek has left it (they share slots).
import ts from "typescript";
import {
  type Analysis,
  calleeName,
  callsIn,
  EXPRESSION_MACROS,
  type Instruction,
  isEscapingCall,
  isMacroName,
  REF_OPS,
  STATEMENT_MACROS,
  type Uop,
  uopsOf,
} from "./analyzer.js";
import { type StackItem, Sym } from "./stack-spec.js";

export class GeneratorError extends Error {}

type Mem = "value" | "null" | "stale";

interface Entry {
  /** The local's name ("" for `unused`). */
  readonly name: string;
  readonly array: boolean;
  readonly unused: boolean;
  readonly offset: Sym;
  readonly size: Sym;
  live: boolean;
  mem: Mem;
  /** A scalar whose local holds its value. */
  loaded: boolean;
  peek: boolean;
}

interface State {
  below: Entry[];
  inputs: Entry[];
  outputs: Entry[];
  /** The uop's inputs start here (and so do its outputs). */
  base: Sym;
  published: string | null;
  /** Memory or control state changed (a later DEOPT_IF could not re-run the instruction). */
  sideEffects: boolean;
}

/** How the generated code leaves a case. */
export interface CaseMode {
  /** "loop": inside the dispatch switch; "function": an out-of-line body returning the new sp. */
  readonly kind: "loop" | "function";
  /**
   * "inline": reference counting written out (the release loops: V8 does not inline `refs.*`
   * into a loop this big); "calls" (default): every dup/close goes through `refs`, so the debug
   * stack references see each one (the debug loops and the out-of-line bodies).
   */
  readonly refs?: "inline" | "calls";
  /**
   * 2: a case of the tier-2 uop interpreter (codegen/tier2-generator.ts): cache entries are the
   * trace uop's operands, DEOPT_IF/EXIT_IF and the eval breaker leave through the uop's exit,
   * ENTER_FRAME/LEAVE_FRAME switch `frame` and go on with the next uop. Default 1.
   */
  readonly tier?: 1 | 2;
}

const RESERVED = new Set([
  "null",
  "new",
  "this",
  "true",
  "false",
  "var",
  "let",
  "const",
  "class",
  "function",
  "return",
  "delete",
  "in",
  "of",
  "void",
  "typeof",
  "default",
  "case",
  "switch",
  "break",
  "continue",
  "do",
  "if",
  "else",
  "for",
  "while",
  "with",
  "yield",
  "await",
  "enum",
  "export",
  "import",
  "super",
  "throw",
  "try",
  "catch",
  "finally",
  "instanceof",
  "debugger",
  "extends",
]);
/** Locals of the dispatch loop that stack item names must not shadow. */
export const LOOP_LOCALS = new Set([
  "ts",
  "i32",
  "u16",
  "f64",
  "FLOAT_TYPE",
  "LIST_TYPE",
  "TUPLE_TYPE",
  "RANGEITER_TYPE",
  "refs",
  "evalBreaker",
  "frame",
  "sp",
  "ip",
  "oparg",
  "opcode",
  "thisInstr",
  "word",
  "addTraceback",
  "PY_NONE",
  "PY_TRUE",
  "PY_FALSE",
  "NULL",
  "ERROR",
]);

export function localName(item: string): string {
  return RESERVED.has(item) ? `${item}_` : item;
}

function cloneState(s: State): State {
  const map = new Map<Entry, Entry>();
  const c = (e: Entry): Entry => {
    let n = map.get(e);
    if (!n) {
      n = { ...e };
      map.set(e, n);
    }
    return n;
  };
  return {
    below: s.below.map(c),
    inputs: s.inputs.map(c),
    outputs: s.outputs.map(c),
    base: s.base,
    published: s.published,
    sideEffects: s.sideEffects,
  };
}

/** Merge the state after an if/else; `b` is the else branch. */
function mergeStates(a: State, b: State, where: string): State {
  const out = cloneState(a);
  const la = [...out.below, ...out.inputs, ...out.outputs];
  const lb = [...b.below, ...b.inputs, ...b.outputs];
  la.forEach((e, i) => {
    const f = lb[i]!;
    if (e.live !== f.live) {
      throw new GeneratorError(
        `${where}: ${e.name || "unused"} is ${e.live ? "live" : "dead"} after one branch and ${f.live ? "live" : "dead"} after the other`,
      );
    }
    if (e.mem !== f.mem) e.mem = "stale";
    e.loaded = e.loaded && f.loaded;
  });
  out.published = a.published === b.published ? a.published : null;
  out.sideEffects = a.sideEffects || b.sideEffects;
  return out;
}

/** Emits one instruction. */
export class CaseEmitter {
  readonly lines: string[] = [];
  private depth: number;
  private uop!: Uop;
  private sf!: ts.SourceFile;
  private caches = new Map<string, string>();
  private readonly declared = new Set<string>();

  constructor(
    private readonly analysis: Analysis,
    private readonly instr: Instruction,
    private readonly mode: CaseMode,
    depth = 0,
  ) {
    this.depth = depth;
  }

  private emit(line: string): void {
    this.lines.push(line === "" ? "" : `${"  ".repeat(this.depth)}${line}`);
  }

  private off(o: Sym): string {
    return o.render("sp");
  }

  private get where(): string {
    return `${this.instr.name}/${this.uop.name}`;
  }

  /** Emit the whole instruction (without the `case` line and the final dispatch). */
  emitInstruction(): { terminated: boolean; finalSp: Sym } {
    const instr = this.instr;
    // Declare every scalar stack item once; bodies assign them in branches.
    const names: string[] = [];
    for (const u of uopsOf(instr)) {
      for (const it of [...u.effect.inputs, ...u.effect.outputs]) {
        if (it.name === "unused") continue;
        const n = localName(it.name);
        if (LOOP_LOCALS.has(n))
          throw new GeneratorError(
            `${instr.name}/${u.name}: stack item ${it.name} shadows a loop local`,
          );
        if (!names.includes(n)) names.push(n);
      }
    }
    for (const n of names) this.emit(`let ${n}: number;`);
    for (const n of names) this.declared.add(n);

    let stack: Entry[] = [];
    let memLow = Sym.zero;
    let cacheOffset = 0;
    let terminated = false;
    const multi = instr.parts.filter((p) => p.kind === "uop").length > 1;
    let sideEffects = false;
    for (const part of instr.parts) {
      if (part.kind === "cache") {
        cacheOffset += part.size;
        continue;
      }
      if (terminated)
        throw new GeneratorError(
          `${instr.name}: uop ${part.uop.name} follows a uop that always leaves the instruction`,
        );
      const uop = part.uop;
      this.uop = uop;
      this.sf = uop.def.body[0]?.getSourceFile() ?? (this.analysis.defs.file as ts.SourceFile);
      const eff = uop.effect;
      // Inputs: from the previous uops' outputs, else from memory below.
      const inputs: Entry[] = new Array(eff.inputs.length);
      for (let i = eff.inputs.length - 1; i >= 0; i--) {
        const it = eff.inputs[i]!;
        const size = Sym.size(it);
        const prev = stack.pop();
        if (prev) {
          if (!prev.size.equals(size) || prev.array !== (it.size !== null)) {
            throw new GeneratorError(
              `${this.where}: input ${it.name} does not match the previous uop's output ${prev.name}`,
            );
          }
          // A value flowing from the previous uop keeps its local; an `unused` input keeps the name.
          const unused = it.name === "unused";
          const name = unused ? prev.name : localName(it.name);
          inputs[i] = { ...prev, name, unused, peek: false };
          if (name !== prev.name && name !== "" && prev.loaded && !prev.array && prev.name !== "") {
            this.emit(`${name} = ${prev.name};`);
          } else if (name !== prev.name && prev.array) {
            this.emit(`${name} = ${this.off(prev.offset)};`);
          } else if (name !== prev.name) {
            inputs[i]!.loaded = false;
          }
        } else {
          memLow = memLow.sub(size);
          inputs[i] = {
            name: it.name === "unused" ? "" : localName(it.name),
            array: it.size !== null,
            unused: it.name === "unused",
            offset: memLow,
            size,
            live: true,
            mem: "value",
            loaded: false,
            peek: false,
          };
        }
      }
      const base =
        inputs[0]?.offset ??
        (stack.length > 0
          ? stack[stack.length - 1]!.offset.add(stack[stack.length - 1]!.size)
          : memLow);
      // Outputs, sharing the entries of peeks (same name, same position).
      const outputs: Entry[] = [];
      let o = base;
      eff.outputs.forEach((it, i) => {
        const size = Sym.size(it);
        const inp = inputs[i];
        const inItem = eff.inputs[i];
        if (
          inp &&
          inItem &&
          inItem.name === it.name &&
          inp.offset.equals(o) &&
          inp.size.equals(size)
        ) {
          inp.peek = true;
          outputs.push(inp);
        } else {
          outputs.push({
            name: it.name === "unused" ? "" : localName(it.name),
            array: it.size !== null,
            unused: it.name === "unused",
            offset: o,
            size,
            live: false,
            mem: "stale",
            loaded: false,
            peek: false,
          });
        }
        o = o.add(size);
      });
      // Unused inputs that are not peeks are popped without a close.
      for (const e of inputs) if (e.unused && !e.peek) e.live = false;
      // An output named like an input at another position is that input moved (SWAP).
      const moved: Entry[] = [];
      for (const out of outputs) {
        if (out.peek || out.unused || out.array) continue;
        const inp = inputs.find((e) => !e.peek && !e.array && e.name === out.name);
        if (inp) moved.push(inp, out);
      }

      if (multi) {
        this.emit(`// ${uop.name}`);
        this.emit("{");
        this.depth++;
      }
      const refs = this.referencedItems(uop);
      // Cache entries.
      this.caches = new Map();
      let co = cacheOffset;
      for (const [k, c] of eff.caches.entries()) {
        if (refs.has(c.name)) {
          if (this.tier2 && k > 2)
            throw new GeneratorError(`${this.where}: more than 3 cache entries in tier 2`);
          const value = this.tier2 ? `uop.operand${k}` : readCache(co, c.cacheSize);
          this.emit(`const ${localName(c.name)} = ${value};`);
        }
        this.caches.set(c.name, localName(c.name));
        co += c.cacheSize;
      }
      cacheOffset = co;
      // Load the scalar inputs the body reads (or DECREF_INPUTS closes).
      const decrefs = refs.has("DECREF_INPUTS");
      for (const e of inputs) {
        if (e.unused) continue;
        if (e.array) {
          if (refs.has(nameOf(eff.inputs, e)) || decrefs)
            this.emit(`${e.name} = ${this.off(e.offset)};`);
          continue;
        }
        if (!e.loaded && (refs.has(nameOf(eff.inputs, e)) || (decrefs && !e.peek))) {
          this.emit(`${e.name} = i32[${this.off(e.offset)}]!;`);
          e.loaded = true;
        }
      }
      for (let k = 0; k < moved.length; k += 2) {
        const inp = moved[k]!;
        const out = moved[k + 1]!;
        if (!inp.loaded) this.emit(`${inp.name} = i32[${this.off(inp.offset)}]!;`);
        inp.loaded = true;
        inp.live = false;
        out.live = true;
        out.loaded = true;
      }
      for (const e of outputs) {
        if (e.array && !e.unused && !e.peek && refs.has(nameOf(eff.outputs, e)))
          this.emit(`${e.name} = ${this.off(e.offset)};`);
      }
      const state: State = { below: stack, inputs, outputs, base, published: null, sideEffects };
      const result = this.walk(uop.def.body, state);
      if (result === null) {
        terminated = true;
      } else {
        for (const e of result.inputs) {
          if (!e.peek && !e.unused && e.live) {
            throw new GeneratorError(
              `${this.where}: input ${e.name} is still on the stack at the end (close it, DEAD() it or DECREF_INPUTS())`,
            );
          }
        }
        for (const e of result.outputs) {
          if (!e.array && !e.unused && !e.peek && !e.live) {
            throw new GeneratorError(
              `${this.where}: output ${e.name} is not defined on every path`,
            );
          }
          if (e.array || e.unused) {
            e.live = true;
            e.mem = "value";
          }
        }
        stack = [...result.below, ...result.outputs];
        sideEffects = result.sideEffects;
      }
      if (multi) {
        this.depth--;
        this.emit("}");
      }
    }
    if (terminated) return { terminated: true, finalSp: Sym.zero };
    // Write the outputs still in locals and move sp once.
    for (const e of stack) {
      if (e.live && !e.array && !e.unused && e.mem !== "value")
        this.emit(`i32[${this.off(e.offset)}] = ${e.name};`);
    }
    const top =
      stack.length > 0
        ? stack[stack.length - 1]!.offset.add(stack[stack.length - 1]!.size)
        : memLow;
    return { terminated: false, finalSp: top };
  }

  /** Names `$.x` referenced in a uop body, plus "DECREF_INPUTS" if it is used. */
  private referencedItems(uop: Uop): Set<string> {
    const out = new Set<string>();
    const param = uop.def.param;
    const visit = (n: ts.Node): void => {
      if (
        param &&
        ts.isPropertyAccessExpression(n) &&
        ts.isIdentifier(n.expression) &&
        n.expression.text === param
      ) {
        out.add(n.name.text);
      }
      if (ts.isCallExpression(n) && calleeName(n) === "DECREF_INPUTS") out.add("DECREF_INPUTS");
      // DEAD(x) does not need x's value.
      if (ts.isCallExpression(n) && calleeName(n) === "DEAD") return;
      ts.forEachChild(n, visit);
    };
    for (const s of uop.def.body) visit(s);
    return out;
  }

  // --- statements --------------------------------------------------------------------------

  /** Walk statements; returns the state after them, or null when every path left the case. */
  private walk(stmts: readonly ts.Statement[], state: State | null): State | null {
    let st = state;
    for (const s of stmts) {
      if (st === null)
        throw new GeneratorError(`${this.where}: unreachable statement: ${s.getText(this.sf)}`);
      st = this.statement(s, st);
    }
    return st;
  }

  private statement(s: ts.Statement, st: State): State | null {
    if (ts.isBlock(s)) {
      this.emit("{");
      this.depth++;
      const r = this.walk(s.statements, st);
      this.depth--;
      this.emit("}");
      return r;
    }
    if (ts.isIfStatement(s)) return this.ifStatement(s, st);
    if (ts.isReturnStatement(s)) throw new GeneratorError(`${this.where}: bodies may not return`);
    if (ts.isExpressionStatement(s)) {
      const e = s.expression;
      if (ts.isCallExpression(e)) {
        const name = calleeName(e);
        if (name !== null && STATEMENT_MACROS.has(name)) return this.macro(name, e, st);
        const a0 = e.arguments[0];
        if (
          (name === "close" || name === "xclose") &&
          e.arguments.length === 1 &&
          a0 &&
          this.isItemAccess(a0)
        ) {
          const entry = this.entryFor(a0 as ts.PropertyAccessExpression, st);
          this.kill(entry, st, name);
          this.sync(st, "escape");
          this.emit(this.closeText(entry.name));
          st.sideEffects = true;
          return st;
        }
      }
      if (
        ts.isBinaryExpression(e) &&
        e.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        this.isItemAccess(e.left)
      ) {
        this.checkNoStackMutation(e.right);
        if (this.escapes(e.right)) this.sync(st, "escape");
        const entry = this.entryFor(e.left as ts.PropertyAccessExpression, st);
        this.emit(`${entry.name} = ${this.rwStatement(e.right)};`);
        this.assign(entry, st);
        return st;
      }
    }
    // Any other statement: no stack mutation inside; sync first if it escapes.
    this.checkNoStackMutation(s);
    if (this.escapes(s)) {
      this.sync(st, "escape");
      st.sideEffects = true;
    }
    const closed = this.closeOfValue(s);
    if (closed !== null) this.emit(closed);
    else this.emitText(this.rwStatement(s), s);
    return st;
  }

  // --- reference counting ------------------------------------------------------------------

  private get tier2(): boolean {
    return this.mode.tier === 2;
  }

  /** Tier 2 rejects the macros that need tier 1's dispatch (whyNotViable keeps such uops out). */
  private tier1Only(name: string): void {
    if (this.tier2) throw new GeneratorError(`${this.where}: ${name} in tier 2`);
  }

  private get inlineRefs(): boolean {
    return this.mode.refs === "inline";
  }

  /** The statement that closes the local `v`: the release decref written out, or `refs.close`. */
  private closeText(v: string): string {
    if (!this.inlineRefs) return `refs.close(${v});`;
    return `if ((${v} & 3) === 0 && --i32[${v} >> 2]! === 0) ts.dealloc(${v});`;
  }

  /** `close(x);` / `xclose(x);` of a value that is not a stack item, written out when inlining. */
  private closeOfValue(s: ts.Statement): string | null {
    if (!this.inlineRefs || !ts.isExpressionStatement(s) || !ts.isCallExpression(s.expression))
      return null;
    const call = s.expression;
    const name = calleeName(call);
    if ((name !== "close" && name !== "xclose") || call.arguments.length !== 1) return null;
    const arg = this.rwStatement(call.arguments[0]!);
    if (/^[\w$]+$/.test(arg)) return this.closeText(arg);
    const t = this.temp();
    return `{ const ${t} = ${arg}; ${this.closeText(t)} }`;
  }

  private tempCount = 0;
  private temp(): string {
    return `_r${this.tempCount++}`;
  }

  /**
   * Statements a rewritten expression needs first (an inlined dup of a complex value is computed
   * once into a temporary); null where hoisting is not possible.
   */
  private hoisted: string[] | null = null;
  private hoistRoot: ts.Node | null = null;

  /** rw() of a whole statement (or the value of a stack assignment), emitting what it hoists. */
  private rwStatement(node: ts.Node): string {
    this.hoisted = [];
    this.hoistRoot = node;
    const text = this.rw(node);
    for (const h of this.hoisted) this.emit(h);
    this.hoisted = null;
    this.hoistRoot = null;
    return text;
  }

  /** Whether `node` runs exactly once whenever its statement runs (no branch or loop between). */
  private unconditional(node: ts.Node): boolean {
    if (this.hoisted === null) return false;
    for (let n: ts.Node = node; n !== this.hoistRoot; n = n.parent) {
      const p = n.parent;
      if (!p) return false;
      if (ts.isConditionalExpression(p) && n !== p.condition) return false;
      if (
        ts.isBinaryExpression(p) &&
        n === p.right &&
        (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
          p.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
          p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
      )
        return false;
      if (ts.isFunctionLike(p) || (ts.isStatement(p) && p !== this.hoistRoot)) return false;
    }
    return true;
  }

  /** An inlined ref op, or null to call `refs`. */
  private inlineRefOp(node: ts.CallExpression, name: string, arg: string): string | null {
    if (!this.inlineRefs || node.arguments.length !== 1) return null;
    const simple = /^[\w$]+$/.test(arg);
    if (name === "dup") {
      if (this.unconditional(node)) {
        const t = simple ? arg : this.temp();
        if (!simple) this.hoisted!.push(`const ${t} = ${arg};`);
        this.hoisted!.push(`if ((${t} & 3) === 0) i32[${t} >> 2]!++;`);
        return t;
      }
      return simple ? `((${arg} & 3) === 0 ? (i32[${arg} >> 2]!++, ${arg}) : ${arg})` : null;
    }
    if (name === "makeHeapSafe" && this.unconditional(node)) {
      // A borrowed pointer to a mortal object becomes owned (immortals keep their tag).
      const t = this.temp();
      this.hoisted!.push(`let ${t} = ${arg};`);
      this.hoisted!.push(
        `if ((${t} & 3) === 1 && ${t} !== 1 && (i32[${t} >> 2]! & 0x40000000) === 0) {`,
        `  i32[${t} >> 2]!++;`,
        `  ${t} = ${t} & -4;`,
        "}",
      );
      return t;
    }
    return null;
  }

  private ifStatement(s: ts.IfStatement, st: State): State | null {
    this.checkNoStackMutation(s.expression);
    if (this.escapes(s.expression)) {
      this.sync(st, "escape");
      st.sideEffects = true;
    }
    this.emit(`if (${this.rw(s.expression)}) {`);
    this.depth++;
    const thenState = this.walk(blockOf(s.thenStatement), cloneState(st));
    this.depth--;
    let elseState: State | null = st;
    if (s.elseStatement) {
      if (ts.isIfStatement(s.elseStatement)) {
        this.emit("} else {");
        this.depth++;
        elseState = this.ifStatement(s.elseStatement, cloneState(st));
        this.depth--;
      } else {
        this.emit("} else {");
        this.depth++;
        elseState = this.walk(blockOf(s.elseStatement), cloneState(st));
        this.depth--;
      }
    }
    this.emit("}");
    if (thenState === null) return elseState;
    if (elseState === null) return thenState;
    return mergeStates(thenState, elseState, this.where);
  }

  private macro(name: string, call: ts.CallExpression, st: State): State | null {
    const arg = call.arguments[0];
    const a = (): string => {
      if (!arg) throw new GeneratorError(`${this.where}: ${name} needs an argument`);
      return this.rw(arg);
    };
    switch (name) {
      case "DEOPT_IF":
      case "EXIT_IF": {
        if (this.tier2) {
          // Leave through the uop's exit with the stack as the body has it now (a guard that
          // fails first leaves its inputs in place). `EXIT_IF(true)` always leaves.
          if (arg?.kind === ts.SyntaxKind.TrueKeyword) {
            this.sync(st, "exit");
            return null;
          }
          this.emit(`if (${a()}) {`);
          this.depth++;
          this.sync(cloneState(st), "exit");
          this.depth--;
          this.emit("}");
          return st;
        }
        if (st.sideEffects)
          throw new GeneratorError(
            `${this.where}: ${name} after a side effect (tier 1 could not re-run the instruction as its family head)`,
          );
        const head = this.instr.family;
        if (head === null || this.instr.isHead)
          throw new GeneratorError(
            `${this.where}: ${name} in an instruction that is not a specialized family member`,
          );
        const headInstr = this.analysis.instructions.get(head)!;
        if (this.mode.kind === "function")
          throw new GeneratorError(`${this.where}: ${name} in an out-of-line body`);
        this.emit(`if (${a()}) {`);
        this.emit(`  opcode = ${headInstr.opcode}; // ${head}`);
        this.emit("  continue redispatch;");
        this.emit("}");
        return st;
      }
      case "ERROR_IF": {
        this.emit(`if (${a()}) {`);
        this.depth++;
        this.sync(cloneState(st), "error");
        this.depth--;
        this.emit("}");
        return st;
      }
      case "ERROR_NO_POP":
        this.sync(st, "error");
        return null;
      case "GOTO_EXCEPTION_UNWIND":
        this.tier1Only(name);
        this.emit("addTraceback = false;");
        this.sync(st, "error");
        return null;
      case "DEAD": {
        const e =
          arg && this.isItemAccess(arg)
            ? this.entryFor(arg as ts.PropertyAccessExpression, st)
            : null;
        if (!e) throw new GeneratorError(`${this.where}: DEAD needs a stack item`);
        this.kill(e, st, "DEAD");
        return st;
      }
      case "DECREF_INPUTS": {
        const closing = st.inputs.filter((e) => e.live && !e.peek && !e.unused);
        if (closing.length === 0) return st;
        for (const e of closing) this.kill(e, st, "DECREF_INPUTS");
        this.sync(st, "escape");
        for (const e of [...closing].reverse()) {
          if (e.array) {
            if (this.inlineRefs) {
              this.emit(`for (let _k = ${e.size.toExpr()} - 1; _k >= 0; _k--) {`);
              this.emit(`  const _v = i32[${e.name} + _k]!;`);
              this.emit(`  ${this.closeText("_v")}`);
              this.emit("}");
            } else {
              this.emit(
                `for (let _k = ${e.size.toExpr()} - 1; _k >= 0; _k--) refs.close(i32[${e.name} + _k]!);`,
              );
            }
          } else {
            this.emit(this.closeText(e.name));
          }
        }
        st.sideEffects = true;
        return st;
      }
      case "JUMPBY":
        this.tier1Only(name);
        this.emit(`ip += ${a()};`);
        st.sideEffects = true;
        return st;
      case "SYNC_SP":
        this.sync(st, "escape");
        return st;
      case "DISPATCH":
        this.tier1Only(name);
        this.sync(st, "dispatch");
        return null;
      case "DISPATCH_SAME_OPARG":
        this.tier1Only(name);
        if (st.sideEffects)
          throw new GeneratorError(`${this.where}: DISPATCH_SAME_OPARG after a side effect`);
        if (this.mode.kind === "function")
          throw new GeneratorError(`${this.where}: DISPATCH_SAME_OPARG in an out-of-line body`);
        this.emit("opcode = u16[thisInstr]! & 255;");
        this.emit("continue redispatch;");
        return null;
      case "SETLOCAL_NO_CLOSE": {
        const v = call.arguments[1];
        if (!v) throw new GeneratorError(`${this.where}: SETLOCAL_NO_CLOSE needs two arguments`);
        this.emit(`i32[${localIndex(a())}] = ${this.rw(v)};`);
        st.sideEffects = true;
        return st;
      }
      case "SET_FRAME_INSTR":
        this.emit(`thisInstr = ${a()};`);
        return st;
      case "ADVANCE_ADAPTIVE_COUNTER": {
        this.tier1Only(name);
        const slot = a();
        this.emit(`u16[${slot}] = u16[${slot}]! - ${1 << BACKOFF_BITS};`);
        return st;
      }
      case "CHECK_EVAL_BREAKER": {
        if (this.mode.kind === "function")
          throw new GeneratorError(`${this.where}: CHECK_EVAL_BREAKER in an out-of-line body`);
        if (this.tier2) {
          // Tier 1 handles what is pending: leave through the uop's exit (a deopt).
          this.emit("if (evalBreaker[0] !== 0) {");
          this.depth++;
          this.sync(cloneState(st), "exit");
          this.depth--;
          this.emit("}");
          return st;
        }
        this.emit("if (evalBreaker[0] !== 0) {");
        this.depth++;
        const inner = cloneState(st);
        this.sync(inner, "escape");
        this.emit("const pending = ts.handlePending(frame);");
        this.emit("if (pending !== 0) {");
        this.depth++;
        this.emit("if (pending < 0) {");
        this.depth++;
        this.sync(cloneState(inner), "error");
        this.depth--;
        this.emit("}");
        this.emit("i32[(frame + FRAME_IP) >> 2] = thisInstr;");
        this.emit("ts.resumeFrame = frame;");
        this.emit("return SWITCH_LOOP;");
        this.depth--;
        this.emit("}");
        this.depth--;
        this.emit("}");
        return st;
      }
      case "RESUME_FRAME": {
        this.tier1Only(name);
        if (this.mode.kind === "function")
          throw new GeneratorError(`${this.where}: RESUME_FRAME in an out-of-line body`);
        this.emit(`const resumeCode = ${a()};`);
        this.emit("if (resumeCode <= 0) {");
        this.emit("  frame = ts.resumeFrame;");
        this.emit("  sp = i32[(frame + FRAME_SP) >> 2]!;");
        this.emit("  if (resumeCode < 0) {");
        this.emit("    thisInstr = i32[(frame + FRAME_INSTR) >> 2]!;");
        this.emit("    break dispatch;");
        this.emit("  }");
        this.emit("  ip = i32[(frame + FRAME_IP) >> 2]!;");
        this.emit("  continue dispatch;");
        this.emit("}");
        this.emit("return SWITCH_LOOP;");
        return null;
      }
      case "ENTER_FRAME": {
        if (this.mode.kind === "function" && this.tier2)
          throw new GeneratorError(`${this.where}: ENTER_FRAME in an out-of-line uop`);
        for (const e of st.inputs) {
          if (e.live && !e.peek && !e.unused)
            throw new GeneratorError(
              `${this.where}: ENTER_FRAME with input ${e.name} still on the stack`,
            );
        }
        for (const e of st.outputs) {
          if (e.live && !e.peek)
            throw new GeneratorError(`${this.where}: ENTER_FRAME after defining output ${e.name}`);
        }
        const target = a();
        this.sync(st, "escape", true);
        this.emit("i32[(frame + FRAME_IP) >> 2] = ip;");
        if (this.mode.kind === "function") {
          // The loop goes on in the new frame (see ENTERED_FRAME in tier1-generator.ts).
          this.emit(`ts.resumeFrame = ${target};`);
          this.emit("return 0;");
          return null;
        }
        this.emit(`frame = ${target};`);
        if (!this.tier2) {
          // The loop's shared tail reads the new frame's FRAME_SP and FRAME_IP (tier1-generator.ts).
          this.emit("break enterFrame;");
          return null;
        }
        // Tier 2 goes on with the trace's next uop, which was recorded in the new frame.
        this.emit("sp = i32[(frame + FRAME_SP) >> 2]!;");
        this.emit("continue dispatch;");
        return null;
      }
      case "LEAVE_FRAME": {
        if (this.mode.kind === "function")
          throw new GeneratorError(`${this.where}: LEAVE_FRAME in an out-of-line body`);
        this.emit(`const returned = ${a()};`);
        this.sync(st, "escape", true);
        this.emit("const dying = frame;");
        if (this.tier2) {
          // A host-owned frame never gets here: the case's prologue left the trace before it.
          this.emit("frame = i32[(dying + FRAME_PREVIOUS) >> 2]!;");
          this.emit("ts.popFrame(dying);");
          this.emit("sp = i32[(frame + FRAME_SP) >> 2]!;");
          this.emit("i32[sp] = returned;");
          this.emit("sp = sp + 1;");
          this.emit("continue dispatch;");
          return null;
        }
        this.emit("if ((i32[(dying + FRAME_FLAGS) >> 2]! & FRAME_OWNED_BY_HOST) !== 0) {");
        this.emit("  ts.popFrame(dying);");
        this.emit("  return returned;");
        this.emit("}");
        this.emit("frame = i32[(dying + FRAME_PREVIOUS) >> 2]!;");
        this.emit("ts.popFrame(dying);");
        this.emit("sp = i32[(frame + FRAME_SP) >> 2]!;");
        this.emit("ip = i32[(frame + FRAME_IP) >> 2]!;");
        this.emit("i32[sp] = returned;");
        this.emit("sp = sp + 1;");
        this.emit("continue dispatch;");
        return null;
      }
      case "JUMP_TO_TOP":
        if (!this.tier2) throw new GeneratorError(`${this.where}: JUMP_TO_TOP in tier 1`);
        this.emit("pc = uop.jump;");
        this.emit("continue dispatch;");
        return null;
      default:
        throw new GeneratorError(`${this.where}: unknown macro ${name}`);
    }
  }

  // --- the stack model ---------------------------------------------------------------------

  private kill(e: Entry, st: State, why: string): void {
    if (e.peek)
      throw new GeneratorError(
        `${this.where}: ${why} of ${e.name}, which stays on the stack (a peek)`,
      );
    if (!st.inputs.includes(e))
      throw new GeneratorError(`${this.where}: ${why} of ${e.name}, which is not an input`);
    if (!e.live)
      throw new GeneratorError(`${this.where}: ${why} of ${e.name}, which is already dead`);
    e.live = false;
  }

  private assign(e: Entry, st: State): void {
    if (e.array)
      throw new GeneratorError(`${this.where}: assigning ${e.name}, a variable-length item`);
    if (st.inputs.includes(e) && !e.peek)
      throw new GeneratorError(`${this.where}: assigning input ${e.name}`);
    e.live = true;
    e.mem = "stale";
    e.loaded = true;
  }

  /**
   * Bring memory in line with the logical stack. "escape": then publish FRAME_SP and FRAME_INSTR;
   * "error": set sp to the logical top and leave for the error path; "dispatch": set sp and end
   * the instruction; "exit" (tier 2): leave the trace through the uop's exit.
   */
  private sync(
    st: State,
    kind: "escape" | "error" | "dispatch" | "exit",
    forcePublish = false,
  ): void {
    const outputsOn = st.outputs.some((e) => !e.peek && !e.array && !e.unused && e.live);
    if (outputsOn) {
      const still = st.inputs.find((e) => e.live && !e.peek && !e.unused);
      if (still) {
        throw new GeneratorError(
          `${this.where}: output defined while input ${still.name} is still on the stack at ${kind === "escape" ? "an escaping call" : "an exit"}; close or DEAD() the inputs first`,
        );
      }
    }
    const region = outputsOn ? st.outputs : st.inputs;
    const all = [...st.below, ...region];
    let topIdx = -1;
    all.forEach((e, i) => {
      if (e.live) topIdx = i;
    });
    const top = topIdx >= 0 ? all[topIdx]!.offset.add(all[topIdx]!.size) : st.base;
    for (let i = 0; i <= topIdx; i++) {
      const e = all[i]!;
      if (e.live && !e.array && !e.unused && e.mem !== "value") {
        if (!e.loaded)
          throw new GeneratorError(`${this.where}: ${e.name} is live but has no value`);
        this.emit(`i32[${this.off(e.offset)}] = ${e.name};`);
        e.mem = "value";
        st.sideEffects = true;
      } else if (!e.live && e.mem !== "null") {
        if (e.array)
          this.emit(`i32.fill(NULL, ${this.off(e.offset)}, ${this.off(e.offset.add(e.size))});`);
        else this.emit(`i32[${this.off(e.offset)}] = NULL;`);
        e.mem = "null";
        st.sideEffects = true;
      }
    }
    if (outputsOn) {
      // The outputs' writes went over the inputs' slots.
      for (const e of st.inputs) if (!e.peek) e.mem = "stale";
    }
    const topText = this.off(top);
    if (kind === "exit") {
      // Tier 2: the trace's exit publishes the frame's state for tier 1 (leaveTrace).
      if (this.mode.kind === "function")
        throw new GeneratorError(`${this.where}: an exit in an out-of-line body`);
      this.emit(`return leaveTrace(ts, executor, frame, ${topText}, uop, count);`);
      return;
    }
    if (kind === "escape") {
      if (forcePublish || st.published !== topText) {
        this.emit(`i32[(frame + FRAME_SP) >> 2] = ${topText};`);
        this.emit("i32[(frame + FRAME_INSTR) >> 2] = thisInstr;");
        st.published = topText;
      }
      return;
    }
    if (this.mode.kind === "function") {
      if (kind === "error") this.emit(`return ~(${topText});`);
      else throw new GeneratorError(`${this.where}: DISPATCH in an out-of-line body`);
      return;
    }
    if (!top.isZero()) this.emit(`sp = ${topText};`);
    this.emit(kind === "error" ? "break dispatch;" : "continue dispatch;");
  }

  // --- expressions -------------------------------------------------------------------------

  private isItemAccess(n: ts.Node): boolean {
    const p = this.uop.def.param;
    return (
      p !== null &&
      ts.isPropertyAccessExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === p
    );
  }

  private entryFor(n: ts.PropertyAccessExpression, st: State): Entry {
    const name = n.name.text;
    const ln = localName(name);
    const eff = this.uop.effect;
    const idxIn = eff.inputs.findIndex((i) => i.name === name);
    if (idxIn >= 0) return st.inputs[idxIn]!;
    const idxOut = eff.outputs.findIndex((i) => i.name === name);
    if (idxOut >= 0) return st.outputs[idxOut]!;
    throw new GeneratorError(`${this.where}: no stack item ${ln}`);
  }

  private escapes(n: ts.Node): boolean {
    for (const c of callsIn(n)) {
      const name = calleeName(c);
      if (name !== null && isMacroName(name)) {
        if (STATEMENT_MACROS.has(name))
          throw new GeneratorError(`${this.where}: ${name} used inside an expression`);
        continue;
      }
      if (isEscapingCall(c, this.analysis.env)) return true;
    }
    return false;
  }

  /** Assignments to stack items and closes of them must be whole statements. */
  private checkNoStackMutation(n: ts.Node): void {
    const visit = (x: ts.Node): void => {
      if (ts.isFunctionLike(x))
        throw new GeneratorError(`${this.where}: nested functions are not allowed in bodies`);
      if (
        ts.isVariableDeclaration(x) &&
        ts.isIdentifier(x.name) &&
        this.declared.has(x.name.text)
      ) {
        throw new GeneratorError(
          `${this.where}: local ${x.name.text} has the name of a stack item`,
        );
      }
      if (
        ts.isBinaryExpression(x) &&
        x.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        x.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        this.isItemAccess(x.left)
      ) {
        throw new GeneratorError(
          `${this.where}: assignment to a stack item must be a statement of its own: ${x.getText(this.sf)}`,
        );
      }
      if (ts.isCallExpression(x)) {
        const name = calleeName(x);
        if (
          (name === "close" || name === "xclose") &&
          x.arguments.some((a) => this.isItemAccess(a))
        ) {
          throw new GeneratorError(
            `${this.where}: closing a stack item must be a statement of its own: ${x.getText(this.sf)}`,
          );
        }
        if (name !== null && STATEMENT_MACROS.has(name))
          throw new GeneratorError(`${this.where}: ${name} must be a statement of its own`);
      }
      ts.forEachChild(x, visit);
    };
    visit(n);
  }

  /** Source text of a node with stack items, macros and ref operations rewritten. */
  rw(node: ts.Node): string {
    const sf = this.sf;
    const special = this.rwSpecial(node);
    if (special !== undefined) return special;
    let text = "";
    let pos = node.getStart(sf);
    ts.forEachChild(node, (child) => {
      const cs = child.getStart(sf);
      if (cs < pos) return;
      text += sf.text.slice(pos, cs);
      text += this.rw(child);
      pos = child.end;
    });
    text += sf.text.slice(pos, node.end);
    return text;
  }

  private rwSpecial(node: ts.Node): string | undefined {
    if (this.isItemAccess(node)) {
      const name = (node as ts.PropertyAccessExpression).name.text;
      const cache = this.caches.get(name);
      if (cache !== undefined) return cache;
      const eff = this.uop.effect;
      if (![...eff.inputs, ...eff.outputs].some((i) => i.name === name)) {
        throw new GeneratorError(`${this.where}: no stack item or cache entry ${name}`);
      }
      return localName(name);
    }
    if (ts.isIdentifier(node) && node.text === "nextInstr" && !isPropertyName(node)) return "ip";
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const args = node.arguments.map((a) => this.rw(a));
      if (name === "GETLOCAL") return `i32[${localIndex(args[0] ?? "")}]!`;
      if (name === "ADAPTIVE_COUNTER_TRIGGERS") {
        const t = `${parens(args[0] ?? "")} < ${UNREACHABLE_BACKOFF}`;
        return ts.isIfStatement(node.parent) || ts.isParenthesizedExpression(node.parent)
          ? t
          : `(${t})`;
      }
      if (name !== null && REF_OPS.has(name)) {
        return this.inlineRefOp(node, name, args[0] ?? "") ?? `refs.${name}(${args.join(", ")})`;
      }
      if (name !== null) {
        const expanded = expandHelper(name, args);
        if (expanded !== null) return expanded;
      }
      if (name !== null && isMacroName(name) && !EXPRESSION_MACROS.has(name)) {
        throw new GeneratorError(`${this.where}: ${name} must be a statement of its own`);
      }
    }
    return undefined;
  }

  private emitText(text: string, node: ts.Node): void {
    const col = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).character;
    const lines = text.split("\n");
    lines.forEach((l, i) => {
      if (i === 0) this.emit(l);
      else {
        const strip = Math.min(col, l.length - l.trimStart().length);
        this.emit(l.slice(strip));
      }
    });
  }
}

/**
 * The pure stackref helpers written out (V8 does not inline calls into the big loops). Helpers
 * that would evaluate an argument twice are expanded only for plain names; others stay calls.
 */
export function expandHelper(name: string, args: readonly string[]): string | null {
  const [a = "", b = ""] = args;
  const p = (x: string): string => (/^[\w$.]+!?$/.test(x) ? x : `(${x})`);
  const simple = (x: string): boolean => /^[\w$]+$/.test(x);
  switch (name) {
    case "isTaggedInt":
      return `((${p(a)} & 3) === 3)`;
    case "isNull":
      return `(${p(a)} === 1)`;
    case "isError":
      return `(${p(a)} === 2)`;
    case "isOwned":
      return `((${p(a)} & 3) === 0)`;
    case "tagInt":
      return `((${p(a)} << 2) | 3)`;
    case "untagInt":
      return `(${p(a)} >> 2)`;
    case "addressOf":
      return `(${p(a)} & -4)`;
    case "same":
      return `((${p(a)} & -2) === (${p(b)} & -2))`;
    case "isNullOrInt":
      return simple(a) ? `(${a} === 1 || (${a} & 3) === 3)` : null;
    case "isPointer":
      return simple(a) ? `((${a} & 2) === 0 && ${a} > 1)` : null;
    case "asBorrowed":
      return simple(a) ? `((${a} & 3) === 0 ? ${a} | 1 : ${a})` : null;
    default:
      return null;
  }
}

function nameOf(items: readonly StackItem[], e: Entry): string {
  return items.find((i) => localName(i.name) === e.name)?.name ?? e.name;
}

function blockOf(s: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(s) ? s.statements : [s];
}

function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isPropertyAssignment(p) && p.name === id)
  );
}

function parens(t: string): string {
  return /^[\w.$]+$/.test(t) ? t : `(${t})`;
}

function localIndex(i: string): string {
  return `((frame + FRAME_HEADER) >> 2) + ${parens(i)}`;
}

/** CPython 3.14's adaptive counters: 12-bit value above a 4-bit backoff exponent. */
export const BACKOFF_BITS = 4;
export const UNREACHABLE_BACKOFF = 15;

/** Read a cache entry of `size` units at unit `offset` after the instruction. */
function readCache(offset: number, size: number): string {
  const at = (k: number): string => `u16[thisInstr + ${1 + offset + k}]!`;
  if (size === 1) return at(0);
  if (size === 2) return `(${at(0)} | (${at(1)} << 16)) >>> 0`;
  return `((${at(0)} | (${at(1)} << 16)) >>> 0) + ((${at(2)} | (${at(3)} << 16)) >>> 0) * 4294967296`;
}

/** Macros that need the dispatch loop's labels or locals: bodies using them stay inline. */
const LOOP_ONLY_MACROS = new Set([
  "JUMP_TO_TOP",
  "DEOPT_IF",
  "EXIT_IF",
  "JUMPBY",
  "DISPATCH",
  "DISPATCH_SAME_OPARG",
  "LEAVE_FRAME",
  "CHECK_EVAL_BREAKER",
  "RESUME_FRAME",
  "GOTO_EXCEPTION_UNWIND",
  "SET_FRAME_INSTR",
]);

/** Whether an instruction can be emitted as an out-of-line function. */
export function outOfLineEligible(instr: Instruction): boolean {
  for (const u of uopsOf(instr)) {
    for (const s of u.def.body) {
      for (const c of callsIn(s)) {
        const name = calleeName(c);
        if (name !== null && LOOP_ONLY_MACROS.has(name)) return false;
      }
    }
  }
  return true;
}
