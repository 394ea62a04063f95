import sys, traceback, io

def inner(a, b=2):
    c = a + b
    f = sys._getframe()
    return f

def outer():
    x = "outer-local"
    return inner(1), sys._getframe(0), sys._getframe(1)

f, me, caller = outer()
print(f.f_code.co_name, sorted(k for k in f.f_locals if k != "f"), f.f_locals["c"], f.f_back.f_code.co_name)
print(me.f_code.co_name, me.f_locals["x"], caller.f_code.co_name, caller.f_back)
print(sys._getframe().f_globals is globals(), sys._getframe().f_code.co_name, sys._getframe().f_locals is globals())

def who_called():
    return sys._getframe(1).f_globals["__name__"], sys._getframe(1).f_code.co_name

def api():
    return who_called()
print(api())

def deep(n):
    if n == 0:
        out = io.StringIO()
        traceback.print_stack(file=out)
        return [line for line in out.getvalue().splitlines() if not line.startswith("    ")]
    return deep(n - 1)
for line in deep(2):
    print(line.replace(__file__, "F"))
print([fs.name for fs in traceback.extract_stack()][-1:], len(traceback.format_stack()) >= 1)
try:
    sys._getframe(1000)
except ValueError as e:
    print(e)
class K:
    here = sys._getframe().f_code.co_name
    names = sorted(k for k in sys._getframe().f_locals if not k.startswith("__"))
print(K.here, K.names)
