"""A program's sessions, each relative to whatever date the runner starts on.

`program_sessions` is the one place the sessions are computed: the calendar output writes them
with icalendar, and each program page embeds them (`calendar_data`) for
generator/assets/calendar.js, which writes the same bytes in the browser.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta

from generator.model.knowledge import KnowledgeBase
from generator.model.program import MEASURES, ProgramPlan, WeekPlan
from generator.model.routine import DAYS, SPEED_TEXT, PlanDay
from generator.model.site import absolute_url

PRODID = "-//Drillbook//Drillbook programs//EN"
CATEGORY = "Drillbook"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class DateError(ValueError):
    """A --start or --time value the runner has to correct."""


def missing_date(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a day of the calendar ('February 2027 has 28 days'), or None."""
    if year < 1:
        return "years start at 0001"
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}; months run 01-12"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year:04d} has {last} days"
    return None


def parse_start(text: str) -> date:
    """'2025-03-03' -> date; anything else -> DateError with a readable message."""
    value = text.strip()
    if not _DATE.match(value):
        raise DateError(f"--start '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-03")
    year, month, day = (int(part) for part in value.split("-"))
    why = missing_date(year, month, day)
    if why is not None:
        raise DateError(f"--start '{value}' does not exist: {why}")
    return date(year, month, day)


def parse_time(text: str) -> time:
    """'07:30' -> time; anything else -> DateError."""
    try:
        hours, minutes = text.strip().split(":")
        if len(hours) not in (1, 2) or len(minutes) != 2:
            raise ValueError
        return time(int(hours), int(minutes))
    except ValueError:
        raise DateError(
            f"--time '{text}' is not a time of day; write it as HH:MM, e.g. 07:30"
        ) from None


@dataclass(frozen=True)
class Session:
    """One session of a program, relative to whatever date the runner starts on."""

    uid: str
    week: int  # 1-based
    weekday: int  # 0 = Monday, as date.weekday()
    summary: str
    minutes: int
    description: str

    def offset(self, start: date) -> int:
        """Days from `start`: weeks run Monday to Sunday, week 1 being the week of `start`.

        Negative for a week-1 session on a weekday before the start (it is not written).
        """
        return 7 * (self.week - 1) + self.weekday - start.weekday()

    def on(self, start: date) -> date:
        """The session's date when week 1 is the Monday-to-Sunday week of `start`."""
        return start + timedelta(days=self.offset(start))


def sessions_from(sessions: list[Session], start: date) -> list[Session]:
    """The sessions on or after `start`, in date order (the rule calendar.js follows too).

    Every session keeps its weekday; week 1 is the week (Monday to Sunday) of `start`, so a
    runner who starts on a Wednesday skips week 1's Monday and Tuesday sessions.
    """
    kept = [s for s in sessions if s.offset(start) >= 0]
    return sorted(kept, key=lambda s: s.offset(start))


def session_title(program: ProgramPlan, week: WeekPlan, day: PlanDay, kb: KnowledgeBase) -> str:
    """'Stride builder wk 1/8: Easy run, 13 min drills'; '+ check' on the milestone day."""
    run = kb.vocab.label("run_types", day.run)
    check = " + check" if day.key == week.milestone.day else ""
    where = f"{program.title} wk {week.number}/{len(program.weeks)}"
    return f"{where}: {run}, {day.minutes} min drills{check}"


def session_text(
    program: ProgramPlan, week: WeekPlan, day: PlanDay, kb: KnowledgeBase, site_url: str
) -> str:
    """The event description: the focus, each block with its drills and dosage, the check."""
    label = kb.vocab.label
    lines = [f"Week {week.number} of {len(program.weeks)}: {week.focus}"]
    if day.note:
        lines.append(day.note)
    for block in day.blocks:
        how = f", {SPEED_TEXT[day.speed]}" if block.kind == "pre-run" else ""
        lines += ["", f"{label('blocks', block.kind)} ({block.minutes} min{how}):"]
        lines += [f"- {item.drill.name}: {item.dosage.text()}" for item in block.items]
    if day.key == week.milestone.day:
        lines += ["", f"Milestone check: {week.milestone.how}"]
        lines += [f"- {MEASURES[c.measure][0]}: {c.progress}" for c in week.milestone.checks]
    if site_url:
        lines += ["", absolute_url(site_url, f"programs/{program.id}/#week-{week.number}")]
    return "\n".join(lines)


def calendar_name(program: ProgramPlan) -> str:
    return f"Drillbook: {program.title}"


def program_sessions(program: ProgramPlan, kb: KnowledgeBase, site_url: str = "") -> list[Session]:
    """Every session of the program in calendar order (week by week, Monday first)."""
    return [
        Session(
            uid=f"{program.id}-week-{week.number}-{day.key}@drillbook",
            week=week.number,
            weekday=DAYS.index(day.key),
            summary=session_title(program, week, day, kb),
            minutes=day.minutes,
            description=session_text(program, week, day, kb, site_url),
        )
        for week in program.weeks
        for day in week.sessions()
    ]


def calendar_data(program: ProgramPlan, kb: KnowledgeBase, site_url: str = "") -> dict[str, object]:
    """What calendar.js needs to write the program's all-day calendar (embedded in its page)."""
    sessions = program_sessions(program, kb, site_url)
    return sessions_data(program.id, calendar_name(program), sessions)


def sessions_data(file_stem: str, name: str, sessions: list[Session]) -> dict[str, object]:
    """The JSON calendar.js reads: names, and every session relative to the start."""
    return {
        "program": file_stem,
        "prodid": PRODID,
        "calname": name,
        "category": CATEGORY,
        "sessions": [asdict(s) for s in sessions],
    }
