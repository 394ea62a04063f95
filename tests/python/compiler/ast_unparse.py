# ast.unparse: source text back from trees, with CPython's precedence, quoting and layout choices
import ast

sources = [
    "x = (a + b) * c ** -d ** e",
    "y = a if b else c if d else e",
    "z = (a, b), [c, *d], {e: f, **g}, {h, *i}, set()",
    "lambda a, /, b=1, *args, c, d=2, **kw: (yield)",
    "f(a, *b, c=1, **d)(e)[f:g:h, i][j, *k]",
    "(x := 1) and not (y or z) and w",
    "a < b <= c != d is not e not in f",
    "-(-x) + +y - ~z, (-1) ** 2, 2 ** -1, (2).real, 2.5.real",
    "del a[0], b.c, (d, e)",
    "s = 'single', \"dq'\", '''tri\"''', 'both \\' \"', 'line\\nbreak', b'bytes', r'\\d'",
    "f'{a!r:>{width}} {b=} {{c}} {d:%H:%M}' f\"{'nested'}\" f'{x:{\"q\"}}'",
    "print(f'{a}\\n{b}')",
    "x = 1e309, -1e309j, 1j, 0.5, 10 ** 100, ...",
    "@dec\n@dec2(1)\nclass C(B, metaclass=M):\n    '''Doc.'''\n    x: int = 1\n    (y): str\n    def f[T: int, *Ts, **P](self, x: T) -> T:\n        return x",
    "async def g():\n    async with a as b, c:\n        async for i in j:\n            await k\n    return [x async for x in y if x]",
    "try:\n    pass\nexcept* (A, B) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass",
    "try:\n    pass\nexcept:\n    raise",
    "if a:\n    pass\nelif b:\n    pass\nelse:\n    if c:\n        pass",
    "while x:\n    break\nelse:\n    continue",
    "for i, (j, k) in enumerate(l):\n    global g\n    nonlocal n\n    assert i, 'msg'",
    "match p:\n    case [1, *rest] | {'k': 2, **rest}:\n        pass\n    case Point(0, y=_) as pt if pt:\n        pass\n    case {**kw}:\n        pass\n    case (a | b) as c:\n        pass\n    case None | True | -1 | 1+2j:\n        pass",
    "type A[T = int] = list[T]",
    "from ..pkg import (a as b, c)\nimport x.y as z",
    "x += 1; y //= 2; z @= m",
    "[x for x in range(3) if x if not x], {k: v for k, v in d}, (y for y in z)",
    "print((yield), (yield from g), (await h) if 0 else 1)",
]
for src in sources:
    tree = ast.parse(src)
    text = ast.unparse(tree)
    print(text)
    print("--- stable:", ast.dump(ast.parse(text)) == ast.dump(tree))

print(ast.unparse(ast.parse("a + b", mode="eval")))
print(ast.unparse(ast.BinOp(ast.Constant(1), ast.Mult(), ast.BinOp(ast.Name("a"), ast.Add(), ast.Name("b")))))
print(ast.unparse(ast.Constant(value=(1, (2,), "s"))))
