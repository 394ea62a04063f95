import time
t0 = time.time(); p0 = time.perf_counter(); m0 = time.monotonic()
ns = time.time_ns(); pn = time.perf_counter_ns(); mn = time.monotonic_ns()
time.sleep(0.01)
print(time.perf_counter() - p0 >= 0.009, time.monotonic() - m0 >= 0.009, time.time() >= t0)
print(type(ns), type(pn), type(mn), time.perf_counter_ns() >= pn, time.monotonic_ns() > mn)
print(type(time.process_time()), type(time.process_time_ns()), type(time.thread_time()))
print(abs(time.time_ns() / 1e9 - time.time()) < 1)
for bad in (-1, "x", float("nan")):
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    time.time(1)
except TypeError as e:
    print(e)
