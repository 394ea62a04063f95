// The builtin exception hierarchy, exception objects, tracebacks, and CPython's printed format.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { codeData } from "./func.js";
import {
  EXC_ARGS,
  EXC_CAUSE,
  EXC_CONTEXT,
  EXC_DICT,
  EXC_NOTES,
  EXC_SIZE,
  EXC_SUPPRESS_CONTEXT,
  EXC_TRACEBACK,
  TB_CODE,
  TB_LASTI,
  TB_LINENO,
  TB_NEXT,
  TB_SIZE,
  TPFLAGS_BASE_EXC_SUBCLASS,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { isTuple, newTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import type { PyType } from "./type.js";

// [name, base]: CPython 3.13's builtin exceptions, parents before children.
const HIERARCHY: readonly [string, string | null][] = [
  ["BaseException", null],
  ["BaseExceptionGroup", "BaseException"],
  ["GeneratorExit", "BaseException"],
  ["KeyboardInterrupt", "BaseException"],
  ["SystemExit", "BaseException"],
  ["Exception", "BaseException"],
  ["ArithmeticError", "Exception"],
  ["FloatingPointError", "ArithmeticError"],
  ["OverflowError", "ArithmeticError"],
  ["ZeroDivisionError", "ArithmeticError"],
  ["AssertionError", "Exception"],
  ["AttributeError", "Exception"],
  ["BufferError", "Exception"],
  ["EOFError", "Exception"],
  ["ExceptionGroup", "BaseExceptionGroup"],
  ["ImportError", "Exception"],
  ["ModuleNotFoundError", "ImportError"],
  ["LookupError", "Exception"],
  ["IndexError", "LookupError"],
  ["KeyError", "LookupError"],
  ["MemoryError", "Exception"],
  ["NameError", "Exception"],
  ["UnboundLocalError", "NameError"],
  ["OSError", "Exception"],
  ["BlockingIOError", "OSError"],
  ["ChildProcessError", "OSError"],
  ["ConnectionError", "OSError"],
  ["BrokenPipeError", "ConnectionError"],
  ["ConnectionAbortedError", "ConnectionError"],
  ["ConnectionRefusedError", "ConnectionError"],
  ["ConnectionResetError", "ConnectionError"],
  ["FileExistsError", "OSError"],
  ["FileNotFoundError", "OSError"],
  ["InterruptedError", "OSError"],
  ["IsADirectoryError", "OSError"],
  ["NotADirectoryError", "OSError"],
  ["PermissionError", "OSError"],
  ["ProcessLookupError", "OSError"],
  ["TimeoutError", "OSError"],
  ["ReferenceError", "Exception"],
  ["RuntimeError", "Exception"],
  ["NotImplementedError", "RuntimeError"],
  ["PythonFinalizationError", "RuntimeError"],
  ["RecursionError", "RuntimeError"],
  ["StopAsyncIteration", "Exception"],
  ["StopIteration", "Exception"],
  ["SyntaxError", "Exception"],
  ["IndentationError", "SyntaxError"],
  ["TabError", "IndentationError"],
  ["SystemError", "Exception"],
  ["TypeError", "Exception"],
  ["ValueError", "Exception"],
  ["UnicodeError", "ValueError"],
  ["UnicodeDecodeError", "UnicodeError"],
  ["UnicodeEncodeError", "UnicodeError"],
  ["UnicodeTranslateError", "UnicodeError"],
  ["Warning", "Exception"],
  ["BytesWarning", "Warning"],
  ["DeprecationWarning", "Warning"],
  ["EncodingWarning", "Warning"],
  ["FutureWarning", "Warning"],
  ["ImportWarning", "Warning"],
  ["PendingDeprecationWarning", "Warning"],
  ["ResourceWarning", "Warning"],
  ["RuntimeWarning", "Warning"],
  ["SyntaxWarning", "Warning"],
  ["UnicodeWarning", "Warning"],
  ["UserWarning", "Warning"],
];

/** Names of the builtin exception types, for the builtins module. */
export const EXCEPTION_NAMES: readonly string[] = HIERARCHY.map(([name]) => name);

export function isException(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & 3) === 3) return false;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_BASE_EXC_SUBCLASS) !== 0;
}

export function isExceptionType(s: ObjectSpace, type: PyType): boolean {
  return (s.i32[(type.addr + 16) >> 2]! & TPFLAGS_BASE_EXC_SUBCLASS) !== 0;
}

/** A new exception of `type` whose args tuple is `args` (owned, stolen). */
export function newException(s: ObjectSpace, type: PyType, args: StackRef): StackRef {
  const addr = s.allocObject(type, EXC_SIZE);
  if (addr === 0) {
    s.refs.close(args);
    return ERROR;
  }
  const i32 = s.i32;
  i32[(addr + EXC_ARGS) >> 2] = args;
  for (const f of [EXC_TRACEBACK, EXC_CONTEXT, EXC_CAUSE, EXC_NOTES, EXC_DICT]) {
    i32[(addr + f) >> 2] = NULL;
  }
  i32[(addr + EXC_SUPPRESS_CONTEXT) >> 2] = 0;
  return addr;
}

export function excArgs(s: ObjectSpace, exc: StackRef): StackRef {
  return s.i32[((exc & ~TAG_MASK) + EXC_ARGS) >> 2]!;
}

/** Borrowed field of an exception (EXC_TRACEBACK, EXC_CAUSE, EXC_CONTEXT...). */
export function excField(s: ObjectSpace, exc: StackRef, field: number): StackRef {
  return s.i32[((exc & ~TAG_MASK) + field) >> 2]!;
}

/** Replace a reference field of an exception with `value` (borrowed; NULL clears). */
export function setExcField(s: ObjectSpace, exc: StackRef, field: number, value: StackRef): void {
  const at = ((exc & ~TAG_MASK) + field) >> 2;
  const old = s.i32[at]!;
  s.i32[at] = s.refs.asOwned(value);
  s.refs.close(old);
}

/** Prepend a traceback entry for a frame the exception is passing through. */
export function addTraceback(
  s: ObjectSpace,
  exc: StackRef,
  code: StackRef,
  lineno: number,
  lasti: number,
): void {
  const tb = s.allocObject(s.b.traceback, TB_SIZE);
  if (tb === 0) {
    s.fetchException(); // drop the MemoryError: the traceback is best effort
    return;
  }
  const i32 = s.i32;
  const at = ((exc & ~TAG_MASK) + EXC_TRACEBACK) >> 2;
  i32[(tb + TB_NEXT) >> 2] = i32[at]!;
  i32[(tb + TB_CODE) >> 2] = s.refs.asOwned(code);
  i32[(tb + TB_LINENO) >> 2] = lineno;
  i32[(tb + TB_LASTI) >> 2] = lasti;
  i32[at] = tb;
}

/** str(exc) as BaseException.__str__ computes it. */
export function exceptionStr(s: ObjectSpace, exc: StackRef): StackRef {
  const args = excArgs(s, exc);
  const n = isTuple(s, args) ? tupleLength(s, args) : 0;
  if (n === 0) return s.newStr("");
  if (n === 1) {
    const only = tupleItem(s, args, 0);
    return s.isInstance(exc, s.b.KeyError) ? s.repr(only) : s.str(only);
  }
  return s.repr(args);
}

/** A source-line provider for tracebacks: the line's text, or null. */
export type SourceLines = (filename: string, lineno: number) => string | null;

function qualifiedTypeName(type: PyType): string {
  return type.module === "builtins" || type.module === "__main__"
    ? type.name
    : `${type.module}.${type.name}`;
}

/** The last line of a printed exception: `TypeName: message`. */
export function formatExceptionOnly(s: ObjectSpace, exc: StackRef): string {
  const name = qualifiedTypeName(s.typeOf(exc));
  const text = exceptionStr(s, exc);
  let message: string;
  if (text === ERROR) {
    s.refs.close(s.fetchException());
    message = "<exception str() failed>";
  } else {
    message = s.strValue(text);
    s.refs.close(text);
  }
  return message === "" ? name : `${name}: ${message}`;
}

function formatTraceback(s: ObjectSpace, exc: StackRef, lines: SourceLines): string {
  let out = "";
  let tb = excField(s, exc, EXC_TRACEBACK);
  if (tb === NULL) return out;
  out += "Traceback (most recent call last):\n";
  const i32 = s.i32;
  while (tb !== NULL) {
    const at = tb & ~TAG_MASK;
    const data = codeData(s, i32[(at + TB_CODE) >> 2]!);
    const lineno = i32[(at + TB_LINENO) >> 2]!;
    out += `  File "${data.filename}", line ${lineno}, in ${data.name}\n`;
    const text = lines(data.filename, lineno);
    if (text !== null && text.trim() !== "") out += `    ${text.trim()}\n`;
    tb = i32[(at + TB_NEXT) >> 2]!;
  }
  return out;
}

/** An exception printed as CPython's default excepthook prints it, with its chain. */
export function formatException(s: ObjectSpace, exc: StackRef, lines: SourceLines): string {
  const seen = new Set<number>();
  const walk = (e: StackRef): string => {
    seen.add(e & ~TAG_MASK);
    let out = "";
    const cause = excField(s, e, EXC_CAUSE);
    const context = excField(s, e, EXC_CONTEXT);
    if (cause !== NULL && cause !== s.None && !seen.has(cause & ~TAG_MASK)) {
      out += walk(cause);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (
      context !== NULL &&
      context !== s.None &&
      s.i32[((e & ~TAG_MASK) + EXC_SUPPRESS_CONTEXT) >> 2] === 0 &&
      !seen.has(context & ~TAG_MASK)
    ) {
      out += walk(context);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
    return `${out}${formatTraceback(s, e, lines)}${formatExceptionOnly(s, e)}\n`;
  };
  return walk(exc);
}

export function installExceptions(s: ObjectSpace, b: Builtins): void {
  const closeAll = (addr: number) => {
    for (const f of [EXC_ARGS, EXC_TRACEBACK, EXC_CONTEXT, EXC_CAUSE, EXC_NOTES, EXC_DICT]) {
      s.refs.close(s.i32[(addr + f) >> 2]!);
    }
    s.heap.freeObject(addr);
  };
  for (const [name, baseName] of HIERARCHY) {
    const base = baseName === null ? b.object : b[baseName]!;
    const type = s.newStaticType(
      name,
      base,
      {
        dealloc: closeAll,
        repr: (self) => {
          const args = excArgs(s, self);
          const n = tupleLength(s, args);
          const typeName = s.typeOf(self).name;
          if (n === 1) {
            const r = s.repr(tupleItem(s, args, 0));
            if (r === ERROR) return ERROR;
            const text = `${typeName}(${s.strValue(r)})`;
            s.refs.close(r);
            return s.newStr(text);
          }
          const r = s.repr(args);
          if (r === ERROR) return ERROR;
          const text = typeName + (n === 0 ? "()" : s.strValue(r));
          s.refs.close(r);
          return s.newStr(text);
        },
        str: (self) => exceptionStr(s, self),
        new: (self, args, nargs) => {
          const items: StackRef[] = [];
          for (let i = 0; i < nargs; i++) items.push(s.refs.asOwned(s.i32[args + i]!));
          const t = tupleFromRefs(s, items);
          if (t === ERROR) return ERROR;
          return newException(s, s.typeFromAddr(self & ~TAG_MASK), t);
        },
      },
      { gc: true, flags: TPFLAGS_BASE_EXC_SUBCLASS },
    );
    b[name] = type;
  }
  b.traceback = s.newStaticType(
    "traceback",
    b.object,
    {
      dealloc: (addr) => {
        s.refs.close(s.i32[(addr + TB_NEXT) >> 2]!);
        s.refs.close(s.i32[(addr + TB_CODE) >> 2]!);
        s.heap.freeObject(addr);
      },
    },
    { gc: true },
  );
  // The preallocated MemoryError: raising it must not need memory.
  const memoryError = newException(s, b.MemoryError, newTuple(s, 0));
  s.heap.makeImmortal(memoryError);
  s.memoryErrorAddr = memoryError;
}
