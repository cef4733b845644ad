"""The JSON Schema is generated from the model, kept in the repo, and strict on purpose."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.load.layout import Layout
from generator.outputs.schema import SCHEMA_PATH, schema_text
from generator.validate.project import load_vocabulary

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    import json

    schema = json.loads((REPO / SCHEMA_PATH).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def good() -> dict[str, Any]:
    text = (Path(__file__).parent / "fixtures/mini/drills/knee-rock.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_repo_schema_is_up_to_date() -> None:
    vocab, problems = load_vocabulary(Layout(REPO))
    assert vocab is not None and not problems
    assert (REPO / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(vocab), (
        "schema/drill.schema.json is stale: run `drillbook schema`"
    )


def test_valid_drill_passes(validator: Draft202012Validator, good: dict[str, Any]) -> None:
    assert list(validator.iter_errors(good)) == []


def test_every_repo_drill_passes(validator: Draft202012Validator) -> None:
    for path in sorted((REPO / "drills").glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text("utf-8"))))
        assert errors == [], f"{path.name}: {errors[0].message}"


def bad(good: dict[str, Any], change: str) -> dict[str, Any]:
    data = copy.deepcopy(good)
    exec(change, {"d": data})
    return data


@pytest.mark.parametrize(
    "change",
    [
        "d['nmae'] = d['name']",  # unknown key at top level
        "d['dosage']['temp'] = 'slow'",  # unknown key nested
        "d['regions'].append('ankle')",  # a later list item outside the vocabulary
        "d['cues'][2] = 7",  # third item of a list has the wrong type
        "d['steps'].append({'text': 'x'})",  # last item is a mapping
        "d['progressions'].append('Bad Id')",  # a later id breaks the pattern
        "d['dosage']['hold_seconds'] = 20",  # two measures at once
        "del d['stop_if']",  # missing required field
        "d['level'] = 4",
        "d['media'] = [{'image': 'x.png', 'alt': 'x y z', 'author': 'a', 'source': 'sss',"
        " 'licence': 'CC0', 'extra': 1}]",  # unknown key inside a list item
        "d['category'] = 'stretching'",
    ],
)
def test_bad_data_refused(
    validator: Draft202012Validator, good: dict[str, Any], change: str
) -> None:
    assert list(validator.iter_errors(bad(good, change))), change
