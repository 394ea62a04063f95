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
    """str.format as a class: parse, get_field, convert_field and format_field are the steps a
    subclass may override."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used = set()
        text, _ = self._render(format_string, args, kwargs, used, 2, 0)
        self.check_unused_args(used, args, kwargs)
        return text

    def _render(self, format_string, args, kwargs, used, depth, auto_index):
        if depth < 0:
            raise ValueError("Max string recursion exceeded")
        out = []
        for literal, field_name, format_spec, conversion in self.parse(format_string):
            if literal:
                out.append(literal)
            if field_name is None:
                continue
            # Automatic numbering ({}) and manual numbering ({0}) cannot be mixed.
            if field_name == "":
                if auto_index is False:
                    raise ValueError("cannot switch from manual field specification to "
                                     "automatic field numbering")
                field_name = str(auto_index)
                auto_index += 1
            elif field_name.isdigit():
                if auto_index:
                    raise ValueError("cannot switch from automatic field numbering to "
                                     "manual field specification")
                auto_index = False
            value, key = self.get_field(field_name, args, kwargs)
            used.add(key)
            value = self.convert_field(value, conversion)
            spec, auto_index = self._render(format_spec, args, kwargs, used, depth - 1,
                                            auto_index)
            out.append(self.format_field(value, spec))
        return "".join(out), auto_index

    def parse(self, format_string):
        """(literal_text, field_name, format_spec, conversion) for each replacement field, the
        last tuple carrying only the trailing text (field_name None)."""
        return iter(_parse_format(format_string))

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = getattr(obj, key) if is_attr else obj[key]
        return obj, first

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

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


def _parse_format(text):
    pieces = []
    literal = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "}":
            if i + 1 < n and text[i + 1] == "}":
                literal.append("}")
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        if c != "{":
            literal.append(c)
            i += 1
            continue
        if i + 1 < n and text[i + 1] == "{":
            literal.append("{")
            i += 2
            continue
        if i + 1 >= n:
            raise ValueError("Single '{' encountered in format string")
        # The field runs to the matching '}' (format specs may nest fields).
        depth = 1
        j = i + 1
        while j < n:
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= n:
            raise ValueError("expected '}' before end of string")
        name, conversion, spec = _split_field(text[i + 1:j])
        pieces.append(("".join(literal), name, spec, conversion))
        literal = []
        i = j + 1
    if literal:
        pieces.append(("".join(literal), None, None, None))
    return pieces


def _split_field(field):
    """name, conversion (or None) and format spec of the text inside a replacement field."""
    bracket = False
    for k, ch in enumerate(field):
        if ch == "[":
            bracket = True
        elif ch == "]":
            bracket = False
        elif not bracket and ch in "!:":
            break
    else:
        return field, None, ""
    name = field[:k]
    if field[k] == ":":
        return name, None, field[k + 1:]
    if k + 1 >= len(field):
        raise ValueError("end of string while looking for conversion specifier")
    conversion = field[k + 1]
    if k + 2 < len(field) and field[k + 2] != ":":
        raise ValueError("expected ':' after conversion specifier")
    return name, conversion, field[k + 3:]


def _split_field_name(name):
    """The first part of a field name (an int when numeric) and its (is_attribute, key) steps."""
    k = 0
    while k < len(name) and name[k] not in ".[":
        k += 1
    first = name[:k]
    first = int(first) if first.isdigit() else first
    steps = []
    while k < len(name):
        if name[k] == ".":
            end = k + 1
            while end < len(name) and name[end] not in ".[":
                end += 1
            attr = name[k + 1:end]
            if not attr:
                raise ValueError("Empty attribute in format string")
            steps.append((True, attr))
            k = end
        else:
            end = name.find("]", k)
            if end < 0:
                raise ValueError("Missing ']' in format string")
            key = name[k + 1:end]
            if not key:
                raise ValueError("Empty attribute in format string")
            steps.append((False, int(key) if key.isdigit() else key))
            k = end + 1
            if k < len(name) and name[k] not in ".[":
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, steps
