// The `from __future__ import ...` statements at the head of a module (CPython's Python/future.c).
// Only `annotations` changes code generation; the other features are always on in 3.13.
import type * as A from "../generated/ast-nodes.gen.js";

export interface FutureFeatures {
  /** PEP 563: annotations are stored as strings, not evaluated. */
  annotations: boolean;
}

/** The features named by the future imports that open the module (after its docstring). */
export function futureFeatures(mod: A.mod): FutureFeatures {
  const features: FutureFeatures = { annotations: false };
  if (mod._type !== "Module" && mod._type !== "Interactive") return features;
  let i = 0;
  const first = mod.body[0];
  if (
    first?._type === "Expr" &&
    first.value._type === "Constant" &&
    typeof first.value.value === "string"
  ) {
    i = 1;
  }
  for (; i < mod.body.length; i++) {
    const s = mod.body[i]!;
    if (s._type !== "ImportFrom" || s.module !== "__future__") break;
    for (const a of s.names) if (a.name === "annotations") features.annotations = true;
  }
  return features;
}
