# Coroutines: async def / await driven by a small event loop written here (no asyncio). Tasks
# sleep on a virtual clock, wait on futures resolved by other tasks, and pass messages through a
# bounded channel; a recursive awaited computation exercises deep await chains. Exercises
# coroutine creation, send(), __await__ and exception delivery into a suspended coroutine.


class Future:
    def __init__(self):
        self.done = False
        self.result = None
        self.waiters = []

    def set_result(self, value, loop):
        self.done = True
        self.result = value
        for task in self.waiters:
            loop.ready(task, value)
        self.waiters = []

    def __await__(self):
        if not self.done:
            yield self
        return self.result


class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield self


class Cancelled(Exception):
    pass


class Task:
    def __init__(self, coro, name):
        self.coro = coro
        self.name = name
        self.finished = False
        self.result = None
        self.done_future = Future()


class Loop:
    def __init__(self):
        self.queue = []  # list of (task, value, error) ready to run, consumed from `head`
        self.head = 0
        self.sleepers = {}  # wake tick -> list of tasks
        self.now = 0
        self.steps = 0

    def spawn(self, coro, name):
        task = Task(coro, name)
        self.ready(task, None)
        return task

    def ready(self, task, value, error=None):
        self.queue.append((task, value, error))

    def step(self, task, value, error):
        if task.finished:
            return  # e.g. a cancelled task whose sleep ends later
        self.steps += 1
        try:
            if error is not None:
                request = task.coro.throw(error)
            else:
                request = task.coro.send(value)
        except StopIteration as stop:
            task.finished = True
            task.result = stop.value
            task.done_future.set_result(stop.value, self)
            return
        except Cancelled:
            task.finished = True
            task.result = "cancelled"
            task.done_future.set_result("cancelled", self)
            return
        if isinstance(request, Sleep):
            wake = self.now + request.ticks
            if wake in self.sleepers:
                self.sleepers[wake].append(task)
            else:
                self.sleepers[wake] = [task]
        elif isinstance(request, Future):
            request.waiters.append(task)
        else:
            raise TypeError("bad request")

    def run(self):
        while True:
            while self.head < len(self.queue):
                task, value, error = self.queue[self.head]
                self.head += 1
                self.step(task, value, error)
            self.queue = []
            self.head = 0
            if not self.sleepers:
                return
            self.now = min(self.sleepers)
            for task in self.sleepers.pop(self.now):
                self.ready(task, None)


class Channel:
    def __init__(self, loop, capacity):
        self.loop = loop
        self.capacity = capacity
        self.items = []
        self.getters = []
        self.putters = []

    async def put(self, item):
        while len(self.items) >= self.capacity:
            f = Future()
            self.putters.append(f)
            await f
        self.items.append(item)
        if self.getters:
            self.getters.pop(0).set_result(None, self.loop)

    async def get(self):
        while not self.items:
            f = Future()
            self.getters.append(f)
            await f
        item = self.items.pop(0)
        if self.putters:
            self.putters.pop(0).set_result(None, self.loop)
        return item


async def fib(n):
    if n < 2:
        return n
    return await fib(n - 1) + await fib(n - 2)


async def sleeper(k, rounds):
    total = 0
    for r in range(rounds):
        await Sleep(1 + (k * 7 + r) % 5)
        total += k
    return total


async def producer(channel, start, count):
    for v in range(start, start + count):
        await channel.put(v)
    await channel.put(None)


async def consumer(channel, producers):
    total = 0
    remaining = producers
    while remaining:
        v = await channel.get()
        if v is None:
            remaining -= 1
        else:
            total += v
    return total


async def victim():
    try:
        while True:
            await Sleep(3)
    except Cancelled:
        raise


async def main(loop):
    sleepers = [loop.spawn(sleeper(k, 500), f"sleeper{k}") for k in range(200)]
    channel = Channel(loop, 4)
    producers = [loop.spawn(producer(channel, p * 30000, 20000), f"producer{p}") for p in range(8)]
    consume = loop.spawn(consumer(channel, len(producers)), "consumer")
    fibs = [loop.spawn(fib(18 + k % 4), f"fib{k}") for k in range(12)]
    v = loop.spawn(victim(), "victim")
    await Sleep(10)
    loop.ready(v, None, Cancelled())
    total = 0
    for t in sleepers:
        total += await t.done_future
    consumed = await consume.done_future
    fib_total = 0
    for t in fibs:
        fib_total += await t.done_future
    cancelled = await v.done_future
    return total, consumed, fib_total, cancelled


loop = Loop()
root = loop.spawn(main(loop), "main")
loop.run()
print("checksum", root.result, loop.steps, loop.now)
