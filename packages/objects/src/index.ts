export { checkArgCount, noKeywords, type ParamSpec, parseArgs } from "./internal/args.js";
export { createObjectSpace } from "./internal/bootstrap.js";
export type { Builtins } from "./internal/builtins-types.js";
export {
  bytesLike,
  decodeBytes,
  encodeText,
  isByteArray,
  isBytes,
  newByteArray,
  newBytes,
  reprBytes,
} from "./internal/bytes.js";
export {
  cellGet,
  cellSet,
  getSlice,
  isSlice,
  newCell,
  newSlice,
  setListSlice,
  sliceIndices,
} from "./internal/cell-slice.js";
export {
  BINOP_DUNDERS,
  COMPARE_DUNDERS,
  callIndex,
  callSpecial,
  type Found,
  genericGetAttr,
  genericGetAttrOrNull,
  genericSetAttr,
  instanceDict,
  modifiedTypeTree,
  newBoundMethod,
  newClass,
  superGetAttr,
  typeGetAttr,
  typeLookup,
} from "./internal/classes.js";
export {
  complexRepr,
  complexValue,
  hypot,
  isComplex,
  newComplex,
  parseComplex,
} from "./internal/complex.js";
export {
  collect,
  dictUpdate,
  parseFloatLiteral,
  parseIntLiteral,
} from "./internal/constructors.js";
export { defaultRepr } from "./internal/core.js";
export { memberOffset } from "./internal/descr.js";
export {
  dictDelItem,
  dictGetItem,
  dictIterItems,
  dictIterKeys,
  dictIterValues,
  dictLength,
  dictNextEntry,
  dictSetItem,
  entryKey,
  entryValue,
  isDict,
  newDict,
} from "./internal/dict.js";
export { dictClear, dictCopy, dictUpdateFrom } from "./internal/dict-methods.js";
export {
  addTraceback,
  EXCEPTION_NAMES,
  excArgs,
  exceptionStr,
  excField,
  formatException,
  formatExceptionOnly,
  isException,
  isExceptionType,
  newException,
  type SourceLines,
  setExcField,
} from "./internal/exceptions.js";
export { floatHash, floatRepr, floatValue, isFloat, newFloat } from "./internal/float.js";
export {
  type FormatSpec,
  floatToString,
  formatFloatSpec,
  formatIntSpec,
  formatStrSpec,
  parseFormatSpec,
} from "./internal/format.js";
export {
  type BuiltinData,
  builtinData,
  type CodeData,
  codeData,
  type ExceptionTableEntry,
  moduleDict,
  type NewCodeArgs,
  newBuiltin,
  newCode,
  newFunction,
  newModule,
} from "./internal/func.js";
export {
  INT_MAX_STR_DIGITS,
  intFromBigInt,
  intFromNumber,
  intHash,
  intPowMod,
  intToBigInt,
  intToDecimal,
  intToNumber,
  intToSafeNumber,
  isInt,
} from "./internal/int.js";
export * as layout from "./internal/layout.js";
export {
  isList,
  listAppend,
  listFromRefs,
  listItemsBase,
  listLength,
  listResize,
  newList,
} from "./internal/list.js";
export { listExtend } from "./internal/list-methods.js";
export { floatFromHex, floatHex, floatRatio } from "./internal/number-methods.js";
export { newRange, rangeIterNext } from "./internal/range.js";
export {
  isAnySet,
  makeSet,
  newSetOfType,
  setAdd,
  setContains,
  setDiscard,
  setSize,
  setUpdate,
} from "./internal/set.js";
export { sortRefs } from "./internal/sort.js";
export { ObjectSpace, type Runtime, SideTable } from "./internal/space.js";
export {
  hashString,
  internStr,
  isStr,
  newStr,
  reprString,
  strLength,
  strValue,
} from "./internal/str.js";
export {
  asciiText,
  formatObject,
  printfFormat,
  strFormat,
  strFormatMap,
} from "./internal/str-format.js";
export { isSpaceChar } from "./internal/str-methods.js";
export {
  installTraverse,
  setUnraisableHandler,
  type UnraisableHandler,
  writeUnraisable,
} from "./internal/traverse.js";
export { isTuple, newTuple, tupleFromRefs, tupleItem, tupleLength } from "./internal/tuple.js";
export {
  CompareOp,
  NB,
  NB_SYMBOLS,
  PyType,
  type TypeSlots,
  UnaryOp,
  type VectorCall,
} from "./internal/type.js";
export { Weakrefs, weakrefsOf } from "./internal/weakref.js";
