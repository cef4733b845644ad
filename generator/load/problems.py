"""The one shape every finding takes: a file, a line, a column, a message and a fix."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, pinned to a line and column (both 1-based)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    level: Level = "error"

    def format(self) -> str:
        """Render as `path:line:col: message`, with the fix on the next line."""
        prefix = "warning: " if self.level == "warning" else ""
        text = f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for the closest choice, or an empty string."""
    match = closest(value, choices)
    return f" (did you mean '{match}'?)" if match else ""


def closest(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like `value`, if any is close enough."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def fails(problems: Sequence[Problem], strict: bool = False) -> bool:
    """True when the problems should stop a build: any error, or any warning under --strict."""
    return any(p.level == "error" or strict for p in problems)


def format_all(problems: Sequence[Problem]) -> str:
    """All problems sorted by file and line, then a count line."""
    ordered = sorted(problems)
    n_err = len(errors(ordered))
    n_warn = len(ordered) - n_err
    lines = [p.format() for p in ordered]
    if len(ordered) > SUMMARY_FROM:
        lines += summary_lines(ordered)
    lines.append(f"{n_err} error(s), {n_warn} warning(s)")
    return "\n".join(lines)


SUMMARY_FROM = 10  # from this many problems on, a line per kind follows the list


def summary_lines(problems: Sequence[Problem]) -> list[str]:
    """One line per kind of problem ('...' stands for the quoted names), most frequent first."""
    kinds: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for p in problems:
        kind = re.sub(r"'[^']*'", "'...'", p.message)
        counts[kind] = counts.get(kind, 0) + 1
        kinds.setdefault(kind, set()).add(p.path)
    ordered = sorted(counts, key=lambda k: (-counts[k], k))
    return [f"  {counts[k]} x {k} (in {len(kinds[k])} file(s))" for k in ordered]
