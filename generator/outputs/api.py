"""The open-data export: the whole knowledge base as JSON files, each with its JSON Schema.

Published with the site as api/<name>.json beside api/<name>.schema.json. Output is
deterministic (sorted keys, stable order, no timestamps) so the same data gives the same bytes.
Routines and programs come from kb.extra when their modules loaded them, else empty lists.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model.drill import Principle
from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs.schema import drill_schema

# Bump the major number when a field is removed or changes meaning; the minor for additions.
SCHEMA_VERSION = "1.0"
API_DIR = "api"
SCHEMA_BASE = "https://drillbook.github.io/drillbook/api/"


def _jsonable(value: Any) -> Any:
    """Plain JSON data from models, dataclasses, mappings and sequences."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    return value


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


def extra_records(kb: KnowledgeBase, name: str) -> list[Any]:
    """Routines or programs as loaded by their modules: a mapping id -> item, or a list."""
    value = kb.extra.get(name)
    if not value:
        return []
    if isinstance(value, dict):
        records = []
        for key in sorted(value):
            item = _jsonable(value[key])
            if isinstance(item, dict):
                item = {"id": key, **item}
            records.append(item)
        return records
    return _jsonable(list(value))


def _envelope_schema(name: str, item: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        "title": f"Drillbook {name}",
        "description": f"The {name} of the Drillbook knowledge base ({API_DIR}/{name}.json).",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "count", name],
        "properties": {
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


def drills_schema(kb: KnowledgeBase) -> dict[str, Any]:
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
    return _envelope_schema("drills", item, defs)


def principles_schema() -> dict[str, Any]:
    item = Principle.model_json_schema()
    item.pop("title", None)
    item["title"] = "Principle"
    item["properties"].update(
        url={"type": "string", "description": "The principle's page on the site."},
        drills={"type": "array", "items": {"type": "string"}, "description": "Drill ids."},
        body_markdown={"type": "string", "description": "The principle's prose, in Markdown."},
    )
    item["required"] = sorted({*item.get("required", []), "url", "drills", "body_markdown"})
    return _envelope_schema("principles", item, {})


def open_schema(name: str) -> dict[str, Any]:
    """Routines and programs belong to their own modules: items are objects with an id."""
    item = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string"}},
        "description": f"One of the {name}; see the {name} documentation for its fields.",
    }
    return _envelope_schema(name, item, {})


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export(kb: KnowledgeBase, site: SiteInfo) -> dict[str, Any]:
    """{name: (document, schema)} for every exported collection."""
    collections = {
        "drills": (drill_records(kb, site), drills_schema(kb)),
        "principles": (principle_records(kb, site), principles_schema()),
        "routines": (extra_records(kb, "routines"), open_schema("routines")),
        "programs": (extra_records(kb, "programs"), open_schema("programs")),
    }
    return {
        name: ({"schema_version": SCHEMA_VERSION, "count": len(items), name: items}, schema)
        for name, (items, schema) in collections.items()
    }


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """api/<name>.json and api/<name>.schema.json for drills, principles, routines, programs."""
    files: dict[str, str | bytes] = {}
    for name, (document, schema) in export(kb, site).items():
        files[f"{API_DIR}/{name}.json"] = _dump(document)
        files[f"{API_DIR}/{name}.schema.json"] = _dump(schema)
    return files
