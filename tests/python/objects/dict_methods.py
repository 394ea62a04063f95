# dict methods and views.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("b"), d.pop("missing", "default"), d)
d.update({"x": 10}, y=20)
d.update([("p", 1), ("q", 2)])
print(d)
k, v = d.popitem()
print(k, v, d)
keys = d.keys()
values = d.values()
items = d.items()
print(keys, values, items)
print(len(keys), "a" in keys, "zz" in keys, 1 in values, ("a", 1) in items, ("a", 2) in items)
d["new"] = 0
print(list(keys), list(values), list(items))
for key, value in d.items():
    print(key, "->", value)
e = d.copy()
e["a"] = "changed"
print(d["a"], e["a"], d == e)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
m = {"a": 1, "b": 2} | {"b": 3, "c": 4}
print(m)
m |= {"d": 5}
m |= [("e", 6)]
print(m)
print({"a": 1}.keys() == {"a": 2}.keys(), {"a": 1}.items() == {"a": 1}.items())
e.clear()
print(e, len(e))
try:
    {}.popitem()
except KeyError as err:
    print("KeyError:", err)
try:
    {}.pop("k")
except KeyError as err:
    print("KeyError:", err)
try:
    {}.update([1])
except TypeError as err:
    print("TypeError:", err)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
