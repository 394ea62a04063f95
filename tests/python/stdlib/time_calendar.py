import time
for ts in (0, 86399.9, 951782400, 1700000000, 1709251199, 4102444800, -86400 * 365):
    g = time.gmtime(ts)
    print(g, g.tm_year, g[0], len(g), g.tm_gmtoff)
    print(time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %w %u %y %C %e %I %p %%", g))
    print(time.strftime("%c | %x | %X | %D | %F | %T | %R | %r", g), time.asctime(g), time.mktime(time.gmtime(ts)) == int(ts) // 1 or ts != int(ts))
print(time.asctime((2024, 2, 29, 13, 5, 9, 3, 60, 0)), time.strftime("%d/%m", (2024, 12, 1, 0, 0, 0, 6, 336, 0)))
print(type(time.localtime()).__name__, time.struct_time.__name__, isinstance(time.gmtime(0), tuple))
for bad in [lambda: time.gmtime("x"), lambda: time.strftime(1), lambda: time.asctime((1, 2)), lambda: time.mktime(5)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
