# A collection triggered inside a nested call must not free what the caller's frame holds on its
# evaluation stack (or in locals) while it waits for that call.
import gc

class Cycle:
    def __init__(self, name):
        self.name = name
        self.me = self
        self.items = [name] * 3

def collect_inside():
    gc.collect()
    return "collected"

def check(obj, marker):
    return obj.name, obj.me is obj, obj.items, marker

# Cycle("on stack") is only on check()'s caller's evaluation stack while collect_inside() runs.
print(check(Cycle("on stack"), collect_inside()))

def deep(n):
    if n == 0:
        return collect_inside()
    return [Cycle(n), deep(n - 1)][0].name

print(deep(20))

def args_then_collect(*args):
    return [a.name for a in args]

print(args_then_collect(Cycle(1), Cycle(2), (collect_inside(), Cycle(3))[1]))

total = 0
for i in range(200):
    c = Cycle(i)
    total += len([c, collect_inside() if i % 50 == 0 else None][0].items)
print(total)
