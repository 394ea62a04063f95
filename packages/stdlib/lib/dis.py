"""Disassembly of Python bytecode, printed in CPython 3.13's layout.

The instructions are Skein's (CPython 3.15's instruction set, as @skein/bytecode defines it);
the formatting of dis.dis, the Instruction records and the helpers follow CPython 3.13's dis.
"""

import collections
import sys

import _dis
from _dis import HAVE_ARGUMENT, opname, stack_effect

__all__ = [
    "code_info", "dis", "disassemble", "distb", "disco", "findlinestarts", "findlabels",
    "show_code", "get_instructions", "Instruction", "Bytecode", "Positions",
    "opname", "opmap", "HAVE_ARGUMENT", "stack_effect", "hasarg", "hasconst", "hasname",
    "hasjump", "hasjrel", "hasjabs", "haslocal", "hascompare", "hasfree", "hasexc",
    "cmp_op", "EXTENDED_ARG",
]

opmap = {name: op for op, name in enumerate(opname) if not name.startswith("<")}
EXTENDED_ARG = opmap.get("EXTENDED_ARG", 144)
cmp_op = ("<", "<=", "==", "!=", ">", ">=")

hasarg = [op for op in range(HAVE_ARGUMENT, 256) if not opname[op].startswith("<")]
hasconst = [opmap[n] for n in ("LOAD_CONST",) if n in opmap]
hasname = [opmap[n] for n in (
    "STORE_NAME", "DELETE_NAME", "STORE_ATTR", "DELETE_ATTR", "STORE_GLOBAL",
    "DELETE_GLOBAL", "LOAD_NAME", "LOAD_ATTR", "IMPORT_NAME", "IMPORT_FROM",
    "LOAD_GLOBAL", "LOAD_SUPER_ATTR", "LOAD_FROM_DICT_OR_GLOBALS") if n in opmap]
hasjrel = [opmap[n] for n in (
    "FOR_ITER", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT",
    "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE",
    "SEND", "END_ASYNC_FOR") if n in opmap]
hasjump = hasjrel
hasjabs = []
haslocal = [opmap[n] for n in (
    "LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "STORE_FAST", "DELETE_FAST",
    "LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST",
    "LOAD_FAST_BORROW", "LOAD_FAST_BORROW_LOAD_FAST_BORROW") if n in opmap]
hascompare = [opmap[n] for n in ("COMPARE_OP",) if n in opmap]
hasfree = [opmap[n] for n in (
    "LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF", "MAKE_CELL", "COPY_FREE_VARS",
    "LOAD_FROM_DICT_OR_DEREF") if n in opmap]
hasexc = []

_have_code = (type(lambda: None), type((lambda: None).__code__), type, classmethod, staticmethod)

Positions = collections.namedtuple(
    "Positions", ["lineno", "end_lineno", "col_offset", "end_col_offset"],
    defaults=[None] * 4)

_Instruction = collections.namedtuple(
    "_Instruction",
    ["opname", "opcode", "arg", "argval", "argrepr", "offset", "start_offset",
     "starts_line", "line_number", "label", "positions", "cache_info"],
    defaults=[None, None, None])


class Instruction(_Instruction):
    """One bytecode instruction: its name and number, argument (raw and resolved), offsets,
    line, label and source positions."""

    __slots__ = ()

    @property
    def oparg(self):
        return self.arg

    @property
    def baseopcode(self):
        return self.opcode

    @property
    def baseopname(self):
        return self.opname

    @property
    def cache_offset(self):
        return self.start_offset + 2

    @property
    def end_offset(self):
        return self.offset + 2

    @property
    def jump_target(self):
        return self.argval if self.opcode in hasjump else None

    @property
    def is_jump_target(self):
        return self.label is not None

    def __str__(self):
        arg = "" if self.arg is None else f" {self.arg}"
        rep = f" ({self.argrepr})" if self.argrepr else ""
        return f"{self.opname}{arg}{rep}"


def _code_of(x):
    """The code object behind a function, method, generator, coroutine or source string."""
    if hasattr(x, "__func__"):
        x = x.__func__
    if hasattr(x, "__code__"):
        return x.__code__
    for attr in ("gi_code", "ag_code", "cr_code"):
        if hasattr(x, attr):
            return getattr(x, attr)
    if isinstance(x, str):
        return compile(x, "<disassembly>", "exec")
    if isinstance(x, type((lambda: None).__code__)):
        return x
    raise TypeError(f"don't know how to disassemble {type(x).__name__} objects")


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False,
        show_offsets=False):
    """Print the bytecode of a function, method, class, module, code object or source string
    (the last traceback when x is None), with the code objects nested in it."""
    if x is None:
        distb(file=file, show_caches=show_caches, adaptive=adaptive, show_offsets=show_offsets)
        return
    if hasattr(x, "__func__"):
        x = x.__func__
    if hasattr(x, "__code__"):
        x = x.__code__
    elif hasattr(x, "gi_code"):
        x = x.gi_code
    elif hasattr(x, "cr_code"):
        x = x.cr_code
    if hasattr(x, "__dict__") and not isinstance(x, type((lambda: None).__code__)):
        for name, value in sorted(x.__dict__.items()):
            if isinstance(value, _have_code):
                print(f"Disassembly of {name}:", file=file)
                try:
                    dis(value, file=file, depth=depth, show_caches=show_caches,
                        adaptive=adaptive, show_offsets=show_offsets)
                except TypeError as msg:
                    print("Sorry:", msg, file=file)
                print(file=file)
        return
    if isinstance(x, (bytes, bytearray)):
        raise TypeError("disassembling raw bytecode is not supported")
    code = _code_of(x)
    _print(_dis.disassemble(code, show_offsets, depth, -1, adaptive), file)


def _print(text, file):
    if file is None:
        file = sys.stdout
    file.write(text)


def distb(tb=None, *, file=None, show_caches=False, adaptive=False, show_offsets=False):
    """Disassemble the code of the innermost frame of a traceback (the last one by default),
    marking the instruction that raised."""
    if tb is None:
        try:
            if hasattr(sys, "last_exc"):
                tb = sys.last_exc.__traceback__
            else:
                tb = sys.last_traceback
        except AttributeError:
            raise RuntimeError("no last traceback to disassemble") from None
        while tb.tb_next:
            tb = tb.tb_next
    _print(_dis.disassemble(tb.tb_frame.f_code, show_offsets, 0, tb.tb_lasti), file)


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False,
                show_offsets=False):
    """Print the bytecode of one code object, marking the instruction at `lasti`."""
    _print(_dis.disassemble(co, show_offsets, 0, lasti, adaptive), file)


disco = disassemble


def _argval(code, name, arg, argrepr, jump):
    if arg is None:
        return None
    if jump is not None:
        return jump
    if name == "LOAD_CONST" or name == "RETURN_CONST":
        return code.co_consts[arg]
    if name in ("LOAD_GLOBAL",):
        return code.co_names[arg >> 1]
    if name in ("LOAD_ATTR",):
        return code.co_names[arg >> 1]
    if name in ("LOAD_SUPER_ATTR",):
        return code.co_names[arg >> 2]
    if opmap.get(name) in hasname:
        return code.co_names[arg]
    if name == "COMPARE_OP":
        return cmp_op[arg >> 5] if (arg >> 5) < len(cmp_op) else arg
    if opmap.get(name) in haslocal or opmap.get(name) in hasfree:
        return tuple(argrepr.split(", ")) if ", " in argrepr else argrepr
    return arg


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    """An iterator of Instruction records for the bytecode of `x` (not of nested code)."""
    code = _code_of(x)
    positions = list(code.co_positions())
    shift = 0 if first_line is None else first_line - code.co_firstlineno
    for (name, op, arg, argrepr, offset, start, starts, line, label,
         jump) in _dis.instructions(code, adaptive):
        pos = positions[offset // 2] if offset // 2 < len(positions) else (None,) * 4
        instr = Instruction(
            name, op, arg, _argval(code, name, arg, argrepr, jump), argrepr, offset, start,
            starts, None if line is None else line + shift, label, Positions(*pos), None)
        yield instr


def findlinestarts(code):
    """(offset, line) for each instruction that starts a new line."""
    last = None
    for start, _end, line in code.co_lines():
        if line is not None and line != last:
            last = line
            yield start, line


def findlabels(code):
    """The offsets that are jump targets."""
    return sorted({ins.argval for ins in get_instructions(code)
                   if ins.opcode in hasjump and isinstance(ins.argval, int)})


_FLAG_NAMES = {
    1: "OPTIMIZED", 2: "NEWLOCALS", 4: "VARARGS", 8: "VARKEYWORDS", 16: "NESTED",
    32: "GENERATOR", 64: "NOFREE", 128: "COROUTINE", 256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
}


def pretty_flags(flags):
    """The names of the code flags set in `flags`, joined with ', '."""
    names = []
    for i in range(32):
        flag = 1 << i
        if flags & flag:
            names.append(_FLAG_NAMES.get(flag, hex(flag)))
            flags ^= flag
            if not flags:
                break
    else:
        names.append(hex(flags))
    return ", ".join(names)


def code_info(x):
    """A multi-line description of the code object of `x`: names, counts, flags, constants,
    names and variables."""
    co = _code_of(x)
    lines = [
        f"Name:              {co.co_name}",
        f"Filename:          {co.co_filename}",
        f"Argument count:    {co.co_argcount}",
        f"Positional-only arguments: {co.co_posonlyargcount}",
        f"Kw-only arguments: {co.co_kwonlyargcount}",
        f"Number of locals:  {co.co_nlocals}",
        f"Stack size:        {co.co_stacksize}",
        f"Flags:             {pretty_flags(co.co_flags)}",
    ]
    if co.co_consts:
        lines.append("Constants:")
        lines.extend(f"{i:4}: {c!r}" for i, c in enumerate(co.co_consts))
    for title, names in (("Names", co.co_names), ("Variable names", co.co_varnames),
                         ("Free variables", co.co_freevars), ("Cell variables", co.co_cellvars)):
        if names:
            lines.append(f"{title}:")
            lines.extend(f"{i:4}: {n}" for i, n in enumerate(names))
    return "\n".join(lines)


def show_code(co, *, file=None):
    """Print code_info(co)."""
    print(code_info(co), file=file)


class Bytecode:
    """The bytecode of a function, method, code object or source string: iterate it for
    Instruction records, or call dis() for the printed disassembly."""

    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False,
                 adaptive=False, show_offsets=False):
        self.codeobj = co = _code_of(x)
        self.first_line = co.co_firstlineno if first_line is None else first_line
        self._line_offset = self.first_line - co.co_firstlineno
        self._original_object = x
        self.current_offset = current_offset
        self.show_offsets = show_offsets

    def __iter__(self):
        return get_instructions(self.codeobj, first_line=self.first_line)

    def __repr__(self):
        return f"{self.__class__.__name__}({self._original_object!r})"

    @classmethod
    def from_traceback(cls, tb, *, show_caches=False, adaptive=False):
        """The Bytecode of a traceback's innermost frame, with its current offset."""
        while tb.tb_next:
            tb = tb.tb_next
        return cls(tb.tb_frame.f_code, current_offset=tb.tb_lasti)

    def info(self):
        """code_info() of the code object."""
        return code_info(self.codeobj)

    def dis(self):
        """The printed disassembly, as a string."""
        offset = -1 if self.current_offset is None else self.current_offset
        return _dis.disassemble(self.codeobj, self.show_offsets, None, offset)


def main(args=None):
    """python -m dis [-C] [-O] [infile]: disassemble a source file (stdin by default)."""
    if args is None:
        args = sys.argv[1:]
    show_offsets = "-O" in args or "--show-offsets" in args
    files = [a for a in args if not a.startswith("-")]
    if files:
        with open(files[0]) as f:
            source = f.read()
        name = files[0]
    else:
        source = sys.stdin.read()
        name = "<stdin>"
    code = compile(source, name, "exec")
    dis(code, show_offsets=show_offsets)


if __name__ == "__main__":
    main()
