import sys, io
buf = io.StringIO()
old = sys.stderr
sys.stderr = buf
try:
    1 / 0
except ZeroDivisionError:
    sys.excepthook(*sys.exc_info())
sys.stderr = old
print(buf.getvalue().replace(__file__, "F"))
sys.displayhook(5)
sys.displayhook(None)
import builtins
print(builtins._, sys.__excepthook__ is not None, sys.displayhook is sys.__displayhook__ or True)
sys.displayhook([1, "a"])
