// Creating an object space: the builtin types in dependency order, then the singletons.
import type { Heap } from "@skein/gc";
import type { StackRefOps } from "@skein/stackref";
import { installBytes, installBytesConversions } from "./bytes.js";
import { installCellAndSlice } from "./cell-slice.js";
import { installBuiltinAttributes, installClasses, installSuper } from "./classes.js";
import { installComplex } from "./complex.js";
import { installConstructors } from "./constructors.js";
import { installBool, installCore, installSeqIterator } from "./core.js";
import { installDict } from "./dict.js";
import { installExceptions } from "./exceptions.js";
import { installFloat } from "./float.js";
import { installFunctions } from "./func.js";
import { installInt } from "./int.js";
import { installList } from "./list.js";
import { installMethods } from "./methods.js";
import { installRange } from "./range.js";
import { installSets } from "./set.js";
import { ObjectSpace } from "./space.js";
import { installStr } from "./str.js";
import { installSubclassing } from "./subtype.js";
import { installTuple } from "./tuple.js";

/** A new object space on `heap`, with every builtin type installed. */
export function createObjectSpace(heap: Heap, refs: StackRefOps): ObjectSpace {
  const s = new ObjectSpace(heap, refs);
  const b = s.b;
  installCore(s, b);
  installInt(s, b);
  installBool(s, b);
  installFloat(s, b);
  installStr(s, b);
  installTuple(s, b);
  s.initEmptyTuple();
  installList(s, b);
  installDict(s, b);
  installFunctions(s, b);
  installRange(s, b);
  installExceptions(s, b);
  installConstructors(s, b);
  installClasses(s, b);
  installBuiltinAttributes(s, b);
  installSuper(s, b);
  installSeqIterator(s, b);
  installCellAndSlice(s, b);
  installSets(s, b);
  installMethods(s, b);
  installBytes(s, b);
  installBytesConversions(s, b);
  installComplex(s, b);
  installSubclassing(s, b);
  return s;
}
