"""Safe YAML reading with a position for every node.

Scenario files are composed with ``yaml.SafeLoader`` and turned into plain data
here, node by node, so that:

- only plain tags are accepted (text, numbers, booleans, null, lists, mappings);
  Python tags and custom tags are refused with the tag's position;
- alias bombs are refused: at most :data:`MAX_NODES` nodes after expanding aliases and
  merge keys (``<<: *base``), counted as they are expanded, so the work is bounded
  before anything is built;
- numbers too long to be a number in a scenario (over :data:`MAX_DIGITS` digits) are
  reported at their position, and the rest of the file is still read;
- files over :data:`MAX_BYTES` are refused before parsing;
- duplicate keys are reported (PyYAML silently keeps the last one);
- every node's position is kept in an index ``path -> Marks`` where ``path`` is a
  tuple of keys and list indices, e.g. ``("members", 0, "responses", 3, "say")``.

All positions are 1-based (line, col).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_DIGITS = 30  # far beyond any number a scenario holds (turn_limit 500, weight 100)

Path_ = tuple[str | int, ...]

_TAG_PREFIX = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_TAG_PREFIX}{t}" for t in ("str", "int", "float", "bool", "null")}
_SEQ = f"{_TAG_PREFIX}seq"
_MAP = f"{_TAG_PREFIX}map"
_MERGE = f"{_TAG_PREFIX}merge"
_TIMESTAMP = f"{_TAG_PREFIX}timestamp"
_NUMBER_TAGS = (f"{_TAG_PREFIX}int", f"{_TAG_PREFIX}float")
_DIGIT = re.compile(r"\d")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Pos:
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Marks:
    """Where a node is: its key (for mapping values) and its value."""

    value: Pos
    key: Pos | None = None


@dataclass(slots=True)
class YamlDoc:
    """A parsed file: plain data, the position index and the raw bytes."""

    path: Path
    data: Any
    index: dict[Path_, Marks]
    raw: bytes
    problems: list[tuple[Pos, str]] = field(default_factory=list)  # non-fatal (duplicate keys)
    plain: dict[Path_, str] = field(default_factory=dict)  # unquoted scalars as written
    skipped: set[Path_] = field(default_factory=set)  # values reported in `problems`, left None

    def pos(self, path: Path_, *, key: bool = False) -> Pos:
        """The position of ``path``, or of its nearest known ancestor."""
        for end in range(len(path), -1, -1):
            marks = self.index.get(path[:end])
            if marks is not None:
                if key and end == len(path) and marks.key is not None:
                    return marks.key
                return marks.value
        return Pos(1, 1)

    def known(self, path: Path_) -> bool:
        return path in self.index


class YamlProblem(Exception):
    """The file cannot be read as YAML at all (one problem, with its position)."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def _pos(mark: Any) -> Pos:
    if mark is None:
        return Pos(1, 1)
    return Pos(mark.line + 1, mark.column + 1)


def _byte_pos(raw: bytes, offset: int) -> Pos:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return Pos(line, col)


def _text_pos(text: str, offset: int) -> Pos:
    before = text[:offset]
    return Pos(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def read_bytes(path: Path) -> bytes:
    """At most MAX_BYTES + 1 bytes of the file (OSError passes through)."""
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def decode(raw: bytes) -> str:
    """Bytes -> text, refusing oversized, binary and non-UTF-8 files with a position."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            Pos(1, 1),
            f"file is too large (over {MAX_BYTES // 1_000_000} MB): scenario files must be "
            "smaller; move shared responses into include files",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(Pos(1, 1), "file is saved as UTF-16: save it as UTF-8 text")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise YamlProblem(
            _byte_pos(raw, nul),
            "this looks like a binary file, not YAML text (it contains a NUL byte)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise YamlProblem(
            _byte_pos(raw, err.start),
            f"not UTF-8 text (byte 0x{raw[err.start]:02x}): save the file as UTF-8",
        ) from None
    control = _CONTROL.search(text)
    if control is not None:
        raise YamlProblem(
            _text_pos(text, control.start()),
            f"control character U+{ord(control.group()):04X} is not allowed in a scenario "
            "file (is this a binary file?)",
        )
    return text


def _friendly(problem: str, context: str | None) -> str:
    p = problem or ""
    if "'\\t'" in p or "\\t" in p:
        return "tab character: YAML indents with spaces, not tabs (replace the tab with spaces)"
    if p.startswith("mapping values are not allowed"):
        return (
            "unexpected ':' here: put text that contains ': ' in quotes, or check the "
            "indentation of this line"
        )
    if p.startswith("could not find expected ':'"):
        return "expected 'key: value' here: is a ':' missing, or is the line indented wrongly?"
    if p.startswith("expected <block end>"):
        return (
            "this line is indented differently from the lines around it "
            "(or a list item '-' is mixed with 'key: value' lines at the same level)"
        )
    if p.startswith("found undefined alias"):
        return p.replace("found undefined alias", "unknown alias (no matching &anchor)")
    if p.startswith("found unexpected end of stream"):
        return "the file ends inside quotes: a closing quote is missing"
    if p.startswith("expected a single document") or "single document" in (context or ""):
        return "only one YAML document per file: remove the second '---'"
    if "while scanning a quoted scalar" in (context or ""):
        return f"{p} (a closing quote may be missing)"
    if "found character '@'" in p or "found character '`'" in p:
        return f"{p}: put text starting with @ or ` in quotes"
    return f"{p} ({context})" if context else p


_OPENED = {
    "while parsing a flow sequence": ("[", "]"),
    "while parsing a flow mapping": ("{", "}"),
}


def _unclosed(err: yaml.MarkedYAMLError) -> str | None:
    """For a bracket left open: where it was opened (the parser notices it only later)."""
    brackets = _OPENED.get(err.context or "")
    if brackets is None or err.context_mark is None:
        return None
    opened = _pos(err.context_mark)
    return (
        f"the '{brackets[0]}' opened at line {opened.line}, column {opened.col} is not closed "
        f"(noticed here): add the missing '{brackets[1]}', or a ',' between two items"
    )


def _open_quote(text: str, last_line: int) -> Pos | None:
    """The first line up to ``last_line`` whose double quotes do not close (comments skipped)."""
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        if line.lstrip().startswith("#"):
            continue
        inside = False
        opened = 0
        for i, char in enumerate(line):
            if char == '"' and (i == 0 or line[i - 1] != "\\"):
                inside = not inside
                opened = i
            elif char == "#" and not inside and (i == 0 or line[i - 1] in " \t"):
                break
        if inside:
            return Pos(number, opened + 1)
    return None


def _display_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


class _Builder:
    def __init__(self) -> None:
        self.index: dict[Path_, Marks] = {}
        self.problems: list[tuple[Pos, str]] = []
        self.count = 0
        self.constructor = SafeConstructor()
        self.plain: dict[Path_, str] = {}
        self.stack: set[int] = set()  # nodes being built (a recursive alias meets one again)
        self.skipped: set[Path_] = set()  # values already reported and left out (None)

    def tick(self, node: Node, values: int = 1) -> None:
        """Count ``values`` more values built or merged; refuse a file that expands too far."""
        self.count += values
        if self.count > MAX_NODES:
            raise YamlProblem(
                _pos(node.start_mark),
                f"too many values after expanding aliases and merges (over {MAX_NODES:,}): "
                "this looks like an alias bomb; write the content out instead of nesting "
                "aliases or '<<' merges",
            )

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        self.tick(node)
        if depth > MAX_DEPTH:
            raise YamlProblem(_pos(node.start_mark), f"nested too deeply (over {MAX_DEPTH} levels)")
        if isinstance(node, ScalarNode):
            if not node.style:  # plain scalars: keep the text as written (007, yes, ~)
                self.plain[path] = node.value
            return self.scalar(node, path)
        if id(node) in self.stack:
            raise YamlProblem(
                _pos(node.start_mark),
                "a recursive alias: an alias refers to the list or mapping that contains it",
            )
        self.stack.add(id(node))
        try:
            return self.collection(node, path, depth)
        finally:
            self.stack.discard(id(node))

    def collection(self, node: Node, path: Path_, depth: int) -> Any:
        if isinstance(node, SequenceNode):
            self.check_tag(node, _SEQ)
            items = []
            for i, child in enumerate(node.value):
                self.index.setdefault((*path, i), Marks(_pos(child.start_mark)))
                items.append(self.build(child, (*path, i), depth + 1))
            return items
        if isinstance(node, MappingNode):
            self.check_tag(node, _MAP)
            return self.mapping(node, path, depth)
        raise YamlProblem(_pos(node.start_mark), "unexpected YAML node")  # pragma: no cover

    def check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            raise YamlProblem(
                _pos(node.start_mark),
                f"YAML tag '{_display_tag(node.tag)}' is not allowed: scenario files hold "
                "plain text, numbers, lists and mappings only",
            )

    def scalar(self, node: ScalarNode, path: Path_) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value  # a date-like value stays text
        if node.tag not in _PLAIN_TAGS:
            self.check_tag(node, "")
        digits = len(_DIGIT.findall(node.value)) if node.tag in _NUMBER_TAGS else 0
        if digits > MAX_DIGITS:
            # Python refuses ints of over 4,300 digits with a ValueError; no scenario
            # number is near this long, so say so here and read on.
            self.problems.append(
                (
                    _pos(node.start_mark),
                    f"this number is {digits:,} digits long: numbers in a scenario are short "
                    "(e.g. turn_limit: 40, weight: 2, '>= 0.5')",
                )
            )
            self.skipped.add(path)
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as err:  # e.g. a bad !!int value
            raise YamlProblem(_pos(node.start_mark), f"bad value: {err}") from None

    def mapping(self, node: MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Pos] = {}
        for key_node, value_node in self._pairs(node, path, depth):
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(
                    _pos(key_node.start_mark), "a key must be plain text, not a list or mapping"
                )
            if key_node.tag not in _PLAIN_TAGS and key_node.tag != _TIMESTAMP:
                self.check_tag(key_node, "")
            key = str(key_node.value)
            key_pos = _pos(key_node.start_mark)
            if key in first_seen:
                first = first_seen[key]
                self.problems.append(
                    (
                        key_pos,
                        f"duplicate key '{key}' (first at line {first.line}); "
                        "the second one would silently replace the first",
                    )
                )
                continue
            first_seen[key] = key_pos
            child = (*path, key)
            self.index[child] = Marks(value=_pos(value_node.start_mark), key=key_pos)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _pairs(self, node: MappingNode, path: Path_, depth: int) -> list[tuple[Node, Node]]:
        """Key/value node pairs with YAML merge keys (``<<: *base``) expanded."""
        pairs: list[tuple[Node, Node]] = []
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, MappingNode):
                        raise YamlProblem(
                            _pos(source.start_mark), "'<<' must merge a mapping (or a list of them)"
                        )
                    if depth > MAX_DEPTH:
                        raise YamlProblem(
                            _pos(source.start_mark),
                            f"merges ('<<') nested too deeply (over {MAX_DEPTH} levels)",
                        )
                    self.tick(source, len(source.value))
                    expanded = self._pairs(source, path, depth + 1)
                    self.tick(source, len(expanded))  # before the copy, not after the damage
                    merged.extend(expanded)
            else:
                pairs.append((key_node, value_node))
        own = {k.value for k, _ in pairs if isinstance(k, ScalarNode)}
        return [(k, v) for k, v in merged if k.value not in own] + pairs


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> Node | None:
    """Compose with libyaml when available (fast); on any problem, again with the pure
    Python loader, whose messages and positions the trainer sees."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_text(text: str, path: Path, raw: bytes = b"") -> YamlDoc:
    """Compose and build ``text``; raises YamlProblem for anything that is not plain YAML."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        pos = _pos(mark)
        quote = None
        if (err.problem or "").startswith(("expected <block end>", "could not find expected")):
            quote = _open_quote(text, pos.line)
        if quote is not None:
            raise YamlProblem(quote, 'a closing quote (") is missing on this line') from None
        opened = _unclosed(err)
        if opened is not None:
            raise YamlProblem(pos, opened) from None
        raise YamlProblem(pos, _friendly(err.problem or "", err.context)) from None
    except yaml.YAMLError as err:
        raise YamlProblem(Pos(1, 1), f"not valid YAML: {err}") from None
    except RecursionError:
        raise YamlProblem(Pos(1, 1), f"nested too deeply (over {MAX_DEPTH} levels)") from None
    builder = _Builder()
    if node is None:
        return YamlDoc(path=path, data=None, index={(): Marks(Pos(1, 1))}, raw=raw)
    builder.index[()] = Marks(_pos(node.start_mark))
    try:
        data = builder.build(node, (), 0)
    except RecursionError:
        raise YamlProblem(Pos(1, 1), f"nested too deeply (over {MAX_DEPTH} levels)") from None
    return YamlDoc(
        path=path,
        data=data,
        index=builder.index,
        raw=raw,
        problems=builder.problems,
        plain=builder.plain,
        skipped=builder.skipped,
    )


def parse_file(path: Path) -> YamlDoc:
    """Read and parse a file (OSError passes through; YamlProblem for bad content)."""
    raw = read_bytes(path)
    text = decode(raw)
    return parse_text(text, path, raw)
