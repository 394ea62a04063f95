import asyncio, contextlib, random, typing

class resource(contextlib.AbstractAsyncContextManager):
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("open", self.name)
        return self.name.upper()

    async def __aexit__(self, *exc):
        print("close", self.name)

class Res:
    async def aclose(self):
        print("aclosed")

async def main():
    async with resource("a") as r:
        print("using", r)
    try:
        async with resource("b"):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)
    async with contextlib.AsyncExitStack() as stack:
        x = await stack.enter_async_context(resource("c"))
        stack.push_async_callback(asyncio.sleep, 0)
        stack.callback(print, "sync callback")
        print("stack body", x)
    async with contextlib.aclosing(Res()):
        pass

asyncio.run(main())
random.seed(7)
print(random.randbytes(6), random.Random(3).randbytes(3))
@typing.overload
def f(x: int) -> int: ...
@typing.overload
def f(x: str) -> str: ...
def f(x):
    return x
print(len(typing.get_overloads(f)))
typing.clear_overloads(); print(typing.get_overloads(f))
class M(typing.TypedDict):
    a: int
class P(typing.Protocol):
    x: int
    def meth(self) -> None: ...
print(typing.is_typeddict(M), typing.is_typeddict(dict), typing.is_protocol(P), typing.is_protocol(int), sorted(typing.get_protocol_members(P)))
print(typing.T, typing.KT, typing.T_co, typing.T_contra)
