import contextlib, io
@contextlib.contextmanager
def tag(name):
    print("<" + name + ">")
    try:
        yield name.upper()
    finally:
        print("</" + name + ">")
with tag("a") as t:
    print(t)
try:
    with tag("b"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)
with contextlib.suppress(ZeroDivisionError, KeyError):
    1 / 0
print("after suppress")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("hidden")
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    for n in ("x", "y"):
        stack.enter_context(tag(n))
    stack.callback(print, "callback")
    print("body")
class Res:
    def close(self): print("closed")
with contextlib.closing(Res()):
    pass
with contextlib.nullcontext(5) as v:
    print(v)
@contextlib.contextmanager
def swallow():
    try:
        yield
    except KeyError:
        print("swallowed")
with swallow():
    raise KeyError(1)
class CM(contextlib.ContextDecorator):
    def __enter__(self): print("enter"); return self
    def __exit__(self, *a): print("exit"); return False
@CM()
def decorated():
    print("in decorated")
decorated()
with contextlib.chdir(".") if hasattr(contextlib, "chdir") and False else contextlib.nullcontext():
    pass
s = io.StringIO("line1\nline2\nline3")
print(s.readline(), s.read(3), s.tell(), s.readlines(), s.read())
s.seek(0); print(list(s), s.getvalue())
w = io.StringIO(); w.write("abc"); w.write("def"); print(w.getvalue(), w.tell(), len(w.getvalue()))
w.seek(1); w.write("X"); print(w.getvalue()); w.truncate(3); print(w.getvalue())
b = io.BytesIO(b"hello"); print(b.read(2), b.read(), b.getvalue()); b.write(b"!"); print(b.getvalue(), b.tell())
b2 = io.BytesIO(); b2.write(b"ab"); b2.seek(0); print(b2.read(), b2.closed); b2.close(); print(b2.closed)
try:
    b2.read()
except ValueError as e:
    print(e)
print(isinstance(s, io.TextIOBase), isinstance(b, io.BufferedIOBase), io.SEEK_END)
