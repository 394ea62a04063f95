// The record of builtin types that the bootstrap fills in.
import type { PyType } from "./type.js";

export interface Builtins {
  type: PyType;
  object: PyType;
  int: PyType;
  bool: PyType;
  float: PyType;
  str: PyType;
  tuple: PyType;
  list: PyType;
  dict: PyType;
  NoneType: PyType;
  NotImplementedType: PyType;
  ellipsis: PyType;
  function: PyType;
  code: PyType;
  builtin_function_or_method: PyType;
  module: PyType;
  range: PyType;
  range_iterator: PyType;
  list_iterator: PyType;
  tuple_iterator: PyType;
  str_iterator: PyType;
  dict_keyiterator: PyType;
  dict_valueiterator: PyType;
  dict_itemiterator: PyType;
  traceback: PyType;
  // exceptions
  BaseException: PyType;
  Exception: PyType;
  TypeError: PyType;
  ValueError: PyType;
  NameError: PyType;
  UnboundLocalError: PyType;
  AttributeError: PyType;
  LookupError: PyType;
  IndexError: PyType;
  KeyError: PyType;
  ArithmeticError: PyType;
  ZeroDivisionError: PyType;
  OverflowError: PyType;
  RuntimeError: PyType;
  RecursionError: PyType;
  NotImplementedError: PyType;
  MemoryError: PyType;
  StopIteration: PyType;
  AssertionError: PyType;
  SystemExit: PyType;
  KeyboardInterrupt: PyType;
  SyntaxError: PyType;
  ImportError: PyType;
  [name: string]: PyType;
}
