// Byte offsets of the fields of each object kind, from the object's address. Every object starts
// with the heap's header [refcnt:i32][type:i32]. References are stored in the stack-reference
// encoding (owned pointers, immortals with the non-owning tag, tagged small ints, NULL = 1).
// Compiled traces and the interpreter's specializations read these offsets directly.

// type: a type object.
export const TYPE_INFO = 8; // the heap's TypeInfo index (TYPE_INFO_INDEX of @skein/gc)
export const TYPE_VERSION = 12; // tp_version_tag: changes when the type or a base changes
export const TYPE_FLAGS = 16; // tp_flags subset, see TPFLAGS
export const TYPE_JS = 20; // index of the PyType record in the space's type table
export const TYPE_SIZE = 24;

// int, boxed (values outside the 30-bit tagged range): signed digit count, then 30-bit digits.
export const INT_SIZE_FIELD = 8; // number of digits, negative for negative numbers
export const INT_DIGITS = 12;
export const INT_DIGIT_BITS = 30;

// float
export const FLOAT_VALUE = 8; // f64
export const FLOAT_SIZE = 16;

// bool: the value as an i32 (True and False are immortal singletons)
export const BOOL_VALUE = 8;
export const BOOL_SIZE = 12;

// str: characters live in the space's side table.
export const STR_LENGTH = 8; // in code points
export const STR_FLAGS = 12; // STR_KIND_* | STR_INTERNED | STR_HASHED
export const STR_HASH = 16; // i32 low and high halves of the 64-bit hash, valid when STR_HASHED
export const STR_SIDE = 24; // side-table index of the JS string
export const STR_SIZE = 28;
export const STR_KIND_MASK = 3;
export const STR_KIND_ASCII = 0;
export const STR_KIND_LATIN1 = 1;
export const STR_KIND_UCS2 = 2;
export const STR_KIND_UCS4 = 3;
export const STR_INTERNED = 4;
export const STR_HASHED = 8;

// tuple (GC): size, then the items.
export const TUPLE_LENGTH = 8;
export const TUPLE_ITEMS = 16;

// list (GC): size, capacity, and a separately allocated item array.
export const LIST_LENGTH = 8;
export const LIST_CAPACITY = 12;
export const LIST_ITEMS = 16; // address of the item block (0 when capacity is 0)
export const LIST_SIZE = 20;

// dict (GC): a compact, insertion-ordered table.
export const DICT_USED = 8; // number of items
export const DICT_VERSION = 12; // bumped on every mutation (guards of specializations)
export const DICT_KEYS = 16; // address of the keys block
export const DICT_FLAGS = 20; // DICT_WATCHED
export const DICT_SIZE = 24;
/**
 * A JIT watches the dict (CPython's PyDict_Watch): its next change, or its freeing, is reported
 * through `ObjectSpace.onDictModified`, which also stops the watch. Only the mutation paths test it.
 */
export const DICT_WATCHED = 1;
// The keys block: a header, the index table (i32 per slot: -1 empty, -2 dummy, else an entry
// index), then the entries [hash low:i32][hash high:i32][key][value], 16 bytes each.
export const KEYS_LOG2 = 0;
export const KEYS_USABLE = 4; // entries that may still be added before a resize
export const KEYS_NENTRIES = 8; // entries used so far (including deleted ones)
export const KEYS_HEADER = 16;
export const ENTRY_SIZE = 16;
export const ENTRY_HASH_LO = 0;
export const ENTRY_HASH_HI = 4;
export const ENTRY_KEY = 8;
export const ENTRY_VALUE = 12;

// function (GC)
export const FUNC_CODE = 8;
export const FUNC_GLOBALS = 12;
export const FUNC_BUILTINS = 16;
export const FUNC_NAME = 20;
export const FUNC_QUALNAME = 24;
export const FUNC_DEFAULTS = 28; // tuple or NULL
export const FUNC_KWDEFAULTS = 32; // dict or NULL
export const FUNC_CLOSURE = 36; // tuple of cells or NULL
export const FUNC_DOC = 40;
export const FUNC_DICT = 44;
export const FUNC_MODULE = 48;
export const FUNC_VERSION = 52; // func_version for CALL specializations
export const FUNC_ANNOTATIONS = 56;
export const FUNC_SIZE = 60;

// code: the bytecode lives in linear memory; the rest of the CodeUnit in the side table.
export const CODE_BYTECODE = 8; // u16 index of the first code unit
export const CODE_NUNITS = 12;
export const CODE_CONSTS = 16; // tuple
export const CODE_NAMES = 20; // tuple of str
export const CODE_NLOCALSPLUS = 24;
export const CODE_STACKSIZE = 28;
export const CODE_ARGCOUNT = 32;
export const CODE_FLAGS = 36;
export const CODE_JS = 40; // index of the CodeData record
export const CODE_POSONLY = 44;
export const CODE_KWONLY = 48;
export const CODE_NLOCALS = 52;
export const CODE_FRAMESIZE = 56; // words of a frame: header + localsplus + stack
export const CODE_SIZE = 60;

// builtin function or method (GC): implementation in the side table, bound self.
export const BUILTIN_JS = 8;
export const BUILTIN_SELF = 12; // ref or NULL
export const BUILTIN_MODULE = 16; // ref or NULL
export const BUILTIN_SIZE = 20;

// module (GC)
export const MODULE_DICT = 8;
export const MODULE_NAME = 12;
export const MODULE_SIZE = 16;

// BaseException and subclasses (GC)
export const EXC_ARGS = 8; // tuple
export const EXC_TRACEBACK = 12; // traceback or NULL
export const EXC_CONTEXT = 16;
export const EXC_CAUSE = 20;
export const EXC_SUPPRESS_CONTEXT = 24; // i32 flag
export const EXC_NOTES = 28;
export const EXC_DICT = 32;
export const EXC_SIZE = 36;

// traceback (GC): one entry per frame the exception passed through.
export const TB_NEXT = 8;
export const TB_CODE = 12;
export const TB_LINENO = 16;
export const TB_LASTI = 20;
export const TB_SIZE = 24;

// range: start, stop, step, length as references (ints).
export const RANGE_START = 8;
export const RANGE_STOP = 12;
export const RANGE_STEP = 16;
export const RANGE_LENGTH = 20;
export const RANGE_SIZE = 24;

// range iterator: f64 fields (exact for every range whose bounds fit in 53 bits).
export const RANGEITER_NEXT = 8;
export const RANGEITER_STEP = 16;
export const RANGEITER_LEFT = 24; // items left
export const RANGEITER_SIZE = 32;

// sequence iterators (list, tuple, str) (GC): the sequence (NULL once exhausted), the index.
export const SEQITER_SEQ = 8;
export const SEQITER_INDEX = 12;
export const SEQITER_SIZE = 16;

// dict iterators (GC): the dict, the next entry index, the size seen at creation, the kind.
export const DICTITER_DICT = 8;
export const DICTITER_POS = 12;
export const DICTITER_USED = 16;
export const DICTITER_KIND = 20;
export const DICTITER_SIZE = 24;

// tp_flags bits (CPython's values where they exist).
export const TPFLAGS_HEAPTYPE = 1 << 9;
export const TPFLAGS_BASETYPE = 1 << 10;
export const TPFLAGS_HAVE_GC = 1 << 14;
export const TPFLAGS_LONG_SUBCLASS = 1 << 24;
export const TPFLAGS_LIST_SUBCLASS = 1 << 25;
export const TPFLAGS_TUPLE_SUBCLASS = 1 << 26;
export const TPFLAGS_BYTES_SUBCLASS = 1 << 27;
export const TPFLAGS_UNICODE_SUBCLASS = 1 << 28;
export const TPFLAGS_DICT_SUBCLASS = 1 << 29;
export const TPFLAGS_BASE_EXC_SUBCLASS = 1 << 30;
export const TPFLAGS_TYPE_SUBCLASS = 1 << 31;

// bytes: immutable, the bytes inline after the header (bytes.ts).
export const BYTES_LENGTH = 8;
export const BYTES_HASH = 12; // i32 low and high halves of the 64-bit hash, valid when hashed
export const BYTES_FLAGS = 20; // BYTES_HASHED
export const BYTES_DATA = 24;
export const BYTES_HASHED = 1;

// bytearray: length, capacity and a separately allocated byte block (0 when capacity is 0).
export const BYTEARRAY_LENGTH = 8;
export const BYTEARRAY_CAPACITY = 12;
export const BYTEARRAY_DATA = 16;
export const BYTEARRAY_SIZE = 20;

// complex: two f64s.
export const COMPLEX_REAL = 8;
export const COMPLEX_IMAG = 16;
export const COMPLEX_SIZE = 24;
