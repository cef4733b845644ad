"""Placeholders left by `drillbook new`: each is reported once, as the field still to fill in.

A scaffolded drill file holds `TODO: ...` wherever the contributor must write something. Those
values would also trip the type, length and vocabulary checks; the contributor only needs to
hear "fill this in", so other problems at a placeholder's position are replaced by one message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.documents import Document, PathKey
from generator.load.problems import Problem

PLACEHOLDER = "TODO"


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


def _placeholders(data: Any, loc: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    if is_placeholder(data):
        yield loc, str(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _placeholders(value, (*loc, i))


def _name(loc: PathKey) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def placeholder_problems(doc: Document, found: list[Problem]) -> list[Problem]:
    """`found` with every problem at a placeholder replaced by 'still a placeholder'."""
    marks: list[Problem] = []
    texts = doc.strings if doc.strings is not None else list(_placeholders(doc.data))
    for loc, text in texts:
        if PLACEHOLDER not in text or not is_placeholder(text):
            continue
        what = text.strip()[len(PLACEHOLDER) :].lstrip(":").strip()
        marks.append(
            doc.problem(
                loc,
                f"'{_name(loc)}' is still the placeholder from `drillbook new`",
                f"replace it with {what}" if what else "replace it with the real value",
            )
        )
    if not marks:
        return found
    taken = {(p.line, p.col) for p in marks}
    return [p for p in found if (p.line, p.col) not in taken] + marks
