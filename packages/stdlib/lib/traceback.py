"""Extract, format and print exceptions and their tracebacks, as CPython 3.13 prints them.

A traceback entry here keeps its code object and line (Skein's tracebacks hold no live frame),
so `tb.tb_frame` is a detached frame record with f_code, f_lineno and f_lasti. Caret lines under
the failing expression follow CPython 3.13's rules; the anchors (the operator of a binary
operation, the bracket of a subscript, the parenthesis of a call) are found by scanning the
expression's text rather than by parsing it with the ast module.
"""

import linecache
import sys

__all__ = [
    "extract_stack", "extract_tb", "format_exception", "format_exception_only",
    "format_list", "format_stack", "format_tb", "print_exc", "format_exc",
    "print_exception", "print_last", "print_stack", "print_tb", "clear_frames",
    "FrameSummary", "StackSummary", "TracebackException", "walk_stack", "walk_tb",
]

_RECURSIVE_CUTOFF = 3  # identical entries shown before "[Previous line repeated ...]"
_CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n"

_sentinel = object()


# ---- the functions most programs call ----

def print_list(extracted_list, file=None):
    """Print the entries of extract_tb() or extract_stack() as format_list() formats them."""
    if file is None:
        file = sys.stderr
    for item in StackSummary.from_list(extracted_list).format():
        print(item, file=file, end="")


def format_list(extracted_list):
    """The printable lines (each ending in a newline) of a list of frame summaries or tuples."""
    return StackSummary.from_list(extracted_list).format()


def print_tb(tb, limit=None, file=None):
    """Print up to `limit` entries of the traceback `tb` (all when limit is None)."""
    print_list(extract_tb(tb, limit=limit), file=file)


def format_tb(tb, limit=None):
    """format_list(extract_tb(tb, limit))."""
    return extract_tb(tb, limit=limit).format()


def extract_tb(tb, limit=None):
    """A StackSummary of the traceback's entries, each with its file, line, name and text."""
    return StackSummary._extract_from_extended_frame_gen(
        _walk_tb_with_full_positions(tb), limit=limit)


def _parse_value_tb(exc, value, tb):
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is tb is _sentinel:
        if exc is not None:
            if isinstance(exc, BaseException):
                return exc, exc.__traceback__
            raise TypeError(
                f"Exception expected for value, {type(exc).__name__} found")
        return None, None
    return value, tb


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    """Print an exception, its traceback and its chain of causes and contexts to `file`."""
    value, tb = _parse_value_tb(exc, value, tb)
    te = TracebackException(type(value), value, tb, limit=limit, compact=True)
    te.print(file=file, chain=chain)


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    """The lines print_exception() would print, each ending in a newline."""
    value, tb = _parse_value_tb(exc, value, tb)
    te = TracebackException(type(value), value, tb, limit=limit, compact=True)
    return list(te.format(chain=chain))


def format_exception_only(exc, /, value=_sentinel, *, show_group=False):
    """The last lines of a printed exception: its type and message (and notes)."""
    if value is _sentinel:
        value = exc
    te = TracebackException(type(value), value, None, compact=True)
    return list(te.format_exception_only(show_group=show_group))


def _format_final_exc_line(etype, value):
    valuestr = _safe_string(value, "exception")
    if value is None or not valuestr:
        return f"{etype}\n"
    return f"{etype}: {valuestr}\n"


def _safe_string(value, what, func=str):
    try:
        return func(value)
    except BaseException:
        return f"<{what} {func.__name__}() failed>"


def print_exc(limit=None, file=None, chain=True):
    """Print the exception being handled (sys.exception()) with its traceback."""
    print_exception(sys.exception(), limit=limit, file=file, chain=chain)


def format_exc(limit=None, chain=True):
    """What print_exc() would print, as one string."""
    return "".join(format_exception(sys.exception(), limit=limit, chain=chain))


def print_last(limit=None, file=None, chain=True):
    """Print the last uncaught exception (sys.last_exc) as print_exception() does."""
    if not hasattr(sys, "last_exc") and not hasattr(sys, "last_type"):
        raise ValueError("no last exception")
    if hasattr(sys, "last_exc"):
        print_exception(sys.last_exc, limit=limit, file=file, chain=chain)
    else:
        print_exception(sys.last_type, sys.last_value, sys.last_traceback,
                        limit=limit, file=file, chain=chain)


def print_stack(f=None, limit=None, file=None):
    """Print the stack from frame `f` (the caller's by default) outwards, oldest first."""
    if f is None:
        f = sys._getframe(1)
    print_list(extract_stack(f, limit=limit), file=file)


def format_stack(f=None, limit=None):
    """format_list(extract_stack(f, limit)), from the caller's frame by default."""
    if f is None:
        f = sys._getframe(1)
    return format_list(extract_stack(f, limit=limit))


def extract_stack(f=None, limit=None):
    """A StackSummary of frame `f` (the caller's by default) and the frames that called it,
    oldest first."""
    if f is None:
        f = sys._getframe(1)
    stack = StackSummary.extract(walk_stack(f), limit=limit)
    stack.reverse()
    return stack


def clear_frames(tb):
    """Clear the local variables of the traceback's frames (detached here: nothing to do)."""
    while tb is not None:
        tb = tb.tb_next


# ---- walking frames and tracebacks ----

def walk_stack(f):
    """Yield (frame, line) for `f` (the consumer's frame when None) and each frame that
    called it."""
    if f is None:
        f = sys._getframe(1)
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def walk_tb(tb):
    """Yield (frame, line) for each entry of the traceback, following tb_next."""
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _walk_tb_with_full_positions(tb):
    while tb is not None:
        positions = _get_code_position(tb.tb_frame.f_code, tb.tb_lasti)
        if positions[0] is None:
            yield tb.tb_frame, (tb.tb_lineno,) + positions[1:]
        else:
            yield tb.tb_frame, positions
        tb = tb.tb_next


def _get_code_position(code, instruction_index):
    if instruction_index < 0:
        return (None, None, None, None)
    for i, position in enumerate(code.co_positions()):
        if i == instruction_index // 2:
            return position
    return (None, None, None, None)


# ---- frame summaries ----

class FrameSummary:
    """One entry of a stack or traceback: filename, lineno, name, line (and columns)."""

    __slots__ = ("filename", "lineno", "end_lineno", "colno", "end_colno",
                 "name", "_lines", "_lines_dedented", "locals", "_code")

    def __init__(self, filename, lineno, name, *, lookup_line=True,
                 locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None, **kwargs):
        self.filename = filename
        self.lineno = lineno
        self.end_lineno = lineno if end_lineno is None else end_lineno
        self.colno = colno
        self.end_colno = end_colno
        self.name = name
        self._code = kwargs.get("_code")
        self._lines = line
        self._lines_dedented = None
        if lookup_line:
            self.line
        self.locals = {k: _safe_string(v, "local", func=repr)
                       for k, v in locals.items()} if locals else None

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and
                    self.lineno == other.lineno and
                    self.name == other.name and
                    self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __repr__(self):
        return f"<FrameSummary file {self.filename}, line {self.lineno} in {self.name}>"

    def __len__(self):
        return 4

    def _set_lines(self):
        if not self._lines and self.lineno is not None and self.end_lineno is not None:
            lines = []
            for lineno in range(self.lineno, self.end_lineno + 1):
                lines.append(linecache.getline(self.filename, lineno).rstrip())
            self._lines = "\n".join(lines) + "\n"

    @property
    def _original_lines(self):
        self._set_lines()
        return self._lines

    @property
    def _dedented_lines(self):
        self._set_lines()
        if self._lines_dedented is None and self._lines is not None:
            self._lines_dedented = _dedent(self._lines)
        return self._lines_dedented

    @property
    def line(self):
        self._set_lines()
        if self._lines is None:
            return None
        # Only the first line of a multi-line statement, stripped.
        return self._lines.partition("\n")[0].strip()


def _dedent(text):
    lines = text.split("\n")
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(l[cut:] if l.strip() else l.strip() for l in lines)


# ---- caret anchors ----

_BINARY_PRECEDENCE = {
    "|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5,
    "*": 6, "/": 6, "//": 6, "%": 6, "@": 6, "**": 8,
}
_LOWER_OPERATORS = {"<", ">", "==", ">=", "<=", "!=", "=", ":=", ",", ":", "->",
                    "and", "or", "not", "if", "else", "lambda", "in", "is", "for",
                    "await", "yield", "async"}
_OPERATOR_CHARS = "+-*/%@&|^<>=!~:"


def _tokens(segment):
    """(kind, text, start, depth) for each token at any depth: kind is 'op', 'name',
    'open', 'close' or 'atom'. None when the text cannot be an expression on one line."""
    out = []
    depth = 0
    i = 0
    n = len(segment)
    while i < n:
        c = segment[i]
        if c.isspace() or c == "\\":
            i += 1
            continue
        if c == "#":
            return None
        if c in "([{":
            out.append(("open", c, i, depth))
            depth += 1
            i += 1
            continue
        if c in ")]}":
            depth -= 1
            if depth < 0:
                return None
            out.append(("close", c, i, depth))
            i += 1
            continue
        start = i
        if c in "\"'" or (c.isalpha() and _string_prefix_at(segment, i)):
            while segment[i] not in "\"'":
                i += 1
            quote = segment[i]
            triple = segment[i:i + 3] == quote * 3
            closing = quote * 3 if triple else quote
            i += len(closing)
            while i < n and segment[i:i + len(closing)] != closing:
                i += 2 if segment[i] == "\\" else 1
            if i >= n:
                return None
            i += len(closing)
            out.append(("atom", segment[start:i], start, depth))
            continue
        if c.isalnum() or c == "_" or ord(c) > 127:
            while i < n and (segment[i].isalnum() or segment[i] == "_" or ord(segment[i]) > 127
                             or (segment[i] == "." and segment[start].isdigit())):
                i += 1
            word = segment[start:i]
            out.append(("name" if not word[0].isdigit() else "atom", word, start, depth))
            continue
        if c == ".":
            out.append(("op", ".", i, depth))
            i += 1
            continue
        if c in _OPERATOR_CHARS:
            j = i + 1
            while j < n and segment[j] in _OPERATOR_CHARS and segment[i:j + 1] in (
                    "//", "**", "<<", ">>", "==", "!=", "<=", ">=", ":=", "->",
                    "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=", "//=", "**=",
                    "<<=", ">>="):
                j += 1
            out.append(("op", segment[i:j], i, depth))
            i = j
            continue
        out.append(("op", c, i, depth))
        i += 1
    if depth != 0:
        return None
    return out


def _string_prefix_at(segment, i):
    j = i
    while j < len(segment) and segment[j].isalpha() and j - i < 3:
        j += 1
    return j < len(segment) and segment[j] in "\"'" and segment[i:j].lower() in (
        "r", "u", "b", "f", "br", "rb", "fr", "rf")


def _extract_caret_anchors(segment):
    """(start, end) of the secondary ('^') part of the expression `segment`, or None when it
    is not a binary operation, a subscript or a call."""
    tokens = _tokens(segment)
    if not tokens:
        return None
    top = [t for t in tokens if t[3] == 0]
    for first, second in zip(top, top[1:]):
        if first[0] in ("name", "atom") and second[0] in ("name", "atom"):
            return None  # a statement (raise X, return f()) or keywords: not one expression
    for kind, text, _, _ in top:
        if text in _LOWER_OPERATORS or (kind == "op" and text.endswith("=") and
                                        text not in ("==", "!=", "<=", ">=")):
            return None
    # The root binary operator: the rightmost of the lowest precedence (the leftmost for the
    # right-associative **). An operator directly after another, or first, is unary.
    best = None
    previous = None
    for index, token in enumerate(top):
        kind, text, start, _ = token
        is_binary = (kind == "op" and text in _BINARY_PRECEDENCE and previous is not None
                     and not (previous[0] == "op" and previous[1] != ".")
                     and previous[0] != "open")
        if is_binary:
            rank = _BINARY_PRECEDENCE[text]
            if best is None or rank < best[0] or (rank == best[0] and text != "**"):
                best = (rank, start, len(text))
        previous = token
    if best is not None:
        _, start, length = best
        return start, start + length
    last = top[-1]
    if last[0] == "close" and last[1] in ")]":
        # the bracket that opens the last group at depth 0
        opener = None
        level = 0
        for kind, text, start, depth in reversed(tokens):
            if kind == "close":
                level += 1
            elif kind == "open":
                level -= 1
                if level == 0:
                    opener = (text, start)
                    break
        if opener is None or opener[1] == top[0][2]:
            return None  # a parenthesized expression or a display, not a call or subscript
        return opener[1], len(segment)
    return None


def _call_with_plain_name(segment):
    tokens = _tokens(segment)
    if not tokens or tokens[0][0] != "name" or len(tokens) < 3:
        return False
    return tokens[1][0] == "open" and tokens[1][1] == "(" and tokens[-1][1] == ")" \
        and _extract_caret_anchors(segment) == (tokens[1][2], len(segment))


def _should_show_carets(line, start, end, anchors):
    segment = line[start:end]
    before = line[:start].strip()
    after = line[end:].strip()
    if not after and _call_with_plain_name(segment):
        if before == "return":
            return False
        if before.endswith("=") and before[:-1].strip().isidentifier() and \
                not before.endswith(("==", "!=", "<=", ">=")):
            return False
    if anchors:
        return True
    return bool(before or after)


# ---- stack summaries ----

class StackSummary(list):
    """A list of FrameSummary objects, with the formatting of a printed traceback."""

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        """A StackSummary from (frame, lineno) pairs, such as walk_stack() or walk_tb() give."""
        def extended_frame_gen():
            for f, lineno in frame_gen:
                yield f, (lineno, None, None, None)

        return klass._extract_from_extended_frame_gen(
            extended_frame_gen(), limit=limit, lookup_lines=lookup_lines,
            capture_locals=capture_locals)

    @classmethod
    def _extract_from_extended_frame_gen(klass, frame_gen, *, limit=None,
                                         lookup_lines=True, capture_locals=False):
        if limit is None:
            limit = getattr(sys, "tracebacklimit", None)
            if limit is not None and limit < 0:
                limit = 0
        entries = list(frame_gen)
        if limit is not None:
            entries = entries[:limit] if limit >= 0 else entries[limit:]
        result = klass()
        for f, (lineno, end_lineno, colno, end_colno) in entries:
            co = f.f_code
            result.append(FrameSummary(
                co.co_filename, lineno, co.co_name, lookup_line=False, locals=None,
                end_lineno=end_lineno, colno=colno, end_colno=end_colno))
        if lookup_lines:
            for f in result:
                f.line
        return result

    @classmethod
    def from_list(klass, a_list):
        """A StackSummary from FrameSummary objects or (filename, lineno, name, line) tuples."""
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format_frame_summary(self, frame_summary):
        """The printed lines of one entry: its location, its source line and carets."""
        row = [f'  File "{frame_summary.filename}", line {frame_summary.lineno}, '
               f"in {frame_summary.name}\n"]
        dedented = frame_summary._dedented_lines
        if dedented and dedented.strip():
            row.extend(self._source_rows(frame_summary, dedented))
        if frame_summary.locals:
            for name, value in sorted(frame_summary.locals.items()):
                row.append(f"    {name} = {value}\n")
        return "".join(row)

    def _source_rows(self, fs, dedented):
        lines = dedented.rstrip("\n").split("\n")
        if (fs.colno is None or fs.end_colno is None or fs.end_lineno is None
                or fs.lineno != fs.end_lineno or len(lines) != 1):
            if fs.lineno is not None and fs.end_lineno is not None and fs.end_lineno > fs.lineno \
                    and fs.colno is not None:
                return [f"    {line}\n" for line in lines]
            return [f"    {lines[0].strip()}\n"]
        original = fs._original_lines.rstrip("\n")
        indent = len(original) - len(original.lstrip())
        line = lines[0]
        start = _byte_offset_to_character_offset(original, fs.colno) - indent
        end = _byte_offset_to_character_offset(original, fs.end_colno) - indent
        if start < 0 or end > len(line) or start >= end:
            return [f"    {line.strip()}\n"]
        anchors = _extract_caret_anchors(line[start:end])
        if not _should_show_carets(line, start, end, anchors):
            return [f"    {line}\n"]
        if anchors is None:
            carets = "^" * (end - start)
        else:
            a, b = anchors
            carets = "~" * a + "^" * (b - a) + "~" * (end - start - b)
        return [f"    {line}\n", "    " + " " * start + carets + "\n"]

    def format(self):
        """The printed lines of the whole stack, collapsing long runs of the same entry."""
        result = []
        last_file = last_line = last_name = None
        count = 0
        for frame_summary in self:
            formatted = self.format_frame_summary(frame_summary)
            if formatted is None:
                continue
            if (last_file is None or last_file != frame_summary.filename or
                    last_line is None or last_line != frame_summary.lineno or
                    last_name is None or last_name != frame_summary.name):
                if count > _RECURSIVE_CUTOFF:
                    count -= _RECURSIVE_CUTOFF
                    result.append(
                        f"  [Previous line repeated {count} more "
                        f"time{'s' if count > 1 else ''}]\n")
                last_file = frame_summary.filename
                last_line = frame_summary.lineno
                last_name = frame_summary.name
                count = 0
            count += 1
            if count > _RECURSIVE_CUTOFF:
                continue
            result.append(formatted)
        if count > _RECURSIVE_CUTOFF:
            count -= _RECURSIVE_CUTOFF
            result.append(
                f"  [Previous line repeated {count} more "
                f"time{'s' if count > 1 else ''}]\n")
        return result


def _byte_offset_to_character_offset(text, offset):
    as_utf8 = text.encode("utf-8")
    return len(as_utf8[:offset].decode("utf-8", errors="replace"))


# ---- exceptions ----

class TracebackException:
    """An exception captured for later formatting: its type, message, stack and chain.

    Attributes: __cause__, __context__ (TracebackException or None), __suppress_context__,
    __notes__, exceptions (for exception groups), stack (a StackSummary), exc_type,
    exc_type_str, and for SyntaxError filename, lineno, end_lineno, text, offset,
    end_offset and msg.
    """

    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None,
                 lookup_lines=True, capture_locals=False, compact=False,
                 max_group_width=15, max_group_depth=10, _seen=None):
        if _seen is None:
            _seen = set()
        _seen.add(id(exc_value))
        self.max_group_width = max_group_width
        self.max_group_depth = max_group_depth
        self.stack = StackSummary._extract_from_extended_frame_gen(
            _walk_tb_with_full_positions(exc_traceback),
            limit=limit, lookup_lines=lookup_lines, capture_locals=capture_locals)
        self._exc_type = exc_type if exc_type is not None else None
        self._str = _safe_string(exc_value, "exception")
        try:
            self.__notes__ = getattr(exc_value, "__notes__", None)
        except Exception as e:
            self.__notes__ = [f"Ignored error getting __notes__: {_safe_string(e, '__notes__', repr)}"]
        self._is_syntax_error = False
        self._have_exc_type = exc_type is not None
        if exc_type is not None:
            self.exc_type_qualname = exc_type.__qualname__
            self.exc_type_module = exc_type.__module__
        else:
            self.exc_type_qualname = None
            self.exc_type_module = None
        if exc_type and issubclass(exc_type, SyntaxError):
            self.filename = exc_value.filename
            lno = exc_value.lineno
            self.lineno = str(lno) if lno is not None else None
            end_lno = exc_value.end_lineno
            self.end_lineno = str(end_lno) if end_lno is not None else None
            self.text = exc_value.text
            self.offset = exc_value.offset
            self.end_offset = exc_value.end_offset
            self.msg = exc_value.msg
            self._is_syntax_error = True
        if lookup_lines:
            self._load_lines()
        self.__suppress_context__ = \
            exc_value.__suppress_context__ if exc_value is not None else False

        # The chain: causes, contexts and group members become TracebackExceptions too (each
        # exception once, so a cycle in the chain ends).
        def convert(e):
            return TracebackException(
                type(e), e, e.__traceback__, limit=limit, lookup_lines=lookup_lines,
                capture_locals=capture_locals, compact=compact,
                max_group_width=max_group_width, max_group_depth=max_group_depth, _seen=_seen)

        e = exc_value
        self.__cause__ = None
        self.__context__ = None
        self.exceptions = None
        if e is not None and e.__cause__ is not None and id(e.__cause__) not in _seen:
            self.__cause__ = convert(e.__cause__)
        need_context = not compact or (
            self.__cause__ is None and e is not None and not e.__suppress_context__)
        if (e is not None and e.__context__ is not None and need_context
                and id(e.__context__) not in _seen):
            self.__context__ = convert(e.__context__)
        if e is not None and isinstance(e, BaseExceptionGroup) and \
                isinstance(getattr(e, "exceptions", None), (list, tuple)):
            self.exceptions = [convert(member) for member in e.exceptions]

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        """A TracebackException of the exception `exc`."""
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    @property
    def exc_type(self):
        return self._exc_type

    @property
    def exc_type_str(self):
        if not self._have_exc_type:
            return None
        stype = self.exc_type_qualname
        smod = self.exc_type_module
        if smod not in ("__main__", "builtins"):
            if not isinstance(smod, str):
                smod = "<unknown>"
            stype = smod + "." + stype
        return stype

    def _load_lines(self):
        for frame in self.stack:
            frame.line

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self, *, show_group=False, _depth=0):
        """The type-and-message lines of the exception (with SyntaxError details and notes)."""
        indent = 3 * _depth * " "
        if not self._have_exc_type:
            yield indent + _format_final_exc_line(None, self._str)
            return
        stype = self.exc_type_str
        if not self._is_syntax_error:
            if _depth > 0:
                formatted = _format_final_exc_line(stype, self._str).split("\n")
                yield from [indent + l + "\n" for l in formatted[:-1]]
            else:
                yield _format_final_exc_line(stype, self._str)
        else:
            yield from [indent + l for l in self._format_syntax_error(stype)]
        if isinstance(self.__notes__, (list, tuple)):
            for note in self.__notes__:
                note = _safe_string(note, "note")
                yield from [indent + l + "\n" for l in note.split("\n")]
        elif self.__notes__ is not None:
            yield indent + "{}\n".format(_safe_string(self.__notes__, "__notes__", func=repr))
        if self.exceptions and show_group:
            for ex in self.exceptions:
                yield from ex.format_exception_only(show_group=show_group, _depth=_depth + 1)

    def _format_syntax_error(self, stype):
        filename_suffix = ""
        if self.lineno is not None:
            yield '  File "{}", line {}\n'.format(self.filename or "<string>", self.lineno)
        elif self.filename is not None:
            filename_suffix = f" ({self.filename})"
        text = self.text
        if text is not None:
            rtext = text.rstrip("\n")
            ltext = rtext.lstrip(" \n\f")
            spaces = len(rtext) - len(ltext)
            yield f"    {ltext}\n"
            if self.offset is not None:
                offset = self.offset
                end_offset = self.end_offset if self.end_offset not in {None, 0} else offset
                if self.text and offset > len(self.text):
                    offset = len(self.text) + 1
                if self.text and end_offset > len(self.text):
                    end_offset = len(self.text) + 1
                if offset >= end_offset or end_offset < 0:
                    end_offset = offset + 1
                colno = offset - 1 - spaces
                end_colno = end_offset - 1 - spaces
                if colno >= 0:
                    caretspace = "".join(c if c.isspace() else " " for c in ltext[:colno])
                    yield "    {}{}\n".format(caretspace, "^" * (end_colno - colno))
        msg = self.msg or "<no detail available>"
        yield f"{stype}: {msg}{filename_suffix}\n"

    def format(self, *, chain=True, _ctx=None):
        """The lines of the printed exception, its traceback and (with chain) its causes."""
        printer = _ctx if _ctx is not None else _GroupPrinter()
        # The chain, newest first; printed oldest first.
        links = []
        exc = self
        while exc is not None:
            if not chain:
                links.append((None, exc))
                break
            if exc.__cause__ is not None:
                links.append((_CAUSE_MESSAGE, exc))
                exc = exc.__cause__
            elif exc.__context__ is not None and not exc.__suppress_context__:
                links.append((_CONTEXT_MESSAGE, exc))
                exc = exc.__context__
            else:
                links.append((None, exc))
                exc = None
        # Each message is printed between an exception and the one it caused or interrupted.
        for msg, exc in reversed(links):
            if msg is not None:
                yield from printer.emit(msg)
            if exc.exceptions is None:
                if exc.stack:
                    yield from printer.emit("Traceback (most recent call last):\n")
                    yield from printer.emit(exc.stack.format())
                yield from printer.emit(exc.format_exception_only())
            elif printer.depth > exc.max_group_depth:
                yield from printer.emit(f"... (max_group_depth is {exc.max_group_depth})\n")
            else:
                yield from exc._format_group(printer, chain)

    def _format_group(self, printer, chain):
        outermost = printer.depth == 0
        if outermost:
            printer.depth = 1
        if self.stack:
            yield from printer.emit("Exception Group Traceback (most recent call last):\n",
                                    margin="+" if outermost else "|")
            yield from printer.emit(self.stack.format())
        yield from printer.emit(self.format_exception_only())
        total = len(self.exceptions)
        shown = total if total <= self.max_group_width else self.max_group_width + 1
        printer.need_close = False
        for i in range(shown):
            last = i == shown - 1
            if last:
                printer.need_close = True  # a nested group may close the frame first
            truncated = i >= self.max_group_width
            title = "..." if truncated else str(i + 1)
            corner = "+-" if i == 0 else "  "
            yield f"{printer.indent()}{corner}+---------------- {title} ----------------\n"
            printer.depth += 1
            if truncated:
                rest = total - self.max_group_width
                yield from printer.emit(f"and {rest} more exception{'s' if rest > 1 else ''}\n")
            else:
                yield from self.exceptions[i].format(chain=chain, _ctx=printer)
            if last and printer.need_close:
                yield f"{printer.indent()}+------------------------------------\n"
                printer.need_close = False
            printer.depth -= 1
        if outermost:
            printer.depth = 0

    def print(self, *, file=None, chain=True):
        """Print what format() gives to `file` (default sys.stderr)."""
        if file is None:
            file = sys.stderr
        for line in self.format(chain=chain):
            print(line, file=file, end="")


class _GroupPrinter:
    """Indentation of the lines inside exception groups: two spaces a level and a margin."""

    def __init__(self):
        self.depth = 0
        self.need_close = False

    def indent(self):
        return "  " * self.depth

    def emit(self, texts, margin="|"):
        prefix = self.indent() + (margin + " " if self.depth else "")
        if isinstance(texts, str):
            texts = [texts]
        for text in texts:
            yield "".join(prefix + line for line in text.splitlines(keepends=True))
