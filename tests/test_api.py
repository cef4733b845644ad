"""Open data: api/*.json name drills by id, and every file passes its own, biting JSON Schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.adapters.export import site_info
from generator.model.knowledge import KnowledgeBase
from generator.model.program import Program
from generator.model.routine import Routine, plan
from generator.model.site import SiteInfo
from generator.outputs import api
from generator.outputs import schema as drill_schema_file

REPO = Path(__file__).resolve().parent.parent
NAMES = ("drills", "principles", "routines", "programs")
ROUTINE_COMPUTED = ("id", "url", "minutes", "day_minutes", "drills")


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, Any]:
    """The published files, with the site as mkdocs.yml configures it."""
    return api.site_files(kb, REPO, site_info(REPO))


def doc(files: dict[str, Any], name: str) -> Any:
    return json.loads(files[f"api/{name}.json"])


def validator(files: dict[str, Any], name: str) -> Draft202012Validator:
    schema = json.loads(files[f"api/{name}.schema.json"])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_every_published_file_passes_its_published_schema(files: dict[str, Any]) -> None:
    assert sorted(files) == sorted(f"api/{n}.{k}json" for n in NAMES for k in ("", "schema."))
    for name in NAMES:
        data, check = doc(files, name), validator(files, name)
        assert [e.message for e in check.iter_errors(data)] == [], name
        assert data["$schema"] == check.schema["$id"]
        assert data["count"] == len(data[name]) > 0, name


def test_schema_urls_come_from_site_url(kb: KnowledgeBase, files: dict[str, Any]) -> None:
    configured = site_info(REPO).site_url
    assert configured  # mkdocs.yml sets one
    for name in NAMES:
        url = f"{configured.rstrip('/')}/api/{name}.schema.json"
        assert json.loads(files[f"api/{name}.schema.json"])["$id"] == url
        assert doc(files, name)["$schema"] == url
    elsewhere = api.site_files(kb, REPO, SiteInfo(site_url="https://example.org/db"))
    for name in NAMES:
        schema = json.loads(elsewhere[f"api/{name}.schema.json"])
        assert schema["$id"] == f"https://example.org/db/api/{name}.schema.json"
    assert "drillbook.github.io" not in "".join(map(str, elsewhere.values()))
    # the drill file schema published with the site too; the repo copy names itself
    published = json.loads(
        drill_schema_file.site_files(kb, REPO, site_info(REPO))[drill_schema_file.SCHEMA_PATH]
    )
    assert published["$id"] == f"{configured.rstrip('/')}/schema/drill.schema.json"
    assert (
        json.loads((REPO / drill_schema_file.SCHEMA_PATH).read_text("utf-8"))["$id"]
        == "drill.schema.json"
    )
    # no site_url: the schema is named relative to its data file, in the same folder
    bare = api.export(kb, SiteInfo())
    for name, (data, schema) in bare.items():
        assert schema["$id"] == data["$schema"] == f"{name}.schema.json"
        assert list(Draft202012Validator(schema).iter_errors(data)) == []


def test_programs_name_drills_by_id_and_stay_small(files: dict[str, Any]) -> None:
    programs, drills = files["api/programs.json"], files["api/drills.json"]
    # measured: 4,935,695 bytes before (every item copied a whole drill), 49,729 after,
    # against 242,119 for drills.json
    assert len(programs) < 3 * len(drills)
    assert len(files["api/routines.json"]) < len(drills)
    for name in ("routines", "programs"):
        text = files[f"api/{name}.json"]
        for drill_field in ('"steps"', '"cues"', '"stop_signals"', '"regions"', '"dosage"'):
            assert drill_field not in text, (name, drill_field)


def test_records_are_the_files_data_and_give_the_same_minutes(
    kb: KnowledgeBase, files: dict[str, Any]
) -> None:
    for record in doc(files, "routines")["routines"]:
        data = {k: v for k, v in record.items() if k not in ROUTINE_COMPUTED}
        routine = Routine.model_validate(data)
        assert routine == kb.extra["routines"][record["id"]]
        again = plan(record["id"], routine, kb)
        assert record["minutes"] == again.minutes
        assert record["day_minutes"] == {d.key: d.minutes for d in again.days}
    inline = 0
    for record in doc(files, "programs")["programs"]:
        program_plan = kb.extra["programs"][record["id"]]
        weeks = [
            {k: v for k, v in w.items() if k not in ("minutes", "new_drills")}
            for w in record["weeks"]
        ]
        data = {k: v for k, v in record.items() if k not in ("id", "url", "drills")}
        Program.model_validate({**data, "weeks": weeks})
        for week, week_plan in zip(record["weeks"], program_plan.weeks, strict=True):
            assert week["minutes"] == week_plan.plan.minutes
            if isinstance(week["routine"], dict):
                inline += 1
                assert Routine.model_validate(week["routine"]) == week_plan.plan.source
            else:
                assert week["routine"] == week_plan.routine_id
    assert inline  # the repo has programs written with inline routines


def _refused(check: Draft202012Validator, data: dict[str, Any], name: str, item: Any) -> bool:
    return bool(list(check.iter_errors({**data, name: [item]})))


def test_routine_schema_refuses_wrong_fields_and_unknown_drills(files: dict[str, Any]) -> None:
    data, check = doc(files, "routines"), validator(files, "routines")
    good = data["routines"][0]
    assert not _refused(check, data, "routines", good)

    def changed(edit: Any) -> dict[str, Any]:
        item = copy.deepcopy(good)
        edit(item)
        return item

    day = next(k for k, d in good["days"].items() if d["blocks"])
    kind = next(iter(good["days"][day]["blocks"]))

    def entry(item: dict[str, Any]) -> dict[str, Any]:
        return item["days"][day]["blocks"][kind][0]

    bad = {
        "extra field": changed(lambda i: i.update(colour="red")),
        "missing minutes": changed(lambda i: i.pop("minutes")),
        "unknown drill": changed(lambda i: entry(i).update(drill="no-such-drill")),
        "extra entry field": changed(lambda i: entry(i).update(weight_kg=20)),
        "two measures": changed(lambda i: entry(i).update(reps=8, hold_seconds=20)),
        "whole drill copied": changed(lambda i: entry(i).update(name="Glute bridge")),
        "unknown block": changed(lambda i: i["days"][day]["blocks"].update(brunch=[])),
        "unknown run type": changed(lambda i: i["days"][day].update(run="swim")),
        "missing day": changed(lambda i: i["days"].pop("sunday")),
        "unknown drill in list": changed(lambda i: i["drills"].append("no-such-drill")),
    }
    for what, item in bad.items():
        assert _refused(check, data, "routines", item), what
    assert list(check.iter_errors({**data, "$schema": "https://elsewhere.example/x.json"}))


def test_program_schema_refuses_wrong_fields_and_unknown_ids(files: dict[str, Any]) -> None:
    data, check = doc(files, "programs"), validator(files, "programs")
    inline = next(p for p in data["programs"] if isinstance(p["weeks"][0]["routine"], dict))
    assert not _refused(check, data, "programs", inline)

    def changed(edit: Any) -> dict[str, Any]:
        item = copy.deepcopy(inline)
        edit(item)
        return item

    def first_entry(item: dict[str, Any]) -> dict[str, Any]:
        days = item["weeks"][0]["routine"]["days"]
        blocks = next(d["blocks"] for d in days.values() if d["blocks"])
        return next(iter(blocks.values()))[0]

    week = {"routine": "no-such-routine"}
    bad = {
        "extra field": changed(lambda i: i.update(colour="red")),
        "extra week field": changed(lambda i: i["weeks"][0].update(colour="red")),
        "missing week minutes": changed(lambda i: i["weeks"][0].pop("minutes")),
        "unknown routine id": changed(lambda i: i["weeks"][0].update(week)),
        "unknown drill inline": changed(lambda i: first_entry(i).update(drill="no-such-drill")),
        "unknown new drill": changed(lambda i: i["weeks"][0]["new_drills"].append("nope")),
        "unknown measure": changed(
            lambda i: i["weeks"][0]["milestone"]["checks"][0].update(measure="vo2max")
        ),
        "unknown day": changed(lambda i: i["weeks"][0]["milestone"].update(day="someday")),
        "no weeks": changed(lambda i: i.update(weeks=[])),
    }
    for what, item in bad.items():
        assert _refused(check, data, "programs", item), what
    by_id = next(p for p in data["programs"] if isinstance(p["weeks"][0]["routine"], str))
    assert not _refused(check, data, "programs", by_id)


def test_routines_and_programs_are_empty_without_their_modules(kb: KnowledgeBase) -> None:
    bare = KnowledgeBase(kb.drills, kb.principles, kb.principle_bodies, kb.vocab)
    data = api.export(bare, SiteInfo())
    for name in ("routines", "programs"):
        document, schema = data[name]
        assert document == {
            "$schema": f"{name}.schema.json",
            "schema_version": api.SCHEMA_VERSION,
            "count": 0,
            name: [],
        }
        assert list(Draft202012Validator(schema).iter_errors(document)) == []
