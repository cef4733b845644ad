"""Load a whole Drillbook project from disk: vocabularies, principles, drills, then extras.

`load_project` is the one entry point the CLI and the MkDocs plugin share, so both report
exactly the same problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .load import load_front_matter_file, load_yaml_file
from .media import media_problems
from .model import KnowledgeBase, Term, Vocabulary
from .problems import Problem
from .scaffold import schema_comment_problems
from .validate import (
    check_drill,
    check_principle,
    cross_problems,
    file_id_problems,
    markdown_body_problems,
)


@dataclass(frozen=True)
class Layout:
    """Where things live in a Drillbook checkout."""

    root: Path

    @property
    def drills_dir(self) -> Path:
        return self.root / "drills"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def vocab_file(self) -> Path:
        return self.content_dir / "_data" / "vocabularies.yaml"

    @property
    def principles_dir(self) -> Path:
        return self.content_dir / "principles"

    def drill_files(self) -> list[Path]:
        found = (p for p in self.drills_dir.glob("*.yaml") if not p.name.startswith("_"))
        return sorted(found, key=lambda p: p.name)  # by name: Path comparison is slow at 5,000

    def principle_files(self) -> list[Path]:
        return sorted(p for p in self.principles_dir.glob("*.md") if p.name != "index.md")


@dataclass
class LoadResult:
    kb: KnowledgeBase | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.kb is not None and not any(p.level == "error" for p in self.problems)


# Loaders for further data (routines, programs) run after drills: each reads its own files,
# stores what it built in kb.extra and returns its problems.
ExtraLoader = Callable[[Layout, KnowledgeBase], list[Problem]]
EXTRA_LOADERS: list[ExtraLoader] = []


def load_vocabulary(layout: Layout) -> tuple[Vocabulary | None, list[Problem]]:
    doc, problems = load_yaml_file(layout.vocab_file, layout.root)
    if doc is None:
        return None, problems
    terms: dict[str, dict[str, Term]] = {}
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "vocabularies must be a mapping of vocabulary names")]
    for name, entries in doc.data.items():
        if not isinstance(entries, dict):
            problems.append(doc.problem((name,), f"vocabulary '{name}' must map ids to terms"))
            continue
        terms[name] = {}
        for term_id, body in entries.items():
            if not isinstance(body, dict) or not body.get("label") or not body.get("description"):
                problems.append(
                    doc.problem(
                        (name, term_id),
                        f"term '{term_id}' needs a label and a description",
                        "write {label: ..., description: ...}",
                    )
                )
                continue
            terms[name][str(term_id)] = Term(
                str(term_id), body["label"], body["description"], str(body.get("unused", ""))
            )
    return Vocabulary(terms), problems


def load_project(root: Path) -> LoadResult:
    """Read and validate everything under `root`; never raises for a user mistake."""
    layout = Layout(root.resolve())
    vocab, problems = load_vocabulary(layout)
    if vocab is None:
        return LoadResult(None, problems)

    principles, bodies = {}, {}
    for path in layout.principle_files():
        doc, body, body_line, found = load_front_matter_file(path, layout.root)
        problems += found
        if doc is None:
            continue
        principle, found = check_principle(doc, path.stem)
        problems += found
        problems += markdown_body_problems(doc.path, body, body_line)
        if principle is not None:
            principles[path.stem] = principle
            bodies[path.stem] = body

    drills, docs, files = {}, {}, {}
    for path in layout.drill_files():
        doc, found = load_yaml_file(path, layout.root)
        problems += found
        if doc is None:
            continue
        drill, found = check_drill(doc, path.stem, vocab)
        media_found = media_problems(doc, layout.drills_dir)
        problems += found + media_found + schema_comment_problems(path, doc.path, layout.root)
        docs[path.stem] = doc
        files[f"drill:{path.stem}"] = doc.path
        if drill is not None and not media_found:
            drills[path.stem] = drill
    for path in sorted(layout.drills_dir.glob("*")):
        if path.is_file() and path.suffix in (".yml", ".json"):
            problems.append(
                Problem(
                    path.relative_to(layout.root).as_posix(),
                    1,
                    1,
                    "drill files must end in .yaml",
                    f"rename it to {path.stem}.yaml",
                )
            )

    problems += file_id_problems(
        {p.stem: p.relative_to(layout.root).as_posix() for p in layout.drill_files()}
    )

    kb = KnowledgeBase(drills, principles, bodies, vocab, files)
    known = {p.stem for p in layout.drill_files()}
    problems += cross_problems(kb, {k: v for k, v in docs.items() if k in drills}, known)
    for loader in EXTRA_LOADERS:
        problems += loader(layout, kb)
    return LoadResult(kb, sorted(set(problems)))
