"""Step length and cadence: the formulas behind the tracking log and the site calculator.

step length = speed / cadence. One shared definition of the tracking-log columns, so the
calculator, the routine PDFs and the program PDFs ask for the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    hint: str


TRACKING_COLUMNS: tuple[Column, ...] = (
    Column("date", "Date", ""),
    Column("run", "Run", "type and distance"),
    Column("cadence", "Cadence", "steps/min"),
    Column("step_length", "Step length", "m or ft"),
    Column("pain", "Pain 0-10", "and where"),
    Column("notes", "Notes", "how it felt"),
)
