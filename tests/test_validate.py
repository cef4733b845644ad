"""Each kind of validation problem, with its exact file, line, column and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.problems import Problem
from generator.pipeline import load as load_project


def problems_of(root: Path) -> list[Problem]:
    return load_project(root).problems


def one(root: Path) -> Problem:
    found = [p for p in problems_of(root) if p.level == "error"]
    assert len(found) == 1, "\n".join(p.format() for p in found)
    return found[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_project_is_clean(mini: Path) -> None:
    assert problems_of(mini) == []


def test_unknown_key_names_line_and_suggests(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "breathing:", "breathng:")
    found = problems_of(mini)
    unknown = [p for p in found if "unknown key" in p.message]
    assert len(unknown) == 1
    p = unknown[0]
    assert (p.path, p.line, p.col) == ("drills/knee-rock.yaml", 27, 1)
    assert p.message == "unknown key 'breathng' (did you mean 'breathing'?)"
    assert p.hint == "rename it to 'breathing'"
    assert p.format().startswith(
        "drills/knee-rock.yaml:27:1: unknown key 'breathng' (did you mean 'breathing'?)"
    )
    # the renamed field is now also missing; both are reported in one run
    assert any(x.message == "missing required field 'breathing'" for x in found)


def test_nested_unknown_key(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "  rest_seconds: 15", "  rest_second: 15")
    p = one(mini)
    assert (p.line, p.col) == (15, 3)
    assert p.message == "unknown key 'rest_second' (did you mean 'rest_seconds'?)"


def test_stray_key_next_to_the_real_one_gets_no_suggestion(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "  tempo: slow", "  tempo: slow\n  temp: 3")
    p = one(mini)
    assert (p.line, p.col) == (15, 3)
    assert p.message == "unknown key 'temp'"
    assert p.hint.startswith("remove it; allowed keys: sets, reps,")


def test_missing_field(mini: Path) -> None:
    edit(
        mini / "drills/knee-rock.yaml",
        "summary: Rock the knee over the toes to loosen the ankle.\n",
        "",
    )
    p = one(mini)
    assert p.message == "missing required field 'summary'"
    assert (p.line, p.col) == (1, 1)
    assert p.hint.startswith("add `summary:`")


def test_missing_nested_field_points_at_parent_key(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "  easy_day: Slow rocks with a pause at the end.\n", "")
    p = one(mini)
    assert p.message == "missing required field 'dosage.easy_day'"
    assert (p.line, p.col) == (10, 1)


def test_wrong_type(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "level: 1", 'level: "one"')
    p = one(mini)
    assert (p.line, p.col) == (8, 8)
    assert p.message == "'level' must be a whole number, got text 'one'"


def test_wrong_type_in_list_item(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "  - Heel heavy.", "  - 42")
    p = one(mini)
    assert (p.line, p.col) == (25, 5)
    assert p.message == "'cues[2]' must be text, got number 42"


def test_out_of_range(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "level: 1", "level: 4")
    p = one(mini)
    assert p.message == "'level' must be less than or equal to 3, got number 4"


def test_dosage_needs_exactly_one_measure(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "  reps: 10", "  reps: 10\n  hold_seconds: 20")
    p = one(mini)
    assert (p.line, p.col) == (11, 3)
    assert "exactly one of reps, hold_seconds, duration_seconds, distance_m" in p.message
    assert "found: reps, hold_seconds" in p.message


def test_vocabulary_value_with_suggestion(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "regions: [ankles, calves]", "regions: [ankle, calves]")
    p = one(mini)
    assert (p.path, p.line, p.col) == ("drills/knee-rock.yaml", 4, 11)
    assert p.message == "'ankle' is not a known region term (did you mean 'ankles'?)"
    assert "content/_data/vocabularies.yaml" in p.hint


def test_category_outside_vocabulary(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "category: mobility", "category: mobilty")
    p = one(mini)
    assert p.message == "'mobilty' is not a known category term (did you mean 'mobility'?)"
    assert (p.line, p.col) == (6, 11)


def test_unknown_drill_reference(mini: Path) -> None:
    edit(
        mini / "drills/knee-rock.yaml",
        "progressions: [cadence-lunge]",
        "progressions: [cadence-lunges]",
    )
    p = one(mini)
    assert (p.line, p.col) == (34, 16)
    assert p.message == (
        "unknown drill 'cadence-lunges' in 'progressions' (did you mean 'cadence-lunge'?)"
    )


def test_unknown_principle_reference(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "principles: [ankle-work]", "principles: [ankle-wrk]")
    p = one(mini)
    assert (p.line, p.col) == (3, 14)
    assert p.message == "unknown principle 'ankle-wrk' (did you mean 'ankle-work'?)"


def test_self_progression(mini: Path) -> None:
    edit(
        mini / "drills/knee-rock.yaml",
        "progressions: [cadence-lunge]",
        "progressions: [cadence-lunge, knee-rock]",
    )
    p = one(mini)
    assert (p.line, p.col) == (34, 31)
    assert p.message == "drill lists itself in 'progressions'"


def test_progression_cycle(mini: Path) -> None:
    edit(
        mini / "drills/cadence-lunge.yaml",
        "related: [hip-circle]",
        "related: [hip-circle]\nprogressions: [hip-circle]",
    )
    edit(mini / "drills/hip-circle.yaml", "progressions: []", "progressions: [knee-rock]")
    p = one(mini)
    assert p.message == (
        "progression cycle: cadence-lunge -> hip-circle -> knee-rock -> cadence-lunge"
    )
    assert p.path == "drills/cadence-lunge.yaml"


def test_duplicate_ids_after_case_and_unicode_folding(mini: Path) -> None:
    text = (mini / "drills/hip-circle.yaml").read_text(encoding="utf-8")
    (mini / "drills/hip-circle-2.yaml").write_text(
        text.replace("name: Hip circle", "name: HIP Circle"), encoding="utf-8"
    )
    found = [p for p in problems_of(mini) if "collides" in p.message]
    assert [(p.path, p.line, p.message) for p in found] == [
        ("drills/hip-circle-2.yaml", 1, "name 'HIP Circle' collides with drill 'hip-circle'")
    ]


def test_bad_file_name(mini: Path) -> None:
    text = (mini / "drills/hip-circle.yaml").read_text(encoding="utf-8")
    (mini / "drills/Hip_Circle.yaml").write_text(
        text.replace("Hip circle", "Hip circle B"), encoding="utf-8"
    )
    msgs = [p.message for p in problems_of(mini)]
    assert "drill file name 'Hip_Circle' is not a valid id" in msgs


def test_yaml_syntax_error(mini: Path) -> None:
    edit(mini / "drills/knee-rock.yaml", "regions: [ankles, calves]", "regions: [ankles, calves")
    p = one(mini)
    assert p.path == "drills/knee-rock.yaml"
    assert p.message.startswith("YAML syntax error")
    assert p.line in (4, 5)


def test_many_problems_reported_in_one_run(mini: Path) -> None:
    path = mini / "drills/knee-rock.yaml"
    edit(path, "level: 1", "level: 9")
    edit(path, "category: mobility", "category: stretching")
    edit(path, "breathing:", "breath:")
    edit(mini / "drills/hip-circle.yaml", "equipment: [wall]", "equipment: [wal]")
    found = problems_of(mini)
    lines = {(p.path, p.line) for p in found}
    assert {
        ("drills/knee-rock.yaml", 8),
        ("drills/knee-rock.yaml", 6),
        ("drills/knee-rock.yaml", 27),
        ("drills/hip-circle.yaml", 9),
    } <= lines


def test_principle_front_matter_checked(mini: Path) -> None:
    edit(mini / "content/principles/hip-work.md", "order: 2", "ordr: 2")
    found = problems_of(mini)
    p = next(p for p in found if "unknown key" in p.message)
    assert (p.path, p.line, p.col) == ("content/principles/hip-work.md", 7, 1)


def test_principle_id_matches_file(mini: Path) -> None:
    edit(mini / "content/principles/hip-work.md", "id: hip-work", "id: hips-work")
    p = one(mini)
    assert p.message == "id 'hips-work' does not match the file name 'hip-work'"
    assert p.line == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("steps:\n  - <script>alert(1)</script>", "'steps[1]' contains HTML markup"),
        (
            "why: 'See javascript:alert(1) for more on the hips and stride'",
            "'why' contains a script or data URL",
        ),
    ],
)
def test_markup_refused(mini: Path, text: str, message: str) -> None:
    path = mini / "drills/knee-rock.yaml"
    src = path.read_text(encoding="utf-8")
    key = text.split(":")[0]
    start = src.index(f"\n{key}:") + 1
    end = src.index("\n", start)
    if key == "steps":
        end = src.index("\ncues:")
    path.write_text(src[:start] + text + src[end:], encoding="utf-8")
    found = [p for p in problems_of(mini) if p.level == "error"]
    assert any(p.message == message for p in found), [p.format() for p in found]


def test_progression_to_lower_level_warns(mini: Path) -> None:
    edit(mini / "drills/cadence-lunge.yaml", "level: 2", "level: 1")
    edit(mini / "drills/knee-rock.yaml", "level: 1", "level: 2")
    found = problems_of(mini)
    assert [(p.path, p.line, p.col, p.level, p.message) for p in found] == [
        (
            "drills/knee-rock.yaml",
            34,
            16,
            "warning",
            "progression 'cadence-lunge' is level 1, easier than this level-2 drill",
        )
    ]


def test_swap_that_is_also_a_step_warns(mini: Path) -> None:
    edit(
        mini / "drills/cadence-lunge.yaml",
        "related: [hip-circle]",
        "related: [hip-circle, knee-rock]",
    )
    found = problems_of(mini)
    assert [(p.line, p.level, p.message) for p in found] == [
        (33, "warning", "'knee-rock' is already a progression or regression of this drill")
    ]


def test_unknown_key_suggests_a_field_not_already_there(mini: Path) -> None:
    # 'cuse' is one letter from 'use' too, but 'use' is set already: the missing 'cues' it is.
    edit(mini / "drills/knee-rock.yaml", "cues:", "cuse:")
    p = next(p for p in problems_of(mini) if "unknown key" in p.message)
    assert p.message == "unknown key 'cuse' (did you mean 'cues'?)"


def test_a_broken_drill_is_reported_once_not_by_everything_that_uses_it(tmp_path: Path) -> None:
    import shutil

    repo = Path(__file__).resolve().parent.parent
    for folder in ("drills", "content", "schema"):
        shutil.copytree(repo / folder, tmp_path / folder)
    edit(tmp_path / "drills/dead-bug.yaml", "\ncues:", "\ncuse:")
    found = [p for p in problems_of(tmp_path) if p.level == "error"]
    assert {p.path for p in found} == {"drills/dead-bug.yaml"}, [p.format() for p in found]


def test_a_broken_principle_is_reported_once(mini: Path) -> None:
    edit(mini / "content/principles/ankle-work.md", "order: 1", "ordr: 1")
    found = [p for p in problems_of(mini) if p.level == "error"]
    assert {p.path for p in found} == {"content/principles/ankle-work.md"}
