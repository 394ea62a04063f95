# Coroutines: async def, await, __await__, send/throw/close, and a hand-written event loop.
async def add(a, b):
    return a + b


async def compute():
    x = await add(1, 2)
    y = await add(x, 10)
    return x * y


c = compute()
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_running, c.cr_await, c.cr_frame is not None)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
print(c.cr_frame)


class Suspend:
    """An awaitable that suspends once, handing `value` to the driver."""

    def __init__(self, value):
        self.value = value

    def __await__(self):
        reply = yield self.value
        return reply


async def asks():
    a = await Suspend("first question")
    b = await Suspend("second question")
    return a + b


co = asks()
print(co.send(None))
print(co.cr_await is not None, co.cr_suspended)
print(co.send(40))
try:
    co.send(2)
except StopIteration as e:
    print("answer", e.value)


# throw() into a suspended coroutine reaches the innermost await.
async def careful():
    try:
        await Suspend("waiting")
    except KeyError as e:
        return "recovered from " + repr(e)


cc = careful()
cc.send(None)
try:
    cc.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)

closing = careful()
closing.send(None)
print(closing.close(), closing.cr_frame)

# Awaiting things that are not awaitable.
for bad in [1, "text", None]:

    async def awaits_bad(b=bad):
        await b

    try:
        awaits_bad().send(None)
    except TypeError as e:
        print("TypeError", e)


class BadAwait:
    def __await__(self):
        return 42


async def awaits_bad_await():
    await BadAwait()


try:
    awaits_bad_await().send(None)
except TypeError as e:
    print("TypeError", e)


# The __await__ of a coroutine, and awaiting the same coroutine twice.
async def seven():
    return 7


w = seven().__await__()
print(type(w).__name__, next(w, "exhausted"))
s = seven()
it = s.__await__()
try:
    next(it)
except StopIteration as e:
    print("wrapper stop", e.value)


async def await_twice(coro):
    first = await coro
    try:
        await coro
    except RuntimeError as e:
        return first, str(e)


try:
    await_twice(seven()).send(None)
except StopIteration as e:
    print(e.value)


# A tiny event loop: tasks are coroutines that await Sleep(ticks) objects.
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield self


class Loop:
    def __init__(self):
        self.now = 0
        self.queue = []
        self.log = []

    def spawn(self, coro, name):
        self.queue.append((self.now, len(self.log) + len(self.queue), name, coro))

    def run(self):
        while self.queue:
            self.queue.sort(key=lambda item: (item[0], item[1]))
            when, _, name, coro = self.queue.pop(0)
            self.now = when
            try:
                request = coro.send(None)
            except StopIteration as e:
                self.log.append((self.now, name, "done", e.value))
                continue
            except Exception as e:
                self.log.append((self.now, name, "failed", repr(e)))
                continue
            self.queue.append((self.now + request.ticks, len(self.log) + len(self.queue) + 100, name, coro))
        return self.log


async def worker(name, delays):
    total = 0
    for d in delays:
        await Sleep(d)
        total += d
    if name == "broken":
        raise ValueError("worker failed")
    return total


async def nested(depth):
    if depth == 0:
        await Sleep(1)
        return 0
    return 1 + await nested(depth - 1)


loop = Loop()
loop.spawn(worker("a", [3, 1, 2]), "a")
loop.spawn(worker("b", [1, 1, 1, 1]), "b")
loop.spawn(worker("broken", [2]), "broken")
loop.spawn(nested(50), "nested")
for entry in loop.run():
    print(entry)


# async with / async for with hand-written protocols.
class Resource:
    async def __aenter__(self):
        print("enter")
        await Suspend("entering")
        return self

    async def __aexit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return True


class Counter:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Suspend(("tick", self.n))
        return self.n


async def uses_protocols():
    async with Resource() as r:
        print("inside", type(r).__name__)
    async with Resource():
        raise KeyError("suppressed")
    seen = []
    async for v in Counter(3):
        seen.append(v)
    return seen


def drive(coro):
    yielded = []
    try:
        while True:
            yielded.append(coro.send(None))
    except StopIteration as e:
        return yielded, e.value


print(drive(uses_protocols()))


async def bad_async_for():
    async for _ in [1, 2]:
        pass


try:
    drive(bad_async_for())
except TypeError as e:
    print("TypeError", e)

unawaited = compute()
print(type(unawaited).__name__, unawaited.cr_running)
unawaited.close()
