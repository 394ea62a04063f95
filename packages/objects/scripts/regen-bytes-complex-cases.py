#!/usr/bin/env python3
"""Regenerates packages/objects/test/cases/bytes.json and complex.json from CPython 3.13 (never
edit those by hand).

Usage: PYENV_VERSION=3.13.0 python3.13 packages/objects/scripts/regen-bytes-complex-cases.py

Values are tagged JSON as in regen-method-cases.py, plus {"bytes": hex}, {"bytearray": hex},
{"complex": [repr(real), repr(imag)]} and {"slice": [start, stop, step]}. Results are repr() text
or {"error": [type name, str(exc)]}; `after` is the receiver's repr after a method call.
"""
import json
import os
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
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, bytearray):
        return {"bytearray": v.hex()}
    if isinstance(v, complex):
        return {"complex": [repr(v.real), repr(v.imag)]}
    if isinstance(v, slice):
        return {"slice": [enc(v.start), enc(v.stop), enc(v.step)]}
    if isinstance(v, list):
        return {"list": [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, type):
        return {"type": v.__name__}
    raise TypeError(type(v))


def outcome(f):
    try:
        return repr(f())
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)]}


def copy(v):
    return bytearray(v) if isinstance(v, bytearray) else v


def method(recv, name, *args, **kwargs):
    r = copy(recv)
    case = {
        "receiver": enc(recv),
        "method": name,
        "args": [enc(a) for a in args],
        "kwargs": [[k, enc(v)] for k, v in kwargs.items()],
        "result": outcome(lambda: getattr(r, name)(*args, **kwargs)),
    }
    if isinstance(recv, bytearray):
        case["after"] = repr(r)
    return case


OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "truediv": lambda a, b: a / b,
    "floordiv": lambda a, b: a // b,
    "pow": lambda a, b: a**b,
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "ge": lambda a, b: a >= b,
    "contains": lambda a, b: b in a,
    "getitem": lambda a, b: a[b],
}


def op(left, name, right):
    return {
        "left": enc(left),
        "op": name,
        "right": enc(right),
        "result": outcome(lambda: OPS[name](copy(left), right)),
    }


FNS = {
    "repr": repr,
    "len": len,
    "list": list,
    "abs": abs,
    "neg": lambda v: -v,
    "bool": bool,
    "hash": hash,
    "real": lambda v: v.real,
    "imag": lambda v: v.imag,
}


def fn(name, v):
    return {"fn": name, "value": enc(v), "result": outcome(lambda: FNS[name](v))}


def call(t, *args, **kwargs):
    return {
        "callee": enc(t),
        "args": [enc(a) for a in args],
        "kwargs": [[k, enc(v)] for k, v in kwargs.items()],
        "result": outcome(lambda: t(*args, **kwargs)),
    }


def bytes_cases():
    methods = []
    B = b"Hello, World"
    for recv in [B, bytearray(B)]:
        methods += [
            method(recv, "upper"),
            method(recv, "lower"),
            method(recv, "swapcase"),
            method(recv, "find", b"o"),
            method(recv, "rfind", b"o"),
            method(recv, "find", 111, 5),
            method(recv, "find", "o"),
            method(recv, "index", b"z"),
            method(recv, "count", b"l"),
            method(recv, "split", b", "),
            method(recv, "split"),
            method(recv, "rsplit", b"o", 1),
            method(recv, "replace", b"l", b"L"),
            method(recv, "replace", b"l", b"", 2),
            method(recv, "startswith", b"Hell"),
            method(recv, "endswith", (b"x", b"ld")),
            method(recv, "startswith", "H"),
            method(recv, "strip", b"Hd"),
            method(recv, "center", 20, b"*"),
            method(recv, "ljust", 14),
            method(recv, "rjust", 3),
            method(recv, "partition", b", "),
            method(recv, "hex"),
            method(recv, "hex", ":", 3),
            method(recv, "decode"),
            method(recv, "isalpha"),
            method(recv, "istitle"),
            method(recv, "join", [b"a", b"b"]),
            method(recv, "join", [b"a", 1]),
        ]
    for data in [b"caf\xc3\xa9", b"caf\xe9", b"\xff\xfe", b"a\xe2\x82", b"\xf0\x9f\x98\x80"]:
        for encoding in ["utf-8", "ascii", "latin-1"]:
            for errors in ["strict", "replace", "ignore"]:
                methods.append(method(data, "decode", encoding, errors))
    for text in ["café", "日本語", "a\U0001f600b", "plain", "\udc80x"]:
        for encoding in ["utf-8", "ascii", "latin-1", "UTF8", "nope"]:
            for errors in ["strict", "replace", "ignore"]:
                methods.append(method(text, "encode", encoding, errors))
    methods += [
        method(bytearray(b"abc"), "append", 100),
        method(bytearray(b"abc"), "append", 256),
        method(bytearray(b"abc"), "extend", b"de"),
        method(bytearray(b"abc"), "extend", [1, 2]),
        method(bytearray(b"abc"), "pop"),
        method(bytearray(b"abc"), "pop", 0),
        method(bytearray(b"abc"), "pop", 5),
        method(bytearray(), "pop"),
        method(bytearray(b"abc"), "insert", 1, 120),
        method(bytearray(b"abc"), "insert", -10, 120),
        method(bytearray(b"abc"), "remove", 98),
        method(bytearray(b"abc"), "reverse"),
        method(bytearray(b"abc"), "clear"),
        method(bytearray(b"abc"), "__len__"),
        method(bytes, "fromhex", "00 ff 10"),
        method(bytes, "fromhex", "0x"),
        method(bytearray, "fromhex", "abcd"),
    ]
    for n, args, kwargs in [
        (1024, (2, "big"), {}),
        (1024, (2, "little"), {}),
        (-1, (2, "big"), {"signed": True}),
        (-1, (2, "big"), {}),
        (256, (1, "big"), {}),
        (0, (0, "big"), {}),
        (255, (), {}),
        (2**70, (9, "little"), {}),
        (1, (1, "sideways"), {}),
    ]:
        methods.append(method(n, "to_bytes", *args, **kwargs))
    for data, args, kwargs in [
        (b"\x01\x00", ("big",), {}),
        (b"\x01\x00", ("little",), {}),
        (b"\xff\xfe", ("big",), {"signed": True}),
        (b"", ("big",), {}),
        ([1, 2], ("big",), {}),
        ("ab", ("big",), {}),
    ]:
        methods.append(method(int, "from_bytes", data, *args, **kwargs))
    ops = [
        op(b"ab", "add", b"cd"),
        op(b"ab", "add", bytearray(b"cd")),
        op(bytearray(b"ab"), "add", b"cd"),
        op(b"ab", "add", "cd"),
        op(b"ab", "mul", 3),
        op(3, "mul", b"ab"),
        op(b"ab", "mul", -2),
        op(bytearray(b"ab"), "mul", 2),
        op(b"ab", "mul", 2.0),
        op(b"ab", "eq", b"ab"),
        op(b"ab", "eq", bytearray(b"ab")),
        op(b"ab", "eq", "ab"),
        op(b"ab", "lt", b"b"),
        op(b"ab", "ge", b"ab\x00"),
        op(b"ab", "lt", "b"),
        op(b"hello", "contains", b"ell"),
        op(b"hello", "contains", 104),
        op(b"hello", "contains", 256),
        op(b"hello", "contains", "h"),
        op(b"hello", "getitem", 1),
        op(b"hello", "getitem", -1),
        op(b"hello", "getitem", 5),
        op(b"hello", "getitem", slice(1, 4, None)),
        op(b"hello", "getitem", slice(None, None, -2)),
        op(bytearray(b"hello"), "getitem", slice(3, None, None)),
        op(bytearray(b"hello"), "getitem", 9),
        op(b"hello", "getitem", "x"),
    ]
    fns = []
    for v in [b"", b"a'b", b'a"b', b"'\"", b"\x00\t\n\r\x7f\x80\\", bytearray(b"x'"), bytearray()]:
        fns += [fn("repr", v), fn("len", v), fn("list", v), fn("bool", v)]
    fns += [fn("hash", bytearray(b"a"))]
    calls = [
        call(bytes),
        call(bytes, 3),
        call(bytes, [1, 2, 255]),
        call(bytes, [256]),
        call(bytes, ["a"]),
        call(bytes, "abc"),
        call(bytes, "é", "utf-8"),
        call(bytes, "é", encoding="latin-1"),
        call(bytes, "é", "ascii", "replace"),
        call(bytes, 1, "utf-8"),
        call(bytes, -1),
        call(bytes, 1.5),
        call(bytes, bytearray(b"xy")),
        call(bytearray, b"xy"),
        call(bytearray, 2),
        call(bytearray, [256]),
        call(bytearray, "ab", "ascii"),
        call(str, b"caf\xc3\xa9", "utf-8"),
        call(str, b"caf\xe9", "utf-8", "replace"),
        call(str, "x", "utf-8"),
        call(str, b"ab"),
    ]
    return {"methods": methods, "operators": ops, "functions": fns, "calls": calls}


def complex_cases():
    nan = float("nan")
    inf = float("inf")
    values = [
        0j, 1j, -1j, 1 + 2j, -1.5 - 0.25j, complex(-0.0, 0.0), complex(-0.0, -1.0), complex(1, -0.0),
        complex(nan, inf), complex(inf, -inf), complex(1e16, 1e-5), complex(1e300, 3.5),
        complex(0.1, 0.2), complex(2, 0),
    ]
    fns = []
    for v in values:
        fns += [fn("repr", v), fn("abs", v), fn("neg", v), fn("bool", v), fn("real", v), fn("imag", v)]
        if v == v:  # NaN hashes by identity
            fns.append(fn("hash", v))
    fns.append(fn("abs", complex(1e308, 1e308)))
    ops = []
    operands = [1 + 2j, 3 - 4j, 2, 0.5, 0j, -1j, complex(1e308, 1)]
    for name in ["add", "sub", "mul", "truediv", "pow", "eq", "ne"]:
        for a in operands:
            for b in operands:
                if isinstance(a, complex) or isinstance(b, complex):
                    ops.append(op(a, name, b))
    ops += [
        op(1 + 1j, "floordiv", 2),
        op(1j, "lt", 2j),
        op(1 + 0j, "eq", 1),
        op(complex(2**53, 0), "eq", 2**53 + 1),
        op(1j, "add", "x"),
        op(1j, "add", 10**400),
        op(1j, "pow", 0.5),
        op(2, "pow", 1j),
        op(1 + 1j, "pow", -3),
        op(0j, "pow", -1),
        op(0j, "pow", 1j),
        op(complex(1e300, 1), "pow", 3),
    ]
    calls = [
        call(complex),
        call(complex, 1),
        call(complex, 1, 2),
        call(complex, 1.5, -0.0),
        call(complex, 1j, 1j),
        call(complex, 1 + 1j, 2),
        call(complex, 2, 1 + 1j),
        call(complex, real=3, imag=4),
        call(complex, "1", 2),
        call(complex, 1, "2"),
        call(complex, []),
        call(complex, 1, []),
    ]
    for text in [
        "1+2j", " ( 3-4j ) ", "j", "-j", "+1.5J", "1e3j", "inf+nanj", "-infj", "1_000+2_0j",
        "1+", "1+2", "", "()", "j1", "1 + 2j", "nan", "-1.5e-3-2.5e+2j", "0x1j", "(1+2j",
    ]:
        calls.append(call(complex, text))
    return {"methods": [method(3 + 4j, "conjugate")], "operators": ops, "functions": fns, "calls": calls}


for name, cases in [("bytes", bytes_cases()), ("complex", complex_cases())]:
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
print("wrote bytes.json and complex.json")
