"""JSON Schema for drill files, generated from the pydantic model plus the vocabularies.

The repo keeps a copy at schema/drill.schema.json (editors read it through the
`# yaml-language-server: $schema=` line); a test keeps that copy in step with the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.model.drill import VOCAB_FIELDS, Drill
from generator.model.knowledge import KnowledgeBase, Vocabulary
from generator.model.site import SiteInfo

SCHEMA_PATH = "schema/drill.schema.json"


def drill_schema(vocab: Vocabulary, site: SiteInfo | None = None) -> dict[str, Any]:
    """The drill JSON Schema, with each vocabulary field's terms as an enum.

    Its $id is where the site publishes it (site_url + schema/drill.schema.json); without a
    site_url (the repo copy) it is the file's own name, relative to where it is read from.
    """
    schema = Drill.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = (site.url(SCHEMA_PATH) if site else "") or Path(SCHEMA_PATH).name
    schema["title"] = "Drillbook drill"
    props = schema["properties"]
    for field_name, vocab_name in VOCAB_FIELDS.items():
        terms = vocab.terms.get(vocab_name, {})
        enum = {"enum": list(terms), "description": props[field_name].get("description", "")}
        enum["description"] += " One of: " + "; ".join(
            f"{t.id} ({t.label})" for t in terms.values()
        )
        if props[field_name].get("type") == "array":
            props[field_name]["items"] = {"type": "string", "enum": list(terms)}
            props[field_name]["uniqueItems"] = True
            props[field_name]["description"] = enum["description"]
        else:
            props[field_name] = {"type": "string", **enum}
    dosage = schema["$defs"]["Dosage"]
    dosage["oneOf"] = [
        {"required": [m]} for m in ("reps", "hold_seconds", "duration_seconds", "distance_m")
    ]
    media = schema["$defs"]["Media"]
    media["oneOf"] = [{"required": ["image"]}, {"required": ["video"]}]
    # a pose prop may be a bare kind (`props: [mat]`), as the model accepts
    props = schema["$defs"]["Poses"]["properties"]["props"]
    kinds = schema["$defs"]["Prop"]["properties"]["kind"]
    props["items"] = {"anyOf": [props["items"], {"type": "string", "enum": kinds["enum"]}]}
    return schema


def schema_text(vocab: Vocabulary, site: SiteInfo | None = None) -> str:
    schema = drill_schema(vocab, site)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Publish the schema with the site, so editors can point at a stable URL too."""
    return {SCHEMA_PATH: schema_text(kb.vocab, site)}
