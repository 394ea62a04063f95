// OSError's constructor and attributes (CPython's Objects/exceptions.c, oserror_parse_args and
// OSError_str): OSError(errno, strerror[, filename[, winerror[, filename2]]]) sets errno,
// strerror, filename and filename2, keeps (errno, strerror) as args when a filename is given,
// picks the subclass for a known errno (OSError(2, ...) is a FileNotFoundError), and prints as
// "[Errno 2] No such file: 'name'". BlockingIOError's third argument is characters_written.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { instanceDict } from "./classes.js";
import { exceptionStr } from "./exceptions.js";
import { intToSafeNumber, isInt } from "./int.js";
import type { ObjectSpace } from "./space.js";
import type { GetSet, PyType, VectorCall } from "./type.js";

/** errno values (Linux) to the OSError subclass CPython raises for them (errnomap). */
const ERRNO_CLASSES: [number[], string][] = [
  [[11, 114, 115], "BlockingIOError"], // EAGAIN/EWOULDBLOCK, EALREADY, EINPROGRESS
  [[10], "ChildProcessError"], // ECHILD
  [[32, 108], "BrokenPipeError"], // EPIPE, ESHUTDOWN
  [[103], "ConnectionAbortedError"],
  [[111], "ConnectionRefusedError"],
  [[104], "ConnectionResetError"],
  [[17], "FileExistsError"],
  [[2], "FileNotFoundError"],
  [[21], "IsADirectoryError"],
  [[20], "NotADirectoryError"],
  [[4], "InterruptedError"],
  [[1, 13], "PermissionError"], // EPERM, EACCES
  [[3], "ProcessLookupError"],
  [[110], "TimeoutError"],
];

const ATTRS = ["errno", "strerror", "filename", "filename2"] as const;

/** The attribute `name` kept in the exception's dict; NULL when unset. */
function stored(s: ObjectSpace, exc: StackRef, name: string): StackRef {
  const d = instanceDict(s, exc, false);
  return d > NULL ? s.dictGetStr(d, name) : NULL;
}

function store(s: ObjectSpace, exc: StackRef, name: string, value: StackRef): number {
  const d = instanceDict(s, exc, true);
  if (d === ERROR || d === NULL) return -1;
  if (value !== NULL) return s.dictSetStr(d, name, value);
  return stored(s, exc, name) === NULL ? 0 : s.setItem(d, s.intern(name), NULL);
}

export function installOSError(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const os = b.OSError;
  const family = s.types.filter((t) => !t.heap && t.isSubtypeOf(os));
  const byErrno = new Map<number, PyType>();
  for (const [codes, name] of ERRNO_CLASSES) {
    for (const code of codes) byErrno.set(code, b[name]!);
  }
  for (const name of ATTRS) {
    const gs: GetSet = {
      get: (self) => {
        const v = stored(s, self, name);
        return v === ERROR ? ERROR : v === NULL ? s.None : s.refs.asOwned(v);
      },
      set: (self, value) => store(s, self, name, value),
    };
    os.getsets.set(name, gs);
  }
  os.getsets.set("characters_written", {
    get: (self) => {
      const v = stored(s, self, "characters_written");
      if (v === ERROR) return ERROR;
      return v === NULL ? s.raise(s.b.AttributeError, "characters_written") : s.refs.asOwned(v);
    },
    set: (self, value) => {
      if (value === NULL && stored(s, self, "characters_written") === NULL) {
        s.raise(s.b.AttributeError, "characters_written");
        return -1;
      }
      return store(s, self, "characters_written", value);
    },
  });

  for (const t of family) {
    const plainNew = t.slots.new!;
    const construct: VectorCall = (type, args, nargs, kwnames) => {
      let cls = type;
      const errno = nargs >= 2 ? i32[args]! : NULL;
      // OSError(errno, ...) itself becomes the subclass for that errno.
      if (errno !== NULL && (cls & ~TAG_MASK) === os.addr && isInt(s, errno)) {
        const sub = byErrno.get(intToSafeNumber(s, errno) ?? -1);
        if (sub !== undefined) cls = sub.addr | 1;
      }
      const ct = s.typeFromAddr(cls & ~TAG_MASK);
      const blocking = ct.isSubtypeOf(b.BlockingIOError!);
      const withFile = nargs >= 3 && nargs <= 5 && !(blocking && nargs === 3);
      // With a filename, args keeps only (errno, strerror).
      const exc = plainNew(cls, args, withFile ? 2 : nargs, kwnames);
      if (exc === ERROR || nargs < 2 || nargs > 5) return exc;
      const parts: [string, number][] = [
        ["errno", 0],
        ["strerror", 1],
      ];
      if (blocking && nargs === 3) parts.push(["characters_written", 2]);
      else if (withFile) {
        parts.push(["filename", 2]);
        if (nargs === 5) parts.push(["filename2", 4]);
      }
      for (const [name, k] of parts) {
        if (store(s, exc, name, i32[args + k]!) < 0) {
          s.refs.close(exc);
          return ERROR;
        }
      }
      return exc;
    };
    t.slots.new = construct;
    t.slots.str = (self) => {
      const errno = stored(s, self, "errno");
      const strerror = stored(s, self, "strerror");
      const filename = stored(s, self, "filename");
      const filename2 = stored(s, self, "filename2");
      if (errno === ERROR || strerror === ERROR || filename === ERROR || filename2 === ERROR) {
        return ERROR;
      }
      const text = (v: StackRef) => s.strText(v === NULL ? s.None : v) ?? "";
      if (filename !== NULL && filename !== s.None) {
        const head = `[Errno ${text(errno)}] ${text(strerror)}: ${reprText(s, filename)}`;
        if (filename2 !== NULL && filename2 !== s.None) {
          return s.newStr(`${head} -> ${reprText(s, filename2)}`);
        }
        return s.newStr(head);
      }
      if (errno !== NULL && strerror !== NULL && errno !== s.None && strerror !== s.None) {
        return s.newStr(`[Errno ${text(errno)}] ${text(strerror)}`);
      }
      return exceptionStr(s, self);
    };
  }
}

/** repr(v) as text ("" when repr fails: the error is left set for the caller to see). */
function reprText(s: ObjectSpace, v: StackRef): string {
  const r = s.repr(v);
  if (r === ERROR) return "";
  const text = s.strValue(r);
  s.refs.close(r);
  return text;
}
