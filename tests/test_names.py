"""Drill names and ids: accented letters in names, ASCII ids, one "same drill" rule for
`drillbook check` and `drillbook new`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import drillbook

from generator.adapters.scaffold import drill_id_for
from generator.pipeline import load as load_project
from generator.validate.drills import fold, same_drill


def _copy_drill(mini: Path, new_id: str, name: str) -> None:
    text = (mini / "drills/hip-circle.yaml").read_text(encoding="utf-8")
    (mini / f"drills/{new_id}.yaml").write_text(
        text.replace("name: Hip circle", f'name: "{name}"'), encoding="utf-8"
    )


def _messages(mini: Path) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in load_project(mini).problems]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Farmers Walk", "Farmer's Walk"),
        ("Farmers Walk", "Farmer’s walk"),
        ("3-4 Sit Up", "3/4 Sit-Up"),
        ("HIP  Circle", "hip-circle"),
        ("Plié", "plie"),
        ("ｈｉｐ-circle", "hip circle"),
    ],
)
def test_fold_ignores_case_accents_spaces_and_punctuation(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Copenhagen plank long lever", "Copenhagen plank short lever"), ("3-4", "34 x")]
)
def test_fold_keeps_different_drills_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize(
    ("name", "drill_id"),
    [
        ("Farmer's Walk", "farmers-walk"),
        ("Farmer’s walk", "farmers-walk"),
        ("Plié squat", "plie-squat"),
        ("3/4 Sit-Up", "3-4-sit-up"),
        ("  Hip (90/90) switch ", "hip-90-90-switch"),
    ],
)
def test_ids_from_names(name: str, drill_id: str) -> None:
    assert drill_id_for(name) == drill_id
    assert same_drill(name, [drill_id]) == drill_id


def test_accented_name_is_accepted(mini: Path) -> None:
    _copy_drill(mini, "plie-squat", "Plié squat")
    assert _messages(mini) == []


def test_name_outside_the_rule_says_the_rule(mini: Path) -> None:
    _copy_drill(mini, "omega-squat", "Ωmega squat")
    found = load_project(mini).problems
    assert [(p.path, p.message) for p in found] == [
        ("drills/omega-squat.yaml", "'name' contains characters that are not allowed")
    ]
    assert found[0].hint == (
        "use letters (accented ones such as é, ø, ß too), digits, spaces and ' ( ) , . / & + : -"
    )


def test_check_refuses_punctuation_only_duplicate_names(mini: Path) -> None:
    _copy_drill(mini, "3-4-sit-up", "3-4 Sit Up")
    _copy_drill(mini, "three-quarter-sit-up", "3/4 Sit-Up")
    assert _messages(mini) == [
        ("drills/three-quarter-sit-up.yaml", "name '3/4 Sit-Up' collides with drill '3-4-sit-up'")
    ]


def test_check_refuses_a_farmers_walk_twice(mini: Path) -> None:
    _copy_drill(mini, "farmer-s-walk", "Farmer's Walk")
    _copy_drill(mini, "farmers-walk", "Farmers Walk")
    assert _messages(mini) == [
        (
            "drills/farmers-walk.yaml",
            "drill file name 'farmers-walk' collides with drill 'farmer-s-walk' (ids are "
            "compared ignoring case, accents, spaces and punctuation)",
        ),
        ("drills/farmers-walk.yaml", "name 'Farmers Walk' collides with drill 'farmer-s-walk'"),
    ]


def test_check_refuses_file_ids_that_differ_only_in_punctuation(mini: Path) -> None:
    _copy_drill(mini, "farmers-walk", "Farmers Walk")
    _copy_drill(mini, "farmer-s-walk", "Farmer carry walk")
    assert _messages(mini) == [
        (
            "drills/farmers-walk.yaml",
            "drill file name 'farmers-walk' collides with drill 'farmer-s-walk' (ids are "
            "compared ignoring case, accents, spaces and punctuation)",
        )
    ]


def test_new_uses_the_same_rule(mini: Path) -> None:
    _copy_drill(mini, "farmer-s-walk", "Farmer's Walk")
    before = sorted(p.name for p in (mini / "drills").iterdir())
    run = drillbook("new", "Farmers Walk", cwd=mini)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "error: 'farmers-walk' is the existing drill 'farmer-s-walk' once case, accents, spaces "
        "and punctuation are ignored",
        "    fix: edit drills/farmer-s-walk.yaml if it is the same drill; otherwise choose a "
        "name that tells the two apart",
    ]
    assert sorted(p.name for p in (mini / "drills").iterdir()) == before


def test_new_accepts_an_accented_name(mini: Path) -> None:
    run = drillbook("new", "Plié squat", cwd=mini)
    assert run.returncode == 0, run.stderr
    assert (mini / "drills/plie-squat.yaml").read_text(encoding="utf-8").count("Plié squat") >= 1
