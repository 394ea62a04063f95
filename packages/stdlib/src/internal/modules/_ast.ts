// The _ast module: the bridge between @skein/compiler's AST (plain objects) and the node classes
// that lib/ast.py defines. A tree crosses the bridge as nested tuples, one per node:
// (class name, field values in `_fields` order, then the position attributes if the class has
// them); lists stay lists and the field values are plain Python values. ast.py turns these tuples
// into node objects and back, so that the node classes are ordinary Python classes.
import {
  abstractAttributes,
  type CompileMode,
  type ConstantValue,
  compileAst,
  decodeSource,
  Ellipsis,
  fieldTypes,
  hasAttributes,
  listFields,
  nodeBases,
  nodeFields,
  optionalFields,
  parse,
} from "@skein/compiler";
import {
  bytesLike,
  complexValue,
  floatValue,
  intFromBigInt,
  intToBigInt,
  isBytes,
  isComplex,
  isFloat,
  isInt,
  isList,
  isStr,
  isTuple,
  listItemsBase,
  listLength,
  newBytes,
  newComplex,
  type ObjectSpace,
  strValue,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const POSITIONS = ["lineno", "col_offset", "end_lineno", "end_col_offset"] as const;
const MODES = ["exec", "eval", "single", "func_type"] as const;
const PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000n;

/** A field that holds a constant (any Python value) rather than a node, a name or a number. */
const isConstantField = (type: string, field: string): boolean =>
  field === "value" && (type === "Constant" || type === "MatchSingleton");

export function initAst(rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  const strs = (names: readonly string[]) => s.newTuple(names.map((n) => s.newStr(n)));

  // One tuple per class, bases before subclasses: (name, base, _fields, optional fields,
  // list fields, _attributes, field types).
  const order = Object.keys(nodeBases).sort(
    (a, b) => Number(nodeBases[a] !== "AST") - Number(nodeBases[b] !== "AST") || (a < b ? -1 : 1),
  );
  m.set(
    "_classes",
    s.newList(
      order.map((name) => {
        const abstract = nodeFields[name] === undefined;
        const attrs = abstract
          ? (abstractAttributes[name] ?? [])
          : hasAttributes[name]
            ? POSITIONS
            : [];
        return s.newTuple([
          s.newStr(name),
          s.newStr(nodeBases[name]!),
          strs(nodeFields[name] ?? []),
          strs(optionalFields[name] ?? []),
          strs(listFields[name] ?? []),
          strs(attrs),
          strs(fieldTypes[name] ?? []),
        ]);
      }),
    ),
  );

  // The compiler's AST for (source, filename, mode, type_comments), or null with SyntaxError.
  const parseArgs = (args: number): Node | null => {
    const [src, filename, mode, typeComments] = [0, 1, 2, 3].map((i) => s.i32[args + i]!) as [
      StackRef,
      StackRef,
      StackRef,
      StackRef,
    ];
    let text: string;
    if (isStr(s, src)) text = strValue(s, src);
    else {
      const data = bytesLike(s, src);
      if (data === null) {
        s.raise(s.b.TypeError, "compile() arg 1 must be a string, bytes or AST object");
        return null;
      }
      text = decodeSource(data);
    }
    const modeName = strValue(s, mode);
    if (!(MODES as readonly string[]).includes(modeName)) {
      s.raise(s.b.ValueError, "compile() mode must be 'exec', 'eval', 'single' or 'func_type'");
      return null;
    }
    const r = parse(text, strValue(s, filename), modeName as (typeof MODES)[number], {
      typeComments: typeComments === s.True,
    });
    if (!r.ok) {
      rt.raiseSyntaxError(r.error);
      return null;
    }
    return r.ast as unknown as Node;
  };

  // _parse(source, filename, mode, type_comments): the tree as nested tuples, or SyntaxError.
  m.fn("_parse", (_self, args, nargs) => {
    if (nargs !== 4) return s.raise(s.b.TypeError, `_parse expected 4 arguments, got ${nargs}`);
    const tree = parseArgs(args);
    return tree === null ? ERROR : toPython(s, tree);
  });

  // _parse_nodes(source, filename, mode, type_comments, classes, singletons): the tree as node
  // objects: instances of classes[name] made with object.__new__, fields set as attributes;
  // classes without fields or positions (Load, Add, ...) are the instances in singletons.
  m.fn("_parse_nodes", (_self, args, nargs) => {
    if (nargs !== 6) {
      return s.raise(s.b.TypeError, `_parse_nodes expected 6 arguments, got ${nargs}`);
    }
    const tree = parseArgs(args);
    if (tree === null) return ERROR;
    const newObject = s.getAttr(s.b.object.addr | 1, s.intern("__new__"));
    if (newObject === ERROR) return ERROR;
    const r = toNodes(s, tree, {
      classes: s.i32[args + 4]!,
      singletons: s.i32[args + 5]!,
      newObject,
    });
    s.refs.close(newObject);
    return r;
  });

  // _compile(tree, filename, mode, flags): a code object from a tree of nested tuples.
  m.fn("_compile", (_self, args, nargs) => {
    if (nargs !== 4) return s.raise(s.b.TypeError, `_compile expected 4 arguments, got ${nargs}`);
    const flags = s.i32[args + 3]!;
    const topLevelAwait =
      isInt(s, flags) && (intToBigInt(s, flags) & PyCF_ALLOW_TOP_LEVEL_AWAIT) !== 0n;
    const tree = fromPython(s, s.i32[args]!);
    if (tree === null) return ERROR;
    const mode = strValue(s, s.i32[args + 2]!);
    if (mode !== "exec" && mode !== "eval" && mode !== "single") {
      return s.raise(s.b.ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    }
    const r = compileAst(
      tree as never,
      strValue(s, s.i32[args + 1]!),
      mode as CompileMode,
      undefined,
      { topLevelAwait },
    );
    if (!r.ok) {
      rt.raiseSyntaxError(r.error);
      return ERROR;
    }
    return rt.interp.loadCode(r.code);
  });
}

type Node = { _type: string } & Record<string, unknown>;

interface NodeMaker {
  readonly classes: StackRef;
  readonly singletons: StackRef;
  readonly newObject: StackRef;
}

/** The compiler's AST as node objects (new reference), or ERROR. */
function toNodes(s: ObjectSpace, node: Node, mk: NodeMaker): StackRef {
  const type = node._type;
  const fields = nodeFields[type] ?? [];
  const positions = hasAttributes[type] === true;
  if (fields.length === 0 && !positions) {
    const shared = s.dictGetStr(mk.singletons, type);
    if (shared !== NULL) return shared === ERROR ? ERROR : s.refs.asOwned(shared);
  }
  const cls = s.dictGetStr(mk.classes, type);
  if (cls === ERROR || cls === NULL) {
    return cls === ERROR ? ERROR : s.raise(s.b.SystemError, `no ast class ${type}`);
  }
  const obj = s.call(mk.newObject, [cls]);
  if (obj === ERROR) return ERROR;
  const set = (name: string, v: StackRef): boolean => {
    if (v === ERROR) return false;
    const err = s.setAttr(obj, s.intern(name), v);
    s.refs.close(v);
    return err >= 0;
  };
  for (const f of fields) {
    const v = node[f];
    const ref = isConstantField(type, f)
      ? constToPython(s, v as ConstantValue)
      : nodeValueToPython(s, v, mk);
    if (!set(f, ref)) {
      s.refs.close(obj);
      return ERROR;
    }
  }
  if (positions) {
    for (const a of POSITIONS) {
      if (!set(a, valueToPython(s, node[a]))) {
        s.refs.close(obj);
        return ERROR;
      }
    }
  }
  return obj;
}

function nodeValueToPython(s: ObjectSpace, v: unknown, mk: NodeMaker): StackRef {
  if (v === null || v === undefined) return s.None;
  if (typeof v === "string") return s.newStr(v);
  if (typeof v === "number") return s.newInt(v);
  if (Array.isArray(v)) {
    const items: StackRef[] = [];
    for (const x of v) {
      const r = nodeValueToPython(s, x, mk);
      if (r === ERROR) {
        for (const made of items) s.refs.close(made);
        return ERROR;
      }
      items.push(r);
    }
    return s.newList(items);
  }
  return toNodes(s, v as Node, mk);
}

/** The compiler's AST as nested tuples (new reference). */
function toPython(s: ObjectSpace, node: Node): StackRef {
  const type = node._type;
  const items: StackRef[] = [s.newStr(type)];
  for (const f of nodeFields[type] ?? []) {
    const v = node[f];
    items.push(
      isConstantField(type, f) ? constToPython(s, v as ConstantValue) : valueToPython(s, v),
    );
  }
  if (hasAttributes[type]) for (const a of POSITIONS) items.push(valueToPython(s, node[a]));
  return s.newTuple(items);
}

function valueToPython(s: ObjectSpace, v: unknown): StackRef {
  if (v === null || v === undefined) return s.None;
  if (typeof v === "string") return s.newStr(v);
  if (typeof v === "number") return s.newInt(v);
  if (Array.isArray(v)) return s.newList(v.map((x) => valueToPython(s, x)));
  return toPython(s, v as Node);
}

function constToPython(s: ObjectSpace, v: ConstantValue): StackRef {
  if (v === null) return s.None;
  switch (typeof v) {
    case "boolean":
      return v ? s.True : s.False;
    case "bigint":
      return intFromBigInt(s, v);
    case "number":
      return s.newFloat(v);
    case "string":
      return s.newStr(v);
  }
  if (v instanceof Uint8Array) return newBytes(s, v);
  if (v.kind === "complex") return newComplex(s, v.real, v.imag);
  // A str whose escaped surrogates would pair up: the heap's str is made from JavaScript text.
  if (v.kind === "str") return s.newStr(String.fromCodePoint(...v.codePoints));
  return s.Ellipsis;
}

/** Nested tuples back to the compiler's AST; null with a Python exception set. */
function fromPython(s: ObjectSpace, ref: StackRef): Node | null {
  try {
    return nodeFromPython(s, ref);
  } catch (e) {
    if (e instanceof BadTree) {
      s.raise(e.type === "TypeError" ? s.b.TypeError : s.b.ValueError, e.message);
      return null;
    }
    throw e;
  }
}

class BadTree extends Error {
  constructor(
    readonly type: "TypeError" | "ValueError",
    message: string,
  ) {
    super(message);
  }
}

function nodeFromPython(s: ObjectSpace, ref: StackRef): Node {
  if (!isTuple(s, ref) || tupleLength(s, ref) === 0 || !isStr(s, tupleItem(s, ref, 0))) {
    throw new BadTree("TypeError", "expected an AST node");
  }
  const type = strValue(s, tupleItem(s, ref, 0));
  const fields = nodeFields[type];
  if (fields === undefined) throw new BadTree("TypeError", `unknown AST node type ${type}`);
  const names = hasAttributes[type] ? [...fields, ...POSITIONS] : fields;
  if (tupleLength(s, ref) !== names.length + 1) {
    throw new BadTree("TypeError", `malformed ${type} node`);
  }
  const node: Node = { _type: type };
  names.forEach((f, i) => {
    const v = tupleItem(s, ref, i + 1);
    node[f] = isConstantField(type, f) ? constFromPython(s, v) : valueFromPython(s, v);
  });
  return node;
}

function valueFromPython(s: ObjectSpace, v: StackRef): unknown {
  if (v === s.None) return null;
  if (isStr(s, v)) return strValue(s, v);
  if (v === s.True || v === s.False) return v === s.True ? 1 : 0;
  if (isInt(s, v)) return Number(intToBigInt(s, v));
  if (isList(s, v)) {
    const base = listItemsBase(s, v);
    const out: unknown[] = [];
    for (let i = 0; i < listLength(s, v); i++) out.push(valueFromPython(s, s.i32[base + i]!));
    return out;
  }
  return nodeFromPython(s, v);
}

function constFromPython(s: ObjectSpace, v: StackRef): ConstantValue {
  if (v === s.None) return null;
  if (v === s.True || v === s.False) return v === s.True;
  if (v === s.Ellipsis) return Ellipsis;
  if (isInt(s, v)) return intToBigInt(s, v);
  if (isFloat(s, v)) return floatValue(s, v);
  if (isComplex(s, v)) {
    const [real, imag] = complexValue(s, v);
    return { kind: "complex", real, imag };
  }
  if (isStr(s, v)) return strValue(s, v);
  if (isBytes(s, v)) return bytesLike(s, v)!;
  throw new BadTree("TypeError", `got an invalid type in Constant: ${s.typeOf(v).name}`);
}
