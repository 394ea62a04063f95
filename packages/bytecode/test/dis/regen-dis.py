#!/usr/bin/env python3.13
# Regenerates the expected disassemblies of test/dis.test.ts from CPython 3.13.
#
#   PYENV_VERSION=3.13.0 python3.13 packages/bytecode/test/dis/regen-dis.py
#
# For each cases/<name>.py it compiles the source with CPython 3.13, adapts the instruction
# stream to Skein's CPython 3.14 instruction set (mechanically, see ADAPTATIONS), and writes
#   cases/<name>.json      the adapted code objects as CodeUnit data (the test's input);
#   cases/<name>.expected  their disassembly, printed by CPython 3.13's own dis.Formatter with
#                          show_offsets=True, argument reprs from 3.13's dis.ArgResolver where
#                          the instruction is unchanged, and 3.14's reprs where 3.14 differs.
# Nested code objects follow as dis.dis prints them ("Disassembly of <code object ...>:"), with
# addresses normalized to 0x... (a CodeUnit has no address).
#
# ADAPTATIONS (3.13 -> 3.14), each one keeps every other instruction as 3.13 emitted it:
#   RETURN_CONST k         -> LOAD_CONST k; RETURN_VALUE
#   LOAD_CONST k (int 0..255, not bool) -> LOAD_SMALL_INT v   (3.14 prints no argrepr)
#   BINARY_SUBSCR          -> BINARY_OP 26 ([])               (5 cache units)
#   BINARY_OP              -> BINARY_OP                       (1 -> 5 cache units)
#   CALL_KW                -> CALL_KW                         (0 -> 3 cache units)
#   END_FOR; POP_TOP       -> END_FOR; POP_ITER
#   LOAD_ASSERTION_ERROR   -> LOAD_COMMON_CONSTANT 0 (AssertionError)
#   CONTAINS_OP, IS_OP     -> same, with 3.14's argrepr (in / not in, is / is not)
#   SET_FUNCTION_ATTRIBUTE, CALL_INTRINSIC_*: same (3.14's flag names are a superset)
# Jump arguments and exception-table entries are recomputed for the new offsets. The adapted
# streams are for printing tests; they are not meant to run.
import dis
import io
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
CACHES_314 = dict(dis._inline_cache_entries)
CACHES_314["BINARY_OP"] = 5
CACHES_314["CALL_KW"] = 3
CACHES_314.pop("BINARY_SUBSCR", None)
BACKWARD = ("JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT")
JUMPS = {dis.opname[op] for op in dis.hasjump}
UNSUPPORTED = {"BUILD_CONST_KEY_MAP", "BEFORE_WITH", "BEFORE_ASYNC_WITH", "CALL_FUNCTION_EX", "LOAD_METHOD",
               "ENTER_EXECUTOR", "RETURN_CONST_NOT_ADAPTED"}


def adapt(co):
    """The 3.13 instructions of `co` as 3.14 ones: dicts with name, arg, argrepr, origin."""
    src = list(dis.get_instructions(co))
    out = []
    for i, ins in enumerate(src):
        name = ins.opname
        if name in UNSUPPORTED:
            raise SystemExit(f"{co.co_name}: {name} has no mechanical 3.14 form; change the case")
        base = dict(name=name, arg=ins.arg, argrepr=ins.argrepr, origin=ins)
        if name == "RETURN_CONST":
            out.append(dict(base, name="LOAD_CONST"))
            out.append(dict(base, name="RETURN_VALUE", arg=None, argrepr=""))
        elif name == "LOAD_CONST" and type(ins.argval) is int and 0 <= ins.argval <= 255:
            out.append(dict(base, name="LOAD_SMALL_INT", arg=ins.argval, argrepr=""))
        elif name == "BINARY_SUBSCR":
            out.append(dict(base, name="BINARY_OP", arg=26, argrepr="[]"))
        elif name == "POP_TOP" and i > 0 and src[i - 1].opname == "END_FOR":
            out.append(dict(base, name="POP_ITER"))
        elif name == "LOAD_ASSERTION_ERROR":
            out.append(dict(base, name="LOAD_COMMON_CONSTANT", arg=0, argrepr="AssertionError"))
        elif name == "CONTAINS_OP":
            out.append(dict(base, argrepr="not in" if ins.arg else "in"))
        elif name == "IS_OP":
            out.append(dict(base, argrepr="is not" if ins.arg else "is"))
        elif name == "EXTENDED_ARG":
            continue  # re-added below where an argument needs it
        else:
            out.append(base)
    return out


def ext_count(arg):
    n = 0
    while arg is not None and arg > 0xFF:
        arg >>= 8
        n += 1
    return n


def layout(instrs):
    """Assign offsets (with EXTENDED_ARG prefixes), fixing jump args until stable."""
    old_offsets = {}
    for ins in instrs:
        o = ins["origin"]
        old_offsets.setdefault(o.offset, ins)
    for _ in range(10):
        off = 0
        for ins in instrs:
            ins["start"] = off
            off += 2 * ext_count(ins["arg"])
            ins["offset"] = off
            off += 2 + 2 * CACHES_314.get(ins["name"], 0)
        end = off
        new_of_old = {o: ins["start"] for o, ins in old_offsets.items()}
        changed = False
        for ins in instrs:
            if ins["name"] in JUMPS and ins["origin"].opname in JUMPS:
                target = new_of_old[ins["origin"].argval]
                ins["target"] = target
                nxt = ins["offset"] + 2 + 2 * CACHES_314.get(ins["name"], 0)
                arg = (nxt - target) // 2 if ins["name"] in BACKWARD else (target - nxt) // 2
                if arg != ins["arg"]:
                    ins["arg"] = arg
                    changed = True
        if not changed:
            return end, new_of_old
    raise SystemExit("jump layout did not converge")


def code_repr(co):
    return re.sub(r" at 0x[0-9a-f]+", " at 0x...", repr(co))


def const_json(c):
    if c is None or isinstance(c, bool) or isinstance(c, str):
        return c
    if isinstance(c, int):
        return {"kind": "int", "value": str(c)}
    if isinstance(c, float):
        return {"kind": "float", "value": repr(c)}
    if isinstance(c, complex):
        return {"kind": "complex", "real": repr(c.real), "imag": repr(c.imag)}
    if isinstance(c, bytes):
        return {"kind": "bytes", "value": c.hex()}
    if isinstance(c, tuple):
        return {"kind": "tuple", "items": [const_json(x) for x in c]}
    if isinstance(c, frozenset):
        return {"kind": "frozenset", "items": [const_json(x) for x in c]}
    if c is Ellipsis:
        return {"kind": "ellipsis"}
    if hasattr(c, "co_code"):
        return convert(c)[0]
    raise SystemExit(f"constant {c!r} not supported")


def localsplus(co):
    names = []
    while True:
        try:
            names.append(co._varname_from_oparg(len(names)))
        except (IndexError, ValueError):
            return names


def convert(co):
    """(CodeUnit JSON, expected text) for one code object and its nested ones."""
    instrs = adapt(co)
    end, new_of_old = layout(instrs)
    old_positions = list(co.co_positions())
    units, positions = [], []
    for ins in instrs:
        o = ins["origin"]
        pos = list(old_positions[o.offset // 2])
        n = ext_count(ins["arg"])
        arg = ins["arg"] or 0
        for k in range(n, 0, -1):
            units.append(["EXTENDED_ARG", (arg >> (8 * k)) & 0xFF])
            positions.append(pos)
        units.append([ins["name"], arg & 0xFF])
        positions.append(pos)
        for _ in range(CACHES_314.get(ins["name"], 0)):
            units.append(["CACHE", 0])
            positions.append(pos)
    assert 2 * len(units) == end
    entries = []
    for e in dis._parse_exception_table(co):
        def remap(off):
            return new_of_old[off] if off in new_of_old else end
        entries.append(dis._ExceptionTableEntry(remap(e.start), remap(e.end),
                                                new_of_old[e.target], e.depth, e.lasti))
    # Labels, line starts and widths exactly as 3.13's dis.disassemble computes them.
    labels = {ins["target"] for ins in instrs if "target" in ins}
    for e in entries:
        labels.update((e.start, e.end, e.target))
    labels_map = {off: i + 1 for i, off in enumerate(sorted(labels))}
    for e in entries:
        e.start_label, e.end_label, e.target_label = (
            labels_map[e.start], labels_map[e.end], labels_map[e.target])
    linestarts, last = {}, False
    for i, p in enumerate(positions):
        line = p[0]
        if line is not last:
            last = line
            linestarts[2 * i] = line
    out = io.StringIO()
    fmt = dis.Formatter(file=out, lineno_width=dis._get_lineno_width(linestarts),
                        offset_width=len(str(max(end - 2, 9999))),
                        label_width=4 + len(str(len(labels_map))))
    line = None
    for ins in instrs:
        # The EXTENDED_ARG prefixes print as instructions of their own, as in 3.13.
        n = ext_count(ins["arg"])
        for k in range(n, 0, -1):
            off = ins["offset"] - 2 * k
            starts = off in linestarts
            if starts:
                line = linestarts[off]
            fmt.print_instruction(dis.Instruction(
                "EXTENDED_ARG", 0, ins["arg"] >> (8 * k), None, "", off, off, starts, line,
                labels_map.get(off), None, None))
        off = ins["offset"]
        starts = off in linestarts
        if starts:
            line = linestarts[off]
        argrepr = ins["argrepr"]
        if "target" in ins:
            argrepr = f"to L{labels_map[ins['target']]}"
        elif ins["arg"] is not None and ins["origin"].opname not in JUMPS:
            argrepr = argrepr.replace(" at 0x", " at 0x")
        argrepr = re.sub(r" at 0x[0-9a-f]+", " at 0x...", argrepr)
        fmt.print_instruction(dis.Instruction(
            ins["name"], 0, ins["arg"], None, argrepr, off, ins["start"], starts, line,
            labels_map.get(off), None, None))
    fmt.print_exception_table(entries)
    text = out.getvalue()
    consts = []
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            unit, nested = convert(c)
            consts.append(unit)
            text += "\n" + f"Disassembly of {code_repr(c)}:\n" + nested
        else:
            consts.append(const_json(c))
    names = localsplus(co)
    kinds = []
    for n in names:
        k = 0
        if n in co.co_varnames:
            k |= 0x20
        if n in co.co_cellvars:
            k |= 0x40
        if n in co.co_freevars:
            k |= 0x80
        kinds.append(k)
    unit = {
        "kind": "code", "name": co.co_name, "qualname": co.co_qualname,
        "filename": co.co_filename, "firstLineno": co.co_firstlineno,
        "argcount": co.co_argcount, "posonlyargcount": co.co_posonlyargcount,
        "kwonlyargcount": co.co_kwonlyargcount, "flags": co.co_flags,
        "code": units, "consts": consts, "names": list(co.co_names),
        "localsplusNames": names, "localsplusKinds": kinds, "stacksize": co.co_stacksize,
        "positions": [[-1 if v is None else v for v in p] for p in positions],
        "exceptionTable": [{"start": e.start // 2, "end": e.end // 2, "target": e.target // 2,
                            "depth": e.depth, "lasti": bool(e.lasti)} for e in entries],
    }
    return unit, text


def main():
    if sys.version_info[:2] != (3, 13):
        raise SystemExit("run this with CPython 3.13 (PYENV_VERSION=3.13.0 python3.13 ...)")
    count = 0
    for name in sorted(os.listdir(CASES)):
        if not name.endswith(".py"):
            continue
        path = os.path.join(CASES, name)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        co = compile(source, "<dis>", "exec")
        unit, text = convert(co)
        stem = path[:-3]
        with open(stem + ".json", "w", encoding="utf-8") as f:
            json.dump(unit, f, separators=(",", ":"))
            f.write("\n")
        with open(stem + ".expected", "w", encoding="utf-8") as f:
            f.write(text)
        count += 1
    # The repository's formatter owns JSON layout.
    subprocess.run(["npx", "biome", "format", "--write", CASES], check=True, capture_output=True)
    print(f"regen-dis: {count} case(s) written by CPython {sys.version.split()[0]}")


main()
