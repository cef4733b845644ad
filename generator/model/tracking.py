"""Step length and cadence: the formulas behind the tracking log and the site calculator.

step length = speed / cadence. One shared definition of the tracking-log columns, so the
calculator, the routine PDFs and the program PDFs ask for the same numbers.

The same formulas run in the browser (generator/assets/calculator.js); a test feeds both the
same cases and compares the numbers, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal


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

Units = Literal["metric", "imperial"]


@dataclass(frozen=True)
class UnitSystem:
    """A pace unit (per km or per mile) and the length unit a step is given in."""

    distance: str  # what a pace is "per"
    length: str  # what a step length is measured in
    lengths_per_distance: float  # 1000 m per km, 5280 ft per mile
    speed: str


UNIT_SYSTEMS: dict[str, UnitSystem] = {
    "metric": UnitSystem("km", "m", 1000.0, "km/h"),
    "imperial": UnitSystem("mile", "ft", 5280.0, "mph"),
}
METRES_PER_MILE = 1609.344
METRES_PER_FOOT = 0.3048

_PACE = re.compile(r"^\s*(\d{1,2}):([0-5]\d)(?:\.(\d+))?\s*$")


def parse_pace(text: str) -> float:
    """'5:00' -> 300.0 seconds (per km or per mile). Raises ValueError with a readable message."""
    m = _PACE.match(text)
    if not m:
        raise ValueError(f"pace '{text.strip()}' must look like 5:00 (minutes:seconds)")
    seconds = int(m.group(1)) * 60 + int(m.group(2)) + float(f"0.{m.group(3) or 0}")
    if not 60 <= seconds <= 30 * 60:
        raise ValueError(f"pace '{text.strip()}' must be between 1:00 and 30:00")
    return seconds


def format_pace(seconds: float) -> str:
    """300.4 -> '5:00': whole seconds, rounded half up."""
    total = int(seconds + 0.5)  # Math.floor(x + 0.5) in the browser
    return f"{total // 60}:{total % 60:02d}"


def speed_from_pace(pace_seconds: float) -> float:
    """Seconds per km (or mile) -> km/h (or mph)."""
    return 3600.0 / pace_seconds


def pace_from_speed(speed: float) -> float:
    """km/h (or mph) -> seconds per km (or mile)."""
    return 3600.0 / speed


def convert_pace(pace_seconds: float, from_units: Units, to_units: Units) -> float:
    """Seconds per km <-> seconds per mile."""
    if from_units == to_units:
        return pace_seconds
    km_per_mile = METRES_PER_MILE / 1000.0
    return pace_seconds * km_per_mile if from_units == "metric" else pace_seconds / km_per_mile


def step_length(pace_seconds: float, cadence: float, units: Units = "metric") -> float:
    """Length of one step (foot strike to the other foot's strike) in m, or ft for imperial.

    Distance covered per minute divided by steps per minute.
    """
    if cadence <= 0 or pace_seconds <= 0:
        raise ValueError("pace and cadence must be above zero")
    per_minute = UNIT_SYSTEMS[units].lengths_per_distance / pace_seconds * 60.0
    return per_minute / cadence


def cadence_from_count(strikes: float, seconds: float, *, one_foot: bool = True) -> float:
    """Foot strikes counted over `seconds` -> steps per minute (both feet).

    Counting one foot misses every other step, hence the factor 2.
    """
    if seconds <= 0 or strikes < 0:
        raise ValueError("count over a positive number of seconds")
    return strikes * (2 if one_foot else 1) * 60.0 / seconds


def step_time(cadence: float) -> float:
    """Seconds between two foot strikes."""
    return 60.0 / cadence


def metres_to_feet(metres: float) -> float:
    return metres / METRES_PER_FOOT


def feet_to_metres(feet: float) -> float:
    return feet * METRES_PER_FOOT


def feet_and_inches(feet: float) -> str:
    """3.86 -> '3 ft 10 in' (inches rounded half up, as the calculator shows them)."""
    inches = whole(feet * 12)
    return f"{inches // 12} ft {inches % 12} in"


def fixed(value: float, digits: int) -> str:
    """Like JavaScript's toFixed: the exact binary value, ties rounded up (not to even)."""
    quantum = Decimal(1).scaleb(-digits)
    return str(Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP))


def whole(value: float) -> int:
    """Like JavaScript's Math.round: halves go up."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class StepSummary:
    """What the calculator shows for a pace and a cadence."""

    result: str  # '1.18 m per step (3.86 ft)'
    detail: str  # speed, the pace in the other unit, time between foot strikes
    log: str  # what goes in the tracking log's step-length column: '1.18 m'


def step_summary(pace_seconds: float, cadence: float, units: Units = "metric") -> StepSummary:
    """The calculator's texts for one pace and cadence (the browser writes the same strings)."""
    other: Units = "imperial" if units == "metric" else "metric"
    length = step_length(pace_seconds, cadence, units)
    metres = length if units == "metric" else feet_to_metres(length)
    feet = metres_to_feet(metres)
    if units == "metric":
        result = f"{fixed(metres, 2)} m per step ({fixed(feet, 2)} ft)"
        log = f"{fixed(metres, 2)} m"
    else:
        result = f"{fixed(feet, 2)} ft per step ({feet_and_inches(feet)}, {fixed(metres, 2)} m)"
        log = f"{fixed(feet, 2)} ft"
    sys, alt = UNIT_SYSTEMS[units], UNIT_SYSTEMS[other]
    detail = (
        f"Speed {fixed(speed_from_pace(pace_seconds), 1)} {sys.speed}"
        f" · same pace {format_pace(convert_pace(pace_seconds, units, other))} per {alt.distance}"
        f" · {fixed(step_time(cadence), 2)} s between foot strikes"
    )
    return StepSummary(result, detail, log)


def cadence_summary(cadence: float) -> str:
    """'172 steps per minute'."""
    return f"{whole(cadence)} steps per minute"
