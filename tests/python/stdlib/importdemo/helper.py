# A module of the importdemo package.
def twice(x):
    return 2 * x
