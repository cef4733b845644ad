"""The calendar download on program pages: generator/assets/calendar.js writes, in node and in a
real browser, exactly the bytes `drillbook program <id> --start <date>` writes."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browsercheck import chromium, run_axe, served
from icalendar import Calendar
from sitecheck import drillbook, soup

from generator.load.settings import site_url
from generator.model.program import ProgramPlan, programs
from generator.model.sessions import (
    DateError,
    Session,
    calendar_data,
    parse_start,
    sessions_data,
    sessions_from,
)
from generator.outputs.calendar import program_calendar, sessions_calendar
from generator.pipeline import load as load_project

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "generator" / "assets" / "calendar.js"
MONDAY, TUESDAY, WEDNESDAY = "2025-03-03", "2025-03-04", "2025-03-05"
# Reads the page data on stdin and writes the calendar for the start date in argv.
NODE = (
    "const c = require(process.argv[1]); let s = '';"
    "process.stdin.on('data', d => s += d).on('end', () => {"
    "  try { process.stdout.write(c.programCalendar(JSON.parse(s), process.argv[2])); }"
    "  catch (e) { process.stderr.write(e.message); process.exit(3); } });"
)
NO_EPOCH = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}


def js_calendar(data: dict[str, object], start: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["node", "-e", NODE, str(SCRIPT), start],
        input=json.dumps(data).encode("utf-8"),
        capture_output=True,
        check=False,
    )


@pytest.fixture(scope="module")
def project() -> tuple[Any, dict[str, ProgramPlan]]:
    result = load_project(REPO)
    assert result.kb is not None
    return result.kb, {p.id: p for p in programs(result.kb)}


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """DTSTAMP as a runner's command computes it: midnight UTC of the start date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("start", [MONDAY, TUESDAY, WEDNESDAY, "2025-03-09"])
@pytest.mark.parametrize("program_id", ["foundations", "in-season-maintenance", "stride-builder"])
def test_script_writes_the_python_calendar_byte_for_byte(
    project: tuple[Any, dict[str, ProgramPlan]], program_id: str, start: str
) -> None:
    kb, found = project
    url = site_url(REPO)
    assert url.startswith("https://")  # mkdocs.yml's custom tags no longer hide it
    data = calendar_data(found[program_id], kb, url)
    run = js_calendar(data, start)
    assert run.returncode == 0, run.stderr
    expected = program_calendar(found[program_id], kb, date.fromisoformat(start), site_url=url)
    assert run.stdout == expected
    events = Calendar.from_ical(run.stdout).walk("VEVENT")
    first = date.fromisoformat(start)
    if first.weekday() == 0:
        assert len(events) == found[program_id].sessions() == len(data["sessions"])  # type: ignore[arg-type]
    dates = [e.decoded("dtstart") for e in events]
    assert dates == sorted(dates)
    for e in events:  # on or after the start, on the weekday its UID names
        assert e.decoded("dtstart") >= first
        day = str(e["uid"]).removesuffix("@drillbook").rsplit("-", 1)[1]
        assert e.decoded("dtstart").strftime("%A").lower() == day


def _tricky_sessions() -> list[Session]:
    """Text that exercises escaping and folding: every special character, 2-, 3- and 4-byte
    UTF-8 and escapes at every position around the 75-octet boundary."""
    pieces = ["é", "€", "🏃", "\\", ";", ",", "\\,", "\\N", "^", "a"]
    sessions = []
    for n, piece in enumerate(pieces):
        for shift in range(6):
            text = "x" * (60 + shift) + piece * 12 + "\r\nline two\rthree\n" + piece * 40
            sessions.append(
                Session(
                    uid=f"t-{n}-{shift};uid,x@drillbook",
                    week=1 + shift,
                    weekday=(n + shift) % 7,
                    summary=("Summary " + piece) * (3 + shift),
                    minutes=shift,
                    description=text,
                )
            )
    return sessions


@pytest.mark.parametrize("start", [MONDAY, WEDNESDAY, "2024-02-29", "1999-12-31"])
def test_escaping_and_folding_match_icalendar(start: str) -> None:
    sessions = _tricky_sessions()
    name = "Drillbook: ünïcode; commas, and \\ backslashes"
    run = js_calendar(sessions_data("tricky", name, sessions), start)
    assert run.returncode == 0, run.stderr
    expected = sessions_calendar(name, sessions, date.fromisoformat(start))
    assert run.stdout == expected
    assert max(len(line) for line in expected.split(b"\r\n")) <= 75
    events = Calendar.from_ical(run.stdout).walk("VEVENT")
    kept = sessions_from(sessions, date.fromisoformat(start))
    assert [str(e["uid"]) for e in events] == [s.uid for s in kept]
    assert [str(e["description"]) for e in events][:1] == [
        kept[0].description.replace("\r\n", "\n").replace("\r", "\n")
    ]


@pytest.mark.parametrize("start", ["", "2025-3-5", "03/05/2025"])
def test_script_refuses_what_is_not_a_date(start: str) -> None:
    run = js_calendar(sessions_data("x", "X", []), start)
    assert run.returncode == 3
    assert run.stdout == b""
    assert run.stderr == f"'{start}' is not a date; pick the first day of week 1".encode()


@pytest.mark.parametrize(
    ("start", "why"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2027-02-30", "February 2027 has 28 days"),
        ("2023-04-31", "April 2023 has 30 days"),
        ("2025-13-01", "there is no month 13; months run 01-12"),
        ("0000-01-01", "years start at 0001"),
    ],
)
def test_script_says_a_date_does_not_exist(start: str, why: str) -> None:
    run = js_calendar(sessions_data("x", "X", []), start)
    assert run.returncode == 3 and run.stdout == b""
    assert run.stderr == f"'{start}' does not exist: {why}".encode()
    with pytest.raises(DateError) as info:
        parse_start(start)
    assert str(info.value) == f"--start '{start}' does not exist: {why}"


def test_page_embeds_the_sessions_and_hides_the_form_without_script(
    repo_site: Path, project: tuple[Any, dict[str, ProgramPlan]]
) -> None:
    kb, found = project
    html = soup(repo_site / "programs" / "foundations" / "index.html")
    form = html.find("form", id="db-calendar")
    assert form is not None and form.has_attr("hidden")
    label = html.find("label", attrs={"for": "db-calendar-start"})
    assert label is not None and label.get_text() == "First day of week 1"
    field = html.find("input", id="db-calendar-start")
    assert field is not None and field["type"] == "date" and not field.get("value")
    assert "drillbook program foundations --start YYYY-MM-DD" in html.get_text()
    block = html.find("script", id="db-calendar-data")
    assert block is not None and block["type"] == "application/json"
    assert json.loads(block.string) == calendar_data(found["foundations"], kb, site_url(REPO))
    assert "</" not in block.string  # tojson escapes markup
    script = html.find("script", src="../../assets/calendar.js")
    assert script is not None
    assert (repo_site / "assets" / "calendar.js").read_bytes() == SCRIPT.read_bytes()


def test_browser_download_is_the_command_line_calendar(repo_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.ics"
    run = drillbook(
        "program", "stride-builder", "--start", WEDNESDAY, "--output", str(out),
        cwd=REPO, env=NO_EPOCH,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    with served(repo_site) as base, chromium() as browser:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "programs/stride-builder/", wait_until="networkidle")
        button = page.get_by_role("button", name="Download calendar (.ics)")
        assert button.is_visible()
        page.get_by_label("First day of week 1").fill(WEDNESDAY)
        with page.expect_download() as info:
            button.click()
        download = info.value
        assert download.suggested_filename == "stride-builder.ics"
        saved = tmp_path / "browser.ics"
        download.save_as(saved)
        assert saved.read_bytes() == out.read_bytes()
        status = page.locator("#db-calendar-status").text_content()
        assert status == (
            f"Calendar ready: 42 sessions from {WEDNESDAY}. "
            "2 of week 1 fell before that day and were left out."
        )
        serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
        assert serious == []
        assert errors == []
        context.close()


def test_without_javascript_the_form_stays_hidden(repo_site: Path) -> None:
    with served(repo_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "programs/foundations/")
        assert not page.locator("#db-calendar").is_visible()
        assert page.get_by_text("drillbook program foundations --start").is_visible()
        context.close()
