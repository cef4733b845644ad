"""The calculator page in a real browser, opened from disk (no server): it computes what the
Python formulas compute, explains bad input, and every control has a label."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsercheck import AXE, chromium
from sitecheck import content, drillbook

from generator.model.tracking import (
    TRACKING_COLUMNS,
    cadence_from_count,
    cadence_summary,
    parse_pace,
    step_summary,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project's site: the calculator page comes with every Drillbook site."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("calc") / "proj")
    result = drillbook("build", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def calculator(site: Path) -> Iterator[Any]:
    """The page opened from disk (file://), as a runner who saved it would."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "tools" / "calculator" / "index.html").as_uri())
        yield page
        assert errors == []


def test_page_opens_with_the_guide_example(calculator: Any) -> None:
    step = step_summary(300, 170, "metric")
    assert calculator.text_content("#db-step-result") == step.result
    assert calculator.text_content("#db-step-detail") == step.detail
    assert calculator.text_content("#db-log-step") == step.log
    assert calculator.text_content("#db-cadence-result") == "172 steps per minute"


def test_every_control_has_a_label(calculator: Any) -> None:
    calculator.check("input[value=metric]")
    for label, selector in (
        ("Metric (per km, metres)", "input[value=metric]"),
        ("Imperial (per mile, feet)", "input[value=imperial]"),
        ("Easy pace, minutes:seconds per km", "#db-pace"),
        ("Cadence (steps/min)", "#db-cadence"),
        ("Foot strikes counted", "#db-strikes"),
        ("Over how many seconds", "#db-seconds"),
        ("Which feet you counted", "#db-foot"),
    ):
        found = calculator.get_by_label(label, exact=True)
        assert found.count() == 1, label
        assert found.evaluate("(el, sel) => el.matches(sel)", selector), label


@pytest.mark.parametrize(
    ("units", "pace", "cadence"),
    [
        ("metric", "5:00", "170"),
        ("metric", "4:50", "172"),
        ("metric", "6:45", "158"),
        ("imperial", "8:03", "170"),
        ("imperial", "10:30", "164"),
        ("imperial", "7:12.5", "181"),
    ],
)
def test_step_length_matches_python(calculator: Any, units: str, pace: str, cadence: str) -> None:
    calculator.check(f"input[value={units}]")
    calculator.fill("#db-pace", pace)
    calculator.fill("#db-cadence", cadence)
    expected = step_summary(parse_pace(pace), float(cadence), units)  # type: ignore[arg-type]
    assert calculator.text_content("#db-step-result") == expected.result
    assert calculator.text_content("#db-step-detail") == expected.detail
    assert calculator.text_content("#db-log-step") == expected.log
    assert calculator.text_content("#db-log-cadence") == cadence


def test_switching_units_keeps_the_speed(calculator: Any) -> None:
    calculator.check("input[value=metric]")
    calculator.fill("#db-pace", "5:00")
    calculator.fill("#db-cadence", "170")
    calculator.check("input[value=imperial]")
    assert calculator.input_value("#db-pace") == "8:03"
    assert calculator.get_by_label("Easy pace, minutes:seconds per mile").count() == 1
    assert calculator.text_content("#db-step-result") == "3.86 ft per step (3 ft 10 in, 1.18 m)"
    calculator.check("input[value=metric]")
    assert calculator.input_value("#db-pace") == "5:00"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("#db-pace", "5", "Pace '5' must look like 5:00 (minutes:seconds)."),
        ("#db-pace", "45:00", "Pace '45:00' must be between 1:00 and 30:00."),
        (
            "#db-cadence",
            "17",
            "Cadence must be a number of steps per minute between 60 and 260.",
        ),
    ],
)
def test_bad_input_is_explained(calculator: Any, field: str, value: str, message: str) -> None:
    calculator.check("input[value=metric]")
    calculator.fill("#db-pace", "5:00")
    calculator.fill("#db-cadence", "170")
    calculator.fill(field, value)
    assert calculator.text_content("#db-step-result") == message
    assert calculator.get_attribute(field, "aria-invalid") == "true"
    assert calculator.text_content("#db-log-step") == "—"


def test_cadence_from_a_count_feeds_the_step_length(calculator: Any) -> None:
    calculator.check("input[value=metric]")
    calculator.fill("#db-pace", "5:00")
    calculator.fill("#db-strikes", "44")
    calculator.fill("#db-seconds", "30")
    calculator.select_option("#db-foot", "one")
    assert calculator.text_content("#db-cadence-result") == cadence_summary(
        cadence_from_count(44, 30)
    )
    calculator.select_option("#db-foot", "both")
    assert calculator.text_content("#db-cadence-result") == "88 steps per minute"
    calculator.select_option("#db-foot", "one")
    calculator.click("#db-use-cadence")
    assert calculator.input_value("#db-cadence") == "176"
    assert calculator.text_content("#db-step-result") == step_summary(300, 176).result
    calculator.fill("#db-seconds", "0")
    assert calculator.text_content("#db-cadence-result") == "Count for between 5 and 300 seconds."
    assert calculator.is_disabled("#db-use-cadence")


def test_markup_typed_in_stays_text(calculator: Any) -> None:
    calculator.fill("#db-pace", "<img src=x onerror=alert(1)>")
    assert calculator.locator("#db-step-result img").count() == 0
    assert "<img src=x" in calculator.text_content("#db-step-result")


def test_log_labels_are_the_tracking_columns(site: Path) -> None:
    article = content(site, "tools/calculator")
    terms = [dt.get_text(" ", strip=True) for dt in article.select(".db-calc-log dt")]
    columns = {c.key: c for c in TRACKING_COLUMNS}
    assert terms == [
        f"{columns['cadence'].label} ({columns['cadence'].hint})",
        f"{columns['step_length'].label} ({columns['step_length'].hint})",
    ]
    scripts = [s["src"] for s in article.find_all("script") if s.get("src")]
    assert scripts == ["../../assets/calculator.js"]
    assert (site / "assets" / "calculator.js").is_file()


def test_no_accessibility_violations_in_the_calculator(calculator: Any) -> None:
    calculator.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = calculator.evaluate(
        """async () => {
            const r = await axe.run(document.querySelector('article'),
                                    {resultTypes: ['violations']});
            return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
        }"""
    )
    assert violations == []
