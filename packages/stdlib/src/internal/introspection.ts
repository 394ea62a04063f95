// The attributes that introspecting modules (traceback, dis, inspect-style code) read from code
// objects and tracebacks: `co_*` of a code object, `co_positions()`/`co_lines()`, and a
// traceback's `tb_next`, `tb_lineno`, `tb_lasti`, `tb_frame`. Installed on the object model's
// types when the standard library starts, each only where the type does not define it already.
//
// A traceback entry keeps its code object and line, not the frame (frames live on the data stack
// and are gone once unwound), so `tb_frame` is a detached frame record of type `frame` with
// `f_code`, `f_lineno`, `f_lasti` and `f_back` (None): what traceback's summaries read.
// `sys._getframe()` makes the same records for the running frames, with `f_globals`, `f_locals`
// (the namespace of a module or class body; a snapshot of a function's variables) and `f_back`.
import type { CodeUnit } from "@skein/bytecode";
import { frameLayout } from "@skein/interp";
import {
  type CodeData,
  codeData,
  excArgs,
  layout,
  newBytes,
  type ObjectSpace,
  type PyType,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Stdlib } from "./runtime.js";

const LOCAL = 0x20;
const CELL = 0x40;
const FREE = 0x80;

// A detached frame record: [header][code][lineno][lasti][globals][locals][back] (the last three
// NULL when unknown).
const FR_CODE = 8;
const FR_LINENO = 12;
const FR_LASTI = 16;
const FR_GLOBALS = 20;
const FR_LOCALS = 24;
const FR_BACK = 28;
const FR_SIZE = 32;
const FR_REFS = [FR_CODE, FR_GLOBALS, FR_LOCALS, FR_BACK];

const installed = new WeakSet<ObjectSpace>();

export function installIntrospection(s: ObjectSpace): void {
  if (installed.has(s)) return;
  installed.add(s);
  installCode(s);
  installTraceback(s);
  // SystemExit.code: None without arguments, the argument, or the tuple of them.
  addGetter(s.b.SystemExit, "code", (self) => {
    const args = excArgs(s, self);
    const n = s.typeOf(args) === s.b.tuple ? tupleLength(s, args) : 0;
    if (n === 0) return s.None;
    return s.refs.asOwned(n === 1 ? tupleItem(s, args, 0) : args);
  });
}

function addGetter(t: PyType, name: string, get: (self: StackRef) => StackRef): void {
  if (!t.getsets.has(name) && !t.methods.has(name)) t.getsets.set(name, { get });
}

function installCode(s: ObjectSpace): void {
  const t = s.b.code;
  const data = (self: StackRef) => codeData(s, self);
  const word = (self: StackRef, offset: number) => s.i32[((self & ~TAG_MASK) + offset) >> 2]!;
  const names = (self: StackRef, kind: number) =>
    s.newTuple(
      data(self)
        .localsplusNames.filter((_, i) => (data(self).localsplusKinds[i]! & kind) !== 0)
        .map((n) => s.newStr(n)),
    );
  addGetter(t, "co_name", (self) => s.newStr(data(self).name));
  addGetter(t, "co_qualname", (self) => s.newStr(data(self).qualname));
  addGetter(t, "co_filename", (self) => s.newStr(data(self).filename));
  addGetter(t, "co_firstlineno", (self) => s.newInt(data(self).firstLineno));
  addGetter(t, "co_argcount", (self) => s.newInt(word(self, layout.CODE_ARGCOUNT)));
  addGetter(t, "co_posonlyargcount", (self) => s.newInt(word(self, layout.CODE_POSONLY)));
  addGetter(t, "co_kwonlyargcount", (self) => s.newInt(word(self, layout.CODE_KWONLY)));
  addGetter(t, "co_nlocals", (self) => s.newInt(word(self, layout.CODE_NLOCALS)));
  addGetter(t, "co_stacksize", (self) => s.newInt(word(self, layout.CODE_STACKSIZE)));
  addGetter(t, "co_flags", (self) => s.newInt(word(self, layout.CODE_FLAGS)));
  addGetter(t, "co_varnames", (self) => names(self, LOCAL));
  addGetter(t, "co_cellvars", (self) => names(self, CELL));
  addGetter(t, "co_freevars", (self) => names(self, FREE));
  addGetter(t, "co_names", (self) => s.refs.asOwned(word(self, layout.CODE_NAMES)));
  addGetter(t, "co_consts", (self) => s.refs.asOwned(word(self, layout.CODE_CONSTS)));
  addGetter(t, "co_code", (self) => {
    const unit = data(self).source as CodeUnit | undefined;
    const units = unit?.code ?? new Uint16Array(0);
    const bytes = new Uint8Array(units.length * 2);
    for (let i = 0; i < units.length; i++) {
      bytes[2 * i] = units[i]! & 0xff;
      bytes[2 * i + 1] = units[i]! >> 8;
    }
    return newBytes(s, bytes);
  });
  const none = (v: number) => (v < 0 ? s.None : s.newInt(v));
  if (!t.methods.has("co_positions")) {
    // One (line, end_line, col, end_col) tuple per code unit, None where unknown.
    t.methods.set("co_positions", (self) => {
      const p = data(self).positions;
      const items: StackRef[] = [];
      for (let i = 0; i + 3 < p.length; i += 4) {
        const t4 = s.newTuple([none(p[i]!), none(p[i + 1]!), none(p[i + 2]!), none(p[i + 3]!)]);
        if (t4 === ERROR) return closeAll(s, items);
        items.push(t4);
      }
      return listIter(s, items);
    });
  }
  if (!t.methods.has("co_lines")) {
    // (start, end, line) byte ranges of consecutive code units on the same line.
    t.methods.set("co_lines", (self) => {
      const p = data(self).positions;
      const n = p.length >> 2;
      const items: StackRef[] = [];
      let start = 0;
      for (let i = 1; i <= n; i++) {
        if (i < n && p[4 * i] === p[4 * start]) continue;
        const r = s.newTuple([s.newInt(2 * start), s.newInt(2 * i), none(p[4 * start]!)]);
        if (r === ERROR) return closeAll(s, items);
        items.push(r);
        start = i;
      }
      return listIter(s, items);
    });
  }
}

function closeAll(s: ObjectSpace, items: StackRef[]): StackRef {
  for (const r of items) s.refs.close(r);
  return ERROR;
}

/** An iterator over new references (stolen). */
function listIter(s: ObjectSpace, items: StackRef[]): StackRef {
  const list = s.newList(items);
  if (list === ERROR) return ERROR;
  const it = s.getIter(list);
  s.refs.close(list);
  return it;
}

const frameTypes = new WeakMap<ObjectSpace, PyType>();

export function frameRecordType(s: ObjectSpace): PyType {
  const known = frameTypes.get(s);
  if (known !== undefined) return known;
  const i32 = () => s.i32;
  const t = s.newStaticType(
    "frame",
    s.b.object,
    {
      dealloc: (addr) => {
        for (const off of FR_REFS) s.refs.xclose(i32()[(addr + off) >> 2]!);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const a = self & ~TAG_MASK;
        const d = codeData(s, i32()[(a + FR_CODE) >> 2]!);
        return s.newStr(
          `<frame at 0x${a.toString(16)}, file '${d.filename}', line ${i32()[(a + FR_LINENO) >> 2]}, code ${d.name}>`,
        );
      },
    },
    { gc: true },
  );
  // Records reach dicts (f_globals), which may reach them back: the collector sees the fields.
  s.heap.setTypeHooks(t.addr, {
    traverse: (addr, visit) => {
      for (const off of FR_REFS) visit(i32()[(addr + off) >> 2]!);
    },
    clear: (addr) => {
      for (const off of [FR_GLOBALS, FR_LOCALS, FR_BACK]) {
        const v = i32()[(addr + off) >> 2]!;
        i32()[(addr + off) >> 2] = NULL;
        s.refs.xclose(v);
      }
    },
  });
  const field = (self: StackRef, off: number) => i32()[((self & ~TAG_MASK) + off) >> 2]!;
  const refOrNone = (v: StackRef) => (v === NULL ? s.None : s.refs.asOwned(v));
  t.getsets.set("f_code", { get: (self) => s.refs.asOwned(field(self, FR_CODE)) });
  t.getsets.set("f_lineno", { get: (self) => s.newInt(field(self, FR_LINENO)) });
  t.getsets.set("f_lasti", { get: (self) => s.newInt(field(self, FR_LASTI)) });
  t.getsets.set("f_back", { get: (self) => refOrNone(field(self, FR_BACK)) });
  t.getsets.set("f_globals", {
    get: (self) => {
      const g = field(self, FR_GLOBALS);
      return g === NULL
        ? s.raise(s.b.AttributeError, "the frame of a traceback keeps no globals")
        : s.refs.asOwned(g);
    },
  });
  t.getsets.set("f_locals", {
    get: (self) => {
      const l = field(self, FR_LOCALS);
      return l === NULL
        ? s.raise(s.b.AttributeError, "the frame of a traceback keeps no locals")
        : s.refs.asOwned(l);
    },
  });
  frameTypes.set(s, t);
  return t;
}

/** A frame record of `frame`'s state (owned new reference), or ERROR. */
export function newFrameRecord(
  s: ObjectSpace,
  code: StackRef,
  lineno: number,
  lasti: number,
  globals: StackRef,
  locals: StackRef,
  back: StackRef,
): StackRef {
  const f = s.allocObject(frameRecordType(s), FR_SIZE);
  if (f === 0) {
    s.refs.xclose(locals);
    s.refs.xclose(back);
    return ERROR;
  }
  const i32 = s.i32;
  i32[(f + FR_CODE) >> 2] = s.refs.asOwned(code);
  i32[(f + FR_LINENO) >> 2] = lineno;
  i32[(f + FR_LASTI) >> 2] = lasti;
  i32[(f + FR_GLOBALS) >> 2] = globals === NULL ? NULL : s.refs.asOwned(globals);
  i32[(f + FR_LOCALS) >> 2] = locals; // stolen
  i32[(f + FR_BACK) >> 2] = back; // stolen
  return f;
}

function installTraceback(s: ObjectSpace): void {
  const t = s.b.traceback;
  const field = (self: StackRef, offset: number) => s.i32[((self & ~TAG_MASK) + offset) >> 2]!;
  addGetter(t, "tb_next", (self) => {
    const next = field(self, layout.TB_NEXT);
    return next === NULL ? s.None : s.refs.asOwned(next);
  });
  addGetter(t, "tb_lineno", (self) => s.newInt(field(self, layout.TB_LINENO)));
  addGetter(t, "tb_lasti", (self) => s.newInt(field(self, layout.TB_LASTI)));
  addGetter(t, "tb_frame", (self) => {
    return newFrameRecord(
      s,
      field(self, layout.TB_CODE),
      field(self, layout.TB_LINENO),
      field(self, layout.TB_LASTI),
      NULL,
      NULL,
      NULL,
    );
  });
}

/**
 * sys._getframe(depth): frame records of the running Python frames, from `depth` frames above
 * the caller down to the bottom of the stack (each record's f_back is its caller's). Frames of
 * the interpreter's shims are skipped, as tracebacks skip them.
 */
export function currentFrames(rt: Stdlib, depth: number): StackRef {
  const s = rt.s;
  const i32 = s.i32;
  const L = frameLayout;
  const frames: number[] = [];
  for (let f = rt.interp.ts.currentFrame; f !== 0; f = i32[(f + L.FRAME_PREVIOUS) >> 2]!) {
    if ((i32[(f + L.FRAME_FLAGS) >> 2]! & L.FRAME_SHIM) !== 0) continue;
    frames.push(f);
  }
  if (depth < 0 || depth >= frames.length) {
    return s.raise(s.b.ValueError, "call stack is not deep enough");
  }
  let back: StackRef = NULL;
  for (let k = frames.length - 1; k >= depth; k--) {
    const frame = frames[k]!;
    const code = i32[(frame + L.FRAME_CODE) >> 2]!;
    const data = codeData(s, code);
    const offset = i32[(frame + L.FRAME_INSTR) >> 2]! - i32[(code + layout.CODE_BYTECODE) >> 2]!;
    const line = data.positions[4 * offset];
    const locals = frameLocals(s, frame, data);
    if (locals === ERROR) {
      s.refs.xclose(back);
      return ERROR;
    }
    const rec = newFrameRecord(
      s,
      code,
      line === undefined || line < 0 ? data.firstLineno : line,
      offset * 2,
      i32[(frame + L.FRAME_GLOBALS) >> 2]!,
      locals,
      back,
    );
    if (rec === ERROR) return ERROR;
    back = rec;
  }
  return back;
}

/** A frame's locals: its namespace (module, class body), or a snapshot of a function's. */
function frameLocals(s: ObjectSpace, frame: number, data: CodeData): StackRef {
  const i32 = s.i32;
  const ns = i32[(frame + frameLayout.FRAME_LOCALS) >> 2]!;
  if (ns !== 0) return s.refs.asOwned(ns);
  const d = s.newDict();
  if (d === ERROR) return ERROR;
  const base = (frame + frameLayout.FRAME_HEADER) >> 2;
  for (let k = 0; k < data.localsplusNames.length; k++) {
    let v = i32[base + k]!;
    if (v === NULL) continue;
    if ((data.localsplusKinds[k]! & (CELL | FREE)) !== 0) {
      const inner = s.getAttr(v, s.intern("cell_contents"));
      if (inner === ERROR) {
        s.refs.close(s.fetchException()); // an empty cell: no value
        continue;
      }
      v = inner;
    } else v = s.refs.asOwned(v);
    const r = s.dictSetStr(d, data.localsplusNames[k]!, v);
    s.refs.close(v);
    if (r < 0) {
      s.refs.close(d);
      return ERROR;
    }
  }
  return d;
}
