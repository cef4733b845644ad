"""The step-length and cadence formulas: hand-worked examples, and the browser script agrees."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.model.tracking import (
    TRACKING_COLUMNS,
    cadence_from_count,
    cadence_summary,
    convert_pace,
    feet_and_inches,
    fixed,
    format_pace,
    pace_from_speed,
    parse_pace,
    speed_from_pace,
    step_length,
    step_summary,
)

SCRIPT = Path(__file__).resolve().parent.parent / "generator" / "assets" / "calculator.js"


def test_metric_example_from_the_guide() -> None:
    # 5:00 /km = 1000 m in 300 s = 200 m/min; 200 / 170 = 1.176 m.
    assert parse_pace("5:00") == 300
    assert step_length(300, 170, "metric") == pytest.approx(200 / 170)
    assert fixed(step_length(300, 170, "metric"), 2) == "1.18"


def test_imperial_example_from_the_guide() -> None:
    # 8:03 /mile = 5280 ft in 483 s = 655.9 ft/min; / 170 = 3.858 ft.
    assert parse_pace("8:03") == 483
    assert step_length(483, 170, "imperial") == pytest.approx(5280 * 60 / 483 / 170)
    assert fixed(step_length(483, 170, "imperial"), 2) == "3.86"
    assert feet_and_inches(3.858) == "3 ft 10 in"


def test_after_eight_weeks_example_from_the_guide() -> None:
    # 4:50 /km at 172: 1000 / 290 * 60 = 206.9 m/min; / 172 = 1.20 m.
    assert fixed(step_length(parse_pace("4:50"), 172, "metric"), 2) == "1.20"


def test_cadence_from_a_count() -> None:
    assert cadence_from_count(43, 30) == 172  # one foot: x 2 feet x 2 half-minutes
    assert cadence_from_count(86, 30, one_foot=False) == 172
    assert cadence_from_count(28, 20) == 168
    with pytest.raises(ValueError, match="positive number of seconds"):
        cadence_from_count(40, 0)


def test_pace_speed_and_unit_conversions() -> None:
    assert speed_from_pace(300) == 12.0
    assert pace_from_speed(12.0) == 300
    assert format_pace(convert_pace(300, "metric", "imperial")) == "8:03"
    assert convert_pace(convert_pace(300, "metric", "imperial"), "imperial", "metric") == (
        pytest.approx(300)
    )
    assert format_pace(299.6) == "5:00"
    assert format_pace(59.4) == "0:59"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5", "pace '5' must look like 5:00 (minutes:seconds)"),
        ("5:60", "pace '5:60' must look like 5:00 (minutes:seconds)"),
        ("five", "pace 'five' must look like 5:00 (minutes:seconds)"),
        ("0:45", "pace '0:45' must be between 1:00 and 30:00"),
        ("31:00", "pace '31:00' must be between 1:00 and 30:00"),
    ],
)
def test_bad_pace_is_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_pace(text)
    assert str(err.value) == message


def test_summaries_are_what_the_page_shows() -> None:
    metric = step_summary(300, 170, "metric")
    assert metric.result == "1.18 m per step (3.86 ft)"
    assert metric.log == "1.18 m"
    assert metric.detail == (
        "Speed 12.0 km/h · same pace 8:03 per mile · 0.35 s between foot strikes"
    )
    imperial = step_summary(483, 170, "imperial")
    assert imperial.result == "3.86 ft per step (3 ft 10 in, 1.18 m)"
    assert imperial.log == "3.86 ft"
    assert cadence_summary(172.4) == "172 steps per minute"
    assert cadence_summary(172.5) == "173 steps per minute"  # halves up, as Math.round


def test_fixed_rounds_ties_up_like_javascript() -> None:
    assert fixed(0.125, 2) == "0.13"  # exactly representable tie: toFixed gives 0.13
    assert fixed(1.005, 2) == "1.00"  # 1.005 is stored just below, toFixed gives 1.00


def test_tracking_columns_hold_what_the_calculator_gives() -> None:
    keys = [c.key for c in TRACKING_COLUMNS]
    assert keys[:4] == ["date", "run", "cadence", "step_length"]
    assert "pain" in keys


# -- The browser script computes the same numbers ---------------------------------------------

PACES = ["3:30", "4:05", "5:00", "5:47.5", "6:30", "8:03", "9:59", "12:00"]
CADENCES = [150, 163, 170, 172.5, 181, 195]
COUNTS = [(43, 30, True), (86, 30, False), (28, 20, True), (41, 15, True), (7, 7, True)]

NODE_RUNNER = """
const s = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {paces: [], steps: [], counts: [], errors: []};
for (const p of cases.paces) {
  const sec = s.parsePace(p);
  out.paces.push([sec, s.formatPace(s.convertPace(sec, "metric", "imperial")),
                  s.formatPace(s.convertPace(sec, "imperial", "metric")), s.speedFromPace(sec)]);
}
for (const [sec, cad, units] of cases.steps) {
  const sum = s.stepSummary(sec, cad, units);
  out.steps.push([s.stepLength(sec, cad, units), sum.result, sum.detail, sum.log]);
}
for (const [n, secs, one] of cases.counts) {
  const c = s.cadenceFromCount(n, secs, one);
  out.counts.push([c, s.cadenceSummary(c)]);
}
for (const bad of cases.bad) {
  try { s.parsePace(bad); out.errors.push(null); } catch (e) { out.errors.push(e.message); }
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is required to check the calculator script (install nodejs)")
    return found


def test_javascript_matches_python(node: str) -> None:
    steps = [(parse_pace(p), c, u) for p in PACES for c in CADENCES for u in ("metric", "imperial")]
    bad = ["5", "5:60", "five", "0:45", "31:00"]
    cases = {"paces": PACES, "steps": steps, "counts": COUNTS, "bad": bad}
    run = subprocess.run(
        [node, "-e", NODE_RUNNER, str(SCRIPT)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    js = json.loads(run.stdout)

    for pace, (sec, to_mile, to_km, speed) in zip(PACES, js["paces"], strict=True):
        assert sec == parse_pace(pace)
        assert to_mile == format_pace(convert_pace(sec, "metric", "imperial"))
        assert to_km == format_pace(convert_pace(sec, "imperial", "metric"))
        assert speed == pytest.approx(speed_from_pace(sec), rel=1e-12)
    for (sec, cad, units), (length, result, detail, log) in zip(steps, js["steps"], strict=True):
        assert length == pytest.approx(step_length(sec, cad, units), rel=1e-12)
        summary = step_summary(sec, cad, units)
        assert (result, detail, log) == (summary.result, summary.detail, summary.log)
    for (n, secs, one), (cadence, text) in zip(COUNTS, js["counts"], strict=True):
        assert cadence == pytest.approx(cadence_from_count(n, secs, one_foot=one), rel=1e-12)
        assert text == cadence_summary(cadence)
    for text, message in zip(bad, js["errors"], strict=True):
        with pytest.raises(ValueError) as err:
            parse_pace(text)
        assert message == str(err.value)


def test_script_writes_text_never_markup() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source
