# The ast module: parse, dump, literal_eval, walk, visitors, transformers, locations, compile
import ast

src = '''
"""Module docstring.

    Indented line.
"""
import os
from . import sibling as sib


def greet(name: str, *args, punct="!", **kw) -> str:
    """Say hello."""
    return f"hello {name!r:>10}{punct}"


class Box(Base, metaclass=Meta):
    size = 3

    async def fill(self):
        async with self.lock as l, other():
            await self.put([x * 2 for x in range(3) if x])


match cmd:
    case [1, *rest] | {"k": 2, **rest}:
        pass
    case Point(x=0) as p if p:
        pass
lambda a, /, b=1, *, c: (yield)
del a[1:2, ::3], b.c
x: int = y if z else -w ** 2
'''

tree = ast.parse(src)
print(ast.dump(tree))
print(ast.dump(tree.body[3], indent=2, include_attributes=True))
print(ast.dump(tree.body[2], annotate_fields=False))
print(ast.dump(ast.parse("f()", mode="eval"), show_empty=True))
print(ast.dump(ast.parse("x", mode="single")))
print(ast.dump(ast.parse("(int, str) -> None", mode="func_type")))
print(ast.get_docstring(tree))
print(repr(ast.get_docstring(tree, clean=False)))
print(ast.get_docstring(tree.body[3]))
print(ast.get_docstring(tree.body[4]))

# Node classes
print(ast.Name._fields, ast.Name._attributes, ast.Name.__match_args__)
print(ast.FunctionDef._fields)
print(ast.arguments._fields, ast.arguments._attributes)
print(ast.Name.__mro__)
print(ast.Return().value, ast.Name("x").ctx.__class__.__name__)
print(ast.dump(ast.BinOp(ast.Constant(1), ast.Add(), right=ast.Constant(2))))
print(ast.dump(ast.Call(ast.Name("f", ast.Load()))))
print(issubclass(ast.Constant, ast.expr), isinstance(tree, ast.AST), isinstance(tree.body[0], ast.stmt))
node = ast.Name(id="a", ctx=ast.Load(), lineno=3, col_offset=4)
print(node.lineno, node.col_offset, node.end_lineno)
try:
    ast.Name("a", ast.Load(), 3)
except TypeError as e:
    print("TypeError:", e)

# walk and iteration
names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
print(names)
print([type(n).__name__ for n in ast.iter_child_nodes(tree.body[2])])
print([name for name, _ in ast.iter_fields(tree.body[2])])


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.counts = {}

    def generic_visit(self, node):
        kind = type(node).__name__
        self.counts[kind] = self.counts.get(kind, 0) + 1
        super().generic_visit(node)

    def visit_Constant(self, node):
        self.counts["const:" + type(node.value).__name__] = (
            self.counts.get("const:" + type(node.value).__name__, 0) + 1
        )


c = Counter()
c.visit(tree)
print(sorted(c.counts.items()))


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

    def visit_Expr(self, node):
        self.generic_visit(node)
        if isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "drop":
            return None
        return node

    def visit_Pass(self, node):
        return [ast.Expr(ast.Constant("a")), ast.Expr(ast.Constant("b"))]


t2 = ast.parse("print(1 + 2, [3, 4])\ndrop(5)\nif x:\n    pass\n")
t2 = ast.fix_missing_locations(Doubler().visit(t2))
print(ast.dump(t2))
x = 1
exec(compile(t2, "<transformed>", "exec"))

# compile() of a tree built by hand
tree3 = ast.Module(
    body=[
        ast.Assign(targets=[ast.Name("total", ast.Store())],
                   value=ast.BinOp(ast.Constant(40), ast.Add(), ast.Constant(2))),
        ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Name("total", ast.Load())], [])),
    ],
    type_ignores=[],
)
try:
    compile(tree3, "<hand>", "exec")
except TypeError as e:
    print("TypeError:", e)
ast.fix_missing_locations(tree3)
print(tree3.body[0].lineno, tree3.body[0].col_offset, tree3.body[1].value.end_lineno)
exec(compile(tree3, "<hand>", "exec"))
print(eval(compile(ast.Expression(ast.fix_missing_locations(ast.Constant(7))), "<e>", "eval")))
print(eval(compile(ast.parse("3 * 14", mode="eval"), "<e>", "eval")))
print(type(compile("a = 1", "<s>", "exec", ast.PyCF_ONLY_AST)).__name__)

t4 = ast.parse("a\nb")
ast.increment_lineno(t4, 10)
print([(n.lineno, n.end_lineno) for n in t4.body])

src5 = "x = [1,\n     2]  # comment"
print(ast.get_source_segment(src5, ast.parse(src5).body[0].value))
print(repr(ast.get_source_segment(src5, ast.parse(src5).body[0].value, padded=True)))

# literal_eval
for text in ["1", "-2.5", "1+2j", "-1-2j", "'s' ", "b'xy'", "(1, [2, {3: 4}])", "set()",
             "{1, 2}", "None", "True", "...", "  7"]:
    print(repr(ast.literal_eval(text)))
for bad in ["x", "1 + x", "f()", "[1, y]", "2 * 3", "1 + 2"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print("ValueError:", str(e).split(":")[0])
print(ast.literal_eval(ast.parse("[1, 2]", mode="eval")))

# Syntax errors come out of parse as in compile
for bad in ["x = (1,", "def f(:\n  pass", "a b"]:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
# parse does not run the symbol table
print(ast.dump(ast.parse("return 1")))
print(ast.dump(ast.parse(b"# coding: latin-1\ns = '\xe9'")))
print(ast.dump(ast.parse("x = 1  # type: int", type_comments=True)))

# Structural pattern matching on nodes
for stmt in ast.parse("a = 1\nb += 2\nprint(c)\n").body:
    match stmt:
        case ast.Assign(targets=[ast.Name(id=name)], value=ast.Constant(value=v)):
            print("assign", name, v)
        case ast.AugAssign(target=ast.Name(id=name), op=ast.Add()):
            print("add to", name)
        case ast.Expr(ast.Call(ast.Name(func))):
            print("call", func)

# compile() checks a tree's field types as CPython's obj2ast does
malformed = [
    ast.Module([ast.Expr(ast.Name(id=1, ctx=ast.Load()))], []),
    ast.Module([ast.Expr(ast.Constant(value=[1]))], []),
    ast.Module([ast.Expr(value=ast.Load())], []),
    ast.Module("notalist", []),
    ast.Module([ast.Expr(None)], []),
    ast.Module([ast.Expr(ast.BinOp(ast.Constant(1), None, ast.Constant(2)))], []),
    ast.Module([ast.ImportFrom("m", [ast.alias("x")], "lvl")], []),
    ast.Module([ast.Expr(ast.Call(ast.Name("f", ast.Load()), [1], []))], []),
    ast.Module([ast.Expr(ast.Dict([None], [ast.Name("d", ast.Load())]))], []),
]
for tree in malformed:
    ast.fix_missing_locations(tree)
    try:
        compile(tree, "<malformed>", "exec")
        print("compiled")
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
