"""Routine files: validation with exact positions, the article's rules as warnings, timing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load.problems import Problem
from generator.model.routine import MAX_CARDS_TWO_PAGES, TRANSITION_SECONDS, Plan
from generator.pipeline import load as load_project

REPO = Path(__file__).resolve().parent.parent

# A valid week over the mini fixture's three drills (line numbers matter below).
GOOD = """\
title: Mini week
summary: Two easy runs and a tempo run, for the tests.
level: 2
days:
  monday:
    run: rest
  tuesday:
    run: easy
    blocks:
      pre-run: [hip-circle, knee-rock]
      post-run:
        - knee-rock
        - {drill: knee-rock, sets: 3, reps: 5}
  wednesday:
    run: rest
  thursday:
    run: progressive
    blocks:
      pre-run: [hip-circle, cadence-lunge]
  friday:
    run: rest
  saturday:
    run: long
    blocks:
      pre-run: [knee-rock, hip-circle]
  sunday:
    run: rest
"""
ROUTINE = "content/routines/mini-week.yaml"
F = ROUTINE

Write = Callable[[str, str], Path]


def problems(root: Path) -> list[Problem]:
    return load_project(root).problems


def formatted(root: Path) -> list[str]:
    return [p.format().splitlines()[0] for p in problems(root)]


def test_good_routine_loads_with_computed_minutes(mini: Path, write: Write) -> None:
    write(ROUTINE, GOOD)
    result = load_project(mini)
    assert result.problems == []
    plan: Plan = result.kb.extra["routine_plans"]["mini-week"]
    assert result.kb.extra["routines"]["mini-week"].title == "Mini week"
    kb = result.kb
    tuesday = plan.days[1]
    assert [b.kind for b in tuesday.blocks] == ["pre-run", "post-run"]
    warm = tuesday.blocks[0]
    expected = sum(
        kb.drills[d].dosage.seconds() + TRANSITION_SECONDS for d in ("hip-circle", "knee-rock")
    )
    assert warm.seconds == expected
    assert warm.minutes == -(-expected // 60)
    # The override changes sets and reps, keeps the rest of the drill's dosage.
    override = tuesday.blocks[1].items[1]
    assert override.dosage.sets == 3 and override.dosage.reps == 5
    assert override.dosage.tempo == kb.drills["knee-rock"].dosage.tempo
    assert plan.dosages("knee-rock") == [
        kb.drills["knee-rock"].dosage.text(),
        override.dosage.text(),
    ]
    assert plan.runs_per_week == 3
    assert plan.drill_ids() == ["hip-circle", "knee-rock", "cadence-lunge"]
    assert plan.days[3].speed == "progressive" and plan.days[1].speed == "easy"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    run: easy\n",
            "    run: eazy\n",
            f"{F}:8:10: unknown run type 'eazy' (did you mean 'easy'?)",
        ),
        (
            "  wednesday:\n",
            "  wendesday:\n",
            f"{F}:4:1: missing required field 'days.wednesday'\n"
            f"{F}:14:3: unknown key 'wendesday' (did you mean 'wednesday'?)",
        ),
        (
            "      pre-run: [hip-circle, knee-rock]\n",
            "      pre-run: [hip-circle, knee-rok]\n",
            f"{F}:10:29: unknown drill 'knee-rok' (did you mean 'knee-rock'?)",
        ),
        (
            "        - {drill: knee-rock, sets: 3, reps: 5}\n",
            "        - {drill: hip-cirle, sets: 3}\n",
            f"{F}:13:11: unknown drill 'hip-cirle' (did you mean 'hip-circle'?)",
        ),
        (
            "      post-run:\n",
            "      postrun:\n",
            f"{F}:11:7: unknown block 'postrun' (did you mean 'post-run'?)",
        ),
        (
            "{drill: knee-rock, sets: 3, reps: 5}",
            "{drill: knee-rock, sets: 30}",
            f"{F}:13:36: 'days.tuesday.blocks.post-run[2].sets' "
            "must be less than or equal to 10, got number 30",
        ),
        (
            "  sunday:\n    run: rest\n",
            "",
            f"{F}:4:1: missing required field 'days.sunday'",
        ),
    ],
)
def test_errors_have_exact_positions(
    mini: Path, write: Write, old: str, new: str, expected: str
) -> None:
    assert old in GOOD
    write(ROUTINE, GOOD.replace(old, new, 1))
    result = load_project(mini)
    assert not result.ok
    assert "\n".join(formatted(mini)) == expected
    assert "mini-week" not in result.kb.extra["routine_plans"]


def test_markup_in_a_routine_is_refused(mini: Path, write: Write) -> None:
    write(ROUTINE, GOOD.replace("for the tests.", "for <script>x</script> tests."))
    assert formatted(mini) == [f"{F}:2:45: 'summary' contains HTML markup"]


def test_routine_file_name_must_be_an_id(mini: Path, write: Write) -> None:
    write("content/routines/Mini_Week.yaml", GOOD)
    assert formatted(mini) == [
        "content/routines/Mini_Week.yaml:1:1: routine file name 'Mini_Week' is not a valid id"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # a strength session the day before a long run
            "  friday:\n    run: rest\n",
            "  friday:\n    run: rest\n    blocks:\n      strength: [knee-rock]\n",
            [
                f"{F}:23:7: warning: strength session the day before Saturday's long run",
                f"{F}:23:18: warning: 'knee-rock' is not meant for the strength block",
            ],
        ),
        (  # mobility circuit after a hard run instead of an easy day
            "      pre-run: [hip-circle, cadence-lunge]\n",
            "      pre-run: [hip-circle, cadence-lunge]\n      post-run: [knee-rock]\n",
            [f"{F}:20:7: warning: post-run mobility circuit on a progressive or tempo run day"],
        ),
        (  # a run with no warm-up block
            "  saturday:\n    run: long\n    blocks:\n      pre-run: [knee-rock, hip-circle]\n",
            "  saturday:\n    run: long\n",
            [f"{F}:23:5: warning: Saturday has a run but no pre-run block"],
        ),
        (  # a drill above the routine's level
            "level: 2\n",
            "level: 1\n",
            [f"{F}:19:29: warning: 'cadence-lunge' is level 2, above the routine's level 1"],
        ),
    ],
)
def test_article_rules_are_warnings(
    mini: Path, write: Write, old: str, new: str, expected: list[str]
) -> None:
    assert old in GOOD
    write(ROUTINE, GOOD.replace(old, new, 1))
    result = load_project(mini)
    assert result.ok  # warnings only: the routine still loads
    assert all(p.level == "warning" for p in result.problems)
    assert formatted(mini) == expected


def test_long_mobility_block_before_intervals_warns(mini: Path, write: Write) -> None:
    long_block = ", ".join(["{drill: knee-rock, sets: 10, reps: 20}"] * 3)
    text = GOOD.replace("    run: progressive\n", "    run: intervals\n").replace(
        "      pre-run: [hip-circle, cadence-lunge]\n", f"      pre-run: [{long_block}]\n"
    )
    write(ROUTINE, text)
    lines = formatted(mini)
    assert len(lines) == 1
    assert lines[0].startswith(f"{F}:19:7: warning: pre-run block takes about ")
    assert lines[0].endswith("min before intervals")


def test_too_many_drills_for_two_pages_warns(tmp_path: Path) -> None:
    """The repo's drills, one routine using more distinct drills than two pages hold."""
    result = load_project(REPO)
    kb = result.kb
    pre = [d for d in kb.drills if "pre-run" in kb.drills[d].use][: MAX_CARDS_TWO_PAGES + 1]
    assert len(pre) == MAX_CARDS_TWO_PAGES + 1
    from generator.load.documents import parse_yaml
    from generator.validate.routines import check_routine

    text = GOOD.replace("level: 2", "level: 3").replace(
        "      pre-run: [hip-circle, knee-rock]\n", f"      pre-run: [{', '.join(pre)}]\n"
    )
    text = text.replace("[hip-circle, cadence-lunge]", "[hip-openers]").replace(
        "[knee-rock, hip-circle]", "[ankle-circles]"
    )
    text = text.replace(
        "        - knee-rock\n        - {drill: knee-rock, sets: 3, reps: 5}\n",
        "        - hip-openers\n",
    )
    doc, found = parse_yaml(text, "content/routines/big.yaml")
    assert found == [] and doc is not None
    _, _, found = check_routine(doc, "big", kb)
    pages = [p for p in found if "2 pages" in p.message]
    assert [p.format().splitlines()[0] for p in pages] == [
        f"content/routines/big.yaml:4:1: warning: routine uses {MAX_CARDS_TWO_PAGES + 1} "
        f"different drills; its PDF would run past 2 pages (room for {MAX_CARDS_TWO_PAGES} "
        "drill cards)"
    ]


def test_repo_routines_are_clean_under_strict() -> None:
    result = load_project(REPO)
    mine = [p for p in result.problems if p.path.startswith("content/routines/")]
    assert mine == []
    plans = result.kb.extra["routine_plans"]
    assert set(plans) >= {"three-runs-starter", "five-runs", "race-week"}
    assert plans["three-runs-starter"].runs_per_week == 3
    assert plans["five-runs"].runs_per_week == 5
    assert plans["race-week"].days[6].run == "race"
    for p in plans.values():
        # The article's rules: mobility circuits only after easy runs, a warm-up before runs.
        for day in p.days:
            if day.block("post-run"):
                assert day.run == "easy"
            if day.run not in ("rest", "strength"):
                assert day.block("pre-run") is not None
