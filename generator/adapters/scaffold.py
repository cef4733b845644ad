"""`drillbook new "Drill name"`: write drills/<id>.yaml with every field, each one commented.

The comments come from the model's field descriptions and the vocabularies (one source of
truth); every value the contributor must write is a `TODO: ...` placeholder that
`drillbook check` reports by name until it is filled in (see placeholders.py).
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from generator.load.problems import closest
from generator.model.drill import MEASURES, NAME_RULE, VOCAB_FIELDS, Dosage, Drill, Name
from generator.model.knowledge import Vocabulary
from generator.validate.drills import same_drill
from generator.validate.placeholders import PLACEHOLDER
from generator.validate.schema_comment import SCHEMA_COMMENT

# Ids closer than this (difflib ratio) to an existing id are refused: 'hip-circle' vs
# 'hip-circles' is the same drill under a second file name.
TOO_CLOSE = 0.85
_WIDTH = 98
_OPTIONAL_TODO = {"contributors": "your name or handle, as it should appear in the credits"}


class ScaffoldError(Exception):
    """A refusal with the fix, shown to the contributor instead of a traceback."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def drill_id_for(name: str) -> str:
    """The file id for a drill name: ASCII, lower case, words joined by hyphens.

    Accents are dropped ('Plié' -> 'plie') and apostrophes join their word ("Farmer's Walk" ->
    'farmers-walk'); any other run of characters that are not a-z or 0-9 becomes one hyphen.
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    joined = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", joined).strip("-")


def check_name(name: str) -> None:
    """Refuse a name the model would refuse, with the model's own rule."""
    try:
        TypeAdapter(Name).validate_python(name)
    except ValidationError as exc:
        kind = exc.errors()[0]["type"]
        if kind == "string_too_short":
            raise ScaffoldError(
                f"drill name '{name}' is too short", "use at least 3 characters"
            ) from None
        if kind == "string_too_long":
            raise ScaffoldError(
                f"drill name '{name}' is longer than 70 characters", "use a shorter name"
            ) from None
        raise ScaffoldError(
            f"drill name '{name}' contains characters that are not allowed", NAME_RULE
        ) from None


def check_new_id(drill_id: str, existing: list[str]) -> None:
    """Refuse an id that exists, is the same drill under `check`'s rule (validate.drills.fold),
    or is within a typo of one that does (a guard for new files only)."""
    if drill_id in existing:
        raise ScaffoldError(
            f"drill '{drill_id}' already exists: drills/{drill_id}.yaml",
            "edit that file, or choose a name for a different drill",
        )
    same = same_drill(drill_id, existing)
    if same:
        raise ScaffoldError(
            f"'{drill_id}' is the existing drill '{same}' once case, accents, spaces and "
            "punctuation are ignored",
            f"edit drills/{same}.yaml if it is the same drill; otherwise choose a name "
            "that tells the two apart",
        )
    near = closest(drill_id, existing, cutoff=TOO_CLOSE)
    if near:
        raise ScaffoldError(
            f"'{drill_id}' is too close to the existing drill '{near}' (did you mean '{near}'?)",
            f"edit drills/{near}.yaml if it is the same drill; otherwise choose a name "
            "that tells the two apart",
        )


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, _WIDTH - len(indent) - 2) or [""]]


def _scalar(value: Any) -> str:
    """A YAML scalar: plain when it reads back unchanged, JSON-quoted otherwise."""
    if isinstance(value, str):
        plain = value
        try:
            if yaml.safe_load(f"k: {plain}") == {"k": value}:
                return plain
        except yaml.YAMLError:
            pass
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _todo(what: str) -> str:
    return json.dumps(f"{PLACEHOLDER}: {what.rstrip('.')}", ensure_ascii=False)


def _list_item_model(info: FieldInfo) -> type[BaseModel] | None:
    if get_origin(info.annotation) is list:
        (item,) = get_args(info.annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def _min_items(info: FieldInfo) -> int:
    return next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0) or 0


def _terms_comment(vocab: Vocabulary, vocab_name: str) -> str:
    terms = vocab.terms.get(vocab_name, {})
    return "One of: " + ", ".join(f"{t.id} ({t.label})" for t in terms.values()) + "."


def _example(model: type[BaseModel], indent: str) -> list[str]:
    """A commented-out list item showing every field of `model`."""
    lines = (
        [f"{indent}#   (give exactly one of image or video)"] if model.__name__ == "Media" else []
    )
    for i, (key, info) in enumerate(model.model_fields.items()):
        lead = "- " if i == 0 else "  "
        lines.append(f"{indent}#   {lead}{key}: ...  # {info.description}")
    return lines


def _todo_text(key: str, info: FieldInfo) -> str:
    """What the placeholder asks for, which `drillbook check` repeats as the fix."""
    what = (info.description or "the value").rstrip(".")
    what = what[:1].lower() + what[1:]
    if key in VOCAB_FIELDS or key == "principles":
        return (
            "an id from the list above"
            if key == "category"
            else "one or more ids from the list above"
        )
    if key == "level":
        return "1, 2 or 3"
    if info.annotation in (int, int | None):
        return f"a whole number: {what}"
    return _OPTIONAL_TODO.get(key, what)


def _field(
    key: str, info: FieldInfo, vocab: Vocabulary, principles: list[str], indent: str, name: str
) -> list[str]:
    desc = info.description or ""
    if key in VOCAB_FIELDS:
        desc += " " + _terms_comment(vocab, VOCAB_FIELDS[key])
    if key == "principles" and principles:
        desc += " One or more of: " + ", ".join(principles) + "."
    if key == "level":
        desc += " " + _terms_comment(vocab, "levels")
    if key in MEASURES:
        desc += " Give exactly one of " + ", ".join(MEASURES) + " (rename this key if needed)."
    lines = _comment(desc, indent)
    model = _list_item_model(info)
    if model is not None:
        return [
            *lines,
            f"{indent}{key}: []",
            f"{indent}# To add one, replace [] with items like this:",
            *_example(model, indent),
        ]
    if key == "name":
        return [*lines, f"{indent}{key}: {_scalar(name)}"]
    todo = _todo(_todo_text(key, info))
    is_list = get_origin(info.annotation) is list
    if is_list and not info.is_required() and key not in _OPTIONAL_TODO:
        return [*lines, f"{indent}{key}: []"]
    if is_list and (key in VOCAB_FIELDS or key in _OPTIONAL_TODO or key == "principles"):
        return [*lines, f"{indent}{key}: [{todo}]"]
    if is_list:
        what = _todo_text(key, info)
        items = [f"{indent}  - {_todo(f'{what} ({n})')}" for n in range(1, _min_items(info) + 1)]
        return [*lines, f"{indent}{key}:", *items]
    if info.is_required() or key == MEASURES[0]:
        return [*lines, f"{indent}{key}: {todo}"]
    return [*lines, f"{indent}{key}: {_scalar(info.default)}"]


#: A neutral standing figure, then the same with the arms raised forward: it passes
#: `drillbook check` as it is, so the contributor replaces it with the drill's real positions.
_POSES = [
    "# The drawn figure: 2-4 key positions, each tied to a step. Angles in degrees from standing",
    "# (0 = standing tall); a placeholder: pose your drill. Format and an example:",
    "# CONTRIBUTING.md, 'Posing a drill'. Preview: `drillbook figure <id> --output x.svg`.",
    "poses:",
    "  view: side  # side or front",
    "  working_side: none  # left, right, both or none",
    "  props: []  # e.g. [wall, mat], from the drill's equipment",
    "  frames:",
    "    - step: 1",
    "      left: {hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}",
    "      right: {hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}",
    "    - step: 2  # only the angles that change; replace with the drill's own",
    "      left: {shoulder: 90}",
    "      right: {shoulder: 90}",
]


def scaffold_text(name: str, vocab: Vocabulary, principles: list[str]) -> str:
    """The text of a new drill file: every field, commented, with TODO placeholders."""
    lines = [
        SCHEMA_COMMENT,
        "# A new drill. Replace every TODO value, then run `drillbook check` until it says ok.",
        "# The file's name is the drill's id. Style rules for the text: CONTRIBUTING.md.",
        "",
    ]
    for key, info in Drill.model_fields.items():
        if key == "dosage":
            lines += _comment(Dosage.__doc__ or "")
            lines.append("dosage:")
            for sub, sub_info in Dosage.model_fields.items():
                if sub in MEASURES[1:]:
                    continue
                lines += _field(sub, sub_info, vocab, principles, "  ", name)
            continue
        if key == "poses":
            lines += _POSES
            continue
        lines += _field(key, info, vocab, principles, "", name)
    return "\n".join(lines) + "\n"


def new_drill(root: Path, name: str, vocab: Vocabulary) -> Path:
    """Write drills/<id>.yaml for `name`; raise ScaffoldError for a name or id it refuses."""
    name = name.strip()
    check_name(name)
    drill_id = drill_id_for(name)
    drills = root / "drills"
    existing = sorted(p.stem for p in drills.glob("*.yaml")) if drills.is_dir() else []
    check_new_id(drill_id, existing)
    principles_dir = root / "content" / "principles"
    principles = sorted(p.stem for p in principles_dir.glob("*.md") if p.name != "index.md")
    drills.mkdir(parents=True, exist_ok=True)
    target = drills / f"{drill_id}.yaml"
    with target.open("x", encoding="utf-8", newline="\n") as fh:
        fh.write(scaffold_text(name, vocab, principles))
    return target
