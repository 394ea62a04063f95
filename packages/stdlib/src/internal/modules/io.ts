// Text streams: io.StringIO, the files open() returns (read-only, through the readFile
// capability) and sys.stdout/stderr/stdin, which write to the engine's sinks. The text and
// position live in a side table; the object holds its index.

import {
  isStr,
  layout,
  listFromRefs,
  type ObjectSpace,
  type PyType,
  parseArgs,
  SideTable,
  strValue,
  type VectorCall,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { writeHost } from "../host-write.js";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const STREAM_JS = 8;
const STREAM_SIZE = 12;

interface Stream {
  /** Code points, so positions count characters as Python does. */
  chars: string[];
  pos: number;
  closed: boolean;
  readonly name: string | null;
  readonly mode: string;
  /** Writes go here (standard streams) instead of the buffer. */
  readonly sink: ((text: string) => void) | null;
  readonly readable: boolean;
  readonly writable: boolean;
}

interface IoTypes {
  readonly StringIO: PyType;
  readonly TextIOWrapper: PyType;
  readonly table: SideTable<Stream>;
}

const perSpace = new WeakMap<ObjectSpace, IoTypes>();

function streamOf(s: ObjectSpace, t: IoTypes, self: StackRef): Stream {
  return t.table.get(s.i32[((self & ~TAG_MASK) + STREAM_JS) >> 2]!);
}

function newStream(s: ObjectSpace, type: PyType, t: IoTypes, st: Stream): StackRef {
  const addr = s.allocObject(type, STREAM_SIZE);
  if (addr === 0) return ERROR;
  s.i32[(addr + STREAM_JS) >> 2] = t.table.add(st);
  return addr;
}

export function ioTypes(s: ObjectSpace): IoTypes {
  const known = perSpace.get(s);
  if (known !== undefined) return known;
  const table = new SideTable<Stream>();
  const dealloc = (addr: number) => {
    table.remove(s.i32[(addr + STREAM_JS) >> 2]!);
    s.heap.freeObject(addr);
  };
  const iterSlots = {
    iter: (self: StackRef) => s.refs.asOwned(self),
    iternext: (self: StackRef) => {
      const st = streamOf(s, types, self);
      if (st.closed) return s.raise(s.b.ValueError, "I/O operation on closed file.");
      const line = readLine(st, -1);
      return line === "" ? NULL : s.newStr(line);
    },
  };
  const StringIO = s.newStaticType(
    "StringIO",
    s.b.object,
    {
      dealloc,
      ...iterSlots,
      new: (cls, args, nargs, kwnames) => {
        const a = parseArgs(
          s,
          "StringIO",
          { names: ["initial_value", "newline"], required: 0 },
          args,
          nargs,
          kwnames,
        );
        if (a === null) return ERROR;
        const init = a[0]!;
        let text = "";
        if (init !== NULL && init !== s.None) {
          if (!isStr(s, init)) {
            return s.raise(
              s.b.TypeError,
              `initial_value must be str or None, not ${s.typeOf(init).name}`,
            );
          }
          text = strValue(s, init);
        }
        return newStream(s, s.typeFromAddr(cls & ~TAG_MASK), types, {
          chars: [...text],
          pos: 0,
          closed: false,
          name: null,
          mode: "",
          sink: null,
          readable: true,
          writable: true,
        });
      },
    },
    { flags: layout.TPFLAGS_BASETYPE },
  );
  StringIO.module = "_io";
  const TextIOWrapper = s.newStaticType("TextIOWrapper", s.b.object, {
    dealloc,
    ...iterSlots,
    repr: (self) => {
      const st = streamOf(s, types, self);
      return s.newStr(
        `<_io.TextIOWrapper name='${st.name ?? ""}' mode='${st.mode}' encoding='utf-8'>`,
      );
    },
  });
  TextIOWrapper.module = "_io";
  const types: IoTypes = { StringIO, TextIOWrapper, table };
  for (const type of [StringIO, TextIOWrapper]) installStreamMethods(s, type, types);
  perSpace.set(s, types);
  return types;
}

function readLine(st: Stream, limit: number): string {
  const start = st.pos;
  let end = start;
  const n = st.chars.length;
  while (end < n && (limit < 0 || end - start < limit)) {
    if (st.chars[end++] === "\n") break;
  }
  st.pos = end;
  return st.chars.slice(start, end).join("");
}

function sizeArg(s: ObjectSpace, v: StackRef): number | null {
  if (v === NULL || v === s.None) return -1;
  if ((v & 3) === 3) return v >> 2;
  s.raise(s.b.TypeError, `argument should be integer or None, not '${s.typeOf(v).name}'`);
  return null;
}

function installStreamMethods(s: ObjectSpace, type: PyType, t: IoTypes): void {
  const i32 = s.i32;
  const m = (
    name: string,
    impl: (st: Stream, self: StackRef, args: number, nargs: number) => StackRef,
    checkClosed = true,
  ): void => {
    const f: VectorCall = (self, args, nargs) => {
      const st = streamOf(s, t, self);
      if (checkClosed && st.closed) return s.raise(s.b.ValueError, "I/O operation on closed file.");
      return impl(st, self, args, nargs);
    };
    type.methods.set(name, f);
  };
  const writeText = (st: Stream, text: string): number | null => {
    const chars = [...text];
    if (st.sink !== null) return writeHost(s, st.sink, text) ? chars.length : null;
    if (!st.writable) {
      s.raise(s.b.OSError, "not writable");
      return null;
    }
    while (st.chars.length < st.pos) st.chars.push("\0");
    st.chars.splice(st.pos, chars.length, ...chars);
    st.pos += chars.length;
    return chars.length;
  };
  m("write", (st, _self, args, nargs) => {
    if (nargs !== 1)
      return s.raise(s.b.TypeError, `write() takes exactly one argument (${nargs} given)`);
    const v = i32[args]!;
    if (!isStr(s, v)) {
      return s.raise(s.b.TypeError, `write() argument must be str, not ${s.typeOf(v).name}`);
    }
    const n = writeText(st, strValue(s, v));
    return n === null ? ERROR : s.newInt(n);
  });
  m("writelines", (st, _self, args) => {
    const it = s.getIter(i32[args]!);
    if (it === ERROR) return ERROR;
    for (;;) {
      const v = s.iterNext(it);
      if (v === NULL) break;
      if (v === ERROR || !isStr(s, v)) {
        if (v !== ERROR) {
          s.raise(s.b.TypeError, `write() argument must be str, not ${s.typeOf(v).name}`);
          s.refs.close(v);
        }
        s.refs.close(it);
        return ERROR;
      }
      const n = writeText(st, strValue(s, v));
      s.refs.close(v);
      if (n === null) {
        s.refs.close(it);
        return ERROR;
      }
    }
    s.refs.close(it);
    return s.None;
  });
  m("read", (st, _self, args, nargs) => {
    if (!st.readable) return s.raise(s.b.OSError, "not readable");
    const n = sizeArg(s, nargs > 0 ? i32[args]! : NULL);
    if (n === null) return ERROR;
    const start = Math.min(st.pos, st.chars.length);
    const end = n < 0 ? st.chars.length : Math.min(st.chars.length, start + n);
    st.pos = end;
    return s.newStr(st.chars.slice(start, end).join(""));
  });
  m("readline", (st, _self, args, nargs) => {
    const n = sizeArg(s, nargs > 0 ? i32[args]! : NULL);
    if (n === null) return ERROR;
    return s.newStr(readLine(st, n));
  });
  m("readlines", (st) => {
    const lines: StackRef[] = [];
    for (;;) {
      const line = readLine(st, -1);
      if (line === "") break;
      lines.push(s.newStr(line));
    }
    return listFromRefs(s, lines);
  });
  m("getvalue", (st) => s.newStr(st.chars.join("")));
  m("tell", (st) => s.newInt(st.pos));
  m("seek", (st, _self, args, nargs) => {
    if (nargs < 1) return s.raise(s.b.TypeError, "seek expected at least 1 argument, got 0");
    const pos = sizeArg(s, i32[args]!);
    if (pos === null) return ERROR;
    const whence = nargs > 1 ? sizeArg(s, i32[args + 1]!) : 0;
    if (whence === null) return ERROR;
    if (whence === 0) {
      if (pos < 0) return s.raise(s.b.ValueError, `Negative seek position ${pos}`);
      st.pos = pos;
    } else if (whence === 2) st.pos = st.chars.length;
    return s.newInt(st.pos);
  });
  m("truncate", (st, _self, args, nargs) => {
    const size = nargs > 0 ? sizeArg(s, i32[args]!) : -1;
    if (size === null) return ERROR;
    const at = size < 0 ? st.pos : size;
    st.chars.length = Math.min(st.chars.length, at);
    return s.newInt(at);
  });
  m("flush", () => s.None);
  m("isatty", () => s.False, false);
  m("readable", (st) => s.bool(st.readable));
  m("writable", (st) => s.bool(st.writable || st.sink !== null));
  m("seekable", (st) => s.bool(st.sink === null));
  m(
    "close",
    (st) => {
      st.closed = true;
      return s.None;
    },
    false,
  );
  m("__enter__", (_st, self) => s.refs.asOwned(self));
  m(
    "__exit__",
    (st) => {
      st.closed = true;
      return s.None;
    },
    false,
  );
  type.getsets.set("closed", { get: (self) => s.bool(streamOf(s, t, self).closed) });
  type.getsets.set("name", {
    get: (self) => {
      const n = streamOf(s, t, self).name;
      return n === null ? s.raise(s.b.AttributeError, "name") : s.newStr(n);
    },
  });
  type.getsets.set("mode", { get: (self) => s.newStr(streamOf(s, t, self).mode) });
  type.getsets.set("encoding", { get: () => s.newStr("utf-8") });
}

/** A read-only text file (what open() returns) holding `text`. */
export function openTextFile(s: ObjectSpace, path: string, text: string): StackRef {
  const t = ioTypes(s);
  return newStream(s, t.TextIOWrapper, t, {
    chars: [...text],
    pos: 0,
    closed: false,
    name: path,
    mode: "r",
    sink: null,
    readable: true,
    writable: false,
  });
}

/** sys.stdout or sys.stderr: writes go to `sink`. */
export function hostStream(
  s: ObjectSpace,
  name: string,
  mode: string,
  sink: ((text: string) => void) | null,
): StackRef {
  const t = ioTypes(s);
  return newStream(s, t.TextIOWrapper, t, {
    chars: [],
    pos: 0,
    closed: false,
    name,
    mode,
    sink,
    readable: sink === null,
    writable: sink !== null,
  });
}

export function initIo(_rt: Stdlib, m: ModuleBuilder): void {
  const t = ioTypes(m.s);
  m.ref("StringIO", t.StringIO.addr | 1);
  m.ref("TextIOWrapper", t.TextIOWrapper.addr | 1);
  m.ref("UnsupportedOperation", m.s.b.OSError.addr | 1);
}
