import struct

for fmt in ["i", "@i", "<i", ">i", "!i", "=i", "bhilqBHILQ", "@bhilq", "<bhilq", "c0i", "ci",
            "3s", "10p", "xxi", "?", "e", "f", "d", "efd", "@hi", "@qc", "@cq", "P", "n", "N",
            "0s", "5x", "2i 3h", "   i  ", ""]:
    try:
        print(repr(fmt), struct.calcsize(fmt))
    except struct.error as e:
        print(repr(fmt), "error", e)

print(struct.pack("<i", 1), struct.pack(">i", 1), struct.pack("!h", -2))
print(struct.pack("<bhilq", -1, -2, -3, -4, -5))
print(struct.pack("@bhilq", 1, 2, 3, 4, 5))
print(struct.pack("<BHILQ", 255, 65535, 2**32 - 1, 2**32 - 1, 2**64 - 1))
print(struct.pack("3s", b"abcdef"), struct.pack("3s", b"a"), struct.pack("5p", b"hello world"))
print(struct.pack("c?x?", b"z", 5, []), struct.pack("<e f d", 1.5, 2.25, -0.1))
print(struct.pack("<e", 65504.0), struct.pack("<e", 1e-7), struct.pack("<e", float("inf")))
print(struct.unpack("<e", b"\x00\x3c"), struct.unpack("<e", b"\x01\x00"), struct.unpack(">e", b"\x7b\xff"))
print(struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.unpack("<bhilq", struct.pack("<bhilq", -1, -2, -3, -4, -5)))
print(struct.unpack("@bhilq", struct.pack("@bhilq", 1, 2, 3, 4, 5)))
print(struct.unpack("3s5p?c", struct.pack("3s5p?c", b"abc", b"xy", True, b"!")))
print(struct.unpack(">Q", b"\xff" * 8), struct.unpack("<q", b"\xff" * 8))
print(struct.unpack("2i", bytearray(8)))
print(struct.pack("<d", 3.5).hex(), struct.pack(">i", 7.0 .__index__() if False else 7))

class Idx:
    def __index__(self):
        return 42
print(struct.pack("<i", Idx()))

errors = [
    lambda: struct.pack("i"),
    lambda: struct.pack("i", 1, 2),
    lambda: struct.pack("b", 200),
    lambda: struct.pack("B", -1),
    lambda: struct.pack("h", 2**15),
    lambda: struct.pack("H", -1),
    lambda: struct.pack("i", 2**31),
    lambda: struct.pack("I", -1),
    lambda: struct.pack("<i", 2**31),
    lambda: struct.pack("<I", 2**32),
    lambda: struct.pack("<b", 128),
    lambda: struct.pack("<B", 256),
    lambda: struct.pack("<h", 2**15),
    lambda: struct.pack("q", 2**63),
    lambda: struct.pack("Q", -1),
    lambda: struct.pack("<l", 2**31),
    lambda: struct.pack("l", 2**63),
    lambda: struct.pack("i", "x"),
    lambda: struct.pack("i", 1.0),
    lambda: struct.pack("d", "x"),
    lambda: struct.pack("f", 1e300),
    lambda: struct.pack("e", 1e10),
    lambda: struct.pack("c", b"ab"),
    lambda: struct.pack("c", "a"),
    lambda: struct.pack("s", "a"),
    lambda: struct.pack("p", 1),
    lambda: struct.unpack("i", b"abc"),
    lambda: struct.unpack("i", "abcd"),
    lambda: struct.calcsize("y"),
    lambda: struct.calcsize("<P"),
    lambda: struct.calcsize("12"),
    lambda: struct.calcsize("2 i"),
    lambda: struct.calcsize(5),
    lambda: struct.unpack_from("i", b"abc", 0),
    lambda: struct.unpack_from("i", b"abcdefgh", 6),
    lambda: struct.unpack_from("i", b"abcdefgh", 10),
    lambda: struct.unpack_from("i", b"abcdefgh", -10),
    lambda: list(struct.iter_unpack("i", b"abcde")),
    lambda: list(struct.iter_unpack("0i", b"")),
    lambda: struct.pack_into("i", bytearray(3), 0, 1),
    lambda: struct.pack_into("i", bytearray(8), -2, 1),
    lambda: struct.pack_into("i", b"abcd", 0, 1),
    lambda: struct.Struct("i").pack(),
]
for f in errors:
    try:
        print("ok", f())
    except (struct.error, TypeError, OverflowError, ValueError) as e:
        print(type(e).__name__, e)

print(struct.unpack_from("<h", b"\x01\x02\x03\x04", 2), struct.unpack_from("<h", b"\x01\x02\x03\x04", offset=-2))
print(list(struct.iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")))
it = struct.iter_unpack("<h", b"\x01\x00\x02\x00")
print(it.__length_hint__(), next(it), it.__length_hint__())
buf = bytearray(10)
struct.pack_into("<hi", buf, 2, 7, -1)
print(buf)
struct.pack_into("<h", buf, -2, 0x4142)
print(buf)
s = struct.Struct("<2hd")
print(s, s.format, s.size, s.pack(1, 2, 0.5), s.unpack(s.pack(1, 2, 0.5)))
print(struct.Struct(b">I").format, struct.Struct(b">I").size)
print(s.unpack_from(bytes(20), 4), list(struct.Struct("b").iter_unpack(b"\x01\xff")))
print(issubclass(struct.error, Exception), struct.error.__module__)
print(struct.pack(">3h", *range(3)), struct.unpack("<4B", b"\x01\x02\x03\x04"))
print(struct.pack("<e", 0.00006103515625), struct.pack("<e", 5.960464477539063e-08), struct.pack("<e", 2.9802322387695312e-08))
print(struct.pack("<e", 1.0009765625), struct.pack("<e", 1.00048828125), struct.pack("<e", 1.00146484375))
print(struct.unpack("<e", struct.pack("<e", -0.0)), struct.unpack("<e", struct.pack("<e", float("nan"))))
