"""`drillbook routine`: the selection rules, impossible requests, and the real command."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sitecheck import drillbook

from generator.load.documents import Document
from generator.model.knowledge import KnowledgeBase
from generator.model.routine import HEAVY_RUNS, NO_RUN, plan
from generator.model.routine_builder import (
    Request,
    RoutineRequestError,
    build_routine,
    parse_days,
    resolve_focus,
)
from generator.validate.routines import rule_problems

REPO = Path(__file__).resolve().parent.parent
WEEK = "mon=rest,tue=easy,wed=hard,thu=easy,fri=rest,sat=long,sun=easy"


def request(kb: KnowledgeBase, **kw: object) -> Request:
    days = parse_days(str(kw.pop("days", WEEK)), kb.vocab.ids("run_types"))
    return Request(days=days, **{"minutes": 20, **kw})  # type: ignore[arg-type]


def test_parse_days() -> None:
    kinds = ["rest", "easy", "progressive", "intervals", "long", "race", "strength"]
    days = parse_days("Mon=easy, wednesday=hard,sat=long", kinds)
    assert days == {
        "monday": "easy",
        "tuesday": "rest",
        "wednesday": "intervals",
        "thursday": "rest",
        "friday": "rest",
        "saturday": "long",
        "sunday": "rest",
    }
    with pytest.raises(RoutineRequestError, match=r"unknown kind 'eazy' for monday \(did you"):
        parse_days("mon=eazy", kinds)
    with pytest.raises(RoutineRequestError, match="monday is given twice"):
        parse_days("mon=easy,monday=rest", kinds)
    with pytest.raises(RoutineRequestError, match="cannot read 'xx=easy'"):
        parse_days("xx=easy", kinds)


def test_focus_by_id_or_label_and_did_you_mean(kb: KnowledgeBase) -> None:
    assert resolve_focus("Ankles", kb) == "ankles"
    assert resolve_focus("hip joint", kb) == "hips"
    with pytest.raises(
        RoutineRequestError, match=r"unknown region 'ankels' \(did you mean 'ankles'"
    ):
        resolve_focus("ankels", kb)


@pytest.mark.parametrize(
    ("level", "equipment", "focus"),
    [
        (1, frozenset({"none"}), "ankles"),
        (2, frozenset({"none", "wall", "mat"}), "thoracic-spine"),
        (3, frozenset({"none", "wall", "mat", "dumbbells", "bench", "foam-roller"}), "hips"),
    ],
)
def test_built_week_follows_the_rules(
    kb: KnowledgeBase, level: int, equipment: frozenset[str], focus: str
) -> None:
    req = request(kb, level=level, equipment=equipment, focus=focus)
    p = plan("t", build_routine(kb, req), kb)
    ids = p.drill_ids()
    assert ids
    for d in ids:  # only drills the runner can do with what they have
        drill = kb.drills[d]
        assert drill.level <= level, d
        assert set(drill.equipment) <= equipment | {"none"}, d
    for i, day in enumerate(p.days):
        nxt = p.days[(i + 1) % 7]
        kinds = [b.kind for b in day.blocks]
        if day.run not in NO_RUN:
            assert kinds[0] == "pre-run"  # a warm-up before every run
            assert day.block("pre-run").minutes <= 10
        if "post-run" in kinds:
            assert day.run == "easy"  # mobility with easy days
        if "strength" in kinds:  # strength away from hard days
            assert day.run not in HEAVY_RUNS and nxt.run not in HEAVY_RUNS
        assert day.minutes <= 20 + 1 or "evening-recovery" in kinds
    warm = p.days[1].block("pre-run")
    # The focus region is weighted: it leads the warm-up, which ends in a transition to running.
    assert focus in warm.items[0].drill.regions
    assert sum(focus in i.drill.regions for i in warm.items) >= 2
    assert warm.items[-1].drill.category == "transition"
    # A week the validator itself finds nothing to warn about.
    doc = Document("<built>", {})
    assert rule_problems(doc, p, kb) == []


def test_same_options_same_routine(kb: KnowledgeBase) -> None:
    a = build_routine(kb, request(kb, focus="ankles"))
    b = build_routine(kb, request(kb, focus="ankles"))
    assert a == b
    c = build_routine(kb, request(kb, focus="thoracic-spine"))
    assert c != a


def test_impossible_minutes_explained(kb: KnowledgeBase) -> None:
    with pytest.raises(RoutineRequestError) as info:
        build_routine(kb, request(kb, minutes=2))
    assert str(info.value).startswith("--minutes 2 is too short for a warm-up block: the 3 ")
    assert "give --minutes" in str(info.value)


def test_rest_only_week_has_no_warmup(kb: KnowledgeBase) -> None:
    p = plan("t", build_routine(kb, request(kb, days="mon=rest")), kb)
    assert all(d.block("pre-run") is None for d in p.days)
    assert p.runs_per_week == 0


# -- The real command ------------------------------------------------------------------------


def run(tmp_path: Path, *args: str):
    return drillbook("--root", str(REPO), "routine", *args, cwd=tmp_path)


def test_command_writes_a_deterministic_pdf(tmp_path: Path, kb: KnowledgeBase) -> None:
    opts = ["--days", WEEK, "--minutes", "20", "--level", "2", "--focus", "ankles"]
    first = run(tmp_path, *opts, "--output", "a.pdf")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("wrote a.pdf (")
    second = run(tmp_path, *opts, "--output", "b.pdf", "--paper", "a4")
    assert second.returncode == 0, second.stderr
    data = (tmp_path / "a.pdf").read_bytes()
    assert data == (tmp_path / "b.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "My week" in text and "Tracking log" in text
    letter = run(tmp_path, *opts, "--paper", "letter", "--output", "c.pdf")
    assert letter.returncode == 0
    page = PdfReader(tmp_path / "c.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_command_html_is_the_printable_sheet(tmp_path: Path) -> None:
    result = run(tmp_path, "--days", "tue=easy,sat=long", "--format", "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "routine.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "@page { size: A4; }" in html and "@media print" in html
    assert 'class="db-week"' in html and 'class="db-log"' in html
    assert "<script" not in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--days", "mon=easy", "--minutes", "2"],
            "drillbook routine: --minutes 2 is too short for a warm-up block: the 3 shortest "
            "drills that match take about 3 min; give --minutes 3 or more",
        ),
        (
            ["--days", "mon=easy", "--focus", "ankels"],
            "drillbook routine: --focus: unknown region 'ankels' (did you mean 'ankles'?); ",
        ),
        (
            ["--days", "mon=easy", "--equipment", "none,dumbells"],
            "drillbook routine: --equipment: unknown item 'dumbells' (did you mean 'dumbbells'?)",
        ),
    ],
)
def test_command_refuses_impossible_requests(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(tmp_path, *args, "--output", "out.pdf")
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr
    assert list(tmp_path.iterdir()) == []
