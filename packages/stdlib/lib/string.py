"""String constants and helpers (capwords, Template, Formatter)."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Formatter",
           "Template"]

whitespace = " \t\n\r\x0b\x0c"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s, capitalize each word, join with sep (a space when sep is None)."""
    return (sep or " ").join(word.capitalize() for word in s.split(sep))


def _is_ident_start(c):
    return c == "_" or c.isalpha()


class Template:
    """$-substitution: Template('$who likes $what').substitute(who='tim', what='pie')."""

    delimiter = "$"
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        t = self.template
        delim = self.delimiter
        out = []
        i = 0
        n = len(t)
        while i < n:
            j = t.find(delim, i)
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + len(delim)
            if t.startswith(delim, k):
                out.append(delim)
                i = k + len(delim)
                continue
            braced = k < n and t[k] == "{"
            start = k + 1 if braced else k
            end = start
            if end < n and _is_ident_start(t[end]) and t[end].isascii():
                end += 1
                while end < n and (t[end] == "_" or t[end].isalnum()) and t[end].isascii():
                    end += 1
            name = t[start:end]
            if not name or (braced and (end >= n or t[end] != "}")):
                if safe:
                    out.append(delim)
                    i = k
                    continue
                line = t.count("\n", 0, j) + 1
                col = j - (t.rfind("\n", 0, j) + 1) + 1
                raise ValueError(
                    f"Invalid placeholder in string: line {line}, col {col}")
            stop = end + 1 if braced else end
            if name in mapping:
                out.append(str(mapping[name]))
            elif safe:
                out.append(t[j:stop])
            else:
                raise KeyError(name)
            i = stop
        return "".join(out)

    def substitute(self, mapping=None, /, **kws):
        return self._scan(_merge(mapping, kws), False)

    def safe_substitute(self, mapping=None, /, **kws):
        return self._scan(_merge(mapping, kws), True)

    def get_identifiers(self):
        found = {}

        class _Collect(dict):
            def __contains__(self, key):
                found[key] = None
                return False
        self._scan(_Collect(), True)
        return list(found)

    def is_valid(self):
        try:
            self._scan({}, False)
        except ValueError:
            return False
        except KeyError:
            return True
        return True


def _merge(mapping, kws):
    if mapping is None:
        return kws
    if kws:
        merged = dict(mapping)
        merged.update(kws)
        return merged
    return mapping


class Formatter:
    """str.format as a class, whose steps subclasses may override."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion!s}")
