"""A build's drill figures, drawn by two worker processes while the build goes on.

A build draws up to four figures per drill: the key positions (drill page), the moving figure
(its own file), the card thumbnail (library) and the print frames (drills on a routine sheet).
At 1,000 drills that is about 1.8 s of CPU, and the process it would run in is the build's
critical path: MkDocs renders every page there, while the PDF workers share the other core.
So `start` forks two workers (they inherit the knowledge base: nothing is pickled on the way
in), gives them the drills in the order the build asks for them (routine drills first, then the
moving figures, then the page figures) and tells `figures.memo` what is coming; a figure asked
for early waits for its batch. Once the build's outputs are made, `finish` takes the rest and
stops the workers, before the PDF workers fork (see `finish` for why).

Nothing starts when there is little to draw (`drillbook serve` after an edit: the memo keeps
every unchanged drill's figures) or no fork (not POSIX); figures are then drawn in process.
A worker that fails leaves its figures to be drawn in process; a drawing error is raised there.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase
from generator.outputs import figures
from generator.outputs.html_allowlist import check_svg
from generator.outputs.pdf import die_with_parent

#: Fewer figures than this to draw: forking would cost more than it saves.
MIN_FIGURES = 200
BATCH = 60  # figures per task: small enough that the first asked-for arrives early
_DRAW: dict[str, Callable[[KnowledgeBase, str], Markup]] = figures.DRAWERS
_KB: KnowledgeBase | None = None  # the knowledge base the workers inherit at fork
_POOL: ProcessPoolExecutor | None = None


def _draw_batch(items: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """In a worker: each (kind, drill id) drawn, as SVG (or <img>) markup, and whether it passed
    the page allowlist (`check_svg`; one that fails is drawn again in process, which reports it)."""
    assert _KB is not None, "figure workers are forked from a process that set _KB"
    out = []
    for kind, drill_id in items:
        svg = str(_DRAW[kind](_KB, drill_id))
        out.append((svg, kind in figures.CHECKED_KINDS and not check_svg(svg)))
    figures.forget_drawn()  # a worker never draws a figure twice: keep no copies
    return out


def wanted(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Every (kind, drill id) this build will draw and has not drawn yet, in the order the build
    asks for them: routine drills' moving figures and print frames (routine pages and sheets
    come first), every moving figure (files), then key positions and thumbnails (pages)."""
    posed = [d for d in sorted(kb.drills) if kb.drills[d].poses is not None]
    routine_drills: dict[str, None] = {}
    for plan in kb.extra.get("routine_plans", {}).values():
        routine_drills.update(dict.fromkeys(d for d in plan.drill_ids() if d in kb.drills))
    on_sheets = [d for d in routine_drills if kb.drills[d].poses is not None]
    order = [("drill_animation", d) for d in on_sheets]
    order += [("drill_print_frames", d) for d in on_sheets]
    order += [("drill_animation", d) for d in posed]
    order += [(kind, d) for d in posed for kind in ("drill_frames", "drill_thumbnail")]
    seen: dict[tuple[str, str], None] = {}
    for item in order:
        if item not in seen and not figures.is_drawn(item[0], kb, item[1]):
            seen[item] = None
    return list(seen)


def start(kb: KnowledgeBase) -> int:
    """Start drawing this build's figures in two workers; how many figures they will draw."""
    global _KB, _POOL
    stop()
    items = wanted(kb)
    cores = os.cpu_count() or 1
    if len(items) < MIN_FIGURES or cores < 2 or os.name != "posix":
        return 0
    _KB = kb
    _POOL = ProcessPoolExecutor(
        max_workers=2,
        mp_context=multiprocessing.get_context("fork"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    gc.freeze()  # the workers' garbage collector leaves the inherited heap alone (see pdf.py)
    try:
        for i in range(0, len(items), BATCH):
            batch = items[i : i + BATCH]
            future = _POOL.submit(_draw_batch, batch)
            for j, (kind, drill_id) in enumerate(batch):
                figures.expect(kind, drill_id, _result(future, kind, drill_id, j))
    finally:
        gc.unfreeze()
        _KB = None  # the workers have their copy; this process keeps no extra reference
    return len(items)


def _result(
    future: Future[list[tuple[str, bool]]], kind: str, drill_id: str, index: int
) -> Callable[[], str | None]:
    def result() -> str | None:
        try:
            svg, passed = future.result()[index]
        except (BrokenProcessPool, CancelledError, RuntimeError):  # a worker died, or stopped
            return None
        if kind in figures.CHECKED_KINDS:
            if not passed:
                return None  # drawn again here, and reported by the allowlist check here
            figures.mark_checked(kind, drill_id, svg)
        return svg

    return result


def finish(kb: KnowledgeBase) -> None:
    """Take every figure the workers draw (waiting for those not done), then stop them.

    Called once the build's outputs are made, before the PDF workers fork: a forked worker
    shares every page of this process's memory, so each page this process then writes to is
    copied first (copy-on-write), for as long as the worker lives. Stopped early, the figure
    workers cost the build's main process no such copies, and no memory afterwards."""
    for kind, drill_id in figures.pending():
        _DRAW[kind](kb, drill_id)  # the memo takes the worker's figure (or draws it here)
    stop(wait=True)


def stop(wait: bool = False) -> None:
    """Stop the workers (at the end of a build, or when it fails); figures not yet asked for
    are drawn in process if they ever are."""
    global _POOL
    figures.forget_pending()
    if _POOL is not None:
        pool, _POOL = _POOL, None
        pool.shutdown(wait=wait, cancel_futures=True)
