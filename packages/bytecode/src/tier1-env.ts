// What the generated tier-1 loops need from the thread state. `@skein/interp` implements it
// (its `Tier1ThreadState` extends this interface); the instruction bodies in defs/ call it as `ts.x`.
//
// Conventions (CPython's protocol):
// - A method returning a StackRef returns a new (owned or non-owning) reference, or ERROR after
//   setting the thread's current exception. A method returning a number returns -1 on error
//   (exception set) unless it says otherwise.
// - Inputs are borrowed unless the method says it steals them; the body closes borrowed inputs.
// - Every method escapes (may run Python code, allocate, free, collect) unless its doc carries
//   `@noescape`: the code generator reads these tags (codegen/analyzer.ts), so before a call to an
//   escaping method the generated code has written the live stack to memory and published the
//   frame's stack pointer (FRAME_SP) and current instruction (FRAME_INSTR).
// - `@opargConst`, `@opargName`, `@opargLocal` mark methods whose index argument is the oparg of
//   an instruction that reads co_consts, co_names or a local: they make the generator set
//   HAS_CONST, HAS_NAME and HAS_LOCAL on the instructions that call them.
// - Slot arguments ("first", "dest") are i32 indexes into the heap view of consecutive stack slots.
import type { StackRef, StackRefOps } from "@skein/stackref";

export interface Tier1Env {
  /** The heap's views; the loop reads them once per call (the heap never grows). */
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  /** The reference operations (release or debug variant); the loop reads it once per call. */
  readonly refs: StackRefOps;
  /** Element 0 is nonzero when something is pending (signals, GC, JIT results, loop switch). */
  readonly evalBreaker: Int32Array;
  /** Non-owning references to the immortal singletons. */
  readonly noneRef: StackRef;
  readonly trueRef: StackRef;
  readonly falseRef: StackRef;
  /** Written by the loop when it returns SWITCH_LOOP: the frame the other loop resumes. */
  resumeFrame: number;
  /** Free an object whose count reached zero (the release loops write `close` out and call this). */
  dealloc(addr: number): void;

  // --- frames and control ---------------------------------------------------------------------
  /**
   * Handle what the eval breaker flagged. 0: continue; -1: error (exception set); 1: switch
   * dispatch loops (the loop publishes its state and returns SWITCH_LOOP).
   */
  handlePending(frame: number): number;
  /**
   * Push a frame for the Python function `callable` called with `nargs` arguments in the slots
   * `first..first+nargs`. Steals `callable` and the arguments (closing them on failure). The new
   * frame has FRAME_PREVIOUS = frame, FRAME_IP at its first instruction and FRAME_SP at its empty
   * stack. Returns its address, or 0 with the exception set. It must allocate the new frame past
   * the caller's whole frame (its stack area above the published sp stays untouched).
   */
  pushFrame(frame: number, callable: StackRef, first: number, nargs: number): number;
  /** @noescape u16 index of the first code unit of the frame's code (lasti is relative to it). */
  codeStart(frame: number): number;
  /** Release a frame the loop leaves: close its locals and its stack below FRAME_SP. */
  popFrame(frame: number): void;
  /**
   * Find the exception handler for FRAME_INSTR in the frame's exception table (FRAME_SP and
   * FRAME_INSTR are published, the current exception is set). With `addTraceback`, first add the
   * frame to the exception's traceback. If a handler covers the instruction: close the stack down
   * to its depth, push lasti (tagInt of FRAME_INSTR's offset from codeStart, when the entry asks) and the exception, publish
   * FRAME_SP and return the handler's u16 index. Otherwise return -1.
   */
  handleException(frame: number, addTraceback: boolean): number;

  // --- constants, names, locals ---------------------------------------------------------------
  /** @noescape @opargConst A non-owning reference to co_consts[index] of the frame's code. */
  loadConst(frame: number, index: number): StackRef;
  /** @opargName LOAD_NAME: locals, then globals, then builtins; NameError when missing. */
  loadName(frame: number, index: number): StackRef;
  /** @opargName STORE_NAME: store into the frame's locals mapping (borrows `value`). */
  storeName(frame: number, index: number, value: StackRef): number;
  /** @opargName LOAD_GLOBAL's lookup of co_names[index]: globals then builtins; NameError. */
  loadGlobal(frame: number, index: number): StackRef;
  /**
   * @noescape A new stack reference to a value read from a heap slot (CPython's
   * PyStackRef_FromPyObjectNew): deferred and immortal objects get the non-owning tag and no count.
   */
  stackRefFromHeap(value: StackRef): StackRef;
  /** @opargName STORE_GLOBAL (borrows `value`). */
  storeGlobal(frame: number, index: number, value: StackRef): number;
  /** @opargLocal Set UnboundLocalError for local `index` of the frame's code. */
  raiseUnboundLocal(frame: number, index: number): void;

  // --- operators ------------------------------------------------------------------------------
  /** BINARY_OP's generic form: `oparg` is CPython's NB_* number (NB_SUBSCR = 26 subscripts). */
  binaryOp(lhs: StackRef, rhs: StackRef, oparg: number): StackRef;
  /** Rich comparison; `op` is Py_LT..Py_GE (0..5). */
  compareOp(left: StackRef, right: StackRef, op: number): StackRef;
  unaryNegative(value: StackRef): StackRef;
  /** PyObject_IsTrue: 1, 0, or -1 on error. */
  toBool(value: StackRef): number;
  /** `item in container`: 1, 0, or -1 on error. */
  containsOp(container: StackRef, item: StackRef): number;
  /** STORE_SUBSCR: container[sub] = value (borrows all three); 0 or -1. */
  setItem(container: StackRef, sub: StackRef, value: StackRef): number;

  // --- iteration ------------------------------------------------------------------------------
  /** @noescape An exact list or tuple (iterated by index, CPython 3.14's virtual iterators). */
  isListOrTuple(value: StackRef): boolean;
  /** iter(value). */
  getIter(value: StackRef): StackRef;
  /** @noescape Item `index` of an exact list or tuple (a new reference), or NULL past the end. */
  iterSequenceItem(seq: StackRef, index: number): StackRef;
  /** next(iter): a new reference; NULL when exhausted (StopIteration cleared); ERROR. */
  iterNext(iter: StackRef): StackRef;

  // --- calls and functions --------------------------------------------------------------------
  /** @noescape A Python function object (CALL pushes a frame for it instead of recursing). */
  isPyFunction(callable: StackRef): boolean;
  /** Call `callable` with `nargs` positional arguments in slots `first..` (all borrowed). */
  call(callable: StackRef, first: number, nargs: number): StackRef;
  /** MAKE_FUNCTION: a function from the code object with the frame's globals (borrows code). */
  makeFunction(frame: number, code: StackRef): StackRef;

  // --- building -------------------------------------------------------------------------------
  /** A list of the `n` items in slots `first..`; steals them (closes them on failure). */
  buildList(first: number, n: number): StackRef;
  /** A tuple of the `n` items in slots `first..`; steals them (closes them on failure). */
  buildTuple(first: number, n: number): StackRef;
  /** A dict of the `n` key/value pairs in slots `first..`; steals them (closes them on failure). */
  buildMap(first: number, n: number): StackRef;
  /** list.append(value) for LIST_APPEND; steals `value`. 0 or -1. */
  listAppend(list: StackRef, value: StackRef): number;
  /**
   * UNPACK_SEQUENCE: write the `n` items of `seq` as new references to slots `dest..dest+n-1`,
   * last item at `dest`, first at `dest+n-1` (CPython's order). `dest` is seq's own slot, so write
   * it last. Steals `seq`. 0, or -1 (items written so far closed).
   */
  unpackSequence(seq: StackRef, n: number, dest: number): number;

  // --- exceptions -----------------------------------------------------------------------------
  /**
   * RAISE_VARARGS: raise `exc` (NULL for a bare `raise`) with `cause` (or NULL). Steals both.
   * Returns 1 when it re-raised the active exception (the loop unwinds without a new traceback
   * entry), 0 when it set a new exception.
   */
  doRaise(exc: StackRef, cause: StackRef): number;
  /** Set the current exception to `exc` (steals) for RERAISE. */
  reraise(exc: StackRef): void;
  /**
   * @noescape PUSH_EXC_INFO: make `exc` (a new reference is taken) the handled exception and
   * return the previous one (an owned reference, or None).
   */
  pushExcInfo(exc: StackRef): StackRef;
  /** POP_EXCEPT: restore the handled exception to `value` (None for none); steals it. */
  popExcept(value: StackRef): void;
  /** CHECK_EXC_MATCH: 1/0 whether `exc` matches `type` (a class or tuple), -1 on error. */
  checkExcMatch(exc: StackRef, type: StackRef): number;

  // --- specialization -------------------------------------------------------------------------
  /**
   * @noescape Specialize the BINARY_OP at u16 index `instr` for these operands: rewrite its
   * opcode to a family member, or back off its counter (cache unit 0).
   */
  specializeBinaryOp(instr: number, lhs: StackRef, rhs: StackRef, oparg: number): void;
  /** @noescape COMPARE_OP's specializer (as specializeBinaryOp). */
  specializeCompareOp(instr: number, left: StackRef, right: StackRef, oparg: number): void;
  /** @noescape LOAD_GLOBAL's specializer: finds co_names[oparg >> 1] in the frame's namespaces. */
  specializeLoadGlobal(frame: number, instr: number, oparg: number): void;
  /** @noescape CALL's specializer. */
  specializeCall(instr: number, callable: StackRef, selfOrNull: StackRef, oparg: number): void;
  /** @noescape LOAD_ATTR's specializer (co_names[oparg >> 1] of `owner`). */
  specializeLoadAttr(frame: number, instr: number, owner: StackRef, oparg: number): void;
  /** @noescape STORE_ATTR's specializer (co_names[oparg] of `owner`). */
  specializeStoreAttr(frame: number, instr: number, owner: StackRef, oparg: number): void;
  /**
   * @noescape Whether dict `dict` certainly has no key `name` (an interned str): false when it
   * has it, or when finding out would need a comparison (a different key with the same hash).
   */
  dictLacksStr(dict: number, name: StackRef): boolean;
  /**
   * @noescape Dict `dict` (an address) was mutated in place by a specialization: a new version,
   * and its watcher (the JIT's) hears of it.
   */
  dictChangedInPlace(dict: number): void;
  /**
   * @noescape A bound method whose function is a Python function of version `version` taking
   * exactly `nargs` positional arguments (self included).
   */
  isBoundMethodExact(callable: StackRef, version: number, nargs: number): boolean;
  /** @noescape A bound method whose function is a Python function of version `version`. */
  isMethodOfVersion(callable: StackRef, version: number): boolean;
  /** @noescape A builtin function or method (builtin_function_or_method). */
  isBuiltinFunction(callable: StackRef): boolean;
  /**
   * CALL_BUILTIN_FAST: call the builtin function in slot `callable` with `nargs` positional
   * arguments in the slots after the next one (and the next one first when it is not NULL).
   * Steals all of them, clearing each slot before closing it.
   */
  callBuiltinSteal(callable: number, nargs: number): StackRef;
  /** CALL_BUILTIN_CLASS: call the class in slot `callable` (as callBuiltinSteal, no self). */
  callClassSteal(callable: number, nargs: number): StackRef;
  /** CALL_LEN: len() of the argument in slot `callable + 2`; steals the callable and it. */
  callLenSteal(callable: number): StackRef;
  /** @noescape type(obj): a new reference to its class. */
  typeRefOf(obj: StackRef): StackRef;
  /** CALL_ISINSTANCE: isinstance() of slots `callable + 2..` (a bool); steals all three. */
  callIsInstanceSteal(callable: number): StackRef;
  /** @noescape A class whose metatype is `type` and whose version is `version`. */
  isClassOfVersion(callable: StackRef, version: number): boolean;
  /**
   * CALL_ALLOC_AND_ENTER_INIT: allocate an instance of class `cls`, push the shim frame that
   * returns it after `__init__`, and push `__init__`'s frame with the instance and the `nargs`
   * arguments in slots `args..` (stolen, as `cls`; the slot before `args` is free). Returns the
   * `__init__` frame, or 0 with the exception set.
   */
  allocAndEnterInit(frame: number, cls: StackRef, args: number, nargs: number): number;
  /** @noescape An exact str. */
  isExactStr(value: StackRef): boolean;
  /**
   * @noescape BINARY_OP_SUBSCR_STR_INT: `str[i]` of an exact str when 0 <= i < len and that
   * character's str already exists (immortal); otherwise NULL.
   */
  cachedCharAt(str: StackRef, i: number): StackRef;
  /** @noescape An exact dict. */
  isExactDict(value: StackRef): boolean;
  /** @noescape Whether two exact strs are equal. */
  strEqual(left: StackRef, right: StackRef): boolean;
  /** @noescape Whether an exact str is not empty. */
  strNonEmpty(value: StackRef): boolean;
  /** left + right of two exact strs: a new str, or ERROR. */
  strConcat(left: StackRef, right: StackRef): StackRef;
  /** dict[key] of an exact dict: a new reference, or ERROR (KeyError when missing). */
  dictSubscript(dict: StackRef, key: StackRef): StackRef;
  /** dict[key] = value of an exact dict: 0 or -1. */
  dictStore(dict: StackRef, key: StackRef, value: StackRef): number;
  /**
   * STORE_ATTR_WITH_HINT: store `value` as attribute co_names[index] of `owner` in its instance
   * dict at byte offset `offset` (made when missing): 0 or -1.
   */
  storeAttrWithHint(
    frame: number,
    owner: StackRef,
    value: StackRef,
    index: number,
    offset: number,
  ): number;
  /**
   * LOAD_ATTR_PROPERTY: push a frame for the property getter `fget` (a Python function of one
   * parameter, borrowed) with `owner` (stolen) as its argument. Its address, or 0 with the
   * exception set.
   */
  pushPropertyFrame(frame: number, fget: number, owner: StackRef): number;
  /**
   * LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN: push a frame for the class's `__getattribute__` (a Python
   * function of two parameters, borrowed) with `owner` (stolen) and the name `co_names[index]` of
   * `frame`'s code as its arguments. Its address, or 0 with the exception set.
   */
  pushGetattributeFrame(frame: number, func: number, owner: StackRef, index: number): number;
  /** @noescape CONTAINS_OP's specializer. */
  specializeContainsOp(instr: number, right: StackRef): void;
  /** @noescape An exact set or frozenset. */
  isExactAnySet(value: StackRef): boolean;
  /** `key in dict` of an exact dict (both borrowed): 1, 0, or -1 with the exception set. */
  dictContains(dict: StackRef, key: StackRef): number;
  /** `key in set` of an exact set or frozenset (both borrowed): 1, 0, or -1. */
  setContains(set: StackRef, key: StackRef): number;
  /**
   * @noescape BINARY_OP_PY_DUNDER's and BINARY_OP_SUBSCR_GETITEM's guard: the Python function
   * (an address, | 1 when it is the in-place method) that operator `nb` runs for `left` and
   * `right`, when the right operand's reflected method is not due before it; otherwise 0.
   */
  binaryDunderOf(left: StackRef, right: StackRef, nb: number): number;
  /**
   * Push the frames of a BINARY_OP_PY_DUNDER (the shim holding the operands, then `method`'s with
   * the operands as its arguments) or of a BINARY_OP_SUBSCR_GETITEM (`method`'s only). Steals
   * `left` and `right`. The method's frame, or 0 with the exception set.
   */
  pushBinaryDunder(
    frame: number,
    method: number,
    left: StackRef,
    right: StackRef,
    nb: number,
  ): number;
  /** @noescape COMPARE_OP_PY_DUNDER's guard, as binaryDunderOf (`oparg` is COMPARE_OP's). */
  compareDunderOf(left: StackRef, right: StackRef, oparg: number): number;
  /**
   * @noescape FOR_ITER_PY_NEXT's guard: the Python function `__next__` of `iter`'s class (an
   * address) when the loop iterates it through the method (`nullOrIndex` is NULL), else 0.
   */
  iterNextDunderOf(iter: StackRef, nullOrIndex: StackRef): number;
  /**
   * FOR_ITER_PY_NEXT: push the shim frame whose exception handler ends the loop on StopIteration,
   * then `method`'s frame with `iter` (borrowed) as its argument. The method's frame, or 0 with
   * the exception set.
   */
  pushIterNextFrames(frame: number, method: number, iter: StackRef): number;
  /**
   * CHECK_STOP_ITERATION in the shim `frame`: when `exc` (stolen) is a StopIteration, drop it and
   * point the caller at its FOR_ITER's END_FOR; true. Otherwise make it the current exception
   * again; false.
   */
  endLoopOnStopIteration(frame: number, exc: StackRef): boolean;
  /** COMPARE_OP_PY_DUNDER's frames, as pushBinaryDunder. */
  pushCompareDunder(
    frame: number,
    method: number,
    left: StackRef,
    right: StackRef,
    oparg: number,
  ): number;
  /**
   * CHECK_DUNDER_RESULT: the operator's result from the method's `res` (all borrowed): a new
   * reference, or ERROR.
   */
  checkDunderResult(left: StackRef, right: StackRef, res: StackRef, oparg: number): StackRef;
  /** @noescape TO_BOOL's specializer. */
  specializeToBool(instr: number, value: StackRef): void;
  /** @noescape STORE_SUBSCR's specializer. */
  specializeStoreSubscr(instr: number, container: StackRef, sub: StackRef): void;
  /** @noescape UNPACK_SEQUENCE's specializer. */
  specializeUnpackSequence(instr: number, seq: StackRef, oparg: number): void;
  /** @noescape FOR_ITER's specializer. */
  specializeForIter(instr: number, iter: StackRef, nullOrIndex: StackRef): void;
  /** @noescape SEND's specializer. */
  specializeSend(instr: number, receiver: StackRef): void;
  /** The list, tuple and range iterator types' addresses (read once by the loops). */
  readonly listType: number;
  readonly tupleType: number;
  readonly rangeIterType: number;
  /**
   * CALL_PY_EXACT_ARGS: push a frame for a version-checked Python function whose parameters are
   * exactly the `nargs` positional arguments in slots `first..` (all stolen, as pushFrame).
   */
  pushFrameExactArgs(frame: number, callable: StackRef, first: number, nargs: number): number;
  /** A new float (for the specialized float operations). */
  newFloat(value: number): StackRef;
  /** The heap as f64 (read once by the loops). */
  readonly f64: Float64Array;
  /** The float type's address (read once by the loops). */
  readonly floatType: number;

  // --- instructions added with the bytecode issue (implemented in interp's ops.ts) -------------
  /** @opargName LOAD_ATTR's generic lookup: getattr(owner, co_names[index]). */
  loadAttr(frame: number, index: number, owner: StackRef): StackRef;
  /**
   * @opargName LOAD_ATTR's generic method lookup (CPython's _PyObject_GetMethod): a function found
   * on the class comes back unbound with a new reference to `owner` written to slot `selfSlot`,
   * making no bound method; any other attribute comes back as getattr gives it, with NULL there.
   */
  loadMethod(frame: number, index: number, owner: StackRef, selfSlot: number): StackRef;
  /**
   * @opargName LOAD_SUPER_ATTR: `super(cls, self).name`, the name co_names[oparg >> 2] (all
   * borrowed). The builtin super looks the name up past `cls` in self's MRO without a super
   * object; any other global `super` is called (with cls and self when oparg & 2) and asked for
   * the attribute. With oparg & 1 the method form: self (or NULL) is written to `selfSlot`.
   */
  loadSuperAttr(
    frame: number,
    oparg: number,
    globalSuper: StackRef,
    cls: StackRef,
    self: StackRef,
    selfSlot: number,
  ): StackRef;
  /** @opargName STORE_ATTR: setattr(owner, co_names[index], value) (borrows both). 0 or -1. */
  storeAttr(frame: number, index: number, owner: StackRef, value: StackRef): number;
  /** @opargName DELETE_ATTR: delattr(owner, co_names[index]). 0 or -1. */
  deleteAttr(frame: number, index: number, owner: StackRef): number;
  /**
   * LOAD_SPECIAL: the special method `SPECIAL_METHOD_NAMES[index]` (__enter__, __exit__,
   * __aenter__, __aexit__) of `owner`, bound; TypeError as CPython words it when missing.
   */
  loadSpecial(owner: StackRef, index: number): StackRef;
  /** @opargName DELETE_NAME: delete from the frame's locals mapping; NameError. 0 or -1. */
  deleteName(frame: number, index: number): number;
  /** @opargName DELETE_GLOBAL: delete from the frame's globals; NameError. 0 or -1. */
  deleteGlobal(frame: number, index: number): number;
  /** @opargName LOAD_FROM_DICT_OR_GLOBALS: the name from `dict`, else globals, else builtins. */
  loadFromDictOrGlobals(frame: number, index: number, dict: StackRef): StackRef;
  /** LOAD_LOCALS: the frame's locals mapping (a new reference); SystemError without one. */
  loadLocals(frame: number): StackRef;
  /** LOAD_COMMON_CONSTANT: AssertionError, NotImplementedError, tuple, all, any, list, set. */
  loadCommonConstant(frame: number, index: number): StackRef;
  /** LOAD_BUILD_CLASS: builtins.__build_class__; NameError "__build_class__ not found". */
  loadBuildClass(frame: number): StackRef;
  /** SETUP_ANNOTATIONS: make sure the frame's locals mapping has `__annotations__`; 0 or -1. */
  setupAnnotations(frame: number): number;
  /** @opargLocal MAKE_CELL: replace local `index` by a cell holding its value. 0 or -1. */
  makeCell(frame: number, index: number): number;
  /** COPY_FREE_VARS: copy the function's `n` closure cells into the last `n` localsplus slots. */
  copyFreeVars(frame: number, n: number): void;
  /** @opargLocal LOAD_DEREF: the cell's contents; NameError/UnboundLocalError when empty. */
  loadDeref(frame: number, index: number): StackRef;
  /** @opargLocal STORE_DEREF: set the cell's contents (steals `value`). 0 or -1. */
  storeDeref(frame: number, index: number, value: StackRef): number;
  /** @opargLocal DELETE_DEREF: empty the cell; error when already empty. 0 or -1. */
  deleteDeref(frame: number, index: number): number;
  /** @opargLocal LOAD_FROM_DICT_OR_DEREF: the name of cell `index` from `dict`, else the cell. */
  loadFromDictOrDeref(frame: number, index: number, dict: StackRef): StackRef;
  /** UNARY_INVERT: ~value. */
  unaryInvert(value: StackRef): StackRef;
  /** DELETE_SUBSCR: del container[sub]. 0 or -1. */
  deleteItem(container: StackRef, sub: StackRef): number;
  /** BUILD_SLICE: slice(*slots first..first+n) for n = 2 or 3 (borrowed). */
  buildSlice(first: number, n: number): StackRef;
  /** BINARY_SLICE: container[start:stop]. */
  binarySlice(container: StackRef, start: StackRef, stop: StackRef): StackRef;
  /** STORE_SLICE: container[start:stop] = value. 0 or -1. */
  storeSlice(container: StackRef, start: StackRef, stop: StackRef, value: StackRef): number;
  /** GET_LEN: len(obj) as an int. */
  getLen(obj: StackRef): StackRef;
  /**
   * CALL_KW: call with `total` arguments in slots `first..` (borrowed), the last
   * len(kwnames) of them keyword arguments named by the tuple `kwnames`.
   */
  callKw(callable: StackRef, first: number, total: number, kwnames: StackRef): StackRef;
  /**
   * CALL_KW of a Python function: bind the arguments (as callKw) to its parameters in a new frame
   * after `frame`, as pushFrame does. Steals callable, the arguments and kwnames. The frame, or 0.
   */
  pushFrameKw(
    frame: number,
    callable: StackRef,
    first: number,
    total: number,
    kwnames: StackRef,
  ): number;
  /**
   * CALL_FUNCTION_EX of a Python function: bind *callargs and **kwargs (NULL for none) in a new
   * frame after `frame`. Steals func, callargs and kwargs. The frame, or 0.
   */
  pushFrameEx(frame: number, func: StackRef, callargs: StackRef, kwargs: StackRef): number;
  /** @noescape A bound method object (CALL expands it to its function and self). */
  isBoundMethod(callable: StackRef): boolean;
  /** @noescape A new reference to a bound method's function. */
  methodFunc(method: StackRef): StackRef;
  /** @noescape A new reference to a bound method's self. */
  methodSelf(method: StackRef): StackRef;
  /** CALL_FUNCTION_EX: func(*callargs, **kwargs); kwargs may be NULL. */
  callFunctionEx(func: StackRef, callargs: StackRef, kwargs: StackRef): StackRef;
  /**
   * SET_FUNCTION_ATTRIBUTE: store `attr` (stolen) in the function as `flag` says (1 defaults,
   * 2 kwdefaults, 4 annotations, 8 closure, 16 annotate).
   */
  setFunctionAttribute(func: StackRef, attr: StackRef, flag: number): void;
  /** CALL_INTRINSIC_1 number `which` (CPython's INTRINSIC_* table). */
  callIntrinsic1(frame: number, value: StackRef, which: number): StackRef;
  /** CALL_INTRINSIC_2 number `which`. */
  callIntrinsic2(frame: number, value2: StackRef, value1: StackRef, which: number): StackRef;
  /** EXIT_INIT_CHECK: TypeError unless `value` is None. 0 or -1. */
  exitInitCheck(value: StackRef): number;
  /** WITH_EXCEPT_START: exit_func(exit_self?, type(val), val, traceback). */
  withExceptStart(exitFunc: StackRef, exitSelf: StackRef, val: StackRef): StackRef;
  /**
   * UNPACK_EX: unpack `seq` (stolen) into `before` items, a list of the rest, and `after` items,
   * written to slots dest.. in CPython's order (last item lowest). 0 or -1.
   */
  unpackEx(seq: StackRef, before: number, after: number, dest: number): number;
  /** BUILD_SET: a set of the `n` items in slots `first..`; steals them (closed on failure). */
  buildSet(first: number, n: number): StackRef;
  /** BUILD_STRING: the concatenation of the `n` str pieces in slots `first..` (borrowed). */
  buildString(first: number, n: number): StackRef;
  /** SET_ADD: set.add(v) (borrows). 0 or -1. */
  setAdd(set: StackRef, v: StackRef): number;
  /** SET_UPDATE: set.update(iterable). 0 or -1. */
  setUpdate(set: StackRef, iterable: StackRef): number;
  /** MAP_ADD: dict[key] = value (borrows). 0 or -1. */
  mapAdd(dict: StackRef, key: StackRef, value: StackRef): number;
  /** LIST_EXTEND: list.extend(iterable); TypeError "Value after * must be an iterable". */
  listExtend(list: StackRef, iterable: StackRef): number;
  /** DICT_UPDATE: dict.update(mapping); TypeError "'X' object is not a mapping". 0 or -1. */
  dictUpdate(dict: StackRef, update: StackRef): number;
  /** DICT_MERGE: as dictUpdate, but a repeated key is "got multiple values" for `callable`. */
  dictMerge(callable: StackRef, dict: StackRef, update: StackRef): number;
  /** FORMAT_SIMPLE: format(value, ''). */
  formatSimple(value: StackRef): StackRef;
  /** FORMAT_WITH_SPEC: format(value, spec). */
  formatWithSpec(value: StackRef, spec: StackRef): StackRef;
  /** CONVERT_VALUE: str (1), repr (2) or ascii (3) of value. */
  convertValue(value: StackRef, which: number): StackRef;
  /** @opargName IMPORT_NAME: __import__(co_names[index], globals, locals, fromlist, level). */
  importName(frame: number, index: number, level: StackRef, fromlist: StackRef): StackRef;
  /** @opargName IMPORT_FROM: getattr(module, co_names[index]); ImportError when missing. */
  importFrom(frame: number, index: number, module: StackRef): StackRef;
  /** @noescape MATCH_MAPPING: the subject's type is a mapping (Py_TPFLAGS_MAPPING). */
  matchMapping(subject: StackRef): boolean;
  /** @noescape MATCH_SEQUENCE: the subject's type is a sequence (Py_TPFLAGS_SEQUENCE). */
  matchSequence(subject: StackRef): boolean;
  /** MATCH_KEYS: a tuple of subject[k] for k in keys, or None when one is missing. */
  matchKeys(subject: StackRef, keys: StackRef): StackRef;
  /** MATCH_CLASS: a tuple of the matched attributes, or None when the subject does not match. */
  matchClass(subject: StackRef, type: StackRef, names: StackRef, nargs: number): StackRef;

  // --- generators and coroutines (implemented in interp's generators.ts) ----------------------
  /**
   * RETURN_GENERATOR: a new generator, coroutine or async generator (by the code's flags) that
   * takes over the frame's locals and function; it will resume at u16 index `next`.
   */
  makeGenerator(frame: number, next: number): StackRef;
  /**
   * @noescape YIELD_VALUE: mark the frame's generator suspended (oparg 1: in `yield from` or
   * `await`), to resume at u16 index `next`. The loop then leaves the frame (popFrame keeps it).
   */
  genYield(frame: number, oparg: number, next: number): void;
  /** @noescape An exact generator or coroutine that is neither running nor finished. */
  isResumableGen(value: StackRef): boolean;
  /**
   * SEND/FOR_ITER of a resumable generator: push `value` (stolen) on its stack and link its frame
   * after `frame` (the loop enters it); when it returns, the caller continues at u16 index
   * `returnIp`. The generator's frame, or 0 (RecursionError).
   */
  pushGenFrame(frame: number, gen: StackRef, value: StackRef, returnIp: number): number;
  /**
   * SEND's generic path: receiver.send(value), or next(receiver) when value is None. A
   * StopIteration becomes its value, and lastSendReturned() then answers true.
   */
  send(receiver: StackRef, value: StackRef): StackRef;
  /** @noescape Whether the last `send` ended with the receiver returning (not yielding). */
  lastSendReturned(): boolean;
  /** GET_YIELD_FROM_ITER: a generator (or coroutine, in coroutine code) itself, else iter(). */
  getYieldFromIter(frame: number, iterable: StackRef): StackRef;
  /** GET_AWAITABLE: the iterator that `await iterable` drives (`oparg` picks the message). */
  getAwaitable(iterable: StackRef, oparg: number): StackRef;
  /** GET_AITER: obj.__aiter__(), checked for __anext__. */
  getAIter(obj: StackRef): StackRef;
  /** GET_ANEXT: the awaitable of aiter.__anext__(). */
  getANext(aiter: StackRef): StackRef;
  /**
   * CLEANUP_THROW: the value of `exc` (a new reference) when it is a StopIteration; otherwise
   * NULL with `exc` set as the current exception.
   */
  cleanupThrow(exc: StackRef): StackRef;
  /** END_ASYNC_FOR: 1 when `exc` is StopAsyncIteration; otherwise 0 with it set as current. */
  endAsyncFor(exc: StackRef): number;

  // --- tracing (used only by runTier1Tracing) -------------------------------------------------
  /**
   * Called before each instruction runs in the tracing loop. Nonzero when recording stopped: the
   * loop publishes `sp` and returns SWITCH_LOOP, and the normal loop runs that instruction.
   */
  recordInstruction(frame: number, instr: number, sp: number): number;
  /**
   * A backward jump at `instr` whose adaptive counter triggered (the stack is published; `target`
   * is the loop head). 0: go on (the driver reset the counter); 1: recording starts, the driver set
   * `resumeFrame` and published FRAME_IP = target, and the loop returns SWITCH_LOOP.
   */
  jitBackedge(frame: number, instr: number, target: number): number;
  /**
   * ENTER_EXECUTOR at `instr` with executor index `oparg`: run it. The result is RESUME_FRAME's
   * code: 0 resume `resumeFrame` at its FRAME_IP, negative unwind its exception, positive switch to
   * the tracing loop at `resumeFrame`.
   */
  enterExecutor(frame: number, instr: number, oparg: number): number;
}
