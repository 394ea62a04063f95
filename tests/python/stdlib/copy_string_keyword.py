import copy, string, keyword
a = [1, [2, 3], {"k": (4, [5])}]
b = copy.copy(a); c = copy.deepcopy(a)
print(b[1] is a[1], c[1] is a[1], c == a, c[2]["k"][1] is a[2]["k"][1])
class P:
    def __init__(self, x): self.x = x; self.me = self
p = copy.deepcopy(P([1])); print(p.me is p, p.x)
class Custom:
    def __init__(self): self.v = [1]
    def __copy__(self): r = Custom(); r.v = "copied"; return r
    def __deepcopy__(self, memo): r = Custom(); r.v = "deep"; return r
print(copy.copy(Custom()).v, copy.deepcopy(Custom()).v)
t = (1, [2]); print(copy.deepcopy(t) == t, copy.deepcopy(t) is t, copy.copy(t) is t, copy.deepcopy((1, 2)) is not None)
print(callable(getattr(copy, "replace", None)))
try:
    copy.copy(len) is len
    print("builtin ok")
except Exception as e:
    print(type(e).__name__)
print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable))
print(string.capwords(" hello   big world "), string.capwords("a-b-c", "-"))
t = string.Template("$who likes ${what}; $$ sign")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"), t.get_identifiers(), t.is_valid())
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
try:
    string.Template("$").substitute()
except ValueError as e:
    print(e)
f = string.Formatter()
print(f.format("{0}-{x}", 1, x=2), list(f.parse("a{b}c{d!r:>3}")))
print(keyword.kwlist[:5], len(keyword.kwlist), keyword.softkwlist, keyword.iskeyword("async"), keyword.issoftkeyword("_"))
