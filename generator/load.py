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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

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
            return None, [
                Problem(
                    rel, 1, 1, "file is a symbolic link", "commit the file itself, not a link to it"
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(
                rel,
                1,
                1,
                f"cannot read file: {exc.strerror}",
                "check that the file exists and is readable",
            )
        ]
    if len(raw) > max_bytes:
        return None, [
            Problem(
                rel,
                1,
                1,
                f"file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit",
                "split long text or remove pasted content; a drill file is a few KB",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                rel,
                1,
                1,
                "file starts with a byte-order mark (BOM)",
                "save the file as UTF-8 without BOM",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                rel,
                line,
                col,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file with UTF-8 encoding",
            )
        ]
    problems = []
    for lineno, content in enumerate(text.splitlines(), start=1):
        col = content.find("\t")
        if col >= 0:
            problems.append(
                Problem(rel, lineno, col + 1, "tab character", "indent and separate with spaces")
            )
            break
    if problems:
        return None, problems
    return text, []


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into a `Document`, or return the problems that stop it.

    One compose pass (libyaml when present); anchors, aliases and custom tags are found on the
    node tree, so a "billion laughs" document is refused before it is ever expanded.
    """

    def at(mark: Any) -> tuple[int, int]:
        return mark.line + 1 + line_offset, mark.column + 1

    try:
        node = yaml.compose(text, Loader=_Loader)
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

    doc = Document(rel, None, line_offset=line_offset)
    if node is None:
        return doc, []
    problems: list[Problem] = []
    doc.data = _convert(node, (), doc, problems, at, set())
    return (None if problems else doc), problems


_constructor = yaml.SafeLoader("")


def _convert(
    node: Node, loc: PathKey, doc: Document, problems: list[Problem], at: Any, seen: set[int]
) -> Any:
    line, col = at(node.start_mark)
    if id(node) in seen:
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                "YAML anchors and aliases are not allowed",
                "write the value out in full",
            )
        )
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                f"YAML tag '{tag}' is not allowed",
                "remove the tag: drill files hold plain text, numbers and lists",
            )
        )
        return None
    doc.value_pos[loc] = (line, col)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            kline, kcol = at(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                key_node.tag = "tag:yaml.org,2002:str"  # reported just below as a merge key
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                problems.append(
                    Problem(
                        doc.path,
                        kline,
                        kcol,
                        "mapping keys must be plain words",
                        "write the key as a plain name, e.g. `name:`",
                    )
                )
                continue
            key = str(key_node.value)
            if key == "<<":
                problems.append(
                    Problem(
                        doc.path,
                        kline,
                        kcol,
                        "YAML merge keys are not allowed",
                        "write the fields out in full",
                    )
                )
                continue
            if key in first_seen:
                problems.append(
                    Problem(
                        doc.path,
                        kline,
                        kcol,
                        f"duplicate key '{key}' (first set on line {first_seen[key]})",
                        "keep one of the two; YAML would silently use the last",
                    )
                )
                continue
            first_seen[key] = kline
            doc.key_pos[(*loc, key)] = (kline, kcol)
            out[key] = _convert(value_node, (*loc, key), doc, problems, at, seen)
        return out
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*loc, i), doc, problems, at, seen) for i, item in enumerate(node.value)
        ]
    if node.tag == "tag:yaml.org,2002:str" or node.tag == "tag:yaml.org,2002:timestamp":
        return str(node.value)  # most values are text: skip the constructor (5,000 drills)
    return _constructor.construct_object(node, deep=True)


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
