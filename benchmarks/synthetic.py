"""Synthetic but valid knowledge bases of any size, for the benchmark.

A synthetic project is the real one (guide pages, principles, vocabularies, routines, programs,
overrides, mkdocs.yml and the real drills) plus numbered copies of the real drills: copy k of
`hip-hinge` is `hip-hinge-k`, named "Hip hinge k", and its progressions, regressions,
substitutes and related drills point at copy k of the drills the original points at. So every
copy has realistic fields and a cross-reference graph exactly as valid as the real one (no
cycles, levels in order). Routines are copied the same way, pointing at a family of copies.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.load.layout import Layout

RELATIONS = ("progressions", "regressions", "substitutes", "related")
# Copied whole; drills/ separately (the real drills are the templates), site output never.
PROJECT_PARTS = ("content", "overrides", "schema", "mkdocs.yml")
ROUTINE_EVERY = 500  # one extra routine per this many drills
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/drill.schema.json\n"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _dump(data: dict[str, Any], first_line: str = "") -> str:
    return first_line + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def drill_copy(data: dict[str, Any], k: int, keep: set[str]) -> dict[str, Any]:
    """Copy k of a real drill; references point at copy k of their targets when in `keep`."""
    out = dict(data)
    out["name"] = f"{data['name']} {k}"
    out["aliases"] = [f"{alias} {k}" for alias in data.get("aliases", [])]
    for rel in RELATIONS:
        out[rel] = [f"{other}-{k}" for other in data.get(rel, []) if f"{other}-{k}" in keep]
    return out


def routine_copy(data: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy k of a real routine, naming copy k of each drill."""
    out = dict(data)
    out["title"] = f"{data['title']} {k}"
    days = {}
    for day, body in data["days"].items():
        body = dict(body)
        if "blocks" in body:
            body["blocks"] = {
                kind: [_renamed(entry, k) for entry in entries]
                for kind, entries in body["blocks"].items()
            }
        days[day] = body
    out["days"] = days
    return out


def _renamed(entry: Any, k: int) -> Any:
    if isinstance(entry, str):
        return f"{entry}-{k}"
    return {**entry, "drill": f"{entry['drill']}-{k}"}


def write_project(source: Path, dest: Path, drills: int) -> Path:
    """Write a valid project with exactly `drills` drills (at least the real ones) into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    top_pages = [p.name for p in source.glob("*.md")]  # snippets may include CONTRIBUTING.md
    for part in (*PROJECT_PARTS, *top_pages):
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / part)
    shutil.copytree(source / "drills", dest / "drills", dirs_exist_ok=True)
    real = {p.stem: _load(p) for p in Layout(source).drill_files()}
    if drills < len(real):
        raise ValueError(f"at least {len(real)} drills (the real ones) are needed")

    names = sorted(real)
    wanted = [f"{name}-{k}" for k in range(2, 2 + drills) for name in names]
    wanted = wanted[: drills - len(real)]
    keep = set(wanted)
    for drill_id in wanted:
        base, k = drill_id.rsplit("-", 1)
        copy = drill_copy(real[base], int(k), keep)
        text = _dump(copy, SCHEMA_LINE)
        (dest / "drills" / f"{drill_id}.yaml").write_text(text, encoding="utf-8")

    routines_dir = dest / "content" / "routines"
    complete = [k for k in range(2, 2 + drills) if all(f"{n}-{k}" in keep for n in names)]
    routines = sorted(routines_dir.glob("*.yaml")) if routines_dir.exists() else []
    for i in range(drills // ROUTINE_EVERY if routines and complete else 0):
        path, k = routines[i % len(routines)], complete[i % len(complete)]
        text = _dump(routine_copy(_load(path), k))
        (routines_dir / f"{path.stem}-{k}.yaml").write_text(text, encoding="utf-8")
    return dest
