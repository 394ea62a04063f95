# asyncio cancellation, wait_for timeouts and asyncio.run inside a running loop.
# Pending: cancelling raises a user-defined BaseException subclass (CancelledError) through
# frames, which trips a double close of exception objects of Python classes (see the report).
import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    return f"hello {name}"


async def main():
    async def forever():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("cancelled inside")
            raise

    task = asyncio.create_task(forever())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled", task.cancelled())

    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except TimeoutError:
        print("timed out")
    print(await asyncio.wait_for(greet("f", 0), timeout=1))

    return "main done"


print(asyncio.run(main()))


async def nested_run():
    try:
        asyncio.run(greet("inner", 0))
    except RuntimeError as e:
        return str(e)


print(asyncio.run(nested_run()))
