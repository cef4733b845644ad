"""Load a whole Drillbook project from disk: vocabularies, principles, drills, then extras.

`load_project` is the one entry point the CLI and the MkDocs plugin share, so both report
exactly the same problems.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from generator.load.documents import Document, load_front_matter_file, load_yaml_file
from generator.load.layout import Layout
from generator.load.problems import Problem
from generator.model.drill import Drill, Principle
from generator.model.knowledge import KnowledgeBase, Vocabulary
from generator.validate.drills import (
    check_drill,
    check_principle,
    cross_problems,
    file_id_problems,
    markdown_body_problems,
)
from generator.validate.media import media_problems
from generator.validate.schema_comment import schema_comment_problems
from generator.validate.vocabulary import check_vocabulary


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


def load_vocabulary(layout: Layout) -> tuple[Vocabulary | None, list[Problem]]:
    """Read and check content/_data/vocabularies.yaml (see `validate.vocabulary`)."""
    doc, problems = load_yaml_file(layout.vocab_file, layout.root)
    if doc is None:
        return None, problems
    vocab, found = check_vocabulary(doc)
    return vocab, problems + found


def load_project(root: Path, loaders: Sequence[ExtraLoader] = ()) -> LoadResult:
    """Read and validate everything under `root`; never raises for a user mistake."""
    with _cyclic_gc_paused():
        return _load_project(root, loaders)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading makes millions of small dicts, lists and tuples and no reference cycles; the
    cyclic collector would only rescan them over and over (a third of the time at 5,000 drills).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# From this many files on, parsing is split over two processes (libyaml's events still cost
# Python time per value; 5,000 drills take about a second on one core).
PARALLEL_FROM = 1000


def _read_all(paths: list[Path], root: Path) -> list[tuple[Document | None, list[Problem]]]:
    """Parse every file, in two forked workers when there are many and the machine has cores."""
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or os.name != "posix":
        return [load_yaml_file(path, root) for path in paths]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        return list(pool.map(load_yaml_file, paths, repeat(root), chunksize=250))


def _load_project(root: Path, loaders: Sequence[ExtraLoader]) -> LoadResult:
    layout = Layout(root.resolve())
    vocab, problems = load_vocabulary(layout)
    if vocab is None:
        return LoadResult(None, problems)
    principles, bodies, found = _load_principles(layout)
    problems += found
    drills, docs, found = _load_drills(layout, vocab)
    problems += found
    drill_files = layout.drill_files()
    broken = frozenset(p.stem for p in drill_files) - drills.keys()
    broken_principles = frozenset(p.stem for p in layout.principle_files()) - principles.keys()
    files = {f"drill:{d}": doc.path for d, doc in docs.items()}
    kb = KnowledgeBase(
        drills,
        principles,
        bodies,
        vocab,
        files,
        broken_drills=broken,
        broken_principles=broken_principles,
    )
    known = {p.stem for p in drill_files}
    problems += cross_problems(kb, {k: v for k, v in docs.items() if k in drills}, known)
    for loader in loaders:
        problems += loader(layout, kb)
    return LoadResult(kb, sorted(set(problems)))


def _load_principles(
    layout: Layout,
) -> tuple[dict[str, Principle], dict[str, str], list[Problem]]:
    """Every principle file: front matter checked, Markdown body kept for rendering."""
    principles: dict[str, Principle] = {}
    bodies: dict[str, str] = {}
    problems: list[Problem] = []
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
    return principles, bodies, problems


# Each drill file's checked result, by path, with the (mtime, size) it was read at: a process
# that loads again (`drillbook serve`) re-reads and re-checks only the drill files that changed,
# as long as the vocabulary is the same. The cross-file checks always run on the whole set.
_MEMO: dict[Path, tuple[tuple[int, int], tuple[Document | None, Drill | None, list[Problem]]]] = {}
_MEMO_CONTEXT: list[object] = []


def _memo_for(vocab: Vocabulary, ships_schema: bool) -> dict[Path, Any]:
    """The per-file memo, emptied when what a drill is checked against changed."""
    if [vocab, ships_schema] != _MEMO_CONTEXT:
        _MEMO.clear()
        _MEMO_CONTEXT[:] = [vocab, ships_schema]
    return _MEMO


# A file modified this recently may change again within the same timestamp tick with the same
# size, so its result is not reused ("racily clean", as git calls it): it is read again.
RACY_NS = 100_000_000


def _stat_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    if time.time_ns() - st.st_mtime_ns < RACY_NS:
        return -1, -1  # always read again
    return st.st_mtime_ns, st.st_size


def _checked_drills(
    layout: Layout, vocab: Vocabulary, ships_schema: bool
) -> list[tuple[Path, tuple[Document | None, Drill | None, list[Problem]]]]:
    """Each drill file parsed and checked on its own (from the memo when unchanged)."""
    memo = _memo_for(vocab, ships_schema)
    drill_files = layout.drill_files()
    keys = {path: _stat_key(path) for path in drill_files}
    stale = [p for p in drill_files if p not in memo or memo[p][0] != keys[p] or keys[p][0] < 0]
    for path, (doc, found) in zip(stale, _read_all(stale, layout.root), strict=True):
        drill = None
        if doc is not None:
            drill, more = check_drill(doc, path.stem, vocab)
            found = found + more
            if ships_schema:
                found += schema_comment_problems(path, doc.path)
        memo[path] = (keys[path], (doc, drill, found))
    for gone in memo.keys() - keys.keys():
        del memo[gone]
    return [(path, memo[path][1]) for path in drill_files]


def _load_drills(
    layout: Layout, vocab: Vocabulary
) -> tuple[dict[str, Drill], dict[str, Document], list[Problem]]:
    """Every drill file checked on its own; the cross-file checks come later."""
    drills: dict[str, Drill] = {}
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    ships_schema = (layout.root / "schema" / "drill.schema.json").is_file()
    drill_files = layout.drill_files()
    for path, (doc, drill, found) in _checked_drills(layout, vocab, ships_schema):
        problems += found
        if doc is None:
            continue
        media_found = media_problems(doc, layout.drills_dir)
        problems += media_found
        docs[path.stem] = doc
        if drill is not None and not media_found:
            drills[path.stem] = drill
    for path in sorted(layout.drills_dir.glob("*")):
        if path.is_file() and path.suffix in (".yml", ".json"):
            rel = path.relative_to(layout.root).as_posix()
            hint = f"rename it to {path.stem}.yaml"
            problems.append(Problem(rel, 1, 1, "drill files must end in .yaml", hint))
    problems += file_id_problems(
        {p.stem: p.relative_to(layout.root).as_posix() for p in drill_files}
    )
    return drills, docs, problems
