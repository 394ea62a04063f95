# Strings: concatenation, repetition, indexing, comparison, repr and str.
s = "hello"
w = "world"
print(s + ", " + w + "!")
print(s * 3, len(s), s[0], s[-1], s[1] + s[3])
print("ell" in s, "z" in s, s == "hello", s < w)
print(repr(s), repr("it's"), repr('say "hi"'), repr("tab\there\n"))
print(str(42), str(3.5), str(None), str(True), str([1, "a"]))
print(ord("A"), chr(97), chr(0x1F600), len("😀"), hex(255), bin(10), oct(8))
u = "naïve café"
print(u, len(u), u[2])
count = 0
for ch in "mississippi":
    if ch == "s":
        count = count + 1
print(count)
print(max("abc"), min("xyz"), sorted("banana"))
