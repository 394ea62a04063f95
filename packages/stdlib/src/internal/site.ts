// What CPython's site module puts in builtins for every program: exit() and quit(), instances of
// _sitebuiltins.Quitter. Built here in TypeScript, so start-up imports no Python module for them.
import { type ObjectSpace, type PyType, parseArgs, strValue } from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";

const QUITTER_NAME = 8; // the str "exit" or "quit"
const QUITTER_SIZE = 12;

export function installSiteBuiltins(s: ObjectSpace, dict: StackRef): void {
  const quitter: PyType = s.newStaticType("Quitter", s.b.object, {
    dealloc: (addr) => {
      s.refs.close(s.i32[(addr + QUITTER_NAME) >> 2]!);
      s.heap.freeObject(addr);
    },
    repr: (self) => {
      const name = strValue(s, s.i32[((self & ~TAG_MASK) + QUITTER_NAME) >> 2]!);
      return s.newStr(`Use ${name}() or Ctrl-D (i.e. EOF) to exit`);
    },
    // exit(code=None): SystemExit(code), as CPython's Quitter.__call__.
    call: (self, args, nargs, kwnames) => {
      const name = strValue(s, s.i32[((self & ~TAG_MASK) + QUITTER_NAME) >> 2]!);
      const a = parseArgs(s, name, { names: ["code"], required: 0 }, args, nargs, kwnames);
      if (a === null) return ERROR;
      const code = a[0] === NULL ? s.None : a[0]!;
      const exc = s.call(s.b.SystemExit.addr | 1, [code]);
      if (exc !== ERROR) s.setException(exc);
      return ERROR;
    },
  });
  quitter.module = "_sitebuiltins";
  quitter.basicSize = QUITTER_SIZE;
  for (const name of ["exit", "quit"]) {
    const o = s.allocObject(quitter, QUITTER_SIZE);
    if (o === 0) throw new Error("Skein bug: no memory for builtins at start-up");
    s.i32[(o + QUITTER_NAME) >> 2] = s.intern(name);
    s.dictSetStr(dict, name, o);
    s.refs.close(o);
  }
}
