#!/usr/bin/env python3
"""Regenerates packages/objects/test/cases/*.json from CPython 3.13 (never edit those by hand).

Usage: PYENV_VERSION=3.13.0 python3.13 packages/objects/scripts/regen-method-cases.py

Values are encoded as tagged JSON ({"int": "12"}, {"float": "0.1"}, {"str": "a"}, {"bool": true},
{"none": null}, {"list": [...]}, {"tuple": [...]}, {"dict": [[k, v], ...]}, {"type": "dict"});
results are repr() text, or {"error": [type name, str(exc)]}.
"""
import json
import math
import os
import subprocess
import sys

assert sys.version_info[:2] == (3, 13), "run with CPython 3.13"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "cases")


def enc(v):
    if v is None:
        return {"none": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, list):
        return {"list": [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, type):
        return {"type": v.__name__}
    raise TypeError(v)


def outcome(f):
    try:
        return repr(f())
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)]}


# ---- format(value, spec) ----
values = [0, 1, -1, 7, 42, -42, 255, 1234, -1234, 123456789, 2**64, -(2**70), True, False,
          0.0, -0.0, 1.0, -1.5, 0.1, 0.125, 0.5, 2.5, 2.675, 1.005, 123.456, -123.456, 1e16, 1e22,
          1.5e-7, 1e-5, 1e-4, 12345.678, 9.999, 0.9999, 5e-324, 1.7976931348623157e308,
          math.inf, -math.inf, math.nan, 3.141592653589793,
          "", "a", "abc", "hello world", "ñandú", "日本語", "a😀b"]
specs = ["", "d", "5", "<5", ">5", "^5", "=5", "*^9", "0>6", "05", "+", "-", " ", "+d", " 5",
         "#x", "#X", "#o", "#b", "x", "X", "o", "b", "c", "n", ",", "_", ",d", "_x", "_b", "#_x",
         "010,", "012_", "#012_x", "09,", "e", "E", "f", "F", "g", "G", "%", ".0", ".1", ".2",
         ".3", ".10", ".0f", ".1f", ".2f", ".3f", ".20f", ".0e", ".2e", ".3E", ".0g", ".1g", ".3g",
         ".10g", "#g", "#.0f", "#.0e", "#", ".2%", ",.2f", "_.3f", "015,.2f", "+.3e", "z", "z.1f",
         "z.2e", "10.3", "<10.3s", "^10.2", ".2s", "s", "=+10", "+#x", "0=8", "x<05",
         ".", "abc", ",_", "_,", ",,", ",c", "_c", ",n", "+c", "#c", ".2d", "zd", "z#x", "99999999999999999999",
         "ñ", "<", "=", "0", "00", ".100f", ".30e", "->8.3f"]
# One row per value: the results of format(value, spec) for every spec, in order.
fmt_cases = [{"specs": specs}] + [
    {"value": enc(v), "results": [outcome(lambda: format(v, spec)) for spec in specs]} for v in values
]

# ---- printf-style: fmt % args ----
printf = [
    ("%s", "abc"), ("%s", 42), ("%r", "abc"), ("%a", "é😀\x01"), ("%d", 42), ("%d", -42), ("%i", 3.99),
    ("%u", -7), ("%x", 255), ("%X", 255), ("%o", 8), ("%#x", 255), ("%#X", 255), ("%#o", 8), ("%#o", -8),
    ("%5d|%-5d|%05d", (1, 2, -3)), ("%+d % d %+d", (5, 5, -5)), ("%.3d|%+.3d|%8.3d", (5, 5, -5)),
    ("%#08x|%-#8x|%#8X", (255, 255, 255)), ("%f", 1.5), ("%.2f", 0.125), ("%.2f", 2.675), ("%.0f", 0.5),
    ("%.0f %.0f", (1.5, 2.5)), ("%e", 12345.678), ("%E", 1e-10), ("%g", 1e-5), ("%G", 1e20), ("%g", 100000.0),
    ("%#.3g|%#5.0f|%#.0e", (1.0, 3.0, 5.0)), ("%10.4f|%-10.2e|%+.1f", (3.14159, 31415.9, 2.0)),
    ("%010.3f", -3.14159), ("% .2f", 1.0), ("%f", 10**20), ("%.1f", math.inf), ("%5.1f", math.nan),
    ("%F", math.inf), ("%c", 65), ("%c", "z"), ("%c%c", (0x1F600, "é")), ("%5c|%-3c|", ("a", 98)),
    ("%5s|%-5s|%.2s|%5.1s", ("abc", "ab", "xyz", "pq")), ("%s and %s", ("a", "b")), ("%s", ((1, 2),)),
    ("%s", [1, 2]), ("%(a)s %(b)r", {"a": 1, "b": "x"}), ("%(a)s %(a)d", {"a": 3}), ("%(x(y))s", {"x(y)": 9}),
    ("%s", {"a": 1}), ("100%%", ()), ("%%%s%%", "x"), ("%*d|%-*d|%.*f", (5, 1, 4, 2, 2, 3.14159)),
    ("%*s", (-4, "a")), ("%.*s", (2, "abc")), ("%ld %hd %Lf", (1, 2, 3.0)), ("", ()), ("", [1]), ("abc", {}),
    ("%s %s", (1,)), ("%s", (1, 2)), ("%", ()), ("abc%", ()), ("%q", 1), ("%é", 1), ("%lld", 5),
    ("%(a)s", (1,)), ("%(a", {"a": 1}), ("%(a)", {"a": 1}), ("%(a)s", {}), ("%*d", ("a", 1)),
    ("%.*f", (1.5, 1.0)), ("%c", "ab"), ("%c", 1.5), ("%c", -1), ("%c", 0x110000), ("%d", "a"),
    ("%i", None), ("%x", 1.5), ("%d", math.nan), ("%d", math.inf), ("%f", "a"), ("%f", None),
    ("%e", 10**400), ("%5%", (1,)), ("%.1%", 1), ("%(a)s %s", {"a": 1}), ("%d", True), ("%x", True),
    ("%s", None), ("%.3s", None), ("%r", [1, "a"]), ("x", 1), ("%d %d", (2**70, -(2**70))),
]
printf_cases = [{"format": f, "args": enc(a), "result": outcome(lambda: f % a)} for f, a in printf]

# ---- str.format ----
sformat = [
    ("{}", (1,), {}), ("{} {}", ("a", "b"), {}), ("{1} {0} {1}", ("a", "b"), {}), ("{x}-{y}", (), {"x": 1, "y": 2}),
    ("{0!r} {0!s} {0!a}", ("é",), {}), ("{:>10}|{:<10}|{:^10}", ("a", "b", "c"), {}), ("{:{}}", (1, 5), {}),
    ("{:{}.{}f}", (3.14159, 10, 2), {}), ("{0:{1}}", ("abc", ">6"), {}), ("{a[0]} {a[1]}", (), {"a": [5, 6]}),
    ("{0[k]}", ({"k": "v"},), {}), ("{0[1]}", ("xy",), {}), ("{0[-1]}", ({"-1": "neg"},), {}),
    ("{0.real} {0.imag}", (5,), {}), ("{{}} {{{}}}", (7,), {}), ("{:,} {:_x} {:08.3f}", (1234567, 65535, -3.14159), {}),
    ("{!r:>8}", ("a",), {}), ("{0:}", (3,), {}), ("{0!s:}", (2,), {}), ("{:%}", (0.25,), {}), ("", (), {}),
    ("{", (), {}), ("}", (), {}), ("a}b", (), {}), ("{0", (1,), {}), ("{!x}", (1,), {}), ("{!}", (1,), {}),
    ("{!r", (1,), {}), ("{0!rx}", (1,), {}), ("{0[}", (1,), {}), ("{a{", (1,), {}), ("{} {1}", (1, 2), {}),
    ("{1} {}", (1, 2), {}), ("{2}", (1,), {}), ("{x}", (1,), {}), ("{0.}", (1,), {}), ("{0]x}", (1,), {}),
    ("{0[0]x}", ([1],), {}), ("{:{:{}}}", (1, 2, 3), {}), ("{0.nope}", (1,), {}), ("{:d}", ("a",), {}),
    ("{:s}", (1,), {}), ("{0:x<5}", (12,), {}), ("{:^#12_b}", (300,), {}), ("{99999999999999999999}", (1,), {}),
    ("{0[99999999999999999999]}", ([1],), {}),
]
sformat_cases = [{"format": f, "args": enc(a), "kwargs": enc(k), "result": outcome(lambda: f.format(*a, **k))}
                 for f, a, k in sformat]

# ---- method calls: (receiver, method, args, kwargs) ----
S = "  Hello, World  "
calls = [
    # str
    (",", "join", (["a", "b", "c"],), {}), ("", "join", ([],), {}), ("-", "join", ("abc",), {}),
    ("-", "join", ([1],), {}), ("-", "join", (5,), {}), ("-", "join", (), {}), ("-", "join", ("a", "b"), {}),
    ("a b  c ", "split", (), {}), ("  a b  c ", "split", (None, 1), {}), ("a,b,,c", "split", (",",), {}),
    ("a,b,,c", "split", (",", 2), {}), ("a,b,,c", "split", (), {"sep": ",", "maxsplit": 1}), ("", "split", (), {}),
    ("", "split", (",",), {}), ("a", "split", ("",), {}), ("a", "split", (1,), {}), ("a", "split", (), {"x": 1}),
    ("a", "split", (",", 1, 2), {}), ("a b c", "split", (None, "x"), {}), ("a b c ", "rsplit", (None, 1), {}),
    ("a,b,c", "rsplit", (",", 1), {}), ("  a  b  ", "rsplit", (), {}), ("x\u3000y\u00a0z", "split", (), {}),
    ("a\nb\r\nc\rd\x0be\x1cf\u2028g", "splitlines", (), {}), ("a\nb\r\n", "splitlines", (True,), {}),
    ("a\n\nb", "splitlines", (), {"keepends": True}), ("", "splitlines", (), {}),
    (S, "strip", (), {}), (S, "lstrip", (), {}), (S, "rstrip", (), {}), ("xxaxx", "strip", ("x",), {}),
    ("abcba", "strip", ("ab",), {}), ("a", "strip", (1,), {}), ("a", "strip", (None,), {}), ("\t\n a \x1f", "strip", (), {}),
    ("aaa", "replace", ("a", "b"), {}), ("aaa", "replace", ("a", "b", 2), {}), ("abc", "replace", ("", "-"), {}),
    ("abc", "replace", ("", "-", 2), {}), ("aaa", "replace", ("a", "b"), {"count": 1}), ("a", "replace", (1, "b"), {}),
    ("a", "replace", ("a",), {}), ("a", "replace", ("a", 2), {}), ("a😀a😀", "replace", ("😀", "!"), {}),
    ("hello", "find", ("l",), {}), ("hello", "rfind", ("l",), {}), ("hello", "find", ("l", 3), {}),
    ("hello", "find", ("l", -2), {}), ("hello", "find", ("l", 0, 2), {}), ("hello", "find", ("", 5), {}),
    ("hello", "find", ("", 6), {}), ("hello", "find", ("z",), {}), ("hello", "index", ("z",), {}),
    ("hello", "rindex", ("l", None, 3), {}), ("a😀b😀c", "find", ("b",), {}), ("a😀b😀c", "rfind", ("😀",), {}),
    ("a😀b😀c", "find", ("c", 2, 5), {}), ("a", "find", (), {}), ("a", "find", ("a", 1, 2, 3), {}),
    ("a", "find", (), {"x": 1}), ("a", "find", ("a", "x"), {}), ("a", "find", (1,), {}),
    ("aaaa", "count", ("aa",), {}), ("abc", "count", ("",), {}), ("abc", "count", ("", 5), {}),
    ("abcabc", "count", ("b", 2), {}), ("a", "count", (1,), {}),
    ("hello", "startswith", ("he",), {}), ("hello", "startswith", (("x", "hel"),), {}), ("hello", "startswith", ("l", 2), {}),
    ("hello", "endswith", ("lo",), {}), ("hello", "endswith", ("l", 0, 4), {}), ("hello", "startswith", ("", 5), {}),
    ("hello", "startswith", ("", 6), {}), ("a", "startswith", (1,), {}), ("a", "startswith", ((1,),), {}),
    ("hello wORLD ß ﬁ", "upper", (), {}), ("HELLO İ Σ ΑΣ", "lower", (), {}), ("hello WORLD", "capitalize", (), {}),
    ("ßa", "capitalize", (), {}), ("hello wORLD they're 3rd", "title", (), {}), ("Hello wORLD ß", "swapcase", (), {}),
    ("Straße ſ", "casefold", (), {}), ("a", "upper", (1,), {}),
    ("ab", "center", (7,), {}), ("ab", "center", (6, "*"), {}), ("abc", "center", (6,), {}), ("abc", "center", (2,), {}),
    ("ab", "ljust", (5, "-"), {}), ("ab", "rjust", (5,), {}), ("a", "center", (), {}), ("a", "center", ("x",), {}),
    ("a", "center", (3, "xy"), {}), ("a", "center", (3, 1), {}), ("42", "zfill", (5,), {}), ("-42", "zfill", (5,), {}),
    ("+", "zfill", (3,), {}), ("abc", "zfill", (2,), {}), ("a", "zfill", ("x",), {}),
    ("123", "isdigit", (), {}), ("²3", "isdigit", (), {}), ("²3", "isdecimal", (), {}), ("½", "isnumeric", (), {}),
    ("一二", "isnumeric", (), {}), ("", "isdigit", (), {}), ("abc", "isalpha", (), {}), ("ab1", "isalpha", (), {}),
    ("ab1", "isalnum", (), {}), (" \t\n", "isspace", (), {}), ("\x1c", "isspace", (), {}), ("\ufeff", "isspace", (), {}),
    ("ABC1", "isupper", (), {}), ("abc1", "islower", (), {}), ("1", "islower", (), {}), ("Hello World", "istitle", (), {}),
    ("Hello world", "istitle", (), {}), ("_a1", "isidentifier", (), {}), ("1a", "isidentifier", (), {}),
    ("été", "isidentifier", (), {}), ("ab\n", "isprintable", (), {}), ("ab c", "isprintable", (), {}),
    ("é", "isascii", (), {}), ("abc", "isascii", (), {}),
    ("a=b=c", "partition", ("=",), {}), ("a=b=c", "rpartition", ("=",), {}), ("abc", "partition", ("x",), {}),
    ("abc", "rpartition", ("x",), {}), ("a", "partition", ("",), {}), ("a", "partition", (1,), {}),
    ("a\tbc\td\n\tx", "expandtabs", (), {}), ("a\tb", "expandtabs", (4,), {}), ("a\tb", "expandtabs", (), {"tabsize": 0}),
    ("a", "expandtabs", ("x",), {}), ("prefix-body", "removeprefix", ("prefix-",), {}), ("body", "removeprefix", ("x",), {}),
    ("body.py", "removesuffix", (".py",), {}), ("a", "removeprefix", (1,), {}), ("{} {x}", "format", (1,), {"x": 2}),
    ("{x}", "format_map", ({"x": 5},), {}), ("{}", "format_map", ({},), {}), ("a", "format_map", (1,), {}),
    ("abc", "translate", ({97: "X", 98: None, 99: 100},), {}), ("abc", "translate", ({97: 1.5},), {}),
    ("abc", "translate", ({97: -1},), {}), ("abc", "__format__", (">5",), {}), ("a", "__format__", (1,), {}),
    (str, "maketrans", ("ab", "cd"), {}), (str, "maketrans", ("ab", "cd", "e"), {}), (str, "maketrans", ({"a": 1, 98: "x"},), {}),
    (str, "maketrans", (1,), {}), (str, "maketrans", ("ab", "c"), {}), (str, "maketrans", ({"ab": 1},), {}),
    # list
    ([1, 2], "append", (3,), {}), ([1], "append", (), {}), ([1], "extend", ([2, 3],), {}), ([1], "extend", ((2, 3),), {}),
    ([1], "extend", ("ab",), {}), ([1], "extend", ({"k": 1},), {}), ([1], "extend", (1,), {}),
    ([1, 2, 3], "insert", (1, 9), {}), ([1, 2, 3], "insert", (-1, 9), {}), ([1, 2, 3], "insert", (99, 9), {}),
    ([1, 2, 3], "insert", (-99, 9), {}), ([1], "insert", (1,), {}), ([1], "insert", ("a", 1), {}),
    ([1, 2, 3], "pop", (), {}), ([1, 2, 3], "pop", (0,), {}), ([1, 2, 3], "pop", (-2,), {}), ([], "pop", (), {}),
    ([1], "pop", (5,), {}), ([1], "pop", ("x",), {}), ([1, 2, 1], "remove", (1,), {}), ([1], "remove", (2,), {}),
    ([1, 2, 3, 2], "index", (2,), {}), ([1, 2, 3, 2], "index", (2, 2), {}), ([1, 2, 3, 2], "index", (2, -1), {}),
    ([1, 2], "index", (5,), {}), ([1, 2], "index", ("a",), {}), ([1, 2, 3], "index", (3, 0, 2), {}),
    ([1, 2, 1, 1.0, True], "count", (1,), {}), ([], "count", (), {}), ([1, 2], "clear", (), {}), ([1, [2]], "copy", (), {}),
    ([1, 2, 3], "reverse", (), {}), ([3, 1, 2], "sort", (), {}), ([3, 1, 2], "sort", (), {"reverse": True}),
    (["b", "A", "c"], "sort", (), {}), ([(1, "b"), (0, "z"), (1, "a")], "sort", (), {}), ([1, "a"], "sort", (), {}),
    ([], "sort", (1,), {}), ([], "sort", (), {"x": 1}), ([2.5, 1, True, -3], "sort", (), {}),
    ([1, 2], "__contains__", (2,), {}),
    # tuple
    ((1, 2, 3, 2), "index", (2,), {}), ((1, 2, 3, 2), "index", (2, 2), {}), ((1,), "index", (5,), {}),
    ((1, 2, 2), "count", (2,), {}), ((), "count", (), {}),
    # dict
    ({"a": 1}, "get", ("a",), {}), ({"a": 1}, "get", ("b",), {}), ({"a": 1}, "get", ("b", 0), {}), ({}, "get", (), {}),
    ({}, "get", ([],), {}), ({"a": 1}, "setdefault", ("a", 5), {}), ({"a": 1}, "setdefault", ("b", 5), {}),
    ({"a": 1}, "setdefault", ("c",), {}), ({"a": 1}, "pop", ("a",), {}), ({"a": 1}, "pop", ("b", None), {}),
    ({}, "pop", (1,), {}), ({"a": 1, "b": 2}, "popitem", (), {}), ({}, "popitem", (), {}),
    ({"a": 1, "b": 2}, "keys", (), {}), ({"a": 1, "b": 2}, "values", (), {}), ({"a": 1, "b": 2}, "items", (), {}),
    ({}, "keys", (), {}), ({"a": 1}, "update", ({"b": 2, "a": 3},), {}), ({"a": 1}, "update", ([("x", 1), ["y", 2]],), {}),
    ({"a": 1}, "update", (), {"z": 26}), ({"a": 1}, "update", ([("k", 1)],), {"a": 0}), ({}, "update", (1,), {}),
    ({}, "update", ([1],), {}), ({}, "update", ([(1,)],), {}), ({}, "update", ({}, {}), {}),
    ({"a": [1]}, "copy", (), {}), ({}, "copy", (1,), {}), ({"a": 1}, "clear", (), {}),
    (dict, "fromkeys", ("abc",), {}), (dict, "fromkeys", ([1, 2], 0), {}), (dict, "fromkeys", (), {}),
    (dict, "fromkeys", (1,), {}), ({"a": 1}, "__contains__", ("a",), {}),
    # int, float
    (255, "bit_length", (), {}), (-256, "bit_length", (), {}), (0, "bit_length", (), {}), (2**100, "bit_length", (), {}),
    (-5, "bit_count", (), {}), (2**100 - 1, "bit_count", (), {}), (7, "conjugate", (), {}), (True, "conjugate", (), {}),
    (-6, "as_integer_ratio", (), {}), (True, "as_integer_ratio", (), {}), (5, "is_integer", (), {}),
    (1, "bit_length", (1,), {}), (1, "__format__", ("x",), {}), (1, "__format__", (1,), {}),
    (2.0, "is_integer", (), {}), (2.5, "is_integer", (), {}), (math.inf, "is_integer", (), {}),
    (0.1, "as_integer_ratio", (), {}), (-2.5, "as_integer_ratio", (), {}), (0.0, "as_integer_ratio", (), {}),
    (1e300, "as_integer_ratio", (), {}), (math.inf, "as_integer_ratio", (), {}), (math.nan, "as_integer_ratio", (), {}),
    (1.5, "hex", (), {}), (0.0, "hex", (), {}), (-0.0, "hex", (), {}), (5e-324, "hex", (), {}), (1e308, "hex", (), {}),
    (0.1, "hex", (), {}), (-math.inf, "hex", (), {}), (math.nan, "hex", (), {}), (1.5, "hex", (1,), {}),
    (1.5, "conjugate", (), {}), (1.5, "__format__", (".2f",), {}),
    (float, "fromhex", ("0x1.8p1",), {}), (float, "fromhex", (" -0X1P-1074 ",), {}), (float, "fromhex", ("1p-1075",), {}),
    (float, "fromhex", ("0x3p-1076",), {}), (float, "fromhex", ("0x1.00000000000008p0",), {}),
    (float, "fromhex", ("0x1.00000000000018p0",), {}), (float, "fromhex", ("0x1p1024",), {}),
    (float, "fromhex", ("0x1.fffffffffffff8p1023",), {}), (float, "fromhex", ("inf",), {}), (float, "fromhex", ("-Infinity",), {}),
    (float, "fromhex", (".8",), {}), (float, "fromhex", ("a.",), {}), (float, "fromhex", ("0x.p0",), {}),
    (float, "fromhex", ("1_0",), {}), (float, "fromhex", ("x",), {}), (float, "fromhex", ("0x1.999999999999ap-4",), {}),
    (float, "fromhex", (1,), {}),
]


def call(recv, name, args, kwargs):
    target = recv.copy() if isinstance(recv, (list, dict)) else recv
    res = outcome(lambda: getattr(target, name)(*args, **kwargs))
    return res, repr(target)


method_cases = []
for recv, name, args, kwargs in calls:
    res, after = call(recv, name, args, kwargs)
    case = {"receiver": enc(recv), "method": name, "args": [enc(a) for a in args],
            "kwargs": [[k, enc(v)] for k, v in kwargs.items()], "result": res}
    if isinstance(recv, (list, dict)):
        case["after"] = after
    method_cases.append(case)

# ---- binary operators the methods work adds: (left, operator name, right) ----
import operator

ops = [
    ([1, 2], "mul", 3), (2, "mul", [0]), ([1], "mul", 0), ([1], "mul", -1), ([], "mul", 5), ((1, 2), "mul", 2),
    (3, "mul", (9,)), ((1,), "mul", 0), ([1, 2], "imul", 2), ([1], "mul", "x"), ([1], "mul", 1.5),
    ("%s-%d", "mod", ("a", 1)), ("%.2f", "mod", 0.125), ("%s", "mod", [1]), ("x%sy", "imod", "-"),
    ({"a": 1, "b": 2}, "or", {"b": 3, "c": 4}), ({"a": 1}, "ior", [("b", 2)]), ({"a": 1}, "ior", {"a": 9}),
    ({"a": 1}, "or", [("b", 2)]), ([1, 2], "eq", [1, 2]), ([1, [2]], "eq", [1, [3]]), ([1, 2], "lt", [1, 3]),
]
op_cases = [{"left": enc(a), "op": o, "right": enc(b), "result": outcome(lambda: getattr(operator, o + "_" if o in ("or", "and") else o)(a.copy() if isinstance(a, (list, dict)) else a, b))}
            for a, o, b in ops]

os.makedirs(OUT, exist_ok=True)
for name, data in [("format", fmt_cases), ("printf", printf_cases), ("str-format", sformat_cases),
                   ("methods", method_cases), ("operators", op_cases)]:
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in data) + "\n]\n")
    print(f"{name}: {len(data)} cases")

# The repository's formatter owns the layout of the JSON (so that regenerating leaves no diff).
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
subprocess.run(["npx", "biome", "format", "--write", os.path.abspath(OUT)], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
