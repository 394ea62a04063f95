"""Regenerate packages/compiler/test/golden/compile-errors/errors.json: CPython's SyntaxError for
each source below (raised by its symbol table or code generator, not its parser).

Run with CPython 3.13:  PYENV_VERSION=3.13.0 python3.13 packages/compiler/scripts/gen-compile-errors.py
"""

import json
import pathlib
import sys

CASES = [
    "return 1\n",
    "x = 1\nbreak\n",
    "continue\n",
    "while x:\n    pass\nelse:\n    break\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(a):\n    global a\n",
    "def f():\n    x: int\n    global x\n",
    "def f():\n    x = 1\n    nonlocal x\n",
    "def f():\n    nonlocal x\n",
    "nonlocal x\n",
    "def f():\n    global x\n    nonlocal x\n",
    "yield 1\n",
    "yield from x\n",
    "await x\n",
    "def f():\n    await x\n",
    "async def f():\n    yield from x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "def f():\n    [(yield) for x in y]\n",
    "def f():\n    {(yield) for x in y}\n",
    "[x for x in y if (x := 1)]\n",
    "class C:\n    [(y := 1) for x in z]\n",
    "f(a=1, a=2)\n",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    "a, *b, *c = d\n",
    "def f():\n    import *\n",
    "def f():\n    from os import *\n",
    "del __debug__\n",
    "__debug__ = 1\n",
    "def f(__debug__): pass\n",
    "f(__debug__=1)\n",
    "def f():\n    async with x:\n        pass\n",
    "def f():\n    for x in range(3):\n        pass\n    continue\n",
    "class C:\n    def f(self):\n        nonlocal __class__\n",
    "def f():\n    x = [i async for i in y]\n",
    # pattern matching
    "match x:\n    case {1: a, 1.0: b}:\n        pass\n",
    "match x:\n    case {'a': a, 'a': b}:\n        pass\n",
    "match x:\n    case [*a, *b]:\n        pass\n",
    "match x:\n    case a | [b]:\n        pass\n",
    "match x:\n    case [a] | [b]:\n        pass\n",
    "match x:\n    case C(x=1, x=2):\n        pass\n",
    "match x:\n    case [a, a]:\n        pass\n",
    "match x:\n    case (a | b) as a:\n        pass\n",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case (_ | 1):\n        pass\n",
    "match x:\n    case C(__debug__=1):\n        pass\n",
    "match x:\n    case {**__debug__}:\n        pass\n",
    "match x:\n    case [a, b] | [b, a]:\n        pass\n    case 1:\n        pass\n",
    # type parameters
    "def f[T, T](): pass\n",
    "def f[T = int, U](): pass\n",
    "type A[T, T] = int\n",
    "class C[**P, **P]: pass\n",
    "class C[T, *Ts = int, U]: pass\n",
    "def f[T: (yield)](): pass\n",
    "def f[T: (x := 1)](): pass\n",
    "async def g():\n    def f[T: (await x)](): pass\n",
    "def f[T: (int, (yield))](): pass\n",
    "def f[T = (yield)](): pass\n",
    "def f[*Ts = (yield)](): pass\n",
    "def f[**P = (yield)](): pass\n",
    "type A = (yield)\n",
    "type A = (x := 1)\n",
    "def g():\n    type A[T] = (yield)\n",
    "class C[T]((yield)): pass\n",
    "def f[T](x=(yield)): pass\n",
    "def f[T](x: (yield)): pass\n",
    # a letter new in Unicode 16 is unassigned in CPython 3.13's Unicode 15.1
    "x\u1c89 = 1\n",
]


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit("run with CPython 3.13")
    out = []
    for src in CASES:
        try:
            compile(src, "<test>", "exec")
            err = None
        except SyntaxError as e:
            err = {
                "msg": e.msg,
                "lineno": e.lineno,
                "offset": e.offset,
                "endLineno": e.end_lineno,
                "endOffset": e.end_offset,
            }
        out.append({"source": src, "error": err})
    path = pathlib.Path(__file__).resolve().parent.parent / "test" / "golden" / "compile-errors" / "errors.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print("wrote", path)


main()
