"""Regenerate packages/compiler/test/golden/codegen/*.dis from the *.py beside them.

Run with CPython 3.13:  PYENV_VERSION=3.13.0 python3.13 packages/compiler/scripts/gen-codegen-golden.py

CPython 3.14 is not available here, so the listings come from 3.13's compiler and are adapted
mechanically to the 3.14 shapes Skein emits (each rule is one CPython 3.13 -> 3.14 change), and to
Skein's 2-slot iterators (GET_ITER pushes iter and index, as in 3.15):
  * LOAD_CONST of an int in 0..255      -> LOAD_SMALL_INT n            (3.14: LOAD_SMALL_INT)
  * RETURN_CONST v                      -> LOAD_CONST v; RETURN_VALUE  (3.14: RETURN_CONST removed)
  * BINARY_SUBSCR                       -> BINARY_OP 26                (3.14: NB_SUBSCR)
  * LOAD_ASSERTION_ERROR                -> LOAD_COMMON_CONSTANT 0      (3.14)
  * after every POP_JUMP_IF_*           -> NOT_TAKEN                   (3.14 branch monitoring)
  * END_FOR; POP_TOP                    -> END_FOR; POP_ITER           (3.14)
  * CALL_FUNCTION_EX 0 / 1              -> PUSH_NULL; CALL_FUNCTION_EX / CALL_FUNCTION_EX
  * LIST_APPEND/SET_ADD/MAP_ADD k       -> 2k - 1                      (each loop holds 2 slots)
Listings are normalized so that they compare what matters and not what depends on the instruction
set's cache sizes or constant numbering: jump targets print as labels, constants/names/locals as
their values, LOAD_FAST_BORROW as LOAD_FAST and the superinstructions as their two halves (the
borrow analysis has its own tests). Cases avoid the constructs whose 3.14 shapes cannot be derived
mechanically (with, match, genexpr, super(), dict displays with constant keys, return inside for).
"""

import dis
import pathlib
import sys
import types

HERE = pathlib.Path(__file__).resolve().parent.parent / "test" / "golden" / "codegen"

NAME_OPS = {
    "LOAD_NAME", "STORE_NAME", "DELETE_NAME", "LOAD_GLOBAL", "STORE_GLOBAL", "DELETE_GLOBAL",
    "LOAD_ATTR", "STORE_ATTR", "DELETE_ATTR", "IMPORT_NAME", "IMPORT_FROM", "LOAD_SUPER_ATTR",
}
LOCAL_OPS = {
    "LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "STORE_FAST", "DELETE_FAST",
    "LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF", "MAKE_CELL", "LOAD_FROM_DICT_OR_DEREF",
    "LOAD_CLOSURE",
}


def const_repr(v):
    if isinstance(v, types.CodeType):
        return f"<code {v.co_name}>"
    if isinstance(v, tuple):
        inner = ", ".join(const_repr(x) for x in v)
        return f"({inner},)" if len(v) == 1 else f"({inner})"
    return repr(v)


def listing(co, out):
    out.append(f"{co.co_qualname}:")
    raw = list(dis.get_instructions(co))
    # Expand to 3.14 shapes: list of [opname, argrepr, line, jump_target_offset or None, offset]
    items = []
    i = 0
    while i < len(raw):
        ins = raw[i]
        op = ins.opname
        line = ins.positions.lineno if ins.positions and ins.positions.lineno is not None else -1
        tgt = ins.jump_target if ins.opcode in dis.hasjump else None
        def add(o, a, t=None):
            items.append([o, a, line, t, ins.offset])
        if op in ("CACHE", "EXTENDED_ARG"):
            i += 1
            continue
        if op in ("LOAD_CONST", "RETURN_CONST"):
            v = ins.argval
            if type(v) is int and 0 <= v < 256:
                add("LOAD_SMALL_INT", str(v))
            else:
                add("LOAD_CONST", const_repr(v))
            if op == "RETURN_CONST":
                items.append(["RETURN_VALUE", "", line, None, None])
        elif op == "BINARY_SUBSCR":
            add("BINARY_OP", "26")
        elif op == "LOAD_ASSERTION_ERROR":
            add("LOAD_COMMON_CONSTANT", "0")
        elif op.startswith("POP_JUMP_IF_"):
            add(op, "", tgt)
            items.append(["NOT_TAKEN", "", line, None, None])
        elif op == "END_FOR":
            add("END_FOR", "")
            if i + 1 < len(raw) and raw[i + 1].opname == "POP_TOP":
                items.append(["POP_ITER", "", line, None, raw[i + 1].offset])
                i += 1
        elif op == "CALL_FUNCTION_EX":
            if ins.arg == 0:
                add("PUSH_NULL", "")
            add("CALL_FUNCTION_EX", "")
        elif op in ("LIST_APPEND", "SET_ADD", "MAP_ADD"):
            add(op, str(2 * ins.arg - 1))
        elif op in ("LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST"):
            a, b = ins.argval
            first, second = op.split("_FAST_")[0] + "_FAST", "LOAD_FAST" if op.endswith("LOAD_FAST") else "STORE_FAST"
            add(first, a)
            items.append([second, b, line, None, None])
        elif op == "STORE_FAST_MAYBE_NULL":
            add("STORE_FAST", ins.argval)
        elif op in LOCAL_OPS:
            add(op, ins.argval)
        elif op in NAME_OPS:
            arg = ins.argval
            if op == "LOAD_GLOBAL" and ins.arg & 1:
                arg = f"{arg} +NULL"
            if op == "LOAD_ATTR" and ins.arg & 1:
                arg = f"{arg} +self"
            add(op, arg)
        elif ins.opcode in dis.hasjump:
            add(op, "", tgt)
        elif ins.arg is not None and ins.opcode >= dis.HAVE_ARGUMENT:
            add(op, str(ins.arg))
        else:
            add(op, "")
        i += 1
    items = adapt(items)
    # Jump targets as labels, numbered in order of the target instructions.
    offset_index = {}
    for k, it in enumerate(items):
        if it[4] is not None and it[4] not in offset_index:
            offset_index[it[4]] = k
    targets = sorted({offset_index[it[3]] for it in items if it[3] is not None})
    label = {t: f"L{n + 1}" for n, t in enumerate(targets)}
    for k, it in enumerate(items):
        prefix = f"{label[k]}: " if k in label else ""
        arg = f"to {label[offset_index[it[3]]]}" if it[3] is not None else it[1]
        text = f"{it[0]} {arg}".rstrip()
        out.append(f"  {it[2]:>3} {prefix}{text}")
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            out.append("")
            listing(c, out)


SIMPLE_LOADS = {"LOAD_CONST", "LOAD_SMALL_INT", "LOAD_FAST", "LOAD_NAME", "LOAD_DEREF"}


def slice_part(it):
    """The value of a constant load usable in a 3.14 constant slice, or raise ValueError."""
    if it[0] == "LOAD_SMALL_INT":
        return it[1]
    if it[0] == "LOAD_CONST" and it[1] == "None":
        return "None"
    raise ValueError


def adapt(items):
    """Rules that look at several instructions (see the module docstring)."""
    out = []
    for it in items:
        op = it[0]
        if op == "BUILD_CONST_KEY_MAP":
            # 3.14 has no BUILD_CONST_KEY_MAP: keys are loaded one by one before their values.
            n = int(it[1])
            keys = eval(out[-1][1])
            values = out[-(n + 1):-1]
            assert all(v[0] in SIMPLE_LOADS and v[3] is None for v in values), "complex dict values"
            del out[-(n + 1):]
            for k, v in zip(keys, values):
                out.append(["LOAD_CONST", repr(k), v[2], None, v[4]])
                out.append(v)
            out.append(["BUILD_MAP", str(n), it[2], None, it[4]])
            continue
        if op in ("BINARY_SLICE", "STORE_SLICE", "BUILD_SLICE") and it[3] is None:
            n = 2 if op != "BUILD_SLICE" else int(it[1])
            try:
                if len(out) < n:
                    raise ValueError
                parts = [slice_part(x) for x in out[-n:]]
            except ValueError:
                out.append(it)
                continue
            # 3.14 makes slices of literal constants a constant.
            if len(parts) == 2:
                parts.append("None")
            first = out[-n]
            del out[-n:]
            out.append(["LOAD_CONST", f"slice({', '.join(parts)})", first[2], None, first[4]])
            if op == "BINARY_SLICE":
                out.append(["BINARY_OP", "26", it[2], None, it[4]])
            elif op == "STORE_SLICE":
                out.append(["STORE_SUBSCR", "", it[2], None, it[4]])
            continue
        out.append(it)
    # Inlined comprehensions: with 2-slot iterators GET_ITER comes right before FOR_ITER.
    k = 0
    while k < len(out):
        if out[k][0] == "GET_ITER":
            j = k + 1
            while j < len(out) and (out[j][0] in ("LOAD_FAST_AND_CLEAR", "SWAP", "MAKE_CELL")
                                    or (out[j][0] in ("BUILD_LIST", "BUILD_SET", "BUILD_MAP") and out[j][1] == "0")):
                j += 1
            if j > k + 1 and j < len(out) and out[j][0] == "FOR_ITER":
                g = out.pop(k)
                g[4] = None
                out.insert(j - 1, g)
                k = j
                continue
        k += 1
    return out


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit("run with CPython 3.13")
    for src in sorted(HERE.glob("*.py")):
        co = compile(src.read_text(), src.name, "exec")
        out = []
        listing(co, out)
        src.with_suffix(".dis").write_text("\n".join(out) + "\n")
        print("wrote", src.with_suffix(".dis").name)


main()
