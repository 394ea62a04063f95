// @skein/compiler: Python source to AST (tokenizer, parser, ast.dump) and to CodeUnits (compile).
export type * from "./generated/ast-nodes.gen.js";
export {
  abstractAttributes,
  fieldTypes,
  hasAttributes,
  listFields,
  nodeBases,
  nodeFields,
  optionalFields,
} from "./generated/ast-nodes.gen.js";
export {
  type CompileMode,
  type CompileOptions,
  type CompileResult,
  compile,
  compileAst,
} from "./internal/compile.js";
export {
  type ConstantValue,
  Ellipsis,
  type PyComplex,
  type PyEllipsis,
  pyRepr,
} from "./internal/constants.js";
export { type DumpOptions, dumpAst } from "./internal/dump.js";
export type { SyntaxErrorInfo, SyntaxErrorType } from "./internal/errors.js";
export { type ParseOptions, type ParseResult, parse } from "./internal/parse.js";
export { decodeSource } from "./internal/source.js";
export { type PyToken, tokenize } from "./internal/tokenize.js";
