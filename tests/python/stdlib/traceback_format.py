import io
import sys
import traceback

# File names in tracebacks depend on how the program was started: print them relative.
HERE = __file__


def clean(text):
    return text.replace(HERE, "traceback_format.py")


def captured(printer, *args, **kwargs):
    out = io.StringIO()
    printer(*args, file=out, **kwargs)
    print(clean(out.getvalue()), end="")


def fail():
    1/0


def middle():
    x = fail() + 1
    return x


def lookup(d):
    return d["missing"]


def show(title, lines):
    print("==", title)
    print(clean("".join(lines)), end="")


try:
    middle()
except ZeroDivisionError as e:
    show("format_exc", traceback.format_exc())
    show("format_exception", traceback.format_exception(e))
    show("format_exception old style", traceback.format_exception(type(e), e, e.__traceback__))
    show("format_exception_only", traceback.format_exception_only(e))
    show("format_exception_only old", traceback.format_exception_only(type(e), e))
    show("format_tb", traceback.format_tb(e.__traceback__))
    show("limit 1", traceback.format_exception(e, limit=1))
    show("limit -1", traceback.format_exception(e, limit=-1))
    summary = traceback.extract_tb(e.__traceback__)
    print(type(summary).__name__, len(summary))
    for fs in summary:
        print(clean(repr(fs)), fs.filename == __file__, fs.lineno, fs.name, repr(fs.line), fs.end_lineno, fs.colno, fs.end_colno)
        filename, lineno, name, line = fs
        print(lineno, name, line, fs[2], len(fs))
    print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(e.__traceback__)])
    show("format_list", traceback.format_list([("a.py", 3, "f", "x = 1"), ("b.py", 4, "g", None)]))
    captured(traceback.print_exc)
    captured(traceback.print_exception, e)
    captured(traceback.print_tb, e.__traceback__)

try:
    print(lookup({}))
except KeyError:
    captured(traceback.print_exc)

try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError:
    show("cause", traceback.format_exc())
    show("no chain", traceback.format_exc(chain=False))

try:
    try:
        [][1]
    except IndexError:
        {}.pop("k")
except KeyError:
    show("context", traceback.format_exc())

try:
    try:
        [][1]
    except IndexError:
        raise TypeError("quiet") from None
except TypeError:
    show("suppressed", traceback.format_exc())


class MyError(Exception):
    pass


try:
    raise MyError()
except MyError:
    show("empty message", traceback.format_exc())

try:
    e = ValueError("with notes")
    e.add_note("first note")
    e.add_note("second\nnote")
    raise e
except ValueError:
    show("notes", traceback.format_exc())


def recurse(n):
    if n == 0:
        raise RecursionError("deep enough")
    recurse(n - 1)


try:
    recurse(10)
except RecursionError:
    show("repeated", traceback.format_exc())

try:
    compile("x = (1,\n", "<src>", "exec")
except SyntaxError:
    show("syntax", traceback.format_exc(limit=0))

try:
    obj = None
    obj.attribute
except AttributeError:
    show("attribute", traceback.format_exc())

try:
    a, b = 1, 2
    result = a * b - (a // 0)
except ZeroDivisionError:
    show("binop in expression", traceback.format_exc())

try:
    values = [1, 2, 3]
    total = values[0] + values[10]
except IndexError:
    show("subscript", traceback.format_exc())


def plain():
    return fail()


try:
    y = fail()
except ZeroDivisionError:
    show("assign call", traceback.format_exc())

try:
    plain()
except ZeroDivisionError:
    show("return call", traceback.format_exc())

try:
    raise ValueError("direct")
except ValueError:
    show("raise", traceback.format_exc())

te = None
try:
    raise KeyError("k")
except KeyError as e:
    te = traceback.TracebackException.from_exception(e)
print(te.exc_type_str, str(te), len(te.stack), te.stack[0].name)
print("".join(te.format_exception_only()), end="")
print(clean("".join(te.format())), end="")

print(traceback.format_exception_only(None))
print(repr(traceback.format_exc()))
