"""A program as an iCalendar file (RFC 5545): one event per session, on its date.

Deterministic for the same input: every UID comes from the program, week and day, and DTSTAMP
from SOURCE_DATE_EPOCH (or the start date), never from the clock. The sessions come from
`generator.model.sessions`; this is the only module that imports icalendar.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event, vText

from generator.model.knowledge import KnowledgeBase
from generator.model.program import ProgramPlan
from generator.model.sessions import (
    CATEGORY,
    PRODID,
    Session,
    calendar_name,
    program_sessions,
    sessions_from,
)


def dtstamp(start: date) -> datetime:
    """The creation stamp: SOURCE_DATE_EPOCH when set, else midnight UTC of the start date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(start, time(0, 0), UTC)


def program_calendar(
    program: ProgramPlan,
    kb: KnowledgeBase,
    start: date,
    *,
    at: time | None = None,
    site_url: str = "",
) -> bytes:
    """Every session of the program as an RFC 5545 calendar.

    Without `at`, sessions are all-day events (free time, not busy); with it, they start at
    that local time and last the session's minutes.
    """
    sessions = program_sessions(program, kb, site_url)
    return sessions_calendar(calendar_name(program), sessions, start, at=at)


def sessions_calendar(
    name: str, sessions: list[Session], start: date, *, at: time | None = None
) -> bytes:
    """The calendar of the sessions on or after `start`, in date order (see sessions_from)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))
    stamp = dtstamp(start)
    for session in sessions_from(sessions, start):
        when = session.on(start)
        event = Event()
        event.add("uid", session.uid)
        event.add("dtstamp", stamp)
        if at is None:
            event.add("dtstart", when)
            event.add("dtend", when + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            event.add("dtstart", datetime.combine(when, at))
            event.add("duration", timedelta(minutes=max(session.minutes, 1)))
        event.add("summary", session.summary)
        event.add("description", session.description)
        event.add("categories", [CATEGORY])
        cal.add_component(event)
    return cal.to_ical()
