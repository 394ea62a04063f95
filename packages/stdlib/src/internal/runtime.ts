// The standard library's runtime: the builtins module, sys.modules and the import system
// (CPython's importlib._bootstrap in small: builtin modules written in TypeScript, frozen modules
// compiled from lib/*.py at build time, and source files found on sys.path through the
// embedder's readFile capability), exec/eval/compile, and the host sinks.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeUnit } from "@skein/bytecode";
import { type CompileMode, compile, type SyntaxErrorInfo } from "@skein/compiler";
import type { Interpreter } from "@skein/interp";
import {
  dictGetItem,
  dictNextEntry,
  entryKey,
  entryValue,
  isStr,
  moduleDict,
  newModule,
  type ObjectSpace,
  strValue,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { type BuiltinsHost, createBuiltinsModule } from "./builtins.js";
import { type Capabilities, CapabilityDenied, nodeCapabilities } from "./capabilities.js";
import { type CodeCacheIndex, decodeCode, type EncodedCode } from "./code-cache.js";
import { installIntrospection } from "./introspection.js";
import { ModuleBuilder } from "./module-util.js";
import { openTextFile } from "./modules/io.js";
import { BUILTIN_MODULES } from "./modules/registry.js";
import { simpleNamespaceType } from "./modules/types.js";

export interface StdlibOptions extends BuiltinsHost {
  /** sys.argv (default [""]). */
  readonly argv?: readonly string[];
  /** The initial sys.path (the main script's folder goes first). */
  readonly path?: readonly string[];
  /** What the program may touch on the host; absent capabilities are denied. */
  readonly capabilities?: Capabilities;
}

/** A module found by the finders: how to create it. */
type Spec =
  | { readonly kind: "builtin"; readonly name: string }
  | {
      readonly kind: "frozen" | "source";
      readonly name: string;
      readonly package: boolean;
      readonly file: string;
      readonly code: () => CodeUnit | string;
      readonly source?: string;
    };

let cacheIndex: CodeCacheIndex | null = null;
let cacheDir: URL | null = null;
const require = () => createRequire(import.meta.url);
const decoded = new Map<string, CodeUnit>();

/** The frozen standard modules (lib/*.py compiled at build time): the cache's index. */
function frozenModules(): CodeCacheIndex {
  if (cacheIndex === null) {
    // Beside this module when it runs from the package's dist; through the package when a bundler
    // (the engine's worker) has inlined this module elsewhere.
    const candidates = [
      () => new URL("./code-cache/", import.meta.url),
      () => new URL("./code-cache/", pathToFileURL(require().resolve("@skein/stdlib"))),
    ];
    for (const where of candidates) {
      try {
        const dir = where();
        cacheIndex = JSON.parse(readFileSync(new URL("index.json", dir), "utf8")) as CodeCacheIndex;
        cacheDir = dir;
        break;
      } catch {
        // not there: the next candidate
      }
    }
    if (cacheIndex === null) return {}; // not built (yet): try again on the next import
  }
  return cacheIndex;
}

/** The decoded code of a frozen module, read from its file on first use. */
function frozenCode(name: string): CodeUnit {
  let unit = decoded.get(name);
  if (unit === undefined) {
    const text = readFileSync(new URL(`${name}.json`, cacheDir!), "utf8");
    unit = decodeCode(JSON.parse(text) as EncodedCode);
    decoded.set(name, unit);
  }
  return unit;
}

export class Stdlib {
  readonly s: ObjectSpace;
  readonly interp: Interpreter;
  caps: Capabilities;
  readonly host: BuiltinsHost;
  /** The builtins module (owned). */
  readonly builtins: StackRef;
  /** sys.modules (owned dict). */
  readonly modules: StackRef;
  argv: readonly string[];
  path: readonly string[];
  /** The configured sys.path entries, which follow the main script's folder. */
  private readonly initialPath: readonly string[];
  /** Source lines of the Python files imported, for tracebacks. */
  readonly sources = new Map<string, string[]>();
  /** Modules whose code is running (CPython's spec._initializing). */
  readonly initializing = new Set<string>();
  /** The sys module's stdout object for the host stream (print writes to the host directly). */
  hostStdout: StackRef = NULL;
  /** Names in sys.modules before any program ran; `reset` keeps only these. */
  private baseline: Set<string> | null = null;

  constructor(s: ObjectSpace, interp: Interpreter, options: StdlibOptions) {
    this.s = s;
    this.interp = interp;
    this.caps = options.capabilities ?? {};
    this.host = options;
    this.argv = options.argv ?? [""];
    this.initialPath = options.path ?? [];
    this.path = this.initialPath;
    this.modules = s.newDict();
    this.builtins = createBuiltinsModule(s, options, this);
    installIntrospection(s);
    s.dictSetStr(this.modules, "builtins", this.builtins);
    this.baseline = new Set(["builtins"]);
  }

  /** Names of the modules written in TypeScript. */
  builtinModuleNames(): string[] {
    return Object.keys(BUILTIN_MODULES);
  }

  /** types.SimpleNamespace (a borrowed type reference). */
  simpleNamespaceType(): StackRef {
    return simpleNamespaceType(this.s).addr | 1;
  }

  /** The file object open() returns for a text file read through the capability. */
  openText(path: string, text: string): StackRef {
    return openTextFile(this.s, path, text);
  }

  /**
   * Where print() writes without file=: NULL for the host's stdout (sys not imported, or
   * sys.stdout still the host stream), else sys.stdout (borrowed; None when set to None).
   */
  sysStdout(): StackRef {
    const s = this.s;
    const sys = this.getModule("sys");
    if (sys === ERROR) return ERROR;
    if (sys === NULL || s.typeOf(sys) !== s.b.module) return NULL;
    const out = dictGetItem(s, moduleDict(s, sys), s.intern("stdout"));
    if (out === ERROR) return ERROR;
    if (out === NULL || (out & ~3) === (this.hostStdout & ~3)) return NULL;
    return out;
  }

  get builtinsDict(): StackRef {
    return moduleDict(this.s, this.builtins);
  }

  // ---- host capabilities ----

  /** Read a file through the readFile capability: null when absent, undefined when denied (raised). */
  readFile(path: string, raiseDenied: boolean): string | null | undefined {
    const read = this.caps.readFile;
    if (read === undefined) {
      if (!raiseDenied) return null;
      this.s.raise(this.s.b.PermissionError!, `reading files is not permitted: '${path}'`);
      return undefined;
    }
    try {
      return read(path);
    } catch (e) {
      if (!(e instanceof CapabilityDenied)) throw e;
      if (!raiseDenied) return null;
      this.s.raise(this.s.b.PermissionError!, `reading '${path}' is not permitted`);
      return undefined;
    }
  }

  /** PermissionError for a capability the embedder did not grant. */
  denied(what: string): StackRef {
    return this.s.raise(this.s.b.PermissionError!, `${what} is not permitted`);
  }

  // ---- running code ----

  /** Compile source to a CodeUnit, or raise SyntaxError. */
  compileSource(source: string, filename: string, mode: CompileMode): CodeUnit | null {
    const r = compile(source, filename, mode);
    if (r.ok) return r.code;
    this.raiseSyntaxError(r.error);
    return null;
  }

  /** Raise the compiler's SyntaxError (or IndentationError, TabError) with its attributes. */
  raiseSyntaxError(e: SyntaxErrorInfo): void {
    const s = this.s;
    const type = s.b[e.type] ?? s.b.SyntaxError;
    s.raise(type, e.msg);
    const exc = s.curexc;
    const set = (name: string, v: StackRef) => {
      s.setAttr(exc, s.intern(name), v);
      s.refs.close(v);
    };
    set("msg", s.newStr(e.msg));
    set("filename", s.newStr(e.filename));
    set("lineno", s.newInt(e.lineno));
    set("offset", s.newInt(e.offset));
    set("text", e.text === null ? s.None : s.newStr(e.text));
    set("end_lineno", s.newInt(e.endLineno));
    set("end_offset", s.newInt(e.endOffset));
  }

  /** Run a CodeUnit in `globals` (and `locals`, borrowed); the result or ERROR. */
  runUnit(unit: CodeUnit, globals: StackRef, locals: StackRef): StackRef {
    const code = this.interp.loadCode(unit);
    if (code === ERROR) return ERROR;
    const r = this.runCode(code, globals, locals);
    this.s.refs.close(code);
    return r;
  }

  /** Run a code object with `globals` (gets `__builtins__` if missing) and `locals`. */
  runCode(code: StackRef, globals: StackRef, locals: StackRef): StackRef {
    const s = this.s;
    const b = dictGetItem(s, globals, s.intern("__builtins__"));
    if (b === ERROR) return ERROR;
    let builtinsDict = this.builtinsDict;
    if (b === NULL) {
      if (s.dictSetStr(globals, "__builtins__", this.builtins) < 0) return ERROR;
    } else if (s.typeOf(b) === s.b.module) builtinsDict = moduleDict(s, b);
    else if (s.typeOf(b) === s.b.dict) builtinsDict = b;
    return this.interp.run(code, globals, builtinsDict, locals);
  }

  // ---- sys.modules ----

  getModule(name: string): StackRef {
    const v = dictGetItem(this.s, this.modules, this.s.intern(name));
    return v === ERROR ? ERROR : v;
  }

  /**
   * Before a main script runs: `__main__` (borrowed) in sys.modules, the script's folder first on
   * sys.path and, with the default grants, reading files under that folder.
   */
  enterMain(module: StackRef, filename: string, grantFolder: boolean): void {
    this.s.dictSetStr(this.modules, "__main__", module);
    const real = filename !== "<string>" && filename !== "<stdin>";
    const folder = real ? dirname(resolve(filename)) : process.cwd();
    // CPython's rule: the script's folder (or '' for -c and stdin), then the configured entries
    // (PYTHONPATH's, for the skein command), which the default grants may read too.
    this.path = [real ? folder : "", ...this.initialPath];
    if (grantFolder) {
      this.caps = nodeCapabilities({ readRoots: [folder, ...this.initialPath] });
    }
  }

  /** A line of a Python file the import system loaded, for tracebacks. */
  sourceLine(filename: string, lineno: number): string | null {
    return this.sources.get(filename)?.[lineno - 1] ?? null;
  }

  /**
   * Forget every module imported since start-up, clearing their namespaces (as CPython's
   * finalization does) so the objects they hold are freed.
   */
  /**
   * Called once when the program ends, before its modules are cleared, latest first (what
   * CPython's atexit runs; weakref.finalize registers here). Each runs once.
   */
  readonly exitHooks: (() => void)[] = [];

  reset(): void {
    const s = this.s;
    while (this.exitHooks.length > 0) this.exitHooks.pop()!();
    const keep = this.baseline ?? new Set<string>();
    const doomed: [StackRef, StackRef][] = [];
    let pos = 0;
    for (;;) {
      const e = dictNextEntry(s, this.modules, pos);
      if (e === 0) break;
      pos = s.iterPos;
      const k = entryKey(s, e);
      if (keep.has(strValue(s, k))) continue;
      doomed.push([s.refs.asOwned(k), s.refs.asOwned(entryValue(s, e))]);
    }
    for (const [k] of doomed) s.setItem(this.modules, k, NULL);
    // Clear in reverse import order, as CPython finalizes modules.
    for (const [k, m] of doomed.reverse()) {
      if (s.typeOf(m) === s.b.module) clearDict(s, moduleDict(s, m));
      s.refs.close(k);
      s.refs.close(m);
    }
    if (s.hasException()) s.refs.close(s.fetchException());
    this.initializing.clear();
    this.hostStdout = NULL;
  }

  // ---- the import system ----

  /**
   * `__import__(name, globals, locals, fromlist, level)`: what IMPORT_NAME runs. `globals` and
   * `fromlist` are borrowed (NULL or None for none). A new reference or ERROR.
   */
  importModule(name: string, globals: StackRef, fromlist: StackRef, level: number): StackRef {
    const s = this.s;
    if (level < 0) return s.raise(s.b.ValueError, "level must be >= 0");
    let resolved = name;
    if (level > 0) {
      const pkg = this.packageOf(globals);
      if (pkg === null) return ERROR;
      if (pkg === "") {
        return s.raise(s.b.ImportError, "attempted relative import with no known parent package");
      }
      const bits = pkg.split(".");
      if (bits.length < level) {
        return s.raise(s.b.ImportError, "attempted relative import beyond top-level package");
      }
      const base = bits.slice(0, bits.length - (level - 1)).join(".");
      resolved = name === "" ? base : `${base}.${name}`;
    } else if (name === "") {
      return s.raise(s.b.ValueError, "Empty module name");
    }
    const module = this.gcdImport(resolved);
    if (module === ERROR) return ERROR;
    const hasFromlist = fromlist !== NULL && fromlist !== s.None && s.isTrue(fromlist) === 1;
    if (!hasFromlist) {
      if (level === 0) {
        const top = name.split(".")[0]!;
        if (top === name) return module;
        s.refs.close(module);
        return this.moduleOrError(top);
      }
      if (name === "") return module;
      const cut = name.length - name.split(".")[0]!.length;
      const full = resolved;
      s.refs.close(module);
      return this.moduleOrError(full.slice(0, full.length - cut));
    }
    if (this.hasPath(module)) {
      if (this.handleFromlist(module, fromlist) < 0) {
        s.refs.close(module);
        return ERROR;
      }
    }
    return module;
  }

  private moduleOrError(name: string): StackRef {
    const m = this.getModule(name);
    if (m === ERROR) return ERROR;
    if (m === NULL) return this.s.raise(this.s.b.KeyError, `'${name}'`);
    return this.s.refs.asOwned(m);
  }

  private hasPath(module: StackRef): boolean {
    if (this.s.typeOf(module) !== this.s.b.module) return false;
    return dictGetItem(this.s, moduleDict(this.s, module), this.s.intern("__path__")) > NULL;
  }

  /** The package a relative import starts from: `__package__`, else from `__name__`. */
  private packageOf(globals: StackRef): string | null {
    const s = this.s;
    if (globals === NULL || globals === s.None || s.typeOf(globals) !== s.b.dict) return "";
    const pkg = dictGetItem(s, globals, s.intern("__package__"));
    if (pkg > NULL && pkg !== s.None) {
      if (!isStr(s, pkg)) {
        s.raise(s.b.TypeError, "package must be a string");
        return null;
      }
      return strValue(s, pkg);
    }
    const name = dictGetItem(s, globals, s.intern("__name__"));
    if (name <= NULL || !isStr(s, name)) {
      s.raise(s.b.KeyError, "'__name__' not in globals");
      return null;
    }
    const text = strValue(s, name);
    if (dictGetItem(s, globals, s.intern("__path__")) > NULL) return text;
    const dot = text.lastIndexOf(".");
    return dot < 0 ? "" : text.slice(0, dot);
  }

  private handleFromlist(module: StackRef, fromlist: StackRef): number {
    const s = this.s;
    const items = s.call(s.b.tuple.addr | 1, [fromlist]);
    if (items === ERROR) return -1;
    const modName = s.strValue(dictGetItem(s, moduleDict(s, module), s.intern("__name__")));
    const n = tupleLength(s, items);
    let result = 0;
    for (let i = 0; i < n && result === 0; i++) {
      const x = tupleItem(s, items, i);
      if (!isStr(s, x)) {
        s.raise(s.b.TypeError, `Item in ${modName}.__all__ must be str, not ${s.typeOf(x).name}`);
        result = -1;
        break;
      }
      const attr = strValue(s, x);
      if (attr === "*") {
        const all = dictGetItem(s, moduleDict(s, module), s.intern("__all__"));
        if (all > NULL && this.handleFromlist(module, all) < 0) result = -1;
        continue;
      }
      if (dictGetItem(s, moduleDict(s, module), x) > NULL) continue;
      const fromName = `${modName}.${attr}`;
      const sub = this.gcdImport(fromName);
      if (sub !== ERROR) {
        s.refs.close(sub);
        continue;
      }
      // A missing submodule is fine: IMPORT_FROM reports the missing name.
      if (s.isInstance(s.curexc, s.b.ModuleNotFoundError)) {
        const n2 = s.getAttr(s.curexc, s.intern("name"));
        const same = n2 !== ERROR && isStr(s, n2) && strValue(s, n2) === fromName;
        if (n2 !== ERROR) s.refs.close(n2);
        else s.refs.close(s.fetchException());
        if (same && s.hasException()) {
          s.refs.close(s.fetchException());
          continue;
        }
      }
      result = -1;
    }
    s.refs.close(items);
    return result;
  }

  /** importlib._bootstrap._gcd_import: the module named `name` (absolute), imported if needed. */
  gcdImport(name: string): StackRef {
    const s = this.s;
    const existing = this.getModule(name);
    if (existing === ERROR) return ERROR;
    if (existing !== NULL) {
      if (existing === s.None) {
        return this.notFound(`import of ${name} halted; None in sys.modules`, name);
      }
      return s.refs.asOwned(existing);
    }
    const dot = name.lastIndexOf(".");
    let searchPath: string[] | null = null;
    let parentModule: StackRef = NULL;
    if (dot >= 0) {
      const parent = name.slice(0, dot);
      const p = this.gcdImport(parent);
      if (p === ERROR) return ERROR;
      // Importing the parent may have imported the child.
      const again = this.getModule(name);
      if (again !== NULL && again !== ERROR) {
        s.refs.close(p);
        return s.refs.asOwned(again);
      }
      parentModule = p;
      const pathList =
        s.typeOf(p) === s.b.module ? dictGetItem(s, moduleDict(s, p), s.intern("__path__")) : NULL;
      if (pathList <= NULL) {
        s.refs.close(p);
        return this.notFound(`No module named '${name}'; '${parent}' is not a package`, name);
      }
      const entries = this.stringList(pathList);
      if (entries === null) {
        s.refs.close(p);
        return ERROR;
      }
      searchPath = entries;
    }
    const spec = this.findSpec(name, searchPath);
    if (spec === null) {
      s.refs.xclose(parentModule);
      return ERROR;
    }
    if (spec === undefined) {
      s.refs.xclose(parentModule);
      return this.notFound(`No module named '${name}'`, name);
    }
    const module = this.load(spec);
    if (module === ERROR) {
      s.refs.xclose(parentModule);
      return ERROR;
    }
    if (parentModule !== NULL) {
      const child = name.slice(dot + 1);
      const r = s.setAttr(parentModule, s.intern(child), module);
      s.refs.close(parentModule);
      if (r < 0) {
        s.refs.close(module);
        return ERROR;
      }
    }
    return module;
  }

  private notFound(message: string, name: string): StackRef {
    const s = this.s;
    s.raise(s.b.ModuleNotFoundError, message);
    const n = s.newStr(name);
    s.setAttr(s.curexc, s.intern("name"), n);
    s.refs.close(n);
    return ERROR;
  }

  private stringList(list: StackRef): string[] | null {
    const s = this.s;
    const items = s.call(s.b.list.addr | 1, [list]);
    if (items === ERROR) return null;
    const out: string[] = [];
    const n = s.length(items);
    for (let i = 0; i < n; i++) {
      const it = s.getItem(items, (i << 2) | 3);
      if (it === ERROR) {
        s.refs.close(items);
        return null;
      }
      if (isStr(s, it)) out.push(strValue(s, it));
      s.refs.close(it);
    }
    s.refs.close(items);
    return out;
  }

  /** sys.path as strings (the sys module's list when sys was imported). */
  private sysPath(): string[] | null {
    const sys = this.getModule("sys");
    if (sys > NULL) {
      const p = dictGetItem(this.s, moduleDict(this.s, sys), this.s.intern("path"));
      if (p > NULL) return this.stringList(p);
    }
    return [...this.path];
  }

  /** The finders: builtin modules, frozen modules, then source files on the path. */
  private findSpec(name: string, searchPath: string[] | null): Spec | null | undefined {
    if (Object.hasOwn(BUILTIN_MODULES, name)) return { kind: "builtin", name };
    const index = frozenModules();
    // An own property only: `import constructor` must not find Object.prototype's.
    const frozen = Object.hasOwn(index, name) ? index[name] : undefined;
    if (frozen !== undefined) {
      return {
        kind: "frozen",
        name,
        package: frozen.package,
        file: `<stdlib>/${name.replaceAll(".", "/")}${frozen.package ? "/__init__" : ""}.py`,
        code: () => frozenCode(name),
      };
    }
    const entries = searchPath ?? this.sysPath();
    if (entries === null) return null;
    const last = name.slice(name.lastIndexOf(".") + 1);
    for (const entry of entries) {
      const dir = entry === "" ? "." : entry.replace(/\/+$/, "");
      for (const [file, pkg] of [
        [`${dir}/${last}/__init__.py`, true],
        [`${dir}/${last}.py`, false],
      ] as const) {
        const text = this.readFile(file, false);
        if (text === undefined) return null;
        if (text === null) continue;
        return {
          kind: "source",
          name,
          package: pkg,
          file,
          source: text,
          code: () => text,
        };
      }
    }
    return undefined;
  }

  /** Create the module for `spec`, register it in sys.modules, run its code. */
  private load(spec: Spec): StackRef {
    const s = this.s;
    const module = newModule(s, spec.name);
    if (module === ERROR) return ERROR;
    const dict = moduleDict(s, module);
    if (spec.kind === "builtin") {
      const b = new ModuleBuilder(s, module);
      if (s.dictSetStr(this.modules, spec.name, module) < 0) {
        s.refs.close(module);
        return ERROR;
      }
      BUILTIN_MODULES[spec.name]!(this, b);
      if (b.failed || s.hasException()) {
        s.setItem(this.modules, s.intern(spec.name), NULL);
        clearDict(s, dict);
        s.refs.close(module);
        if (!s.hasException()) s.raise(s.b.ImportError, `cannot initialize ${spec.name}`);
        return ERROR;
      }
      return module;
    }
    const dot = spec.name.lastIndexOf(".");
    const pkgName = spec.package ? spec.name : dot < 0 ? "" : spec.name.slice(0, dot);
    const setStr = (k: string, v: string) => {
      const r = s.newStr(v);
      s.dictSetStr(dict, k, r);
      s.refs.close(r);
    };
    setStr("__file__", spec.file);
    s.dictSetStr(dict, "__cached__", s.None);
    setStr("__package__", pkgName);
    s.dictSetStr(dict, "__doc__", s.None);
    s.dictSetStr(dict, "__loader__", s.None);
    let path: StackRef = s.None;
    if (spec.package) {
      const dir = s.newStr(spec.file.slice(0, spec.file.lastIndexOf("/")));
      path = s.newList([dir]);
      s.dictSetStr(dict, "__path__", path);
    }
    const moduleSpec = this.moduleSpec(spec.name, spec.file, pkgName, path, spec.kind);
    s.refs.close(path);
    if (moduleSpec === ERROR) {
      s.refs.close(module);
      return ERROR;
    }
    s.dictSetStr(dict, "__spec__", moduleSpec);
    let unit: CodeUnit;
    const made = spec.code();
    if (typeof made === "string") {
      this.sources.set(spec.file, made.split(/\r\n|\r|\n/));
      const compiled = this.compileSource(made, spec.file, "exec");
      if (compiled === null) {
        clearDict(s, dict);
        s.refs.close(module);
        return ERROR;
      }
      unit = compiled;
    } else unit = made;
    if (s.dictSetStr(this.modules, spec.name, module) < 0) {
      s.refs.close(module);
      return ERROR;
    }
    this.initializing.add(spec.name);
    const r = this.runUnit(unit, dict, dict);
    this.initializing.delete(spec.name);
    this.setSpecField(moduleSpec, "_initializing", s.False);
    s.refs.close(moduleSpec);
    if (r === ERROR) {
      const exc = s.fetchException();
      s.setItem(this.modules, s.intern(spec.name), NULL);
      s.refs.close(module);
      s.setException(exc);
      return ERROR;
    }
    s.refs.close(r);
    // The module may have replaced itself in sys.modules.
    s.refs.close(module);
    return this.moduleOrError(spec.name);
  }

  /**
   * A module's `__spec__`: a namespace with ModuleSpec's fields (name, origin, parent,
   * submodule_search_locations, has_location, cached, loader) and `_initializing`, true while
   * the module's code runs, which IMPORT_FROM reads to report a circular import.
   */
  private moduleSpec(
    name: string,
    file: string,
    parent: string,
    path: StackRef,
    kind: "frozen" | "source",
  ): StackRef {
    const s = this.s;
    const ns = s.call(this.simpleNamespaceType(), []);
    if (ns === ERROR) return ERROR;
    const fields: [string, StackRef][] = [
      ["name", s.newStr(name)],
      ["loader", s.None],
      ["origin", s.newStr(kind === "frozen" ? "frozen" : file)],
      ["submodule_search_locations", s.refs.asOwned(path)],
      ["parent", s.newStr(parent)],
      ["has_location", s.bool(kind === "source")],
      ["cached", s.None],
      ["_initializing", s.True],
    ];
    for (const [field, value] of fields) this.setSpecField(ns, field, value);
    return ns;
  }

  private setSpecField(spec: StackRef, field: string, value: StackRef): void {
    const s = this.s;
    if (s.setAttr(spec, s.intern(field), value) < 0) s.refs.close(s.fetchException());
    s.refs.close(value);
  }
}

/** Empty a namespace (breaking the cycles through functions' globals). */
export function clearDict(s: ObjectSpace, dict: StackRef): void {
  const keys: StackRef[] = [];
  let pos = 0;
  for (;;) {
    const e = dictNextEntry(s, dict, pos);
    if (e === 0) break;
    pos = s.iterPos;
    keys.push(s.refs.asOwned(entryKey(s, e)));
  }
  for (const k of keys) {
    if (s.setItem(dict, k, NULL) < 0) s.refs.close(s.fetchException());
    s.refs.close(k);
  }
}
