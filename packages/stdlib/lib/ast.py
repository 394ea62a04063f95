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
    for name, base, fields, optional, lists, attributes in _ast._classes:
        ns = {
            "__module__": "ast",
            "_fields": fields,
            "_attributes": attributes,
            "__match_args__": fields,
            "_optional": optional,
            "_lists": lists,
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
_singletons = {}


def _build(t):
    cls = _classes[t[0]]
    if len(t) == 1:
        node = _singletons.get(cls)
        if node is None:
            node = _singletons[cls] = cls()
        return node
    node = cls.__new__(cls)
    d = node.__dict__
    for name, value in zip(cls._fields + cls._attributes, t[1:]):
        if type(value) is tuple and not (name == "value" and cls in (Constant, MatchSingleton)):
            value = _build(value)
        elif type(value) is list:
            value = [_build(x) if type(x) is tuple else x for x in value]
        d[name] = value
    return node


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
    if name == "value" and cls in (Constant, MatchSingleton):
        return value
    if isinstance(value, AST):
        return _to_tuple(value)
    if isinstance(value, list):
        return [_to_tuple(x) if isinstance(x, AST) else x for x in value]
    return value


def parse(source, filename="<unknown>", mode="exec", *, type_comments=False,
          feature_version=None, optimize=-1):
    """Parse the source into an AST node (compile(source, filename, mode, PyCF_ONLY_AST))."""
    if isinstance(source, AST):
        return source
    return _build(_ast._parse(source, filename, mode, bool(type_comments)))


def _compile(source, filename, mode, flags):
    """compile() of an AST, or with PyCF_ONLY_AST (the builtin hands these cases over)."""
    if flags & PyCF_ONLY_AST:
        return parse(source, filename, mode, type_comments=bool(flags & PyCF_TYPE_COMMENTS))
    if not isinstance(source, AST):
        return _ast._compile(_ast._parse(source, filename, mode, False), filename, mode)
    expected = {"exec": Module, "eval": Expression, "single": Interactive}.get(mode)
    if expected is not None and not isinstance(source, expected):
        raise TypeError(f"expected {expected.__name__} node, got {type(source).__name__}")
    return _ast._compile(_to_tuple(source), filename, mode)


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


def _unparse_pending(ast_obj):
    """Python source text for the tree (as CPython's ast.unparse writes it)."""
    from _ast_unparse import Unparser
    return Unparser().visit(ast_obj)
