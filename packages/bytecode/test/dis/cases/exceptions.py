try:
    x = 1 / 0
except ZeroDivisionError:
    x = None
except (TypeError, ValueError):
    raise
finally:
    print("done")
