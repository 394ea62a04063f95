def f(x):
    try:
        y = 1 / x
    except ZeroDivisionError as e:
        y = e
    except (TypeError, ValueError):
        y = 0
    else:
        y = y + 1
    finally:
        print('done')
    return y

def g(x):
    try:
        return x[0]
    except:
        raise ValueError('bad') from None

def h():
    assert 1 == 1, 'msg'
    raise
