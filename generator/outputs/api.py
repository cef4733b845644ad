"""The open-data export: the whole knowledge base as JSON files, each with its JSON Schema.

Published with the site as api/<name>.json beside api/<name>.schema.json. Output is
deterministic (sorted keys, stable order, no timestamps) so the same data gives the same bytes.
Routines and programs come from kb.extra when their modules loaded them, else empty lists; they
are their files' data (drills named by id, with only the dosage fields an entry changes) plus the
minutes computed from it, never copies of drills. Each schema is generated from the pydantic
model, with ids limited to the real ones, and lives at site_url + api/<name>.schema.json (or,
without a site_url, beside its data file).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from generator.model.drill import MEASURES, Principle
from generator.model.knowledge import KnowledgeBase
from generator.model.program import CHANGE_KINDS, Program, ProgramPlan, WeekPlan
from generator.model.program import MEASURES as PROGRAM_MEASURES
from generator.model.routine import DAYS, Plan, Routine, plan
from generator.model.site import SiteInfo
from generator.outputs.schema import drill_schema

# Bump the major number when a field is removed or changes meaning; the minor for additions.
SCHEMA_VERSION = "2.0"  # 2.0: routines and programs name drills by id
API_DIR = "api"


def page_url(site: SiteInfo, path: str) -> str:
    """Absolute URL of a site page when site_url is known, else the site-relative path."""
    return site.url(path) or path


def drill_records(kb: KnowledgeBase, site: SiteInfo) -> list[dict[str, Any]]:
    out = []
    for drill_id, drill in kb.sorted_drills():
        record = drill.model_dump(mode="json", exclude_none=True)
        record.update(
            id=drill_id,
            url=page_url(site, f"drills/{drill_id}/"),
            time_seconds=drill.dosage.seconds(),
            dosage_text=drill.dosage.text(),
            progressions=kb.progressions_of(drill_id),
            regressions=kb.regressions_of(drill_id),
        )
        out.append(record)
    return out


def principle_records(kb: KnowledgeBase, site: SiteInfo) -> list[dict[str, Any]]:
    out = []
    for pid, principle in kb.sorted_principles():
        record = principle.model_dump(mode="json")
        record.update(
            url=page_url(site, f"principles/{pid}/"),
            drills=kb.drills_with("principles", pid),
            body_markdown=kb.principle_bodies[pid].strip() + "\n",
        )
        out.append(record)
    return out


def routine_data(routine: Routine) -> dict[str, Any]:
    """A routine as written: drill ids with only the dosage fields it changes."""
    return routine.model_dump(mode="json", exclude_none=True)


def _routine_computed(p: Plan) -> dict[str, Any]:
    """What the export adds to a routine: minutes from the drills' dosage, drills once each."""
    return {
        "minutes": p.minutes,
        "day_minutes": {d.key: d.minutes for d in p.days},
        "drills": p.drill_ids(),
    }


def routine_records(kb: KnowledgeBase, site: SiteInfo) -> list[dict[str, Any]]:
    """kb.extra['routines'] (id -> Routine) as file data plus the minutes computed from it."""
    routines: dict[str, Routine] = kb.extra.get("routines") or {}
    plans: dict[str, Plan] = kb.extra.get("routine_plans") or {}
    out = []
    for rid in sorted(routines):
        p = plans.get(rid) or plan(rid, routines[rid], kb)
        record = {
            "id": rid,
            "url": page_url(site, f"routines/{rid}/"),
            **routine_data(routines[rid]),
        }
        out.append(record | _routine_computed(p))
    return out


def _week_record(week: WeekPlan) -> dict[str, Any]:
    """A program week as written (routine by id, or inline), plus its minutes and new drills."""
    routine: str | dict[str, Any]
    if week.routine_id is not None:
        routine = week.routine_id
    elif week.plan.source is not None:
        routine = routine_data(week.plan.source)
    else:
        raise ValueError(f"week {week.number}: an inline routine without its source")
    return {
        "week": week.number,
        "focus": week.focus,
        "lighter": week.lighter,
        "changes": [c.model_dump(mode="json") for c in week.changes],
        "milestone": week.milestone.model_dump(mode="json"),
        "routine": routine,
        "minutes": week.plan.minutes,
        "new_drills": list(week.new_drills),
    }


def program_records(kb: KnowledgeBase, site: SiteInfo) -> list[dict[str, Any]]:
    """kb.extra['programs'] (id -> ProgramPlan) as file data: routines by id or inline."""
    found: dict[str, ProgramPlan] = kb.extra.get("programs") or {}
    out = []
    for pid in sorted(found):
        p = found[pid]
        record = {
            "id": pid,
            "url": page_url(site, f"programs/{pid}/"),
            "title": p.title,
            "summary": p.summary,
            "level": p.level,
            "notes": list(p.notes),
            "weeks": [_week_record(w) for w in p.weeks],
            "drills": p.drill_ids(),
        }
        out.append(record)
    return out


def schema_url(site: SiteInfo, name: str) -> str:
    """Where api/<name>.schema.json is published; relative to api/ when site_url is unknown."""
    return site.url(f"{API_DIR}/{name}.schema.json") or f"{name}.schema.json"


def _envelope_schema(
    name: str, item: dict[str, Any], defs: dict[str, Any], site: SiteInfo
) -> dict[str, Any]:
    url = schema_url(site, name)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url,
        "title": f"Drillbook {name}",
        "description": f"The {name} of the Drillbook knowledge base ({API_DIR}/{name}.json).",
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", "schema_version", "count", name],
        "properties": {
            "$schema": {"const": url, "description": "This file's JSON Schema."},
            "schema_version": {
                "type": "string",
                "pattern": r"^\d+\.\d+$",
                "description": "MAJOR.MINOR; the major changes when a field is removed or "
                "changes meaning.",
            },
            "count": {"type": "integer", "minimum": 0, "description": f"Number of {name}."},
            name: {"type": "array", "items": item},
        },
    }
    if defs:
        schema["$defs"] = defs
    return schema


def drills_schema(kb: KnowledgeBase, site: SiteInfo) -> dict[str, Any]:
    """The drill file schema, extended with the fields the export adds."""
    base = drill_schema(kb.vocab)
    defs = base.pop("$defs", {})
    item = copy.deepcopy(base)
    for key in ("$schema", "$id", "title"):
        item.pop(key, None)
    item["title"] = "Drill"
    added = {
        "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "description": "Id."},
        "url": {"type": "string", "description": "The drill's page on the site."},
        "time_seconds": {
            "type": "integer",
            "minimum": 0,
            "description": "Estimated time for the whole dosage, rest included.",
        },
        "dosage_text": {"type": "string", "description": "Dosage as a coach writes it."},
    }
    item["properties"].update(added)
    item["required"] = sorted({*item.get("required", []), *added, "progressions", "regressions"})
    return _envelope_schema("drills", item, defs, site)


def principles_schema(site: SiteInfo) -> dict[str, Any]:
    item = Principle.model_json_schema()
    item.pop("title", None)
    item["title"] = "Principle"
    item["properties"].update(
        url={"type": "string", "description": "The principle's page on the site."},
        drills={"type": "array", "items": {"type": "string"}, "description": "Drill ids."},
        body_markdown={"type": "string", "description": "The principle's prose, in Markdown."},
    )
    item["required"] = sorted({*item.get("required", []), "url", "drills", "body_markdown"})
    return _envelope_schema("principles", item, {}, site)


def _ids(values: Any, description: str = "") -> dict[str, Any]:
    """A string that must be one of the given ids."""
    schema: dict[str, Any] = {"type": "string", "enum": sorted(values)}
    return {**schema, "description": description} if description else schema


def _routine_parts(kb: KnowledgeBase) -> tuple[dict[str, Any], dict[str, Any]]:
    """The Routine model's schema as (root, $defs named Routine*), ids limited to real ones."""
    root = Routine.model_json_schema(ref_template="#/$defs/Routine{model}")
    defs = {f"Routine{k}": v for k, v in root.pop("$defs").items()}
    drill_ids = list(kb.drills)
    entry, day = defs["RoutineEntry"], defs["RoutineDay"]
    entry["properties"]["drill"] = _ids(drill_ids, "A drill id of drills.json.")
    # A routine entry changes at most one measure (Entry._one_measure).
    pairs = [[a, b] for i, a in enumerate(MEASURES) for b in MEASURES[i + 1 :]]
    entry["not"] = {"anyOf": [{"required": pair} for pair in pairs]}
    day["properties"]["run"] = _ids(kb.vocab.ids("run_types"), "A run type id.")
    day["properties"]["blocks"]["propertyNames"] = _ids(kb.vocab.ids("blocks"))
    return root, defs


def _computed(props: dict[str, Any], schema: dict[str, Any]) -> None:
    """Add the fields the export computes to a model schema, all required."""
    schema["properties"].update(props)
    schema["required"] = sorted({*schema.get("required", []), *props})


def routines_schema(kb: KnowledgeBase, site: SiteInfo) -> dict[str, Any]:
    """A routine file as the model reads it, plus id, url and the computed minutes."""
    item, defs = _routine_parts(kb)
    drill_list = {"type": "array", "items": _ids(kb.drills), "uniqueItems": True}
    minutes = {"type": "integer", "minimum": 0}
    added = {
        "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "description": "Id."},
        "url": {"type": "string", "description": "The routine's page on the site."},
        "minutes": {**minutes, "description": "Minutes of drills in the week."},
        "day_minutes": {
            "type": "object",
            "properties": dict.fromkeys(DAYS, minutes),
            "required": list(DAYS),
            "additionalProperties": False,
            "description": "Minutes of drills per day.",
        },
        "drills": {**drill_list, "description": "Every drill of the week once, warm-up first."},
    }
    _computed(added, item)
    return _envelope_schema("routines", item, defs, site)


def programs_schema(kb: KnowledgeBase, site: SiteInfo) -> dict[str, Any]:
    """A program file as the model reads it (routines by id or inline), plus computed fields."""
    item = Program.model_json_schema()
    defs = item.pop("$defs")
    routine, routine_defs = _routine_parts(kb)
    defs.update(routine_defs, Routine=routine)
    drill_list = {"type": "array", "items": _ids(kb.drills), "uniqueItems": True}
    week = defs["Week"]
    week["properties"]["routine"] = {
        "description": "A routine id of routines.json, or the routine written inline.",
        "anyOf": [_ids(kb.extra.get("routines") or {}), {"$ref": "#/$defs/Routine"}],
    }
    defs["Change"]["properties"]["kind"] = _ids(CHANGE_KINDS, "What changes.")
    defs["Change"]["properties"]["drills"]["items"] = _ids(kb.drills)
    defs["Check"]["properties"]["measure"] = _ids(PROGRAM_MEASURES, "What is measured.")
    defs["Milestone"]["properties"]["day"] = _ids(DAYS, "The day to measure on.")
    _computed(
        {
            "minutes": {"type": "integer", "minimum": 0, "description": "Minutes of drills."},
            "new_drills": {**drill_list, "description": "Drills that first appear this week."},
        },
        week,
    )
    added = {
        "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "description": "Id."},
        "url": {"type": "string", "description": "The program's page on the site."},
        "drills": {**drill_list, "description": "Every drill once, by first appearance."},
    }
    _computed(added, item)
    return _envelope_schema("programs", item, defs, site)


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export(kb: KnowledgeBase, site: SiteInfo) -> dict[str, Any]:
    """{name: (document, schema)} for every exported collection."""
    collections = {
        "drills": (drill_records(kb, site), drills_schema(kb, site)),
        "principles": (principle_records(kb, site), principles_schema(site)),
        "routines": (routine_records(kb, site), routines_schema(kb, site)),
        "programs": (program_records(kb, site), programs_schema(kb, site)),
    }
    return {
        name: (
            {
                "$schema": schema["$id"],
                "schema_version": SCHEMA_VERSION,
                "count": len(items),
                name: items,
            },
            schema,
        )
        for name, (items, schema) in collections.items()
    }


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """api/<name>.json and api/<name>.schema.json for drills, principles, routines, programs."""
    files: dict[str, str | bytes] = {}
    for name, (document, schema) in export(kb, site).items():
        files[f"{API_DIR}/{name}.json"] = _dump(document)
        files[f"{API_DIR}/{name}.schema.json"] = _dump(schema)
    return files
