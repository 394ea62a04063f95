import types, asyncio
def gen():
    yield 1
async def co():
    return 1
async def agen():
    yield 1
g = gen(); c = co(); a = agen()
print(isinstance(g, types.GeneratorType), isinstance(c, types.CoroutineType), isinstance(a, types.AsyncGeneratorType))
c.close()
print(types.GeneratorType.__name__, types.CoroutineType.__name__, types.AsyncGeneratorType.__name__, types.FrameType.__name__)
print(types.FunctionType, types.ModuleType, types.SimpleNamespace(a=1), types.NoneType, types.MethodType)
C = types.new_class("C", (object,), {}, lambda ns: ns.update({"x": 5}))
print(C.x, C.__name__)
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        return {"prepared": True}
print(types.prepare_class("D", (), {"metaclass": Meta})[1:], types.resolve_bases((int,)))
print(types.get_original_bases(C))
@types.coroutine
def sleeper():
    yield
async def main():
    await sleeper()
    return "awaited"
print(asyncio.run(main()))
print(types.MappingProxyType({"a": 1})["a"])
class NS(types.SimpleNamespace):
    pass
n = NS(a=1)
print(n, n.a, types.SimpleNamespace({"x": 1}, y=2), NS({"k": 3}))
print(types.SimpleNamespace(a=1) == types.SimpleNamespace(a=1))
class S:
    __slots__ = ("x",)
print(types.MemberDescriptorType, isinstance(S.x, types.MemberDescriptorType))
