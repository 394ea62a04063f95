# A minimal asyncio: run, sleep, gather, create_task, Future, Task, wait_for, Event, Queue.
import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    return f"hello {name}"


print(asyncio.run(greet("world", 0)))


async def main():
    results = await asyncio.gather(greet("a", 0.02), greet("b", 0.01), greet("c", 0))
    print(results)
    order = []

    async def tick(name, n):
        for i in range(n):
            order.append((name, i))
            await asyncio.sleep(0)
        return name

    t1 = asyncio.create_task(tick("x", 3))
    t2 = asyncio.create_task(tick("y", 2))
    print(await t1, await t2)
    print(order)
    print(t1.done(), t1.result(), t1.get_name().startswith("Task-"))

    fut = asyncio.get_running_loop().create_future()

    async def resolve_later():
        await asyncio.sleep(0.01)
        fut.set_result(42)

    asyncio.create_task(resolve_later())
    print("future", await fut)

    async def fails():
        await asyncio.sleep(0)
        raise ValueError("task failed")

    try:
        await asyncio.gather(fails(), greet("d", 0))
    except ValueError as e:
        print("gather raised", e)
    print(await asyncio.gather(fails(), greet("e", 0), return_exceptions=True))

    event = asyncio.Event()

    async def waiter(i):
        await event.wait()
        return i

    waiters = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    event.set()
    print(await asyncio.gather(*waiters))

    queue = asyncio.Queue(maxsize=2)
    consumed = []

    async def producer():
        for i in range(5):
            await queue.put(i)
        await queue.put(None)

    async def consumer():
        while True:
            item = await queue.get()
            if item is None:
                return len(consumed)
            consumed.append(item * 10)

    print(await asyncio.gather(producer(), consumer()), consumed)
    print(asyncio.current_task() is not None)
    return "main done"


print(asyncio.run(main()))
