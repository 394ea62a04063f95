# bytes, bytearray and complex: literals, reprs, operators, methods, codecs and conversions.


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# ---- bytes literals and reprs ----
print(b"")
print(b"abc", b'it\'s', b'say "hi"', b'both \' and "', b"\x00\x7f\x80\xff\t\n\r\\")
print(repr(b"a\x01b"), str(b"xyz"))
print(len(b"hello"), b"hello"[1], b"hello"[-1], b"hello"[1:3], b"hello"[::-1], b"hello"[::2])
print(list(b"abc"), [x for x in b"\x00\x01"], tuple(iter(b"hi")))
print(b"ell" in b"hello", 104 in b"hello", 300 - 200 in b"hello", b"" in b"x")
show("in str", lambda: "h" in b"hello")
show("in 256", lambda: 256 in b"hello")
print(b"ab" + b"cd", b"ab" * 3, 2 * b"xy", b"ab" * 0, b"ab" * -1)
show("concat str", lambda: b"a" + "b")
show("concat int", lambda: b"a" + 1)
show("mul float", lambda: b"a" * 1.5)
print(b"a" == b"a", b"a" != b"b", b"a" < b"b", b"ab" > b"a", b"" <= b"", b"a" == "a")
show("lt str", lambda: b"a" < "a")
print(hash(b"") == hash(b""), hash(b"abc") == hash(b"a" + b"bc"), {b"k": 1}[b"k"])
print(bool(b""), bool(b"\x00"))
show("index", lambda: b"ab"[5])
key = "x"
show("index str", lambda: b"ab"[key])
x = b"abc"
show("assign", lambda: x.__setitem__(0, 1))

# ---- constructors ----
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes(b"xy"), bytes(bytearray(b"q")))
print(bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"), bytes("é", "latin-1"))
show("bytes(str)", lambda: bytes("a"))
show("bytes(1, enc)", lambda: bytes(1, "utf-8"))
show("bytes(-1)", lambda: bytes(-1))
show("bytes([256])", lambda: bytes([256]))
show("bytes(['a'])", lambda: bytes(["a"]))
show("bytes(1.5)", lambda: bytes(1.5))
print(type(bytes()), type(b""), bytes is type(b"x"))

# ---- methods ----
print(b"Hello World".upper(), b"Hello World".lower(), b"Hello World".swapcase())
print(b"hello world".title(), b"hELLO".capitalize())
print(b"  pad  ".strip(), b"  pad  ".lstrip(), b"  pad  ".rstrip(), b"xxpadxx".strip(b"x"))
print(b"a,b,,c".split(b","), b"a b  c ".split(), b"a,b,c".split(b",", 1), b"a,b,c".rsplit(b",", 1))
print(b"  a b  ".rsplit(), b"one\ntwo\r\nthree".splitlines(), b"x\ny\n".splitlines(True))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]))
show("join str", lambda: b"".join([b"a", "b"]))
print(b"banana".replace(b"a", b"o"), b"banana".replace(b"a", b"o", 2), b"ab".replace(b"", b"-"))
print(b"banana".find(b"an"), b"banana".rfind(b"an"), b"banana".find(b"x"), b"banana".find(97))
print(b"banana".index(b"n"), b"banana".rindex(b"n"), b"banana".count(b"a"), b"banana".count(b""))
print(b"banana".find(b"a", 2), b"banana".find(b"a", 2, 3), b"banana".count(b"a", -3))
show("index missing", lambda: b"banana".index(b"z"))
show("find str", lambda: b"a".find("a"))
print(b"hello".startswith(b"he"), b"hello".endswith(b"lo"), b"hello".startswith((b"x", b"h")))
print(b"hello".startswith(b"l", 2), b"hello".endswith(b"l", 0, 4))
show("startswith str", lambda: b"a".startswith("a"))
print(b"123".isdigit(), b"12a".isdigit(), b"abc".isalpha(), b"ab1".isalnum(), b" \t".isspace())
print(b"ABC".isupper(), b"abc".islower(), b"Hello World".istitle(), b"".isdigit(), b"\x80".isascii())
print(b"ab".center(6), b"ab".center(7, b"*"), b"ab".ljust(5, b"."), b"ab".rjust(5), b"ab".center(1))
print(b"42".zfill(5), b"-42".zfill(5), b"abc".partition(b"b"), b"abc".rpartition(b"x"))
print(b"prefix-body".removeprefix(b"prefix-"), b"body.txt".removesuffix(b".txt"))
show("center str", lambda: b"a".center(5, "x"))
print(b"\x00\xffab".hex(), b"abcdef".hex(":"), b"abcdef".hex("-", 2), b"abcdef".hex(" ", -4))
print(bytes.fromhex("de ad be ef"), bytes.fromhex(""), bytearray.fromhex("0a0b"))
show("fromhex bad", lambda: bytes.fromhex("0g"))
show("fromhex odd", lambda: bytes.fromhex("abc"))
t = bytes.maketrans(b"abc", b"xyz")
print(b"aabbcc".translate(t), b"aabbcc".translate(None, b"b"))

# ---- codecs ----
print(b"caf\xc3\xa9".decode(), b"caf\xc3\xa9".decode("utf-8"), b"caf\xe9".decode("latin-1"))
print("café".encode(), "café".encode("latin-1"), "日本".encode("utf-8"), "😀".encode())
print("café".encode("ascii", "replace"), "café".encode("ascii", "ignore"))
print("café".encode("ascii", "backslashreplace"), "café".encode("ascii", "xmlcharrefreplace"))
print(b"caf\xe9".decode("ascii", "replace"), b"caf\xe9".decode("ascii", "ignore"))
print(b"a\xffb".decode("utf-8", "replace"), b"a\xed\xa0\x80b".decode("utf-8", "replace"))
print(b"a\xf0\x9f\x98b".decode(errors="replace"), b"\xff".decode("utf-8", "backslashreplace"))
print("a".encode("ascii", "nosuch"), "x".encode("UTF8"), b"y".decode("Latin_1"))
show("encode ascii", lambda: "café".encode("ascii"))
show("encode run", lambda: "éé".encode("ascii"))
show("encode latin", lambda: "日".encode("latin-1"))
show("decode utf8", lambda: b"\xff".decode())
show("decode end", lambda: b"a\xf0\x9f\x98".decode())
show("decode cont", lambda: b"a\xed\xa0\x80b".decode())
show("decode ascii", lambda: b"\xe9".decode("ascii"))
show("unknown codec", lambda: "a".encode("nosuch"))
show("unknown handler", lambda: b"\xe9".decode("ascii", "nosuch"))
print(str(b"abc", "ascii"), str(b"caf\xc3\xa9", encoding="utf-8"))
show("decode str", lambda: str("a", "utf-8"))
for s in ["", "ascii", "ünïcødé", "\U0001f600x"]:
    assert s.encode().decode() == s
    print(len(s.encode()), s.encode("utf-8", "strict"))

# ---- int.to_bytes / int.from_bytes ----
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (255).to_bytes(), (0).to_bytes(0))
print((-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True))
print((2**64 - 1).to_bytes(8), (127).to_bytes(1, signed=True))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes(b"\xff", signed=False))
print(int.from_bytes([1, 2, 3]), int.from_bytes(b""), int.from_bytes(bytearray(b"\x01\x00"), "little"))
show("to_bytes small", lambda: (256).to_bytes(1, "big"))
show("to_bytes negative", lambda: (-1).to_bytes(1, "big"))
show("to_bytes signed", lambda: (128).to_bytes(1, "big", signed=True))
show("byteorder", lambda: (1).to_bytes(1, "middle"))
show("from_bytes str", lambda: int.from_bytes("ab", "big"))
for n in [0, 1, 255, 256, 65535, -1, -32768, 2**100]:
    k = (n.bit_length() + 8) // 8
    assert int.from_bytes(n.to_bytes(k, "big", signed=True), "big", signed=True) == n
    print(n, n.to_bytes(k, "little", signed=True))

# ---- bytearray ----
ba = bytearray(b"hello")
print(ba, len(ba), ba[0], ba[1:3], ba[-1], type(ba[1:3]), bytearray(), bytearray(3), bytearray([1, 2]))
ba.append(33)
ba.extend(b"??")
ba.extend([65, 66])
print(ba, ba.pop(), ba.pop(0), ba)
ba.insert(0, 72)
ba.insert(100, 46)
ba.insert(-1, 44)
print(ba)
ba[0] = 104
ba[1:3] = b"EEE"
print(ba)
ba[::2] = bytes(len(ba[::2]))
print(ba)
del ba[0]
del ba[1:3]
print(ba, ba == bytes(ba), bytes(ba) == ba, ba + b"!", b"!" + ba, ba * 2)
ba += b"++"
ba *= 2
print(ba)
ba.remove(43)
ba.reverse()
print(ba, ba.copy(), ba.upper(), ba.find(b"+"), ba.split(b"\x00"))
ba.clear()
print(ba, bool(ba))
c = bytearray("héllo", "utf-8")
print(c, c.decode(), bytearray(b"abc").hex(), list(bytearray(b"xy")))
show("hash", lambda: hash(bytearray()))
show("pop empty", lambda: bytearray().pop())
show("append 256", lambda: bytearray().append(256))
show("append str", lambda: bytearray().append("a"))


def setitem(target, key, value):
    target[key] = value
    return target


show("setitem str", lambda: setitem(bytearray(b"a"), 0, "x"))
show("setitem ok", lambda: setitem(bytearray(b"a"), -1, 66))
show("bytearray([256])", lambda: bytearray([256]))
show("remove missing", lambda: bytearray(b"a").remove(98))
show("index bytearray", lambda: bytearray(b"ab")[5])
show("extend str", lambda: bytearray().extend("abc"))
show("extended slice", lambda: setitem(bytearray(b"abc"), slice(None, None, 2), b"x"))
show("slice int", lambda: setitem(bytearray(b"abc"), slice(0, 2), 5))
show("slice list", lambda: setitem(bytearray(b"abc"), slice(1, None), [120, 121, 122, 123]))
show("bytes setitem", lambda: setitem(b"abc", 0, 1))

# ---- complex ----
print(1j, 2j, -1j, 1 + 2j, 1 - 2j, 3.5 + 0j, -(0j), 0j, -0.0 - 1j, complex(-0.0, -1.0))
print(complex(), complex(1), complex(1, 2), complex(1.5, -2.5), complex("1+2j"), complex(" (3-4j) "))
print(complex("j"), complex("-j"), complex("2.5"), complex("1e3j"), complex("inf+nanj"), complex("-1.5e-3-2J"))
print(complex(1j, 1j), complex(1 + 1j, 2), complex(2, 1 + 1j))
print(complex(float("nan"), float("inf")), complex(1e16, 1e-5), complex(0.1, 1e100), complex(1e300 * 10, 0))
print((1 + 2j).real, (1 + 2j).imag, (1 + 2j).conjugate(), abs(3 + 4j), abs(-2j))
print((1 + 2j) + (3 + 4j), (1 + 2j) - 1, 2 * (1 + 2j), (1 + 2j) * (3 - 1j), 1.5 + 1j, 1j - 2.5)
print((1 + 2j) / (3 + 4j), 1 / (1 + 1j), (4 + 2j) / 2, 1j / 1e-300, (1e300 + 1e300j) / (1e300 + 1e300j))
print((1 + 1j) ** 2, (1 + 1j) ** -2, 2 ** (1 + 0j), (1j) ** 0, (2 + 0j) ** 10, (1 + 2j) ** 3)
print(pow(1j, 2), 0j ** 0, 0j ** 2, (-8 + 0j) ** (1 / 3))
print(+(1 + 2j), -(1 + 2j), bool(0j), bool(1j), bool(complex(0, 0.0)))
print(1j == 1j, 1 + 0j == 1, 1 + 0j == 1.0, 1j == 1, 1j != 1j, (2 + 0j) == 2**53, 0j == 0)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), hash(1j), hash(1 + 2j), hash(-1 - 1j))
print(hash(complex(1e100, -3.5)), hash(complex(float("inf"), 1)), {1j: "a"}[1j], {1: "x"}[1 + 0j])
print(isinstance(1j, complex), type(1j).__name__, str(1 + 1j), repr(-1j), f"{1 + 2j}", "%s" % (2j,))
show("div zero", lambda: 1j / 0)
show("div zero complex", lambda: (1 + 1j) / 0j)
show("zero pow", lambda: 0j ** -1)
show("zero complex pow", lambda: 0j ** 1j)
show("overflow pow", lambda: (1e300 + 1j) ** 3)
show("abs overflow", lambda: abs(complex(1e308, 1e308)))
show("floordiv", lambda: (1 + 1j) // 2)
show("mod", lambda: (1 + 1j) % 2)
show("lt", lambda: 1j < 2j)
show("malformed", lambda: complex("1+"))
show("malformed2", lambda: complex("1+2"))
show("str second", lambda: complex("1", 2))
show("second str", lambda: complex(1, "2"))
show("list", lambda: complex([]))
show("second list", lambda: complex(1, []))
show("int float", lambda: int(1j))
show("big int", lambda: 1j + 10**400)
