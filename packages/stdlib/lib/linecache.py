"""The lines of source files, read once and kept, for tracebacks and other tools."""

from _linecache import read_source as _read_source

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

# filename -> (size, mtime, lines, fullname), as CPython keeps it; size and mtime are unknown
# here (files are read through the embedder's capability), so they are None.
cache = {}


def clearcache():
    """Clear the cache entirely."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Line `lineno` (from 1) of the file, with its newline; '' when there is none."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ""


def getlines(filename, module_globals=None):
    """All the lines of the file (read on first use), or [] when it cannot be read."""
    if filename in cache:
        entry = cache[filename]
        if len(entry) != 1:
            return cache[filename][2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def checkcache(filename=None):
    """Forget entries (of one file, or of all) that may be stale."""
    if filename is None:
        filenames = list(cache.keys())
    elif filename in cache:
        filenames = [filename]
    else:
        return
    for name in filenames:
        entry = cache[name]
        if len(entry) == 1:
            # a lazy entry: still to be loaded
            continue
        # Files are read through a capability that reports no size or modification time, so an
        # entry cannot be known to be stale: drop it, the next lookup reads the file again.
        cache.pop(name, None)


def updatecache(filename, module_globals=None):
    """Read the file again into the cache; its lines, or [] when it cannot be read."""
    if filename in cache:
        if len(cache[filename]) != 1:
            cache.pop(filename, None)
    if not filename or (filename.startswith("<") and filename.endswith(">")):
        return []
    text = _read_source(filename)
    if text is None:
        return []
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    cache[filename] = None, None, lines, filename
    return lines


def lazycache(filename, module_globals):
    """Register a loader's get_source for the file, called on the first lookup.

    True when such a lazy entry is (already) registered, False otherwise.
    """
    if filename in cache:
        if len(cache[filename]) == 1:
            return True
        return False
    if not filename or (filename.startswith("<") and filename.endswith(">")):
        return False
    if not module_globals or "__loader__" not in module_globals:
        return False
    loader = module_globals["__loader__"]
    get_source = getattr(loader, "get_source", None)
    if get_source is None:
        return False
    name = module_globals.get("__name__")
    cache[filename] = (lambda: get_source(name),)
    return True
