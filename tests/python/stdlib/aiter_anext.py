import asyncio
class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
async def main():
    it = aiter(Counter(2))
    print(await anext(it), await anext(it), await anext(it, "done"), await anext(it, None))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("stop")
    async for x in Counter(3):
        print(x)
asyncio.run(main())
for bad in [lambda: aiter(1), lambda: anext(1), lambda: anext()]:
    try:
        bad()
    except TypeError as e:
        print(e)
