# compile() with PyCF_ALLOW_TOP_LEVEL_AWAIT: await, async for and async with in the module body
import ast
flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
src = """
async def twice(x):
    return 2 * x
value = await twice(21)
async with ctx() as c:
    log.append(c)
async for i in agen():
    log.append(i)
squares = [await twice(i) for i in range(3)]
"""
code = compile(src, "<tla>", "exec", flags)
print(bool(code.co_flags & 0x80))


class ctx:
    async def __aenter__(self):
        return "entered"

    async def __aexit__(self, *exc):
        return False


class agen:
    def __init__(self):
        self.i = -1

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.i += 1
        if self.i == 2:
            raise StopAsyncIteration
        return self.i


ns = {"ctx": ctx, "agen": agen, "log": []}
coro = eval(code, ns)
try:
    coro.send(None)
except StopIteration:
    pass
print(ns["value"], ns["log"], ns["squares"])
print(bool(compile("x = 1", "<s>", "exec", flags).co_flags & 0x80))
for src in ["await x", "async for i in y: pass", "async with y: pass"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
tree = ast.parse("r = await g()", mode="exec")
print(bool(compile(tree, "<t>", "exec", flags).co_flags & 0x80))
