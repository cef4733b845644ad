"""Read YAML (and Markdown front matter) into plain data that remembers where each value stood.

Drill files come from strangers, so this reader is deliberately narrow: UTF-8 only, no byte-order
mark, no tabs, no anchors or aliases, no custom tags, no duplicate keys, and a size cap. Every
refusal becomes a `Problem` with a line and column instead of an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from generator.load.problems import Problem

MAX_FILE_BYTES = 64 * 1024
PathKey = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """Parsed YAML data plus the position of every value and every mapping key."""

    path: str
    data: Any
    value_pos: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0
    strings: list[tuple[PathKey, str]] | None = None  # every text value, filled while parsing
    styles: dict[PathKey, str | None] = field(default_factory=dict)  # text values' YAML style

    def at_char(self, loc: PathKey, index: int) -> tuple[int, int]:
        """Line and column of character `index` of the text at `loc`, where the YAML style
        allows knowing it (plain and quoted one-line values); else the value's start."""
        line, col = self.where(loc)
        style = self.styles.get(tuple(loc), "|")
        value = _value_at(self.data, loc)
        if style in ("|", ">") or not isinstance(value, str) or "\n" in value[:index]:
            return line, col
        if style == '"' and "\\" in value[:index]:
            return line, col  # escapes make the source longer than the text
        return line, col + index + (1 if style else 0)

    def where(self, loc: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest ancestor that has a position."""
        table = self.key_pos if key else self.value_pos
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_pos:
                return self.value_pos[probe]
            probe = probe[:-1]
        return self.value_pos.get((), (1 + self.line_offset, 1))

    def problem(
        self, loc: PathKey, message: str, hint: str = "", *, key: bool = False, level: str = "error"
    ) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, message, hint, level)  # type: ignore[arg-type]


def read_text(
    path: Path, rel: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing oversize files, byte-order marks and bad bytes."""
    try:
        if path.is_symlink():
            hint = "commit the file itself, not a link to it"
            return None, [_at_start(rel, "file is a symbolic link", hint)]
        raw = path.read_bytes()
    except OSError as exc:
        problem = _at_start(
            rel, f"cannot read file: {exc.strerror}", "check that the file exists and is readable"
        )
        return None, [problem]
    if len(raw) > max_bytes:
        problem = _at_start(
            rel,
            f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit",
            "split long text or remove pasted content; a drill file is a few KB",
        )
        return None, [problem]
    if raw.startswith(b"\xef\xbb\xbf"):
        problem = _at_start(
            rel, "file starts with a byte-order mark (BOM)", "save the file as UTF-8 without BOM"
        )
        return None, [problem]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not valid UTF-8"
        return None, [Problem(rel, line, col, message, "save the file with UTF-8 encoding")]
    tab = _first_tab(text)
    if tab is not None:
        line, col = tab
        return None, [Problem(rel, line, col, "tab character", "indent and separate with spaces")]
    return text, []


def _at_start(rel: str, message: str, hint: str) -> Problem:
    """A problem with the file as a whole, reported at its first line."""
    return Problem(rel, 1, 1, message, hint)


def _first_tab(text: str) -> tuple[int, int] | None:
    for lineno, content in enumerate(text.splitlines(), start=1):
        col = content.find("\t")
        if col >= 0:
            return lineno, col + 1
    return None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into a `Document`, or return the problems that stop it.

    One compose pass (libyaml when present); anchors, aliases and custom tags are found on the
    node tree, so a "billion laughs" document is refused before it is ever expanded.
    """

    def at(mark: Any) -> tuple[int, int]:
        return mark.line + 1 + line_offset, mark.column + 1

    try:
        events = _events(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = at(mark) if mark else (1 + line_offset, 1)
        what = exc.problem or "invalid YAML"
        ctx = f" {exc.context}" if exc.context else ""
        return None, [
            Problem(
                rel,
                line,
                col,
                f"YAML syntax error: {what}{ctx}",
                "check indentation and quoting on this line and the one above",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        return None, [Problem(rel, 1 + line_offset, 1, f"YAML error: {exc}")]
    return _EventBuilder(rel, at, line_offset).build(events)


def _events(text: str) -> list[Any]:
    """All parse events of `text`; one C call per event (yaml.parse makes two, plus a generator)."""
    loader = _Loader(text)
    try:
        events = []
        event = loader.get_event()
        while not isinstance(event, StreamEndEvent):
            events.append(event)
            event = loader.get_event()
        return events
    finally:
        loader.dispose()


_resolver = yaml.resolver.Resolver()
_constructor = yaml.SafeLoader("")
_STR = "tag:yaml.org,2002:str"
# A plain scalar can only be a number, null, timestamp or merge key if it starts with one of
# these, and a boolean or null word is at most five letters; everything else is text and skips
# PyYAML's (slow, Python) resolver.
_MAYBE_TYPED = set("0123456789+-.~<=")


def _scalar(event: ScalarEvent) -> tuple[str, Any]:
    """(tag, value) of a scalar event, resolved the way PyYAML's SafeLoader would."""
    value = event.value
    if event.tag not in (None, "!"):
        tag = event.tag
    elif event.implicit[0] and (len(value) <= 5 or value[0] in _MAYBE_TYPED):
        tag = _resolver.resolve(ScalarNode, value, (True, False))
    else:
        return _STR, value
    if tag in (_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"):
        return tag, value
    if tag not in _PLAIN_TAGS:
        return tag, None
    return tag, _constructor.construct_object(ScalarNode(tag, value), deep=True)


class _EventBuilder:
    """Builds a `Document` straight from libyaml's event stream (no node tree, no composer).

    Refuses aliases (so a "billion laughs" file is never expanded), custom tags, merge keys,
    non-text keys, duplicate keys and more than one document, each with its position.
    """

    def __init__(self, rel: str, at: Any, line_offset: int) -> None:
        self.doc = Document(rel, None, line_offset=line_offset, strings=[])
        self.at = at
        self.problems: list[Problem] = []
        # frames: [container, loc, pending key (maps) or next index (lists), first_seen lines]
        self.stack: list[list[Any]] = []
        self.documents = 0
        self.aliased = False

    def fail(self, mark: Any, message: str, hint: str) -> None:
        line, col = self.at(mark)
        self.problems.append(Problem(self.doc.path, line, col, message, hint))

    def build(self, events: list[Any]) -> tuple[Document | None, list[Problem]]:
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:  # by far the most common: test it first
                self.scalar(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.stack.pop()
            elif isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.fail(
                        event.start_mark,
                        "more than one YAML document in the file",
                        "remove the second '---' and everything after it",
                    )
                    break
            elif isinstance(event, AliasEvent):
                if not self.aliased:  # one report per file is enough
                    self.fail(
                        event.start_mark,
                        "YAML anchors and aliases are not allowed",
                        "write the value out in full",
                    )
                self.aliased = True
                self.place(event, None)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                self.check_tag(event, "map" if isinstance(event, MappingStartEvent) else "seq")
                container: Any = {} if isinstance(event, MappingStartEvent) else []
                loc = self.place(event, container)
                if loc is not None:
                    slot = None if isinstance(container, dict) else 0
                    self.stack.append([container, loc, slot, {}])
                else:
                    self.stack.append([container, (), None, {}])
        problems = self.problems
        return (None if problems else self.doc), problems

    def check_tag(self, event: Any, kind: str) -> None:
        if event.tag not in (None, "!", f"tag:yaml.org,2002:{kind}"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(
                event.start_mark,
                f"YAML tag '{tag}' is not allowed",
                "remove the tag: drill files hold plain text, numbers and lists",
            )

    def scalar(self, event: ScalarEvent) -> None:
        value = event.value
        if event.tag is None and (
            not event.implicit[0] or (len(value) > 5 and value[0] not in _MAYBE_TYPED)
        ):
            tag = _STR  # plain text, the common case: no resolver, no constructor
        else:
            tag, value = _scalar(event)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
            self.key(event, tag)
            return
        if tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(
                event.start_mark,
                f"YAML tag '{shown}' is not allowed",
                "remove the tag: drill files hold plain text, numbers and lists",
            )
            value = None
        self.place(event, value)

    def key(self, event: ScalarEvent, tag: str) -> None:
        frame = self.stack[-1]
        line, col = self.at(event.start_mark)
        if tag == "tag:yaml.org,2002:merge":
            self.fail(
                event.start_mark, "YAML merge keys are not allowed", "write the fields out in full"
            )
            frame[2] = _SKIP
        elif tag != _STR:
            self.fail(
                event.start_mark,
                "mapping keys must be plain words",
                "write the key as a plain name, e.g. `name:`",
            )
            frame[2] = _SKIP
        elif event.value in frame[3]:
            self.fail(
                event.start_mark,
                f"duplicate key '{event.value}' (first set on line {frame[3][event.value]})",
                "keep one of the two; YAML would silently use the last",
            )
            frame[2] = _SKIP
        else:
            frame[3][event.value] = line
            frame[2] = event.value
            self.doc.key_pos[(*frame[1], event.value)] = (line, col)

    def place(self, event: Any, value: Any) -> tuple[str | int, ...] | None:
        """Store `value` in the open container; returns its location (None when skipped)."""
        mark = event.start_mark
        pos = (mark.line + 1 + self.doc.line_offset, mark.column + 1)
        if not self.stack:
            self.doc.data = value
            self.doc.value_pos[()] = pos
            if isinstance(value, str):
                self.doc.strings.append(((), value))  # type: ignore[union-attr]
            return ()
        frame = self.stack[-1]
        container, loc, slot = frame[0], frame[1], frame[2]
        if isinstance(container, list):
            frame[2] = slot + 1
            container.append(value)
            here = (*loc, slot)
        else:
            frame[2] = None
            if slot is _SKIP:
                return None
            if slot is None:  # a non-scalar used as a key
                self.fail(
                    event.start_mark,
                    "mapping keys must be plain words",
                    "write the key as a plain name, e.g. `name:`",
                )
                frame[2] = _SKIP
                return None
            container[slot] = value
            here = (*loc, slot)
        self.doc.value_pos[here] = pos
        if isinstance(value, str):
            self.doc.strings.append((here, value))  # type: ignore[union-attr]
            self.doc.styles[here] = getattr(event, "style", "|")
        return here


_SKIP = object()


def _value_at(data: Any, loc: PathKey) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split `---\\nyaml\\n---\\nbody`; returns (yaml, body, body_start_line) or None."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None


def load_yaml_file(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse a YAML data file."""
    rel = path.relative_to(root).as_posix()
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return parse_yaml(text, rel)


def load_front_matter_file(
    path: Path, root: Path
) -> tuple[Document | None, str, int, list[Problem]]:
    """Read a Markdown file with YAML front matter: (front matter, body, body's first line)."""
    rel = path.relative_to(root).as_posix()
    text, problems = read_text(path, rel, max_bytes=256 * 1024)
    if text is None:
        return None, "", 1, problems
    parts = split_front_matter(text)
    if parts is None:
        return (
            None,
            "",
            1,
            [
                Problem(
                    rel,
                    1,
                    1,
                    "missing YAML front matter",
                    "start the file with a '---' line, the fields, and another '---'",
                )
            ],
        )
    front, body, body_line = parts
    doc, problems = parse_yaml(front, rel, line_offset=1)
    return doc, body, body_line, problems
