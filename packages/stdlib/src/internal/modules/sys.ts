// The sys module: the interpreter's parameters and state as CPython 3.13 presents them, with
// `implementation` naming Skein.

import { intToSafeNumber, isStr, type ObjectSpace, strValue, tupleFromRefs } from "@skein/objects";
import { ERROR, IMMORTAL_REFCNT, NULL, type StackRef } from "@skein/stackref";
import { writeHost } from "../host-write.js";
import { currentFrames } from "../introspection.js";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";
import { newStructSeq, structSeqType } from "../structseq.js";
import { hostStream } from "./io.js";

export const SKEIN_VERSION = "0.0.0";

function structSeq(s: ObjectSpace, name: string, fields: [string, StackRef][]): StackRef {
  const t = structSeqType(
    s,
    name,
    fields.map(([f]) => f),
  );
  return newStructSeq(
    s,
    t,
    fields.map(([, v]) => v),
  );
}

export function initSys(rt: Stdlib, m: ModuleBuilder): void {
  const s = rt.s;
  const i32 = s.i32;
  const int = (v: number | bigint) => s.newInt(v);
  const str = (v: string) => s.newStr(v);
  m.set("argv", s.newList(rt.argv.map((a) => s.newStr(a))));
  m.set("orig_argv", s.newList(rt.argv.map((a) => s.newStr(a))));
  m.set("path", s.newList(rt.path.map((p) => s.newStr(p))));
  m.ref("modules", rt.modules);
  m.set("meta_path", s.newList([]));
  m.set("path_hooks", s.newList([]));
  m.set("path_importer_cache", s.newDict());
  m.set("warnoptions", s.newList([]));
  m.set("_xoptions", s.newDict());
  m.int("maxsize", 2n ** 63n - 1n);
  m.int("maxunicode", 0x10ffff);
  m.str("byteorder", "little");
  m.str("version", `3.13.0 (Skein ${SKEIN_VERSION})`);
  m.int("hexversion", 0x030d00f0);
  m.int("api_version", 1013);
  m.str("platform", process.platform === "win32" ? "win32" : process.platform);
  m.str("executable", "");
  m.str("prefix", "");
  m.str("base_prefix", "");
  m.str("exec_prefix", "");
  m.str("float_repr_style", "short");
  m.str("copyright", "Copyright (c) Skein authors. Python semantics from CPython 3.13.");
  m.ref("dont_write_bytecode", s.True);
  m.set("pycache_prefix", s.None);
  m.set(
    "builtin_module_names",
    tupleFromRefs(
      s,
      ["builtins", "sys", ...rt.builtinModuleNames()].map((n) => s.newStr(n)),
    ),
  );
  m.set(
    "version_info",
    structSeq(s, "sys.version_info", [
      ["major", int(3)],
      ["minor", int(13)],
      ["micro", int(0)],
      ["releaselevel", str("final")],
      ["serial", int(0)],
    ]),
  );
  const versionInfo = structSeq(s, "sys.version_info", [
    ["major", int(0)],
    ["minor", int(0)],
    ["micro", int(0)],
    ["releaselevel", str("alpha")],
    ["serial", int(0)],
  ]);
  const ns = s.call(rt.simpleNamespaceType(), []);
  if (ns !== ERROR) {
    for (const [k, v] of [
      ["name", str("skein")],
      ["cache_tag", s.None],
      ["version", versionInfo],
      ["hexversion", int(0)],
      ["_multiarch", str("")],
    ] as const) {
      s.setAttr(ns, s.intern(k), v);
      s.refs.close(v);
    }
  }
  m.set("implementation", ns);
  m.set(
    "float_info",
    structSeq(s, "sys.float_info", [
      ["max", s.newFloat(Number.MAX_VALUE)],
      ["max_exp", int(1024)],
      ["max_10_exp", int(308)],
      ["min", s.newFloat(2.2250738585072014e-308)],
      ["min_exp", int(-1021)],
      ["min_10_exp", int(-307)],
      ["dig", int(15)],
      ["mant_dig", int(53)],
      ["epsilon", s.newFloat(Number.EPSILON)],
      ["radix", int(2)],
      ["rounds", int(1)],
    ]),
  );
  m.set(
    "int_info",
    structSeq(s, "sys.int_info", [
      ["bits_per_digit", int(30)],
      ["sizeof_digit", int(4)],
      ["default_max_str_digits", int(4300)],
      ["str_digits_check_threshold", int(640)],
    ]),
  );
  m.set(
    "hash_info",
    structSeq(s, "sys.hash_info", [
      ["width", int(64)],
      ["modulus", int(2n ** 61n - 1n)],
      ["inf", int(314159)],
      ["nan", int(0)],
      ["imag", int(1000003)],
      ["algorithm", str("siphash13")],
      ["hash_bits", int(64)],
      ["seed_bits", int(128)],
      ["cutoff", int(0)],
    ]),
  );
  const flagNames = [
    "debug",
    "inspect",
    "interactive",
    "optimize",
    "dont_write_bytecode",
    "no_user_site",
    "no_site",
    "ignore_environment",
    "verbose",
    "bytes_warning",
    "quiet",
    "hash_randomization",
    "isolated",
    "dev_mode",
    "utf8_mode",
    "warn_default_encoding",
    "safe_path",
    "int_max_str_digits",
  ];
  m.set(
    "flags",
    structSeq(
      s,
      "sys.flags",
      flagNames.map((f) => [
        f,
        f === "dev_mode" || f === "safe_path"
          ? s.False
          : f === "int_max_str_digits"
            ? int(-1)
            : f === "hash_randomization"
              ? int(1)
              : int(0),
      ]),
    ),
  );
  const stdout = hostStream(s, "<stdout>", "w", (t) => rt.host.writeStdout(t));
  const stderr = hostStream(s, "<stderr>", "w", (t) => rt.host.writeStderr(t));
  const stdin = hostStream(s, "<stdin>", "r", null);
  rt.hostStdout = stdout;
  m.ref("stdout", stdout);
  m.ref("__stdout__", stdout);
  m.ref("stderr", stderr);
  m.ref("__stderr__", stderr);
  m.ref("stdin", stdin);
  m.ref("__stdin__", stdin);
  s.refs.close(stdout);
  s.refs.close(stderr);
  s.refs.close(stdin);

  m.fn("exit", (_self, args, nargs) => {
    if (nargs > 1) return s.raise(s.b.TypeError, `exit expected at most 1 argument, got ${nargs}`);
    const exc = s.call(s.b.SystemExit.addr | 1, nargs === 0 ? [] : [i32[args]!]);
    if (exc !== ERROR) s.setException(exc);
    return ERROR;
  });
  m.fn("getrecursionlimit", () => s.newInt(rt.interp.ts.recursionLimit));
  m.fn("setrecursionlimit", (_self, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(
        s.b.TypeError,
        `setrecursionlimit() takes exactly one argument (${nargs} given)`,
      );
    }
    const v = i32[args]!;
    if (s.typeOf(v) === s.b.float) {
      return s.raise(s.b.TypeError, "'float' object cannot be interpreted as an integer");
    }
    if (!s.isInstance(v, s.b.int)) {
      return s.raise(
        s.b.TypeError,
        `'${s.typeOf(v).name}' object cannot be interpreted as an integer`,
      );
    }
    const n = Number(s.strText(v));
    if (n < 1) return s.raise(s.b.ValueError, "recursion limit must be greater or equal than 1");
    const depth = rt.interp.ts.pyDepth;
    if (n <= depth) {
      return s.raise(
        s.b.RecursionError,
        `cannot set the recursion limit to ${n} at the recursion depth ${depth}: the limit is too low`,
      );
    }
    rt.interp.ts.recursionLimit = n;
    return s.None;
  });
  m.fn("getrefcount", (_self, args, nargs) => {
    if (nargs !== 1)
      return s.raise(s.b.TypeError, `getrefcount() takes exactly one argument (${nargs} given)`);
    const v = i32[args]!;
    const count = (v & 3) === 3 ? IMMORTAL_REFCNT : s.heap.countedReferences(v & ~3);
    if ((count & IMMORTAL_REFCNT) !== 0) return s.newInt(4294967295);
    return s.newInt(count + 1);
  });
  m.fn("intern", (_self, args, nargs) => {
    if (nargs !== 1)
      return s.raise(s.b.TypeError, `intern() takes exactly one argument (${nargs} given)`);
    const v = i32[args]!;
    if (!isStr(s, v) || s.typeOf(v) !== s.b.str) {
      return s.raise(s.b.TypeError, `intern() argument must be str, not ${s.typeOf(v).name}`);
    }
    return s.intern(strValue(s, v));
  });
  m.fn("exc_info", () => {
    const e = rt.interp.ts.topmostException();
    if (e === s.None || e === NULL) return tupleFromRefs(s, [s.None, s.None, s.None]);
    const tb = s.getAttr(e, s.intern("__traceback__"));
    if (tb === ERROR) return ERROR;
    return tupleFromRefs(s, [s.refs.asOwned(s.typeAddrOf(e) | 1), s.refs.asOwned(e), tb]);
  });
  m.fn("exception", () => {
    const e = rt.interp.ts.topmostException();
    return e === NULL ? s.None : s.refs.asOwned(e);
  });
  m.fn("getdefaultencoding", () => s.newStr("utf-8"));
  m.fn("getfilesystemencoding", () => s.newStr("utf-8"));
  m.fn("getswitchinterval", () => s.newFloat(0.005));
  m.fn("is_finalizing", () => s.False);
  m.fn("getsizeof", (_self, args, nargs) => {
    if (nargs < 1)
      return s.raise(s.b.TypeError, "getsizeof() missing required argument 'object' (pos 1)");
    const v = i32[args]!;
    if ((v & 3) === 3) return s.newInt(28);
    return s.newInt(s.typeOf(v).basicSize + 8);
  });
  m.fn("audit", () => s.None);
  m.fn("addaudithook", () => s.None);

  // excepthook(type, value, traceback): the traceback module's print_exception to sys.stderr.
  const excepthook = (_self: StackRef, args: number, nargs: number): StackRef => {
    if (nargs !== 3) {
      return s.raise(s.b.TypeError, `excepthook expected 3 arguments, got ${nargs}`);
    }
    const tb = rt.importModule("traceback", NULL, NULL, 0);
    if (tb === ERROR) return ERROR;
    const printer = s.getAttr(tb, s.intern("print_exception"));
    s.refs.close(tb);
    if (printer === ERROR) return ERROR;
    const r = s.call(printer, [i32[args]!, i32[args + 1]!, i32[args + 2]!]);
    s.refs.close(printer);
    if (r === ERROR) return ERROR;
    s.refs.close(r);
    return s.None;
  };
  m.fn("excepthook", excepthook);
  m.fn("_getframe", (_self, args, nargs) => {
    if (nargs > 1) {
      return s.raise(s.b.TypeError, `_getframe expected at most 1 argument, got ${nargs}`);
    }
    let depth = 0;
    if (nargs === 1) {
      const v = i32[args]!;
      if (!s.isInstance(v, s.b.int)) {
        return s.raise(
          s.b.TypeError,
          `'${s.typeOf(v).name}' object cannot be interpreted as an integer`,
        );
      }
      depth = intToSafeNumber(s, v) ?? Number.MAX_SAFE_INTEGER;
    }
    return currentFrames(rt, depth);
  });
  m.fn("__excepthook__", excepthook);
  // displayhook(value): what the interactive prompt does with an expression's value.
  const displayhook = (_self: StackRef, args: number, nargs: number): StackRef => {
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `displayhook() takes exactly one argument (${nargs} given)`);
    }
    const v = i32[args]!;
    if (v === s.None) return s.None;
    const builtins = rt.builtinsDict;
    if (s.dictSetStr(builtins, "_", s.None) < 0) return ERROR;
    const text = s.repr(v);
    if (text === ERROR) return ERROR;
    const line = s.newStr(`${s.strValue(text)}\n`);
    s.refs.close(text);
    const out = rt.sysStdout();
    let r: StackRef;
    if (out === NULL) {
      r = writeHost(s, (t) => rt.host.writeStdout(t), s.strValue(line)) ? s.None : ERROR;
    } else if (out === ERROR || out === s.None) {
      r = out === ERROR ? ERROR : s.raise(s.b.RuntimeError, "lost sys.stdout");
    } else {
      const write = s.getAttr(out, s.intern("write"));
      r = write === ERROR ? ERROR : s.call(write, [line]);
      if (write !== ERROR) s.refs.close(write);
    }
    s.refs.close(line);
    if (r === ERROR) return ERROR;
    s.refs.close(r);
    if (s.dictSetStr(builtins, "_", v) < 0) return ERROR;
    return s.None;
  };
  m.fn("displayhook", displayhook);
  m.fn("__displayhook__", displayhook);
}
