"""The first line of a drill file, which points editors at the JSON Schema."""

from __future__ import annotations

from pathlib import Path

from generator.load.problems import Problem

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/drill.schema.json"


def schema_comment_problems(path: Path, rel: str) -> list[Problem]:
    """A warning when a drill file lacks the first line that gives editors the JSON Schema.

    Call it only in a project that ships the schema: the line would point at nothing otherwise.
    """
    with path.open("rb") as fh:
        first = fh.readline().rstrip(b"\r\n")
    if first == SCHEMA_COMMENT.encode():
        return []
    return [
        Problem(
            rel,
            1,
            1,
            "drill file does not start with the schema line",
            f"make the first line `{SCHEMA_COMMENT}` so editors check the file as you type",
            "warning",
        )
    ]
