"""Program files: validation with exact positions, the progression rules, pages, PDF, calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from sitecheck import ENV, content, drillbook

from generator.model.program import ProgramPlan
from generator.model.tracking import TRACKING_COLUMNS
from generator.outputs.calendar import program_calendar
from generator.pipeline import load as load_project

REPO = Path(__file__).resolve().parent.parent
Write = Callable[[str, str], Path]


def week(runs: dict[str, list[str]]) -> str:
    """A routine file over the mini drills: each named day an easy run with a pre-run block."""
    lines = ["title: Mini base", "summary: A small week for the tests.", "level: 2", "days:"]
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        if day in runs:
            lines += [f"  {day}:", "    run: easy", "    blocks:", f"      pre-run: {runs[day]}"]
        else:
            lines += [f"  {day}:", "    run: rest"]
    return "\n".join(lines).replace("'", "") + "\n"


BASE = week({"tuesday": ["hip-circle", "knee-rock"], "saturday": ["hip-circle"]})
BUILD = week({"tuesday": ["hip-circle", "knee-rock"], "saturday": ["hip-circle", "cadence-lunge"]})

# Line numbers matter below.
PROGRAM = """\
title: Mini plan
summary: Two weeks over the mini drills, for the tests.
level: 2
weeks:
  - week: 1
    focus: The warm-up block before both runs.
    routine: mini-base
    milestone:
      day: tuesday
      how: Count one foot for 30 seconds in the middle of the run.
      checks:
        - measure: cadence
          progress: Your baseline; write it down.
  - week: 2
    focus: Add the cadence lunge before Saturday's run.
    routine: mini-build
    changes:
      - kind: new-drill
        text: The cadence lunge joins Saturday's warm-up.
        drills: [cadence-lunge]
    milestone:
      day: saturday
      how: Count again on Saturday, same route and effort.
      checks:
        - measure: step-length
          progress: The same or a little longer than week 1.
        - measure: pain
          progress: Nothing above 2.
"""
F = "content/programs/mini-plan.yaml"


@pytest.fixture
def plan_project(mini: Path, write: Write) -> Path:
    for page in ("scheduling", "tracking-progress"):  # the routine pages link to them
        write(f"content/guide/{page}.md", f"# {page}\n\nA stub for the tests.\n")
    write("content/routines/mini-base.yaml", BASE)
    write("content/routines/mini-build.yaml", BUILD)
    write(F, PROGRAM)
    return mini


def first_lines(root: Path) -> list[str]:
    return [p.format().splitlines()[0] for p in load_project(root).problems]


def test_good_program_loads_and_every_week_resolves(plan_project: Path) -> None:
    result = load_project(plan_project)
    assert result.problems == []
    assert result.kb is not None
    p: ProgramPlan = result.kb.extra["programs"]["mini-plan"]
    assert [w.plan.id for w in p.weeks] == ["mini-base", "mini-build"]
    assert [w.routine_id for w in p.weeks] == ["mini-base", "mini-build"]
    assert p.weeks[0].new_drills == ("hip-circle", "knee-rock")
    assert p.weeks[1].new_drills == ("cadence-lunge",)
    assert [d.key for d in p.weeks[1].sessions()] == ["tuesday", "saturday"]
    assert p.sessions() == 4


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "routine: mini-build",
            "routine: mini-buld",
            f"{F}:16:14: unknown routine 'mini-buld' (did you mean 'mini-build'?)",
        ),
        (
            "drills: [cadence-lunge]",
            "drills: [cadence-lunj]",
            f"{F}:20:18: unknown drill 'cadence-lunj' (did you mean 'cadence-lunge'?)",
        ),
        (
            "kind: new-drill",
            "kind: new-drills",
            f"{F}:18:15: unknown change kind 'new-drills' (did you mean 'new-drill'?)",
        ),
        (
            "measure: step-length",
            "measure: step-lenght",
            f"{F}:25:20: unknown measure 'step-lenght' (did you mean 'step-length'?)",
        ),
        (
            "day: saturday",
            "day: saturdya",
            f"{F}:22:12: unknown day 'saturdya' (did you mean 'saturday'?)",
        ),
        ("  - week: 2", "  - week: 1", f"{F}:14:11: week 1 appears 2 times"),
        ("  - week: 2", "  - week: 3", f"{F}:4:1: week 2 is missing (weeks listed: 1, 3)"),
        (
            "    focus: The warm-up",
            "    focus: The <b>warm-up</b>",
            f"{F}:6:16: 'weeks[1].focus' contains HTML markup",
        ),
        ("    focus: Add the", "    focuss: Add the", f"{F}:15:5: unknown key 'focuss'"),
    ],
)
def test_errors_name_file_line_and_column(
    plan_project: Path, write: Write, old: str, new: str, expected: str
) -> None:
    write(F, PROGRAM.replace(old, new, 1))
    found = first_lines(plan_project)
    assert any(line.startswith(expected) for line in found), found
    result = load_project(plan_project)
    assert not result.ok
    assert "mini-plan" not in result.kb.extra["programs"]  # type: ignore[union-attr]


def test_drill_added_before_its_regression_is_a_warning(plan_project: Path, write: Write) -> None:
    # knee-rock is cadence-lunge's regression: take it out of week 1.
    write("content/routines/mini-base.yaml", week({"tuesday": ["hip-circle"]}))
    write("content/routines/mini-build.yaml", week({"saturday": ["hip-circle", "cadence-lunge"]}))
    assert first_lines(plan_project) == [
        f"{F}:20:18: warning: week 2 adds 'cadence-lunge' before any of its regressions (knee-rock)"
    ]
    assert load_project(plan_project).problems[0].hint == (
        "introduce 'knee-rock' in an earlier week first"
    )


def test_new_drill_already_there_and_lighter_week_not_lighter(
    plan_project: Path, write: Write
) -> None:
    text = PROGRAM.replace("drills: [cadence-lunge]", "drills: [knee-rock]").replace(
        "    routine: mini-build\n", "    routine: mini-build\n    lighter: true\n"
    )
    write(F, text)
    assert first_lines(plan_project) == [
        f"{F}:17:14: warning: week 2 is marked lighter but has about 7 min of drills, week 1 5 min",
        f"{F}:21:18: warning: week 2 lists 'knee-rock' as new, but an earlier week has it",
    ]


def test_milestone_on_a_day_without_a_run(plan_project: Path, write: Write) -> None:
    write(F, PROGRAM.replace("day: tuesday", "day: monday"))
    assert first_lines(plan_project) == [
        f"{F}:9:12: warning: week 1 measures on Monday, which has no run"
    ]


def test_inline_routine_is_checked_in_place(plan_project: Path, write: Write) -> None:
    inline = "    routine:\n" + "".join(
        f"      {line}\n" for line in BASE.replace("knee-rock", "knee-rok").splitlines()
    )
    write(F, PROGRAM.replace("    routine: mini-base\n", inline, 1))
    assert first_lines(plan_project) == [
        f"{F}:17:35: unknown drill 'knee-rok' (did you mean 'knee-rock'?)"
    ]
    write(F, PROGRAM.replace("    routine: mini-base\n", inline.replace("knee-rok", "knee-rock")))
    result = load_project(plan_project)
    assert result.problems == []
    p = result.kb.extra["programs"]["mini-plan"]  # type: ignore[union-attr]
    assert p.weeks[0].routine_id is None
    assert p.weeks[0].plan.title == "Mini base"


# -- The real templates ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> dict[str, ProgramPlan]:
    result = load_project(REPO)
    assert result.kb is not None
    mine = [p for p in result.problems if p.path.startswith("content/programs/")]
    assert mine == []
    return result.kb.extra["programs"]


def test_the_three_templates(real: dict[str, ProgramPlan]) -> None:
    assert {"foundations", "stride-builder", "in-season-maintenance"} <= set(real)
    foundations, stride, season = (
        real["foundations"],
        real["stride-builder"],
        real["in-season-maintenance"],
    )
    assert len(foundations.weeks) == 4
    assert {"leg-swing-front-to-back", "ankle-circles", "controlled-deep-squat"} <= set(
        foundations.weeks[0].plan.drill_ids()
    )
    last = set(foundations.weeks[-1].plan.drill_ids())
    assert {"thoracic-rotation", "hip-hinge", "diagonal-hip-hinge"} <= last
    assert len(stride.weeks) == 8
    assert [w.number for w in stride.weeks if w.lighter] == [4]
    stride_drills = {kb_id for w in stride.weeks for kb_id in w.plan.drill_ids()}
    assert {"bulgarian-split-squat", "crossover-lunge", "90-90-transition"} <= stride_drills
    for w in season.weeks[:3]:
        short = [d for d in w.plan.days if d.block("post-run") or d.block("strength")]
        assert len(short) == 2
    assert season.weeks[-1].routine_id == "race-week"
    for p in real.values():
        for w in p.weeks:
            assert w.sessions(), (p.id, w.number)
            assert w.milestone.checks


# -- Calendar ----------------------------------------------------------------------------------


def test_calendar_has_every_session_on_its_date(real: dict[str, ProgramPlan]) -> None:
    result = load_project(REPO)
    stride = real["stride-builder"]
    start = date(2025, 3, 3)  # a Monday
    cal = Calendar.from_ical(program_calendar(stride, result.kb, start))  # type: ignore[arg-type]
    events = cal.walk("VEVENT")
    assert len(events) == stride.sessions() == 44
    dates = [e.decoded("dtstart") for e in events]
    assert dates[0] == start  # week 1 opens with Monday's strength session
    assert dates[-1] == date(2025, 4, 27)  # week 8's long run, a Sunday
    for e in events:
        uid = str(e["uid"])
        _, number, day = uid.removesuffix("@drillbook").rsplit("-", 2)
        week_start = start + timedelta(weeks=int(number) - 1)
        assert e.decoded("dtstart").strftime("%A").lower() == day
        assert week_start <= e.decoded("dtstart") < week_start + timedelta(days=7)
        assert e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=1)
    assert len({str(e["uid"]) for e in events}) == 44
    tuesday = next(e for e in events if str(e["uid"]) == "stride-builder-week-6-tuesday@drillbook")
    text = str(tuesday["description"])
    assert "Crossover lunge: " in text
    assert "Before the run (" in text
    assert str(tuesday["summary"]).startswith("Stride builder wk 6/8: Easy run, ")


@pytest.mark.parametrize("start", [date(2025, 3, 4), date(2025, 3, 5), date(2025, 3, 9)])
def test_calendar_starting_midweek_keeps_weekdays_and_date_order(
    real: dict[str, ProgramPlan], start: date
) -> None:
    """Week 1 is the Monday-to-Sunday week of the start; nothing before the start is written."""
    result = load_project(REPO)
    stride = real["stride-builder"]
    monday = start - timedelta(days=start.weekday())
    cal = Calendar.from_ical(program_calendar(stride, result.kb, start))  # type: ignore[arg-type]
    events = cal.walk("VEVENT")
    dates = [e.decoded("dtstart") for e in events]
    assert dates == sorted(dates) and dates[0] >= start
    full = Calendar.from_ical(program_calendar(stride, result.kb, monday))  # type: ignore[arg-type]
    expected = [e for e in full.walk("VEVENT") if e.decoded("dtstart") >= start]
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in expected]
    for e in events:
        _, number, day = str(e["uid"]).removesuffix("@drillbook").rsplit("-", 2)
        assert e.decoded("dtstart").strftime("%A").lower() == day
        week_monday = monday + timedelta(weeks=int(number) - 1)
        assert week_monday <= e.decoded("dtstart") < week_monday + timedelta(days=7)


def test_cli_tuesday_start_says_what_it_left_out(tmp_path: Path) -> None:
    out = tmp_path / "tue.ics"
    run = drillbook("--root", str(REPO), "program", "stride-builder", "--start", "2025-03-04",
                    "--output", str(out), cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"wrote {out} (43 sessions from 2025-03-04)",
        "left out 1 session of week 1 before Tuesday 2025-03-04; start on a Monday to get them all",
    ]
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    dates = [e.decoded("dtstart") for e in events]
    assert len(events) == 43 and dates == sorted(dates)
    assert dates[0] == date(2025, 3, 4)
    mondays = [e for e in events if e.decoded("dtstart").weekday() == 0]
    assert mondays[0].decoded("dtstart") == date(2025, 3, 10)
    assert str(mondays[0]["uid"]) == "stride-builder-week-2-monday@drillbook"


def test_cli_writes_a_valid_deterministic_calendar_and_pdf(tmp_path: Path) -> None:
    out, pdf = tmp_path / "a.ics", tmp_path / "plan.pdf"
    args = ("--start", "2025-03-03", "--output", str(out), "--pdf", str(pdf))
    run = drillbook("--root", str(REPO), "program", "stride-builder", *args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == f"wrote {out} (44 sessions from 2025-03-03)"
    data = out.read_bytes()
    again = tmp_path / "b.ics"
    drillbook("--root", str(REPO), "program", "stride-builder", "--start", "2025-03-03",
              "--output", str(again), cwd=tmp_path)  # fmt: skip
    assert again.read_bytes() == data

    # RFC 5545: CRLF line ends, lines folded to at most 75 octets, the required properties.
    lines = data.split(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    cal = Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and str(cal["prodid"])
    stamp = datetime.fromtimestamp(int(ENV["SOURCE_DATE_EPOCH"]), UTC)
    for e in cal.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"} <= set(e)
        assert e.decoded("dtstamp") == stamp

    reader = PdfReader(BytesIO(pdf.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 10  # the cover, one page per week, the log
    assert "The plan at a glance" in text
    for n in range(1, 9):
        assert f"Week {n}" in text
    assert "Tracking log" in reader.pages[-1].extract_text()
    for column in TRACKING_COLUMNS:
        assert column.label in reader.pages[-1].extract_text()
    assert "Milestone check, Saturday:" in text
    assert "Bulgarian split squat" in text


def test_timed_sessions_last_their_minutes(tmp_path: Path) -> None:
    out = tmp_path / "t.ics"
    run = drillbook("--root", str(REPO), "program", "foundations", "--start", "2025-03-03",
                    "--time", "07:30", "--output", str(out), cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    first = events[0]
    assert first.decoded("dtstart") == datetime(2025, 3, 4, 7, 30)  # floating local time
    assert first.decoded("duration") > timedelta(minutes=3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("stride-bulder", "--start", "2025-03-03"),
            "drillbook program: unknown program 'stride-bulder' (did you mean 'stride-builder'?); "
            "known programs: foundations, in-season-maintenance, stride-builder",
        ),
        (
            ("stride-builder", "--start", "2025-02-30"),
            "drillbook program: --start '2025-02-30' does not exist: February 2025 has 28 days",
        ),
        (
            ("stride-builder", "--start", "2027-02-30"),
            "drillbook program: --start '2027-02-30' does not exist: February 2027 has 28 days",
        ),
        (
            ("stride-builder", "--start", "2025-13-01"),
            "drillbook program: --start '2025-13-01' does not exist: there is no month 13; "
            "months run 01-12",
        ),
        (
            ("stride-builder", "--start", "3/3/2025"),
            "drillbook program: --start '3/3/2025' is not a date; write it as YYYY-MM-DD, "
            "e.g. 2025-03-03",
        ),
        (
            ("stride-builder", "--start", "2025-03-03", "--time", "7h"),
            "drillbook program: --time '7h' is not a time of day; write it as HH:MM, e.g. 07:30",
        ),
    ],
)
def test_cli_errors_write_nothing(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "x.ics"
    run = drillbook(
        "--root",
        str(REPO),
        "program",
        *args,
        "--output",
        str(out),
        "--pdf",
        str(tmp_path / "p"),
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [message, "nothing was written"]
    assert "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


# -- Site --------------------------------------------------------------------------------------


def test_program_pages_link_routines_drills_and_pdf(plan_project: Path) -> None:
    site = plan_project / "site"
    run = drillbook("build", "--site-dir", str(site), cwd=plan_project)
    assert run.returncode == 0, run.stderr
    article = content(site, "programs/mini-plan")
    hrefs = [a["href"] for a in article.find_all("a", href=True)]
    assert "../../routines/mini-base/" in hrefs
    assert "../../drills/cadence-lunge/" in hrefs
    assert "../mini-plan-a4.pdf" in hrefs
    assert (site / "programs" / "mini-plan-a4.pdf").read_bytes().startswith(b"%PDF")
    assert article.select_one("#week-2") is not None
    # the plan at a glance and one table of sessions per week, none swallowed by a list
    assert len(article.select("table:not([class])")) == 3
    assert not article.select("li table, li p:-soup-contains('| Day |')")
    checks = [th.get_text() for th in article.select(".db-checks tbody th")]
    assert checks == ["Cadence at easy pace", "Step length at easy pace", "Pain 0-10"]
    log_head = [th.get_text(" ", strip=True) for th in article.select(".db-log thead th")]
    assert log_head[0] == "Date" and len(log_head) == len(TRACKING_COLUMNS)
    index = content(site, "programs")
    assert next(a["href"] for a in index.select("table a")) == "mini-plan/"


STRENGTH = BASE.replace(
    "  thursday:\n    run: rest\n",
    "  thursday:\n    run: rest\n    blocks:\n      strength: [knee-rock]\n",
)


def _three_weeks(third_changes: str = "") -> str:
    weeks = []
    for n in (1, 2, 3):
        weeks.append(
            f"  - week: {n}\n    focus: The same strength work again.\n    routine: mini-strength\n"
            + (third_changes if n == 3 else "")
            + "    milestone:\n      day: tuesday\n      how: Rate soreness the next morning.\n"
            "      checks:\n        - measure: pain\n          progress: Nothing above 2.\n"
        )
    head = "title: Mini strength\nsummary: Three weeks of one dose, for the tests.\nlevel: 2\n"
    return head + "weeks:\n" + "".join(weeks)


def test_strength_dose_unchanged_three_weeks_is_a_warning(plan_project: Path, write: Write) -> None:
    assert "strength: [knee-rock]" in STRENGTH
    write("content/routines/mini-strength.yaml", STRENGTH)
    write(F, _three_weeks())
    warned = [line for line in first_lines(plan_project) if "strength dose" in line]
    assert warned == [
        f"{F}:25:14: warning: week 3: the strength dose of 'knee-rock' (2 x 10 each side, slow) "
        "is the same for 3 weeks in a row"
    ]
    # A load change that names the drill is progress, so is a lighter week in between.
    load = "    changes:\n      - kind: load\n        text: Hold a light weight.\n"
    write(F, _three_weeks(load + "        drills: [knee-rock]\n"))
    assert not [line for line in first_lines(plan_project) if "strength dose" in line]
