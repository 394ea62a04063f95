// The code cache: the compiler's CodeUnits in a small JSON form, so that the standard modules
// written in Python are compiled when the package is built and loaded without parsing source.
// Typed arrays travel as base64, ints as decimal text, floats by their bit pattern.
import type { CodeUnit, ConstValue } from "@skein/bytecode";

/** A cached module: its code and whether it is a package (`__init__.py`). */
export interface CachedModule {
  readonly package: boolean;
  readonly code: CodeUnit;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function b64(bytes: ArrayBufferView): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

function unb64<T>(text: string, make: (buf: ArrayBuffer) => T): T {
  const raw = Buffer.from(text, "base64");
  const copy = new ArrayBuffer(raw.byteLength);
  new Uint8Array(copy).set(raw);
  return make(copy);
}

function encodeConst(c: ConstValue): Json {
  if (c === null || typeof c === "boolean" || typeof c === "string") return c;
  switch (c.kind) {
    case "int":
      return { k: "i", v: c.value.toString() };
    case "float": {
      const f = new Float64Array([c.value]);
      return { k: "f", v: b64(f) };
    }
    case "complex":
      return { k: "c", v: b64(new Float64Array([c.real, c.imag])) };
    case "bytes":
      return { k: "b", v: b64(c.value) };
    case "tuple":
      return { k: "t", v: c.items.map(encodeConst) };
    case "frozenset":
      return { k: "s", v: c.items.map(encodeConst) };
    case "ellipsis":
      return { k: "e" };
    case "code":
      return encodeCode(c);
  }
}

export function encodeCode(u: CodeUnit): Json {
  return {
    k: "code",
    name: u.name,
    qualname: u.qualname,
    filename: u.filename,
    firstLineno: u.firstLineno,
    argcount: u.argcount,
    posonlyargcount: u.posonlyargcount,
    kwonlyargcount: u.kwonlyargcount,
    flags: u.flags,
    code: b64(u.code),
    consts: u.consts.map(encodeConst),
    names: [...u.names],
    localsplusNames: [...u.localsplusNames],
    localsplusKinds: b64(u.localsplusKinds),
    stacksize: u.stacksize,
    positions: b64(u.positions),
    exceptionTable: u.exceptionTable.map((e) => [
      e.start,
      e.end,
      e.target,
      e.depth,
      e.lasti ? 1 : 0,
    ]),
  };
}

function decodeConst(j: Json): ConstValue {
  if (j === null || typeof j === "boolean" || typeof j === "string") return j;
  const o = j as Record<string, Json>;
  switch (o.k) {
    case "i":
      return { kind: "int", value: BigInt(o.v as string) };
    case "f":
      return { kind: "float", value: unb64(o.v as string, (b) => new Float64Array(b))[0]! };
    case "c": {
      const f = unb64(o.v as string, (b) => new Float64Array(b));
      return { kind: "complex", real: f[0]!, imag: f[1]! };
    }
    case "b":
      return { kind: "bytes", value: unb64(o.v as string, (b) => new Uint8Array(b)) };
    case "t":
      return { kind: "tuple", items: (o.v as Json[]).map(decodeConst) };
    case "s":
      return { kind: "frozenset", items: (o.v as Json[]).map(decodeConst) };
    case "e":
      return { kind: "ellipsis" };
    default:
      return decodeCode(o);
  }
}

export function decodeCode(j: Json): CodeUnit {
  const o = j as Record<string, Json>;
  return {
    kind: "code",
    name: o.name as string,
    qualname: o.qualname as string,
    filename: o.filename as string,
    firstLineno: o.firstLineno as number,
    argcount: o.argcount as number,
    posonlyargcount: o.posonlyargcount as number,
    kwonlyargcount: o.kwonlyargcount as number,
    flags: o.flags as number,
    code: unb64(o.code as string, (b) => new Uint16Array(b)),
    consts: (o.consts as Json[]).map(decodeConst),
    names: o.names as string[],
    localsplusNames: o.localsplusNames as string[],
    localsplusKinds: unb64(o.localsplusKinds as string, (b) => new Uint8Array(b)),
    stacksize: o.stacksize as number,
    positions: unb64(o.positions as string, (b) => new Int32Array(b)),
    exceptionTable: (o.exceptionTable as number[][]).map(([start, end, target, depth, lasti]) => ({
      start: start!,
      end: end!,
      target: target!,
      depth: depth!,
      lasti: lasti === 1,
    })),
  };
}

/**
 * The cache is a folder: `index.json` maps each module name to its package flag, and
 * `<name>.json` holds that module's encoded code, read and decoded on its first import (so
 * start-up reads only the index and the modules it imports).
 */
export type CodeCacheIndex = Record<string, { package: boolean }>;

/** The encoded code of one module, as `<name>.json` holds it. */
export type EncodedCode = Json;
