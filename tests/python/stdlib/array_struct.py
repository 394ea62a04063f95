import array, struct
a = array.array("d", [1.0, 2.5])
print(struct.unpack("2d", a), struct.unpack_from("<h", array.array("h", [1, -1]), 2), list(struct.iter_unpack("b", array.array("b", [1, -2]))))
b = bytearray(4)
struct.pack_into("<i", b, 0, 7)
print(b, array.array("i", bytes(b)), a.tobytes() == struct.pack("2d", 1.0, 2.5))
