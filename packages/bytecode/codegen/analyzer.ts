// The shared front end of every generator (CPython's analyzer.py): resolves definitions into
// uops, instructions, families and pseudo-ops, infers each uop's properties from its body, and
// numbers the opcodes. Nothing here is maintained by hand.
import ts from "typescript";
import {
  type Def,
  type DefOptions,
  type Defs,
  type MacroDef,
  type OpDef,
  parseDefs,
} from "./parse-defs.js";
import { type StackEffect, type StackItem, Sym } from "./stack-spec.js";

/** What the generator knows about `ts.*` methods (read from the Tier1Env JSDoc tags). */
export interface EnvInfo {
  readonly noEscape: ReadonlySet<string>;
  readonly opargConst: ReadonlySet<string>;
  readonly opargName: ReadonlySet<string>;
  readonly opargLocal: ReadonlySet<string>;
}

/** Pure reference helpers (from @skein/stackref) and ref ops that never escape. */
export const NON_ESCAPING_FUNCTIONS: ReadonlySet<string> = new Set([
  "addTaggedInts",
  "addressOf",
  "asBorrowed",
  "dup",
  "fitsSmallInt",
  "isError",
  "isNull",
  "isNullOrInt",
  "isOwned",
  "isPointer",
  "isTaggedInt",
  "makeHeapSafe",
  "mulTaggedInts",
  "same",
  "subTaggedInts",
  "tagInt",
  "tagIntChecked",
  "untagInt",
]);

/** Stackref helpers the generated file imports as functions (the rest go through `refs`). */
export const IMPORTED_HELPERS: ReadonlySet<string> = new Set(
  [...NON_ESCAPING_FUNCTIONS].filter((n) => n !== "dup" && n !== "makeHeapSafe"),
);
/** Reference operations called on the loop's `refs` (the thread state's StackRefOps). */
export const REF_OPS: ReadonlySet<string> = new Set(["dup", "close", "xclose", "makeHeapSafe"]);

/** Macros that are statements, and the ones usable inside expressions. */
export const STATEMENT_MACROS: ReadonlySet<string> = new Set([
  "DEOPT_IF",
  "EXIT_IF",
  "ERROR_IF",
  "ERROR_NO_POP",
  "GOTO_EXCEPTION_UNWIND",
  "DEAD",
  "DECREF_INPUTS",
  "JUMPBY",
  "SYNC_SP",
  "DISPATCH",
  "DISPATCH_SAME_OPARG",
  "SETLOCAL_NO_CLOSE",
  "SET_FRAME_INSTR",
  "ENTER_FRAME",
  "LEAVE_FRAME",
  "CHECK_EVAL_BREAKER",
  "RESUME_FRAME",
  "ADVANCE_ADAPTIVE_COUNTER",
  "JUMP_TO_TOP",
]);
export const EXPRESSION_MACROS: ReadonlySet<string> = new Set([
  "GETLOCAL",
  "ADAPTIVE_COUNTER_TRIGGERS",
]);
/** Names the bodies may use as values; anything else must be declared in the body. */
export const CONSTANT_NAMES: ReadonlySet<string> = new Set([
  "NULL",
  "ERROR",
  "PY_NONE",
  "PY_TRUE",
  "PY_FALSE",
]);

export interface Properties {
  escapes: boolean;
  deopts: boolean;
  exits: boolean;
  errorWithPop: boolean;
  errorNoPop: boolean;
  pure: boolean;
  needsFrame: boolean;
  usesLocals: boolean;
  jumps: boolean;
  evalBreak: boolean;
  usesOparg: boolean;
  usesThisInstr: boolean;
  dispatches: boolean;
  hasConst: boolean;
  hasName: boolean;
  guard: boolean;
  noSaveIp: boolean;
  specializing: boolean;
  tier: 1 | 2 | null;
  // What decides where a uop can run (CPython's why_not_viable):
  /** Reads `executor` (the running executor: tier 2 only). */
  usesExecutor: boolean;
  /** Reads `nextInstr` (tier 2 knows it only from the instruction's cache size). */
  usesNextInstr: boolean;
  enterFrame: boolean;
  leaveFrame: boolean;
  /** GOTO_EXCEPTION_UNWIND: unwinds without a traceback entry (tier 1's error path only). */
  unwinds: boolean;
  /** RESUME_FRAME: resumes wherever the thread state says (tier 1's dispatch only). */
  resumesFrame: boolean;
  /** DISPATCH_SAME_OPARG or ADVANCE_ADAPTIVE_COUNTER: rewrites or counts in the bytecode. */
  adaptive: boolean;
  /** JUMP_TO_TOP (tier 2's loop). */
  jumpsToTop: boolean;
}

export interface Uop {
  readonly name: string;
  readonly def: OpDef;
  readonly effect: StackEffect;
  readonly properties: Properties;
}

export type Part =
  | { readonly kind: "uop"; readonly uop: Uop }
  | { readonly kind: "cache"; readonly size: number };

export interface Instruction {
  readonly name: string;
  readonly parts: readonly Part[];
  readonly cacheSize: number;
  readonly properties: Properties;
  readonly hot: boolean;
  opcode: number;
  family: string | null;
  isHead: boolean;
  readonly popped: Sym;
  readonly pushed: Sym;
}

export interface Family {
  readonly head: string;
  readonly members: readonly string[];
}

export interface Pseudo {
  readonly name: string;
  readonly effect: StackEffect;
  readonly targets: readonly string[];
  readonly flags: readonly string[];
  opcode: number;
}

export interface Analysis {
  readonly defs: Defs;
  readonly env: EnvInfo;
  readonly uops: ReadonlyMap<string, Uop>;
  readonly instructions: ReadonlyMap<string, Instruction>;
  readonly families: ReadonlyMap<string, Family>;
  readonly pseudos: ReadonlyMap<string, Pseudo>;
  /** Opcode numbering. */
  readonly haveArgument: number;
  readonly minSpecialized: number;
  /** Uop ids: name -> id. */
  readonly uopIds: ReadonlyMap<string, number>;
}

export class AnalysisError extends Error {}

export const MIN_SPECIALIZED_OPCODE = 128;
export const MIN_PSEUDO_OPCODE = 256;
export const MIN_UOP_ID = 512;

/** Read the `@noescape`/`@oparg*` tags of Tier1Env's methods from its source. */
export function readEnvInfo(source: string): EnvInfo {
  const file = ts.createSourceFile("tier1-env.ts", source, ts.ScriptTarget.ES2022, true);
  const info = {
    noEscape: new Set<string>(),
    opargConst: new Set<string>(),
    opargName: new Set<string>(),
    opargLocal: new Set<string>(),
  };
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "Tier1Env") {
      for (const m of node.members) {
        if (!m.name) continue;
        const name = m.name.getText(file);
        const tags = ts.getJSDocTags(m).map((t) => t.tagName.text);
        if (tags.includes("noescape")) info.noEscape.add(name);
        if (tags.includes("opargConst")) info.opargConst.add(name);
        if (tags.includes("opargName")) info.opargName.add(name);
        if (tags.includes("opargLocal")) info.opargLocal.add(name);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return info;
}

/** The callee of a call as `name` or `ts.method`, else null. */
export function calleeName(call: ts.CallExpression): string | null {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    ts.isIdentifier(e.name)
  ) {
    return `${e.expression.text}.${e.name.text}`;
  }
  return null;
}

export function isMacroName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

/** Whether a call can escape (run arbitrary code, allocate, free). Macros are judged apart. */
export function isEscapingCall(call: ts.CallExpression, env: EnvInfo): boolean {
  const name = calleeName(call);
  if (name === null) return true;
  if (isMacroName(name)) return name === "CHECK_EVAL_BREAKER" || name === "DECREF_INPUTS";
  if (NON_ESCAPING_FUNCTIONS.has(name)) return false;
  if (name.startsWith("ts.")) return !env.noEscape.has(name.slice(3));
  return true;
}

/** Calls inside `node` (not inside nested functions). */
export function callsIn(node: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function emptyProperties(o: DefOptions): Properties {
  return {
    escapes: false,
    deopts: false,
    exits: false,
    errorWithPop: false,
    errorNoPop: false,
    pure: o.pure,
    needsFrame: false,
    usesLocals: false,
    jumps: false,
    evalBreak: false,
    usesOparg: false,
    usesThisInstr: false,
    dispatches: false,
    hasConst: false,
    hasName: false,
    guard: o.guard,
    noSaveIp: o.noSaveIp,
    specializing: o.specializing,
    tier: o.specializing ? 1 : o.tier,
    usesExecutor: false,
    usesNextInstr: false,
    enterFrame: false,
    leaveFrame: false,
    unwinds: false,
    resumesFrame: false,
    adaptive: false,
    jumpsToTop: false,
  };
}

/** Infer a uop's properties from its body (CPython's analyzer.py `compute_properties`). */
export function computeProperties(def: OpDef, env: EnvInfo): Properties {
  const p = emptyProperties(def.options);
  const where = `${def.name} (line ${def.line})`;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      if (n.text === "oparg") p.usesOparg = true;
      if (n.text === "thisInstr") p.usesThisInstr = true;
      if (n.text === "executor") p.usesExecutor = true;
      if (n.text === "nextInstr") p.usesNextInstr = true;
    }
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      if (name !== null && isMacroName(name)) {
        switch (name) {
          case "DEOPT_IF":
            p.deopts = true;
            break;
          case "EXIT_IF":
            p.exits = true;
            break;
          case "ERROR_IF":
            p.errorWithPop = true;
            break;
          case "ERROR_NO_POP":
            p.errorNoPop = true;
            break;
          case "GOTO_EXCEPTION_UNWIND":
            p.errorNoPop = true;
            p.unwinds = true;
            break;
          case "ENTER_FRAME":
            p.needsFrame = true;
            p.escapes = true;
            p.enterFrame = true;
            break;
          case "LEAVE_FRAME":
            p.needsFrame = true;
            p.escapes = true;
            p.leaveFrame = true;
            break;
          case "RESUME_FRAME":
            p.resumesFrame = true;
            break;
          case "ADVANCE_ADAPTIVE_COUNTER":
            p.adaptive = true;
            break;
          case "JUMP_TO_TOP":
            p.jumpsToTop = true;
            break;
          case "GETLOCAL":
          case "SETLOCAL_NO_CLOSE":
            p.usesLocals = true;
            break;
          case "JUMPBY":
            p.jumps = true;
            break;
          case "CHECK_EVAL_BREAKER":
            p.evalBreak = true;
            p.escapes = true;
            break;
          case "DECREF_INPUTS":
            p.escapes = true;
            break;
          case "DISPATCH":
            p.dispatches = true;
            break;
          case "DISPATCH_SAME_OPARG":
            p.dispatches = true;
            p.adaptive = true;
            break;
          default:
            if (!STATEMENT_MACROS.has(name) && !EXPRESSION_MACROS.has(name)) {
              throw new AnalysisError(`${where}: unknown macro ${name}`);
            }
        }
        if (name === "DEOPT_IF" || name === "EXIT_IF" || name === "ERROR_IF") {
          for (const c of callsIn(n.arguments[0] ?? n)) {
            if (isEscapingCall(c, env)) {
              throw new AnalysisError(
                `${where}: escaping call ${c.expression.getText()} in ${name} condition`,
              );
            }
          }
        }
      } else if (isEscapingCall(n, env)) {
        p.escapes = true;
      }
      if (name?.startsWith("ts.")) {
        const m = name.slice(3);
        if (env.opargConst.has(m)) p.hasConst = true;
        if (env.opargName.has(m)) p.hasName = true;
        if (env.opargLocal.has(m)) p.usesLocals = true;
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const s of def.body) visit(s);
  for (const it of [...def.effect.inputs, ...def.effect.outputs]) {
    if (it.size !== null && /\boparg\b/.test(it.size)) p.usesOparg = true;
  }
  if (p.deopts && p.exits) throw new AnalysisError(`${where}: uses both DEOPT_IF and EXIT_IF`);
  if (p.tier !== 2 && (p.usesExecutor || p.jumpsToTop))
    throw new AnalysisError(`${where}: uses tier-2 state (executor, JUMP_TO_TOP) without tier: 2`);
  return p;
}

export function unionProperties(ps: readonly Properties[]): Properties {
  const out = emptyProperties({
    pure: true,
    tier: null,
    specializing: false,
    guard: false,
    replicate: 0,
    noSaveIp: false,
    hot: false,
    replaces: null,
  });
  if (ps.length === 0) out.pure = false;
  for (const p of ps) {
    for (const k of Object.keys(out) as (keyof Properties)[]) {
      if (k === "pure") out.pure = out.pure && p.pure;
      else if (k === "tier") out.tier = out.tier ?? p.tier;
      else (out[k] as boolean) = (out[k] as boolean) || (p[k] as boolean);
    }
  }
  return out;
}

/** Net stack effect of a uop sequence: slots popped below the start, slots pushed. */
export function stackEffectOf(uops: readonly Uop[]): { popped: Sym; pushed: Sym } {
  let popped = Sym.zero;
  const stack: Sym[] = [];
  for (const u of uops) {
    for (let i = u.effect.inputs.length - 1; i >= 0; i--) {
      const size = Sym.size(u.effect.inputs[i]!);
      const top = stack.pop();
      if (top === undefined) popped = popped.add(size);
      else if (!top.equals(size))
        throw new AnalysisError(
          `${u.name}: input ${u.effect.inputs[i]!.name} size differs from what the previous uop pushed`,
        );
    }
    for (const o of u.effect.outputs) stack.push(Sym.size(o));
  }
  return { popped, pushed: stack.reduce((a, b) => a.add(b), Sym.zero) };
}

export function analyze(defsOrSource: Defs | string, env: EnvInfo): Analysis {
  const defs = typeof defsOrSource === "string" ? parseDefs(defsOrSource) : defsOrSource;
  const uops = new Map<string, Uop>();
  const instructions = new Map<string, Instruction>();
  const families = new Map<string, Family>();
  const pseudos = new Map<string, Pseudo>();
  const macros: MacroDef[] = [];

  const addInstruction = (name: string, parts: Part[], hot: boolean, line: number): void => {
    if (instructions.has(name)) throw new AnalysisError(`line ${line}: ${name} defined twice`);
    const us = parts.flatMap((p) => (p.kind === "uop" ? [p.uop] : []));
    const cacheSize = parts.reduce(
      (n, p) =>
        n +
        (p.kind === "cache" ? p.size : p.uop.effect.caches.reduce((m, c) => m + c.cacheSize, 0)),
      0,
    );
    const { popped, pushed } = stackEffectOf(us);
    instructions.set(name, {
      name,
      parts,
      cacheSize,
      properties: unionProperties(us.map((u) => u.properties)),
      hot,
      opcode: -1,
      family: null,
      isHead: false,
      popped,
      pushed,
    });
  };

  for (const d of defs.defs as Def[]) {
    switch (d.kind) {
      case "op":
      case "inst": {
        if (uops.has(d.name)) throw new AnalysisError(`line ${d.line}: ${d.name} defined twice`);
        if (d.kind === "op" && !d.name.startsWith("_"))
          throw new AnalysisError(`line ${d.line}: uop names start with _: ${d.name}`);
        if (d.kind === "inst" && d.name.startsWith("_"))
          throw new AnalysisError(
            `line ${d.line}: instruction names do not start with _: ${d.name}`,
          );
        const uop: Uop = {
          name: d.name,
          def: d,
          effect: d.effect,
          properties: computeProperties(d, env),
        };
        uops.set(d.name, uop);
        if (d.kind === "inst")
          addInstruction(d.name, [{ kind: "uop", uop }], d.options.hot, d.line);
        break;
      }
      case "macro":
        macros.push(d);
        break;
      case "family":
        families.set(d.head, { head: d.head, members: d.members });
        break;
      case "pseudo":
        pseudos.set(d.name, {
          name: d.name,
          effect: d.effect,
          targets: d.targets,
          flags: d.flags,
          opcode: -1,
        });
        break;
    }
  }
  for (const m of macros) {
    const parts: Part[] = m.parts.map((p) => {
      if (typeof p !== "string") return { kind: "cache", size: p.cache };
      const uop = uops.get(p);
      if (!uop) throw new AnalysisError(`macro ${m.name} (line ${m.line}): unknown uop ${p}`);
      return { kind: "uop", uop };
    });
    addInstruction(m.name, parts, m.options.hot, m.line);
  }

  // Families: members share the head's cache size and stack effect.
  for (const f of families.values()) {
    const head = instructions.get(f.head);
    if (!head) throw new AnalysisError(`family ${f.head}: no such instruction`);
    head.isHead = true;
    head.family = f.head;
    for (const name of f.members) {
      const m = instructions.get(name);
      if (!m) throw new AnalysisError(`family ${f.head}: no such member ${name}`);
      if (m.family !== null) throw new AnalysisError(`${name} is in two families`);
      m.family = f.head;
      if (m.cacheSize !== head.cacheSize)
        throw new AnalysisError(
          `family ${f.head}: ${name} has ${m.cacheSize} cache units, the head ${head.cacheSize}`,
        );
      if (!m.popped.equals(head.popped) || !m.pushed.equals(head.pushed)) {
        throw new AnalysisError(`family ${f.head}: ${name}'s stack effect differs from the head's`);
      }
    }
  }
  for (const p of pseudos.values()) {
    for (const t of p.targets)
      if (!instructions.has(t)) throw new AnalysisError(`pseudo ${p.name}: unknown target ${t}`);
  }

  // Numbering (CPython's scheme): CACHE = 0; generic instructions without an argument, then
  // HAVE_ARGUMENT and the generic ones with one, each group alphabetical; specialized members
  // from 128; pseudo-ops from 256; uops from 512. Numbers follow from the definitions alone, so
  // no source may hard-code them (a test enforces it).
  const sorted = [...instructions.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const isSpecialized = (i: Instruction): boolean => i.family !== null && !i.isHead;
  const generic = sorted.filter((i) => !isSpecialized(i) && i.name !== "CACHE");
  const noArg = generic.filter((i) => !i.properties.usesOparg);
  const withArg = generic.filter((i) => i.properties.usesOparg);
  // 0 is CACHE's even where it is not defined (test snippets), so 0 is never a real opcode.
  let n = 1;
  const cache = instructions.get("CACHE");
  if (cache) cache.opcode = 0;
  for (const i of noArg) i.opcode = n++;
  const haveArgument = n;
  for (const i of withArg) i.opcode = n++;
  if (n > MIN_SPECIALIZED_OPCODE)
    throw new AnalysisError(`too many generic instructions (${n} > 128)`);
  let s = MIN_SPECIALIZED_OPCODE;
  for (const i of sorted.filter(isSpecialized)) i.opcode = s++;
  if (s > 255)
    throw new AnalysisError("too many specialized instructions: opcodes must fit in 8 bits");
  let ps = MIN_PSEUDO_OPCODE;
  for (const p of [...pseudos.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) p.opcode = ps++;
  const uopIds = new Map<string, number>();
  let u = MIN_UOP_ID;
  for (const name of [...uops.keys()].sort()) uopIds.set(name, u++);

  return {
    defs,
    env,
    uops,
    instructions,
    families,
    pseudos,
    haveArgument,
    minSpecialized: MIN_SPECIALIZED_OPCODE,
    uopIds,
  };
}

export function uopsOf(instr: Instruction): Uop[] {
  return instr.parts.flatMap((p) => (p.kind === "uop" ? [p.uop] : []));
}

export type { StackItem };

// --- tier 2 (CPython's why_not_viable and _PyUop_Replacements) ---------------------------------

/** The tier-2 uops that stand in traces for each tier-1 uop they replace, in definition order. */
export function tier2Replacements(a: Analysis): Map<string, Uop[]> {
  const out = new Map<string, Uop[]>();
  for (const u of a.uops.values()) {
    const r = u.def.options.replaces;
    if (r === null) continue;
    const old = a.uops.get(r);
    if (!old) throw new AnalysisError(`${u.name} replaces ${r}, which is not a uop`);
    for (const c of u.effect.caches) {
      if (!old.effect.caches.some((o) => o.name === c.name && o.cacheSize === c.cacheSize))
        throw new AnalysisError(`${u.name}: cache entry ${c.name} is not one of ${r}'s`);
    }
    const list = out.get(r) ?? [];
    list.push(u);
    out.set(r, list);
  }
  for (const [r, list] of out) {
    const before = stackEffectOf([a.uops.get(r)!]);
    const after = stackEffectOf(list);
    if (!before.popped.equals(after.popped) || !before.pushed.equals(after.pushed))
      throw new AnalysisError(`the replacements of ${r} change its stack effect`);
  }
  return out;
}

/**
 * `nextInstr - thisInstr` for a uop in tier 2, where only the uop's target is known: 1 plus the
 * cache units of the instructions that contain it, when they all agree; otherwise null.
 */
export function nextInstrOffset(a: Analysis, uop: Uop): number | null {
  const sizes = new Set<number>();
  for (const i of a.instructions.values()) {
    if (i.parts.some((p) => p.kind === "uop" && p.uop === uop)) sizes.add(1 + i.cacheSize);
  }
  const replaced = uop.def.options.replaces;
  if (replaced !== null) {
    const old = a.uops.get(replaced);
    if (old) {
      const n = nextInstrOffset(a, old);
      if (n === null) return null;
      sizes.add(n);
    }
  }
  return sizes.size === 1 ? [...sizes][0]! : null;
}

/** Why a uop cannot run in a trace, or null when it can (CPython's `why_not_viable`). */
export function whyNotViable(
  a: Analysis,
  uop: Uop,
  replacements = tier2Replacements(a),
): string | null {
  const p = uop.properties;
  if (uop.name === "CACHE" || uop.name === "EXTENDED_ARG")
    return "a code unit that tier 1's dispatch handles itself";
  if (p.specializing) return "specializing: rewrites the instruction in place (tier 1 only)";
  const r = replacements.get(uop.name);
  if (r) return `replaced in traces by ${r.map((u) => u.name).join(" + ")}`;
  if (p.tier === 1) return "tier 1 only";
  if (p.jumps) return "jumps (JUMPBY): a trace follows the branch that was taken instead";
  if (p.adaptive) return "counts down or rewrites the instruction's adaptive counter";
  if (p.dispatches) return "ends the instruction early (DISPATCH)";
  if (p.unwinds) return "unwinds without a traceback entry (GOTO_EXCEPTION_UNWIND)";
  if (p.resumesFrame) return "resumes wherever the JIT driver says (RESUME_FRAME)";
  if (uop.effect.caches.length > 3) return "more than 3 cache operands (operand0..2)";
  if ((p.usesNextInstr || p.enterFrame) && nextInstrOffset(a, uop) === null)
    return "needs nextInstr, but the instructions containing it differ in cache size";
  return null;
}
