import operator as op
print(op.add(1, 2), op.sub(5, 3), op.mul(2, 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 10))
print(op.neg(3), op.pos(-3), op.abs(-3), op.inv(5), op.invert(5), op.lshift(1, 4), op.rshift(16, 2))
print(op.and_(6, 3), op.or_(6, 3), op.xor(6, 3), op.not_(0), op.truth(1), op.is_(None, None), op.is_not(1, None))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1), op.ne(1, 2), op.ge(1, 2), op.gt(3, 2))
print(op.concat([1], [2]), op.contains([1, 2], 2), op.countOf([1, 1, 2], 1), op.indexOf([1, 2], 2))
l = [1, 2, 3]; op.setitem(l, 0, 9); op.delitem(l, 1); print(l, op.getitem(l, 1), op.length_hint([1, 2]), op.length_hint([], 5))
print(op.index(5))
g = op.itemgetter(1); print(g([1, 2]), op.itemgetter(0, 2)("abc"), repr(g))
class A: pass
a = A(); a.b = A(); a.b.c = 5; a.x = 1
print(op.attrgetter("x")(a), op.attrgetter("b.c")(a), op.attrgetter("x", "b.c")(a), repr(op.attrgetter("x")))
print(op.methodcaller("upper")("ab"), op.methodcaller("split", ",", maxsplit=1)("a,b,c"), repr(op.methodcaller("f", 1, k=2)))
x = [1]; y = [2]; x = op.iadd(x, y); z = [1]; print(x, op.iconcat(z, [3]), op.isub(5, 1), op.imul(2, 3), op.ipow(2, 3), op.imod(7, 4))
print(op.ifloordiv(7, 2), op.itruediv(7, 2), op.ilshift(1, 2), op.irshift(8, 1), op.iand(3, 1), op.ior(1, 2), op.ixor(3, 1))
print(op.__add__(1, 2), op.__lt__(1, 2), op.__not__(1), op.call(len, [1, 2]) if hasattr(op, "call") else "")
for bad in [lambda: op.index(1.5), lambda: op.itemgetter(), lambda: op.attrgetter(1), lambda: op.indexOf([1], 5), lambda: op.methodcaller()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(sorted([(1, "b"), (0, "a")], key=op.itemgetter(1)))
