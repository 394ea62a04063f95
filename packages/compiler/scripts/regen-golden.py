"""Regenerates the golden files of packages/compiler/test/golden/ from CPython 3.13:
  ast.json     - ast.dump(..., include_attributes=True, indent=3) of each source in AST_CASES
  errors.json  - the SyntaxError CPython raises for each source in ERROR_CASES (compile())
  tokens.json  - tokenize.generate_tokens of each source in TOKEN_CASES
Run: PYENV_VERSION=3.13.0 python3.13 packages/compiler/scripts/regen-golden.py
"""
import ast
import io
import json
import os
import sys
import tokenize
import warnings

assert sys.version_info[:2] == (3, 13), "run with CPython 3.13"
warnings.simplefilter("ignore")
HERE = os.path.join(os.path.dirname(__file__), "..", "test", "golden")

AST_CASES = {
    "assign": "x = 1\na = b = c\na, *b = c\n[a, b] = c\nx.y = z[1]\n",
    "augassign": "x += 1\nx.y -= 2\nx[0] **= 3\nx //= 4\nx @= y\nx >>= 1\n",
    "annassign": "x: int\ny: list[int] = []\n(z): int = 1\na.b: c\nd[0]: e = f\n",
    "literals": "1\n1_000\n0x1F\n0o17\n0b101\n1.5\n1e16\n1e-5\n.5\n1.\n3j\n1.5e3J\n10**400\n'a'\nb'\\x00\\xff'\nu'x'\nr'\\n'\nTrue, False, None, ...\n",
    "strings": "'a' 'b'\n'''tri\nple'''\n\"it's\"\n'\\N{EM SPACE}\\u00e9\\U0001F600\\x41\\101'\nb'a' b'b'\nrb'\\d' Br'x'\n'\\q'\n",
    "fstrings": "f'a{x}b'\nf'{x!r:>{w}.{p}f}'\nf'{x=}'\nf'{ x = !s:^10}'\nf'{{}}{x}'\nf'{f\"{y}\"}'\nf'{x:{y}}'\nf'{x:}'\n'a' f'{b}' 'c'\nf'''\n{x\n}'''\nrf'\\d{x}'\nf''\nf'{x:=10}'\nf\"{'a' if b else 'c'}\"\n",
    "operators": "a + b * c - d / e // f % g @ h ** i ** j\n-a + +b - ~c\na << b >> c & d ^ e | f\nnot a and b or c\na < b <= c == d != e > f >= g is h is not i in j not in k\n",
    "calls": "f()\nf(a, *b, c=1, **d)\nf(x for x in y)\nf(a)(b)[c].d\nf(*a, *b, k=v, *c)\nf(a,)\n",
    "subscripts": "x[1]\nx[1:2]\nx[::2]\nx[:]\nx[1:2, 3]\nx[*a]\nx[a, *b]\nx[()]\n",
    "comprehensions": "[x for x in y]\n{x for x in y if x if z}\n{k: v for k, v in d.items()}\n(x for y in z for x in y)\n[x async for x in y]\n[(a := 1) for b in c]\n",
    "displays": "[]\n[1, *a]\n()\n(1,)\n(1, 2)\n{}\n{1: 2, **d}\n{1, *s}\n(a)\n((a), (b,))\n",
    "lambda": "lambda: 0\nlambda x, /, y=1, *a, z, w=2, **k: x\nlambda *, k: k\nlambda *a: a\n",
    "walrus_ifexp": "(y := f(x))\nif (n := len(a)) > 10: pass\nx = a if b else c\n",
    "functions": "@dec\n@dec2(arg)\ndef f(a, b: int = 1, /, c=2, *args: str, d, e=3, **kw) -> None:\n    '''doc'''\n    return a\nasync def g():\n    await x\n    async for a in b: pass\n    async with c as d: pass\n    return\ndef h[T, *Ts, **P](x: T) -> T: ...\ndef k(*args: *Ts): pass\n",
    "classes": "class A: pass\nclass B(A, metaclass=M, **kw):\n    x = 1\n    def m(self): pass\n@d\nclass C[T: int, U = str]: ...\n",
    "control_flow": "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\nwhile x:\n    break\nelse:\n    continue\nfor i, j in k:\n    pass\nelse:\n    pass\n",
    "try": "try:\n    pass\nexcept E as e:\n    raise X from e\nexcept (A, B):\n    raise\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\ntry:\n    pass\nexcept* E:\n    pass\n",
    "with": "with a as b, c: pass\nwith (a as b, c as d,): pass\nwith (a, b): pass\nwith (a, b) as c: pass\nwith (yield): pass\n",
    "imports": "import a\nimport a.b.c as d, e\nfrom . import x\nfrom ..m import (y as z, w,)\nfrom .... import *\nfrom __future__ import annotations\n",
    "simple_stmts": "pass; break; continue\ndel a, b[0], c.d\ndel (a, b)\nassert x, 'msg'\nglobal a, b\nnonlocal c\nreturn *a, b\nyield\nyield from x\nx = yield y\n",
    "match": "match x:\n    case 1 | -2 | 3+4j | 'a' 'b':\n        pass\n    case None | True | False:\n        pass\n    case [a, *rest] | (b, *_):\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0, y=yy) | Q(1, 2):\n        pass\n    case a.b.c as d if d > 0:\n        pass\n    case _:\n        pass\nmatch a, b:\n    case (): pass\n    case *a, b: pass\nmatch = 1\nmatch(x)\n",
    "type_alias": "type X = int\ntype Y[T] = list[T]\ntype = 1\ntype(x)\n",
    "type_comments_off": "x = 1  # type: int\n",
    "unicode": "é = 'é'\nｘ = 1\ns = '😀'  # 😀\n",
    "continuation": "x = 1 + \\\n    2\nif (a and\n        b):\n    pass\n",
    "tabs": "if x:\n\ty = 1\n\tif z:\n\t\tpass\n",
    "starred": "*a, b = c\nfor *a, b in c: pass\nprint(*a)\n[*a, *b]\n{**a, 'b': 1}\n",
}
EVAL_CASES = {"eval_expr": "a + b", "eval_tuple": "1, 2", "eval_lambda": "lambda x: x\n\n"}
SINGLE_CASES = {"single_stmt": "x = 1\n", "single_compound": "if x:\n    pass\n\n"}

ERROR_CASES = [
    "(", "(1, 2", "[1, 2\nx = 3\n", "{", "foo(1, [2, 3)\n", "x = )\n", "]\n",
    "f(1 2)\n", "print 'hello'\n", "print x\n", "x = 1 +\n", "if x\n    pass\n", "def f()\n    pass\n",
    "class A\n    pass\n", "for x in y\n    pass\n", "while x\n    pass\n",
    "if x:\npass\n", "def f():\nreturn 1\n", "for x in y:\nz\n", "class C:\n\n", "try:\npass\n",
    "  x = 1\n", "if x:\n    a\n  b\n", "if x:\n\ty\n        z\n",
    "f() = 1\n", "1 = x\n", "x + 1 = 2\n", "None = 1\n", "(a, 1) = x\n", "[a, f()] = x\n",
    "del f()\n", "del 1\n", "for 1 in x: pass\n", "with a as 1: pass\n", "f() += 1\n", "(a, b) += 1\n",
    "def f(a=1, b): pass\n", "def f(*, **k): pass\n", "def f(*): pass\n", "def f(**k, a): pass\n",
    "def f(a, /, /): pass\n", "def f(/, a): pass\n", "lambda a=1, b: 0\n",
    "'abc\n", "\"abc\nx\n", "'''abc\n\nx\n", "x = '''\n", "f'abc\n", "b'é'\n",
    "1abc\n", "0777\n", "0b2\n", "0o8\n", "0x\n", "1_\n", "1__0\n", "1e\n", "1.e+\n",
    "x = $\n", "a ? b\n", "x = 1 € 2\n", "x\u00a0= 1\n", "x = 1 \\ 2\n", "x = \\",
    "f'{}'\n", "f'{!r}'\n", "f'}'\n", "f'{x!z}'\n", "f'{x'\n", "f'{x:{y'\n",
    "a = 1 if b\n", "x := 1\n", "(x.y := 1)\n", "f(a=1, b)\n", "f(**k, a)\n", "f(x for x in y, 1)\n",
    "f(a b)\n", "[a b]\n", "{1: 2 3: 4}\n", "x = (1 2)\n",
    "try:\n    pass\n", "try:\n    pass\nexcept* :\n    pass\n",
    "try:\n    pass\nexcept A, B:\n    pass\n",
    "try:\n    pass\nexcept A:\n    pass\nexcept* B:\n    pass\n",
    "import a.b as\n", "from x import a,\n", "from x import\n",
    "else:\n    pass\n", "return return\n", "x = yield = 1\n", "a, b: int\n", "a + 1: int\n",
    "if True:\n    pass\n  else:\n    pass\n", "x = [\n1,\n2\n", "def f(:\n", "class A(:\n    pass\n",
    "(" * 201 + ")" * 201 + "\n", "x = 1\n\tif y:\n", "match x:\ncase 1: pass\n", "async x = 1\n",
    "a b c\n", "1 2\n", "x = {**}\n", "x = [*]\n", "f(**)\n", "@\ndef f(): pass\n", "not\n",
    "x = 5 6\n", "print(f'{x}' 'y' z)\n", "def f[](): pass\n", "type X[] = int\n",
]

TOKEN_CASES = [
    "x = 1\n", "if x:\n    y = 'a'  # c\n\n    z\n", "f(a,\n  b)\n", "f'a{b!r:>{c}}d'\n",
    "x = 1.5e3 + 0x1F - 3j\n", "a = '''x\ny'''\n", "def f(): pass", "@d\nclass A: ...\n",
    "x = \\\n  1\n", "a **= b // c != d -> e := f\n", "\n\n# only\n",
]


def dump_case(src, mode):
    return ast.dump(ast.parse(src, mode=mode), include_attributes=True, indent=3)


cases = []
for name, src in AST_CASES.items():
    cases.append({"name": name, "mode": "exec", "source": src, "dump": dump_case(src, "exec")})
for name, src in EVAL_CASES.items():
    cases.append({"name": name, "mode": "eval", "source": src, "dump": dump_case(src, "eval")})
for name, src in SINGLE_CASES.items():
    cases.append({"name": name, "mode": "single", "source": src, "dump": dump_case(src, "single")})

errors = []
for src in ERROR_CASES:
    try:
        compile(src, "<test>", "exec", flags=ast.PyCF_ONLY_AST)
    except SyntaxError as e:
        errors.append({
            "source": src, "type": type(e).__name__, "msg": e.msg, "lineno": e.lineno,
            "offset": e.offset, "endLineno": e.end_lineno, "endOffset": e.end_offset,
        })
    else:
        raise SystemExit(f"no SyntaxError for {src!r}")

tokens = []
for src in TOKEN_CASES:
    toks = [{"type": tokenize.tok_name[t.type], "string": t.string, "start": list(t.start), "end": list(t.end)}
            for t in tokenize.generate_tokens(io.StringIO(src).readline)]
    tokens.append({"source": src, "tokens": toks})

for name, data in (("ast.json", cases), ("errors.json", errors), ("tokens.json", tokens)):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")
print(f"{len(cases)} ast cases, {len(errors)} error cases, {len(tokens)} token cases")
