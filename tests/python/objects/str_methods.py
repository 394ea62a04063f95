# str methods as a program uses them.
words = "  The quick brown  fox  ".split()
print(words, len(words))
print("-".join(words), "".join([]), ", ".join([w.upper() for w in words]))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a b c".rsplit(None, 1), "k=v=w".rsplit("=", 1))
print("line1\nline2\r\nline3".splitlines(), "x\n\ny\n".splitlines(True))
print(repr("  padded  ".strip()), repr("xxhixx".strip("x")), repr("  left".lstrip()), repr("right  ".rstrip()))
print("banana".replace("a", "o"), "banana".replace("a", "o", 2), "abc".replace("", "|"))
s = "hello world"
print(s.find("o"), s.rfind("o"), s.find("o", 5), s.find("z"), s.index("w"), s.rindex("l"), s.count("l"))
print(s.startswith("hell"), s.endswith(("x", "ld")), s.startswith("world", 6), s.endswith("hello", 0, 5))
print(s.upper(), s.title(), s.capitalize(), "MiXeD".swapcase(), "Straße".casefold(), "ÀÉÎ".lower())
print("[" + "ab".center(7) + "]", "[" + "ab".center(6, "*") + "]", "[" + "ab".ljust(5, ".") + "]", "[" + "ab".rjust(5) + "]")
print("42".zfill(5), "-42".zfill(6), "+7".zfill(3))
for t in ["123", "12a", "abc", "  ", "ABC", "abc", "Title Case", "_ident1", "1ident", "½", "²", ""]:
    print(repr(t), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalpha(), t.isalnum(), t.isspace(),
          t.isupper(), t.islower(), t.istitle(), t.isidentifier(), t.isprintable(), t.isascii())
print("key=value".partition("="), "a.b.c".rpartition("."), "none".partition(":"))
print(repr("a\tbc\tdef\tg".expandtabs()), repr("a\tb".expandtabs(4)))
print("test_file.py".removeprefix("test_"), "test_file.py".removesuffix(".py"), "x".removeprefix("y"))
table = str.maketrans("abc", "xyz", "d")
print("abcdabcd".translate(table), "hello".translate({ord("l"): "L", ord("o"): None}))
try:
    "abc".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
try:
    "a".center(5, "xy")
except TypeError as e:
    print("TypeError:", e)
print("ünïcödé 😀 text".upper(), len("😀😀"), "a😀b😀c".find("b"), "a😀b".split("😀"))
