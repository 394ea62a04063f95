"""importlib: import_module over the builtin import system."""

import sys

__all__ = ["import_module", "invalidate_caches", "reload"]


def import_module(name, package=None):
    """Import a module; a name starting with dots is relative to `package`."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError(
                "the 'package' argument is required to perform a relative "
                "import for {!r}".format(name)
            )
        for character in name:
            if character != ".":
                break
            level += 1
    if not isinstance(name, str):
        raise TypeError("module name must be str, not {}".format(type(name)))
    globals = {"__package__": package, "__name__": package or ""}
    return __import__(name[level:], globals, None, ["__name__"], level)


def invalidate_caches():
    pass


def reload(module):
    raise NotImplementedError("importlib.reload() is not supported by Skein yet")
