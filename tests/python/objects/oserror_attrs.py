# OSError(errno, strerror[, filename[, winerror[, filename2]]]): its attributes, args, str, the
# subclass chosen by errno, and BlockingIOError.characters_written.
e = OSError(2, "No such file", "x")
print(type(e).__name__, str(e), e.args, repr(e), e.errno, e.strerror, e.filename, e.filename2)
e2 = OSError("plain")
print(str(e2), e2.args, e2.errno)
e3 = FileNotFoundError(2, "gone")
print(str(e3), e3.errno, e3.strerror, e3.filename)
e4 = OSError(1, "perm", "a", None, "b")
print(type(e4).__name__, e4, e4.args)
b = BlockingIOError(11, "busy", 5)
print(b.characters_written, b.args, b)
try:
    OSError().characters_written
except AttributeError as e: print("AttributeError", e)
e5 = OSError(99, "odd")
print(type(e5).__name__, e5)
class MyOS(OSError): pass
print(type(MyOS(2, "x")).__name__, MyOS(2, "x", "f"))
