"""Abstract syntax trees of Python source, as CPython 3.13's ast module offers them.

The node classes (Module, FunctionDef, Name, ...) are made here from the table that the _ast
module takes from the compiler (their _fields, _attributes, optional and list fields).
parse() asks the compiler for a tree of nested tuples and builds the nodes from it; compile() of
a tree goes the other way.
"""

import _ast

PyCF_ONLY_AST = 0x400
PyCF_TYPE_COMMENTS = 0x1000
PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000
PyCF_OPTIMIZED_AST = 0x8000 | PyCF_ONLY_AST


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    _optional = ()
    _lists = ()

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = cls._fields
        if len(args) > len(fields):
            n = len(fields)
            raise TypeError(
                f"{cls.__name__} constructor takes at most {n} positional argument{'' if n == 1 else 's'}"
            )
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            if name in fields[: len(args)]:
                raise TypeError(f"{cls.__name__} got multiple values for argument {name!r}")
            setattr(self, name, value)
        for name in fields[len(args) :]:
            if name in kwargs:
                continue
            if name in cls._lists:
                setattr(self, name, [])
            elif name == "ctx":
                setattr(self, name, Load())
            # optional fields read None from the class; required ones stay unset (CPython 3.13
            # warns that this will become an error)

    def __reduce__(self):
        return type(self), (), self.__dict__


def _make_classes():
    made = {"AST": AST}
    for name, base, fields, optional, lists, attributes, types in _ast._classes:
        ns = {
            "__module__": "ast",
            "_fields": fields,
            "_attributes": attributes,
            "__match_args__": fields,
            "_optional": optional,
            "_lists": lists,
            "_types": dict(zip(fields, types)),
        }
        for f in optional:
            ns[f] = None
        if "end_lineno" in attributes:
            ns["end_lineno"] = None
            ns["end_col_offset"] = None
        made[name] = type(name, (made[base],), ns)
    return made


_classes = _make_classes()
globals().update(_classes)
# Classes with neither fields nor positions (Load, Add, ...) are shared instances in parsed trees.
_singletons = {
    name: cls() for name, cls in _classes.items()
    if not cls._fields and not cls._attributes and cls.__bases__[0] is not AST
}


def _owner_name(cls):
    """The class that declares `_attributes` (stmt, expr, ...), as CPython names it in errors."""
    for c in cls.__mro__:
        if c.__bases__ == (AST,):
            return c.__name__
    return cls.__name__


def _to_tuple(node):
    if not isinstance(node, AST):
        raise TypeError(f"expected some sort of AST node, but got {node!r}")
    cls = type(node)
    while cls.__name__ not in _classes or _classes[cls.__name__] is not cls:
        cls = cls.__bases__[0]
    if cls is AST or not (cls._fields or cls._attributes or cls.__bases__[0] is not AST):
        raise TypeError(f"expected some sort of AST node, but got {node!r}")
    # Positions are read before the fields, so a node without them is reported before its
    # children are (as CPython's obj2ast does).
    positions = []
    for name in cls._attributes:
        value = getattr(node, name, None)
        if value is None and name in ("lineno", "col_offset"):
            raise TypeError(f'required field "{name}" missing from {_owner_name(cls)}')
        positions.append(value)
    items = [cls.__name__]
    for name in cls._fields:
        try:
            value = getattr(node, name)
        except AttributeError:
            if name in cls._lists:
                value = []
            else:
                raise TypeError(f'required field "{name}" missing from {cls.__name__}') from None
        items.append(_field_to_tuple(cls, name, value))
    return tuple(items + positions)


def _field_to_tuple(cls, name, value):
    """A field's value for the compiler, checked against its ASDL type as CPython's obj2ast does."""
    kind = cls._types[name]
    if kind.endswith("*"):
        if not isinstance(value, list):
            raise TypeError(f'{cls.__name__} field "{name}" must be a list, not a {type(value).__name__}')
        # Dict.keys and arguments.kw_defaults hold None for ** entries and missing defaults.
        none_ok = (cls, name) in ((Dict, "keys"), (arguments, "kw_defaults"))
        return [None if x is None and none_ok else _check_field(kind[:-1], x) for x in value]
    if value is None and kind.endswith("?"):
        return None
    kind = kind.rstrip("?")
    if value is None and kind in ("expr", "stmt", "pattern", "excepthandler", "type_param"):
        raise ValueError(f"field '{name}' is required for {cls.__name__}")
    return _check_field(kind, value)


def _check_field(kind, value):
    if kind == "constant":
        return value
    if kind in ("identifier", "string"):
        if not isinstance(value, str):
            raise TypeError(f"AST {kind} must be of type str")
        return value
    if kind == "int":
        if not isinstance(value, int):
            raise ValueError(f"invalid integer value: {value!r}")
        return value
    expected = _classes[kind]
    if expected._attributes and not isinstance(value, expected) and not hasattr(value, "lineno"):
        raise TypeError(f'required field "lineno" missing from {kind}')
    if not isinstance(value, expected):
        raise TypeError(f"expected some sort of {kind}, but got {value!r}")
    return _to_tuple(value)


def parse(source, filename="<unknown>", mode="exec", *, type_comments=False,
          feature_version=None, optimize=-1):
    """Parse the source into an AST node (compile(source, filename, mode, PyCF_ONLY_AST))."""
    if isinstance(source, AST):
        return source
    return _ast._parse_nodes(source, filename, mode, bool(type_comments), _classes, _singletons)


def _compile(source, filename, mode, flags):
    """compile() of an AST, or with PyCF_ONLY_AST or PyCF_ALLOW_TOP_LEVEL_AWAIT (the builtin
    hands these cases over)."""
    if flags & PyCF_ONLY_AST:
        return parse(source, filename, mode, type_comments=bool(flags & PyCF_TYPE_COMMENTS))
    if not isinstance(source, AST):
        return _ast._compile(_ast._parse(source, filename, mode, False), filename, mode, flags)
    expected = {"exec": Module, "eval": Expression, "single": Interactive}.get(mode)
    if expected is not None and not isinstance(source, expected):
        raise TypeError(f"expected {expected.__name__} node, got {type(source).__name__}")
    return _ast._compile(_to_tuple(source), filename, mode, flags)


def literal_eval(node_or_string):
    """Evaluate a node or string holding only a Python literal or container display."""
    if isinstance(node_or_string, str):
        node_or_string = parse(node_or_string.lstrip(" \t"), mode="eval")
    if isinstance(node_or_string, Expression):
        node_or_string = node_or_string.body

    def malformed(node):
        msg = "malformed node or string"
        lineno = getattr(node, "lineno", None)
        if lineno:
            msg += f" on line {lineno}"
        raise ValueError(msg + f": {node!r}")

    def number(node):
        if not isinstance(node, Constant) or type(node.value) not in (int, float, complex):
            malformed(node)
        return node.value

    def signed_number(node):
        if isinstance(node, UnaryOp) and isinstance(node.op, (UAdd, USub)):
            operand = number(node.operand)
            return +operand if isinstance(node.op, UAdd) else -operand
        return number(node)

    def convert(node):
        if isinstance(node, Constant):
            return node.value
        if isinstance(node, Tuple):
            return tuple(map(convert, node.elts))
        if isinstance(node, List):
            return list(map(convert, node.elts))
        if isinstance(node, Set):
            return set(map(convert, node.elts))
        if (isinstance(node, Call) and isinstance(node.func, Name) and node.func.id == "set"
                and node.args == node.keywords == []):
            return set()
        if isinstance(node, Dict):
            if len(node.keys) != len(node.values):
                malformed(node)
            return dict(zip(map(convert, node.keys), map(convert, node.values)))
        if isinstance(node, BinOp) and isinstance(node.op, (Add, Sub)):
            left = signed_number(node.left)
            right = number(node.right)
            if isinstance(left, (int, float)) and isinstance(right, complex):
                return left + right if isinstance(node.op, Add) else left - right
        return signed_number(node)

    return convert(node_or_string)


def dump(node, annotate_fields=True, include_attributes=False, *, indent=None, show_empty=False):
    """The tree as a string, like the source of the calls that would rebuild it."""
    if not isinstance(node, AST):
        raise TypeError(f"expected AST, got {type(node).__name__!r}")
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent

    def fmt(value, level):
        # (text, simple): a node is simple when it has no arguments, a value when it is no list
        # and no node; a node prints on one line when its arguments are all simple and few.
        if indent is None:
            opening, sep = "", ", "
        else:
            level += 1
            opening = "\n" + indent * level
            sep = ",\n" + indent * level
        if isinstance(value, AST):
            return fmt_node(value, level, opening, sep)
        if isinstance(value, list):
            if not value:
                return "[]", True
            return "[" + opening + sep.join(fmt(x, level)[0] for x in value) + "]", False
        return repr(value), True

    def fmt_node(value, level, opening, sep):
        cls = type(value)
        args = []
        pending = []  # empty values skipped so far, printed if a later positional one follows
        allsimple = True
        keywords = annotate_fields
        for name in value._fields:
            try:
                v = getattr(value, name)
            except AttributeError:
                keywords = True
                continue
            if v is None and getattr(cls, name, ...) is None:
                keywords = True
                continue
            if not show_empty and (v is None or v == []) and not isinstance(
                    value, (Constant, MatchSingleton)):
                pending.append(repr(v))
                continue
            if not keywords:
                args.extend(pending)
                pending = []
            text, simple = fmt(v, level)
            allsimple = allsimple and simple
            args.append(f"{name}={text}" if keywords else text)
        if include_attributes and value._attributes:
            for name in value._attributes:
                try:
                    v = getattr(value, name)
                except AttributeError:
                    continue
                if v is None and getattr(cls, name, ...) is None:
                    continue
                text, simple = fmt(v, level)
                allsimple = allsimple and simple
                args.append(f"{name}={text}")
        if allsimple and len(args) <= 3:
            return f"{cls.__name__}({', '.join(args)})", not args
        return f"{cls.__name__}({opening}{sep.join(args)})", False

    return fmt(node, 0)[0]


def copy_location(new_node, old_node):
    """Copy the source positions of old_node to new_node (where old_node has them)."""
    for attr in "lineno", "col_offset", "end_lineno", "end_col_offset":
        if attr in old_node._attributes and attr in new_node._attributes:
            value = getattr(old_node, attr, None)
            if value is not None or (
                    hasattr(old_node, attr) and attr.startswith("end_")):
                setattr(new_node, attr, value)
    return new_node


def fix_missing_locations(node):
    """Give every node without a position the position of its parent, starting at 1, 0."""
    def fix(node, lineno, col_offset, end_lineno, end_col_offset):
        if "lineno" in node._attributes:
            if not hasattr(node, "lineno"):
                node.lineno = lineno
            else:
                lineno = node.lineno
        if "end_lineno" in node._attributes:
            if getattr(node, "end_lineno", None) is None:
                node.end_lineno = end_lineno
            else:
                end_lineno = node.end_lineno
        if "col_offset" in node._attributes:
            if not hasattr(node, "col_offset"):
                node.col_offset = col_offset
            else:
                col_offset = node.col_offset
        if "end_col_offset" in node._attributes:
            if getattr(node, "end_col_offset", None) is None:
                node.end_col_offset = end_col_offset
            else:
                end_col_offset = node.end_col_offset
        for child in iter_child_nodes(node):
            fix(child, lineno, col_offset, end_lineno, end_col_offset)

    fix(node, 1, 0, 1, 0)
    return node


def increment_lineno(node, n=1):
    """Move the tree node and everything below it n lines down."""
    for child in walk(node):
        if isinstance(child, TypeIgnore):
            child.lineno = getattr(child, "lineno", 0) + n
            continue
        if "lineno" in child._attributes:
            child.lineno = getattr(child, "lineno", 0) + n
        if "end_lineno" in child._attributes and getattr(child, "end_lineno", 0) is not None:
            child.end_lineno = getattr(child, "end_lineno", 0) + n
    return node


def iter_fields(node):
    """(name, value) for each field of node that is set."""
    for name in node._fields:
        try:
            yield name, getattr(node, name)
        except AttributeError:
            pass


def iter_child_nodes(node):
    """The direct children of node: nodes held by a field, alone or in a list."""
    for _, value in iter_fields(node):
        if isinstance(value, AST):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, AST):
                    yield item


def walk(node):
    """Every node under node (itself included), breadth first."""
    from collections import deque
    todo = deque([node])
    while todo:
        node = todo.popleft()
        todo.extend(iter_child_nodes(node))
        yield node


def _cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def get_docstring(node, clean=True):
    """The docstring of a function, class or module node, or None."""
    if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)):
        raise TypeError(f"{type(node).__name__!r} can't have docstrings")
    if not (node.body and isinstance(node.body[0], Expr)):
        return None
    value = node.body[0].value
    if not (isinstance(value, Constant) and isinstance(value.value, str)):
        return None
    return _cleandoc(value.value) if clean else value.value


def _line_starts(source):
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def get_source_segment(source, node, *, padded=False):
    """The source text of node, from its positions (None when it has none)."""
    try:
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno = node.lineno - 1
        end_lineno = node.end_lineno - 1
        col_offset = node.col_offset
        end_col_offset = node.end_col_offset
    except AttributeError:
        return None
    lines = source.splitlines(keepends=True)
    if end_lineno == lineno:
        return lines[lineno].encode()[col_offset:end_col_offset].decode()
    padding = " " * len(lines[lineno].encode()[:col_offset].decode()) if padded else ""
    first = padding + lines[lineno].encode()[col_offset:].decode()
    last = lines[end_lineno].encode()[:end_col_offset].decode()
    return "".join([first, *lines[lineno + 1:end_lineno], last])


class NodeVisitor:
    """Calls visit_<ClassName>(node) for each node it visits; generic_visit visits the children."""

    def visit(self, node):
        visitor = getattr(self, "visit_" + node.__class__.__name__, self.generic_visit)
        return visitor(node)

    def generic_visit(self, node):
        for child in iter_child_nodes(node):
            self.visit(child)


class NodeTransformer(NodeVisitor):
    """A NodeVisitor whose visit methods return the replacement node (None removes it; a list
    replaces one item of a list field with several)."""

    def generic_visit(self, node):
        for field, old in iter_fields(node):
            if isinstance(old, list):
                new = []
                for item in old:
                    if isinstance(item, AST):
                        item = self.visit(item)
                        if item is None:
                            continue
                        if not isinstance(item, AST):
                            new.extend(item)
                            continue
                    new.append(item)
                old[:] = new
            elif isinstance(old, AST):
                replacement = self.visit(old)
                if replacement is None:
                    delattr(node, field)
                else:
                    setattr(node, field, replacement)
        return node


def unparse(ast_obj):
    """Python source for the tree, as CPython's ast.unparse writes it."""
    return _Unparser().visit(ast_obj)


# Operator precedences, lowest first (as CPython's _Precedence; "|" shares EXPR's level).
_NAMED_EXPR, _TUPLE, _YIELD, _TEST, _OR, _AND, _NOT, _CMP, _EXPR = range(1, 10)
_BOR = _EXPR
_BXOR, _BAND, _SHIFT, _ARITH, _TERM, _FACTOR, _POWER, _AWAIT, _ATOM = range(10, 19)


def _above(precedence):
    return precedence + 1 if precedence < _ATOM else _ATOM


_INFSTR = "1e309"  # overflows to inf when read back
_SINGLE_QUOTES = ("'", '"')
_MULTI_QUOTES = ('"""', "'''")
_ALL_QUOTES = (*_SINGLE_QUOTES, *_MULTI_QUOTES)
_UNOPS = {"Invert": "~", "Not": "not", "UAdd": "+", "USub": "-"}
_BINOPS = {"Add": "+", "Sub": "-", "Mult": "*", "MatMult": "@", "Div": "/", "Mod": "%",
           "LShift": "<<", "RShift": ">>", "BitOr": "|", "BitXor": "^", "BitAnd": "&",
           "FloorDiv": "//", "Pow": "**"}
_BINOP_PRECEDENCE = {"+": _ARITH, "-": _ARITH, "*": _TERM, "@": _TERM, "/": _TERM, "%": _TERM,
                     "<<": _SHIFT, ">>": _SHIFT, "|": _BOR, "^": _BXOR, "&": _BAND, "//": _TERM,
                     "**": _POWER}
_CMPOPS = {"Eq": "==", "NotEq": "!=", "Lt": "<", "LtE": "<=", "Gt": ">", "GtE": ">=",
           "Is": "is", "IsNot": "is not", "In": "in", "NotIn": "not in"}


def _escape_char(c, special_whitespace):
    # Backslashes and unprintable characters are escaped as the unicode_escape codec does;
    # newlines and tabs only when asked.
    if c in "\n\t" and not special_whitespace:
        return c
    if c == "\\":
        return "\\\\"
    if c.isprintable():
        return c
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(c)
    if named is not None:
        return named
    n = ord(c)
    if n < 0x100:
        return f"\\x{n:02x}"
    if n < 0x10000:
        return f"\\u{n:04x}"
    return f"\\U{n:08x}"


class _Wrap:
    """Writes `before` on entering and `after` on leaving (nothing when not active)."""

    def __init__(self, unparser, before, after, active=True):
        self.unparser = unparser
        self.before = before
        self.after = after
        self.active = active

    def __enter__(self):
        if self.active:
            self.unparser.write(self.before)

    def __exit__(self, *exc):
        if self.active:
            self.unparser.write(self.after)


class _Block:
    def __init__(self, unparser, extra):
        self.unparser = unparser
        self.extra = extra

    def __enter__(self):
        self.unparser.write(":")
        if self.extra:
            self.unparser.write(self.extra)
        self.unparser._indent += 1

    def __exit__(self, *exc):
        self.unparser._indent -= 1


class _Unparser(NodeVisitor):
    def __init__(self):
        self._source = []
        self._precedences = {}
        self._type_ignores = {}
        self._indent = 0
        self._in_try_star = False

    # --- output ---

    def visit(self, node):
        self._source = []
        self.traverse(node)
        return "".join(self._source)

    def traverse(self, node):
        if isinstance(node, list):
            for item in node:
                self.traverse(item)
        else:
            NodeVisitor.visit(self, node)

    def write(self, *text):
        self._source.extend(text)

    def interleave(self, between, f, seq):
        first = True
        for x in seq:
            if not first:
                between()
            first = False
            f(x)

    def comma_separated(self, f, seq):
        self.interleave(lambda: self.write(", "), f, seq)

    def items_view(self, f, items):
        # One item takes a trailing comma (a tuple of one).
        if len(items) == 1:
            f(items[0])
            self.write(",")
        else:
            self.comma_separated(f, items)

    def maybe_newline(self):
        if self._source:
            self.write("\n")

    def fill(self, text=""):
        self.maybe_newline()
        self.write("    " * self._indent + text)

    def block(self, extra=None):
        return _Block(self, extra)

    def delimit(self, start, end):
        return _Wrap(self, start, end)

    def delimit_if(self, start, end, condition):
        return _Wrap(self, start, end, bool(condition))

    def require_parens(self, precedence, node):
        return self.delimit_if("(", ")", self.get_precedence(node) > precedence)

    def get_precedence(self, node):
        return self._precedences.get(node, _TEST)

    def set_precedence(self, precedence, *nodes):
        for node in nodes:
            self._precedences[node] = precedence

    def get_type_comment(self, node):
        comment = self._type_ignores.get(node.lineno) or node.type_comment
        if comment is not None:
            return f" # type: {comment}"

    def get_raw_docstring(self, node):
        if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)) or not node.body:
            return None
        first = node.body[0]
        if not isinstance(first, Expr):
            return None
        value = first.value
        if isinstance(value, Constant) and isinstance(value.value, str):
            return value
        return None

    def body_with_docstring(self, node):
        docstring = self.get_raw_docstring(node)
        if docstring:
            self.fill()
            if docstring.kind == "u":
                self.write("u")
            self.write_str(docstring.value, quote_types=_MULTI_QUOTES)
            self.traverse(node.body[1:])
        else:
            self.traverse(node.body)

    # --- strings ---

    def str_literal(self, string, quote_types=_ALL_QUOTES, special_whitespace=False):
        """The body of a literal for string and the quotes it may use, preferring no escapes."""
        escaped = "".join(_escape_char(c, special_whitespace) for c in string)
        possible = list(quote_types)
        if "\n" in escaped:
            possible = [q for q in possible if q in _MULTI_QUOTES]
        possible = [q for q in possible if q not in escaped]
        if not possible:
            text = repr(string)
            quote = next((q for q in quote_types if text[0] in q), text[0])
            return text[1:-1], [quote]
        if escaped:
            # Prefer a quote unlike the last character; a triple quote that is not gets escaped.
            possible.sort(key=lambda q: q[0] == escaped[-1])
            if possible[0][0] == escaped[-1]:
                escaped = escaped[:-1] + "\\" + escaped[-1]
        return escaped, possible

    def write_str(self, string, quote_types=_ALL_QUOTES):
        body, quotes = self.str_literal(string, quote_types)
        self.write(f"{quotes[0]}{body}{quotes[0]}")

    def write_constant(self, value):
        if isinstance(value, (float, complex)):
            self.write(repr(value).replace("inf", _INFSTR).replace("nan", f"({_INFSTR}-{_INFSTR})"))
        else:
            self.write(repr(value))

    # --- modules and statements ---

    def visit_Module(self, node):
        self._type_ignores = {i.lineno: f"ignore{i.tag}" for i in node.type_ignores}
        self.body_with_docstring(node)
        self._type_ignores.clear()

    def visit_FunctionType(self, node):
        with self.delimit("(", ")"):
            self.comma_separated(self.traverse, node.argtypes)
        self.write(" -> ")
        self.traverse(node.returns)

    def visit_Expr(self, node):
        self.fill()
        self.set_precedence(_YIELD, node.value)
        self.traverse(node.value)

    def visit_NamedExpr(self, node):
        with self.require_parens(_NAMED_EXPR, node):
            self.set_precedence(_ATOM, node.target, node.value)
            self.traverse(node.target)
            self.write(" := ")
            self.traverse(node.value)

    def visit_Import(self, node):
        self.fill("import ")
        self.comma_separated(self.traverse, node.names)

    def visit_ImportFrom(self, node):
        self.fill("from ")
        self.write("." * (node.level or 0))
        if node.module:
            self.write(node.module)
        self.write(" import ")
        self.comma_separated(self.traverse, node.names)

    def visit_Assign(self, node):
        self.fill()
        for target in node.targets:
            self.set_precedence(_TUPLE, target)
            self.traverse(target)
            self.write(" = ")
        self.traverse(node.value)
        comment = self.get_type_comment(node)
        if comment:
            self.write(comment)

    def visit_AugAssign(self, node):
        self.fill()
        self.traverse(node.target)
        self.write(" " + _BINOPS[node.op.__class__.__name__] + "= ")
        self.traverse(node.value)

    def visit_AnnAssign(self, node):
        self.fill()
        with self.delimit_if("(", ")", not node.simple and isinstance(node.target, Name)):
            self.traverse(node.target)
        self.write(": ")
        self.traverse(node.annotation)
        if node.value:
            self.write(" = ")
            self.traverse(node.value)

    def visit_Return(self, node):
        self.fill("return")
        if node.value:
            self.write(" ")
            self.traverse(node.value)

    def visit_Pass(self, node):
        self.fill("pass")

    def visit_Break(self, node):
        self.fill("break")

    def visit_Continue(self, node):
        self.fill("continue")

    def visit_Delete(self, node):
        self.fill("del ")
        self.comma_separated(self.traverse, node.targets)

    def visit_Assert(self, node):
        self.fill("assert ")
        self.traverse(node.test)
        if node.msg:
            self.write(", ")
            self.traverse(node.msg)

    def visit_Global(self, node):
        self.fill("global ")
        self.comma_separated(self.write, node.names)

    def visit_Nonlocal(self, node):
        self.fill("nonlocal ")
        self.comma_separated(self.write, node.names)

    def visit_Await(self, node):
        with self.require_parens(_AWAIT, node):
            self.write("await")
            if node.value:
                self.write(" ")
                self.set_precedence(_ATOM, node.value)
                self.traverse(node.value)

    def visit_Yield(self, node):
        with self.require_parens(_YIELD, node):
            self.write("yield")
            if node.value:
                self.write(" ")
                self.set_precedence(_ATOM, node.value)
                self.traverse(node.value)

    def visit_YieldFrom(self, node):
        with self.require_parens(_YIELD, node):
            self.write("yield from ")
            if not node.value:
                raise ValueError("Node can't be used without a value attribute.")
            self.set_precedence(_ATOM, node.value)
            self.traverse(node.value)

    def visit_Raise(self, node):
        self.fill("raise")
        if not node.exc:
            if node.cause:
                raise ValueError("Node can't use cause without an exception.")
            return
        self.write(" ")
        self.traverse(node.exc)
        if node.cause:
            self.write(" from ")
            self.traverse(node.cause)

    def try_statement(self, node, star):
        outer = self._in_try_star
        self._in_try_star = star
        self.fill("try")
        with self.block():
            self.traverse(node.body)
        for handler in node.handlers:
            self.traverse(handler)
        self.optional_suite("else", node.orelse)
        self.optional_suite("finally", node.finalbody)
        self._in_try_star = outer

    def visit_Try(self, node):
        self.try_statement(node, False)

    def visit_TryStar(self, node):
        self.try_statement(node, True)

    def visit_ExceptHandler(self, node):
        self.fill("except*" if self._in_try_star else "except")
        if node.type:
            self.write(" ")
            self.traverse(node.type)
        if node.name:
            self.write(" as ")
            self.write(node.name)
        with self.block():
            self.traverse(node.body)

    def decorators(self, node):
        self.maybe_newline()
        for deco in node.decorator_list:
            self.fill("@")
            self.traverse(deco)

    def type_params(self, params):
        if params:
            with self.delimit("[", "]"):
                self.comma_separated(self.traverse, params)

    def visit_ClassDef(self, node):
        self.decorators(node)
        self.fill("class " + node.name)
        self.type_params(node.type_params)
        with self.delimit_if("(", ")", node.bases or node.keywords):
            self.comma_separated(self.traverse, node.bases + node.keywords)
        with self.block():
            self.body_with_docstring(node)

    def function(self, node, keyword):
        self.decorators(node)
        self.fill(keyword + " " + node.name)
        self.type_params(node.type_params)
        with self.delimit("(", ")"):
            self.traverse(node.args)
        if node.returns:
            self.write(" -> ")
            self.traverse(node.returns)
        with self.block(self.get_type_comment(node)):
            self.body_with_docstring(node)

    def visit_FunctionDef(self, node):
        self.function(node, "def")

    def visit_AsyncFunctionDef(self, node):
        self.function(node, "async def")

    def default_value(self, node):
        if node.default_value:
            self.write(" = ")
            self.traverse(node.default_value)

    def visit_TypeVar(self, node):
        self.write(node.name)
        if node.bound:
            self.write(": ")
            self.traverse(node.bound)
        self.default_value(node)

    def visit_TypeVarTuple(self, node):
        self.write("*" + node.name)
        self.default_value(node)

    def visit_ParamSpec(self, node):
        self.write("**" + node.name)
        self.default_value(node)

    def visit_TypeAlias(self, node):
        self.fill("type ")
        self.traverse(node.name)
        self.type_params(node.type_params)
        self.write(" = ")
        self.traverse(node.value)

    def for_statement(self, keyword, node):
        self.fill(keyword)
        self.set_precedence(_TUPLE, node.target)
        self.traverse(node.target)
        self.write(" in ")
        self.traverse(node.iter)
        with self.block(self.get_type_comment(node)):
            self.traverse(node.body)
        self.optional_suite("else", node.orelse)

    def visit_For(self, node):
        self.for_statement("for ", node)

    def visit_AsyncFor(self, node):
        self.for_statement("async for ", node)

    def headed_suite(self, keyword, test, body):
        self.fill(keyword)
        self.traverse(test)
        with self.block():
            self.traverse(body)

    def optional_suite(self, keyword, body):
        if body:
            self.fill(keyword)
            with self.block():
                self.traverse(body)

    def visit_If(self, node):
        self.headed_suite("if ", node.test, node.body)
        # An else holding only an if is written as elif.
        while node.orelse and len(node.orelse) == 1 and isinstance(node.orelse[0], If):
            node = node.orelse[0]
            self.headed_suite("elif ", node.test, node.body)
        self.optional_suite("else", node.orelse)

    def visit_While(self, node):
        self.headed_suite("while ", node.test, node.body)
        self.optional_suite("else", node.orelse)

    def with_statement(self, keyword, node):
        self.fill(keyword)
        self.comma_separated(self.traverse, node.items)
        with self.block(self.get_type_comment(node)):
            self.traverse(node.body)

    def visit_With(self, node):
        self.with_statement("with ", node)

    def visit_AsyncWith(self, node):
        self.with_statement("async with ", node)

    def visit_Match(self, node):
        self.fill("match ")
        self.traverse(node.subject)
        with self.block():
            for case in node.cases:
                self.traverse(case)

    def visit_match_case(self, node):
        self.fill("case ")
        self.traverse(node.pattern)
        if node.guard:
            self.write(" if ")
            self.traverse(node.guard)
        with self.block():
            self.traverse(node.body)

    # --- f-strings ---

    def visit_JoinedStr(self, node):
        self.write("f")
        parts = []
        for value in node.values:
            saved = self._source
            self._source = []
            self.fstring_inner(value)
            parts.append(("".join(self._source), isinstance(value, Constant)))
            self._source = saved
        # One quote that suits every literal part; failing that, repr's escapes in '''.
        quote_types = list(_ALL_QUOTES)
        written = []
        for text, literal in parts:
            if literal:
                text, usable = self.str_literal(text, quote_types, special_whitespace=True)
                if not set(usable) & set(quote_types):
                    quote_types = ["'''"]
                    written = [repr('"' + t)[2:-1] if lit else t for t, lit in parts]
                    break
                quote_types = usable
            elif "\n" in text:
                quote_types = [q for q in quote_types if q in _MULTI_QUOTES]
            written.append(text)
        self.write(f"{quote_types[0]}{''.join(written)}{quote_types[0]}")

    def fstring_inner(self, node, format_spec=False):
        if isinstance(node, JoinedStr):
            for value in node.values:
                self.fstring_inner(value, format_spec)
        elif isinstance(node, Constant) and isinstance(node.value, str):
            value = node.value.replace("{", "{{").replace("}", "}}")
            if format_spec:
                value = (value.replace("\\", "\\\\").replace("'", "\\'")
                         .replace('"', '\\"').replace("\n", "\\n"))
            self.write(value)
        elif isinstance(node, FormattedValue):
            self.visit_FormattedValue(node)
        else:
            raise ValueError(f"Unexpected node inside JoinedStr, {node!r}")

    def visit_FormattedValue(self, node):
        inner = type(self)()
        inner.set_precedence(_above(_TEST), node.value)
        text = inner.visit(node.value)
        with self.delimit("{", "}"):
            if text.startswith("{"):
                self.write(" ")  # "{ {" rather than "{{"
            self.write(text)
            if node.conversion != -1:
                self.write(f"!{chr(node.conversion)}")
            if node.format_spec:
                self.write(":")
                self.fstring_inner(node.format_spec, format_spec=True)

    # --- expressions ---

    def visit_Name(self, node):
        self.write(node.id)

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, tuple):
            with self.delimit("(", ")"):
                self.items_view(self.write_constant, value)
        elif value is ...:
            self.write("...")
        else:
            if node.kind == "u":
                self.write("u")
            self.write_constant(value)

    def visit_List(self, node):
        with self.delimit("[", "]"):
            self.comma_separated(self.traverse, node.elts)

    def comprehension(self, open_, close, node, *heads):
        with self.delimit(open_, close):
            self.traverse(heads[0])
            if len(heads) == 2:
                self.write(": ")
                self.traverse(heads[1])
            for gen in node.generators:
                self.traverse(gen)

    def visit_ListComp(self, node):
        self.comprehension("[", "]", node, node.elt)

    def visit_GeneratorExp(self, node):
        self.comprehension("(", ")", node, node.elt)

    def visit_SetComp(self, node):
        self.comprehension("{", "}", node, node.elt)

    def visit_DictComp(self, node):
        self.comprehension("{", "}", node, node.key, node.value)

    def visit_comprehension(self, node):
        self.write(" async for " if node.is_async else " for ")
        self.set_precedence(_TUPLE, node.target)
        self.traverse(node.target)
        self.write(" in ")
        self.set_precedence(_above(_TEST), node.iter, *node.ifs)
        self.traverse(node.iter)
        for condition in node.ifs:
            self.write(" if ")
            self.traverse(condition)

    def visit_IfExp(self, node):
        with self.require_parens(_TEST, node):
            self.set_precedence(_above(_TEST), node.body, node.test)
            self.traverse(node.body)
            self.write(" if ")
            self.traverse(node.test)
            self.write(" else ")
            self.set_precedence(_TEST, node.orelse)
            self.traverse(node.orelse)

    def visit_Set(self, node):
        if node.elts:
            with self.delimit("{", "}"):
                self.comma_separated(self.traverse, node.elts)
        else:
            self.write("{*()}")  # {} is a dict, and set may be shadowed

    def visit_Dict(self, node):
        def item(pair):
            key, value = pair
            if key is None:
                self.write("**")
                self.set_precedence(_EXPR, value)
                self.traverse(value)
            else:
                self.traverse(key)
                self.write(": ")
                self.traverse(value)

        with self.delimit("{", "}"):
            self.comma_separated(item, zip(node.keys, node.values))

    def visit_Tuple(self, node):
        with self.delimit_if("(", ")", not node.elts or self.get_precedence(node) > _TUPLE):
            self.items_view(self.traverse, node.elts)

    def visit_UnaryOp(self, node):
        operator = _UNOPS[node.op.__class__.__name__]
        precedence = _NOT if operator == "not" else _FACTOR
        with self.require_parens(precedence, node):
            self.write(operator)
            if precedence != _FACTOR:
                self.write(" ")
            self.set_precedence(precedence, node.operand)
            self.traverse(node.operand)

    def visit_BinOp(self, node):
        operator = _BINOPS[node.op.__class__.__name__]
        precedence = _BINOP_PRECEDENCE[operator]
        with self.require_parens(precedence, node):
            if operator == "**":  # right-associative
                left, right = _above(precedence), precedence
            else:
                left, right = precedence, _above(precedence)
            self.set_precedence(left, node.left)
            self.traverse(node.left)
            self.write(f" {operator} ")
            self.set_precedence(right, node.right)
            self.traverse(node.right)

    def visit_Compare(self, node):
        with self.require_parens(_CMP, node):
            self.set_precedence(_above(_CMP), node.left, *node.comparators)
            self.traverse(node.left)
            for op, right in zip(node.ops, node.comparators):
                self.write(" " + _CMPOPS[op.__class__.__name__] + " ")
                self.traverse(right)

    def visit_BoolOp(self, node):
        operator = "and" if isinstance(node.op, And) else "or"
        precedence = _AND if operator == "and" else _OR
        level = [precedence]

        def operand(value):
            # Each operand binds tighter than the last: a and (b and c) keeps its parentheses.
            level[0] = _above(level[0])
            self.set_precedence(level[0], value)
            self.traverse(value)

        with self.require_parens(precedence, node):
            self.interleave(lambda: self.write(f" {operator} "), operand, node.values)

    def visit_Attribute(self, node):
        self.set_precedence(_ATOM, node.value)
        self.traverse(node.value)
        # 3.real would read as a float: write 3 .real
        if isinstance(node.value, Constant) and isinstance(node.value.value, int):
            self.write(" ")
        self.write(".")
        self.write(node.attr)

    def visit_Call(self, node):
        self.set_precedence(_ATOM, node.func)
        self.traverse(node.func)
        with self.delimit("(", ")"):
            self.comma_separated(self.traverse, node.args + node.keywords)

    def visit_Subscript(self, node):
        self.set_precedence(_ATOM, node.value)
        self.traverse(node.value)
        with self.delimit("[", "]"):
            if isinstance(node.slice, Tuple) and node.slice.elts:
                self.items_view(self.traverse, node.slice.elts)
            else:
                self.traverse(node.slice)

    def visit_Starred(self, node):
        self.write("*")
        self.set_precedence(_EXPR, node.value)
        self.traverse(node.value)

    def visit_Slice(self, node):
        if node.lower:
            self.traverse(node.lower)
        self.write(":")
        if node.upper:
            self.traverse(node.upper)
        if node.step:
            self.write(":")
            self.traverse(node.step)

    def visit_arg(self, node):
        self.write(node.arg)
        if node.annotation:
            self.write(": ")
            self.traverse(node.annotation)

    def visit_arguments(self, node):
        parts = []  # each is a function writing one parameter

        def param(arg, default=None):
            def write():
                self.traverse(arg)
                if default:
                    self.write("=")
                    self.traverse(default)
            return write

        positional = node.posonlyargs + node.args
        defaults = [None] * (len(positional) - len(node.defaults)) + node.defaults
        for index, (arg, default) in enumerate(zip(positional, defaults), 1):
            parts.append(param(arg, default))
            if index == len(node.posonlyargs):
                parts.append(lambda: self.write("/"))
        if node.vararg or node.kwonlyargs:
            vararg = node.vararg
            parts.append(lambda: (self.write("*"), vararg and self.visit_arg(vararg)))
        for arg, default in zip(node.kwonlyargs, node.kw_defaults):
            parts.append(param(arg, default))
        if node.kwarg:
            kwarg = node.kwarg
            parts.append(lambda: (self.write("**"), self.visit_arg(kwarg)))
        self.interleave(lambda: self.write(", "), lambda write: write(), parts)

    def visit_keyword(self, node):
        if node.arg is None:
            self.write("**")
        else:
            self.write(node.arg)
            self.write("=")
        self.traverse(node.value)

    def visit_Lambda(self, node):
        with self.require_parens(_TEST, node):
            self.write("lambda")
            saved = self._source
            self._source = []
            self.traverse(node.args)
            params = self._source
            self._source = saved
            if params:
                self.write(" ", *params)
            self.write(": ")
            self.set_precedence(_TEST, node.body)
            self.traverse(node.body)

    def visit_alias(self, node):
        self.write(node.name)
        if node.asname:
            self.write(" as " + node.asname)

    def visit_withitem(self, node):
        self.traverse(node.context_expr)
        if node.optional_vars:
            self.write(" as ")
            self.traverse(node.optional_vars)

    # --- patterns ---

    def visit_MatchValue(self, node):
        self.traverse(node.value)

    def visit_MatchSingleton(self, node):
        self.write_constant(node.value)

    def visit_MatchSequence(self, node):
        with self.delimit("[", "]"):
            self.comma_separated(self.traverse, node.patterns)

    def visit_MatchStar(self, node):
        self.write("*" + (node.name if node.name is not None else "_"))

    def visit_MatchMapping(self, node):
        def pair(item):
            key, pattern = item
            self.traverse(key)
            self.write(": ")
            self.traverse(pattern)

        with self.delimit("{", "}"):
            self.comma_separated(pair, zip(node.keys, node.patterns))
            if node.rest is not None:
                if node.keys:
                    self.write(", ")
                self.write(f"**{node.rest}")

    def visit_MatchClass(self, node):
        self.set_precedence(_ATOM, node.cls)
        self.traverse(node.cls)

        def keyword(item):
            attr, pattern = item
            self.write(f"{attr}=")
            self.traverse(pattern)

        with self.delimit("(", ")"):
            self.comma_separated(self.traverse, node.patterns)
            if node.kwd_attrs:
                if node.patterns:
                    self.write(", ")
                self.comma_separated(keyword, zip(node.kwd_attrs, node.kwd_patterns))

    def visit_MatchAs(self, node):
        if node.name is None:
            self.write("_")
        elif node.pattern is None:
            self.write(node.name)
        else:
            with self.require_parens(_TEST, node):
                self.set_precedence(_BOR, node.pattern)
                self.traverse(node.pattern)
                self.write(f" as {node.name}")

    def visit_MatchOr(self, node):
        with self.require_parens(_BOR, node):
            self.set_precedence(_above(_BOR), *node.patterns)
            self.interleave(lambda: self.write(" | "), self.traverse, node.patterns)
