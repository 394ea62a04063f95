// The _linecache module: the source text behind linecache (lib/linecache.py), from the files the
// import system loaded or, for other files (the main script), through the readFile capability.
// A file the program may not read, or that does not exist, has no lines.
import { isStr, strValue } from "@skein/objects";
import { ERROR } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

export function initLinecache(rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  m.fn("read_source", (_self, args, nargs) => {
    if (nargs !== 1 || !isStr(s, s.i32[args]!)) {
      return s.raise(s.b.TypeError, "read_source() takes one str argument");
    }
    const filename = strValue(s, s.i32[args]!);
    const known = rt.sources.get(filename);
    if (known !== undefined) return s.newStr(known.join("\n"));
    if (filename === "" || filename.startsWith("<")) return s.None;
    const text = rt.readFile(filename, false);
    if (text === undefined) return ERROR;
    return text === null ? s.None : s.newStr(text);
  });
}
