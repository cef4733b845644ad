"""Figures drawn by forked workers (outputs/figure_workers.py): the same bytes as drawn in
process, checked by the allowlist, and never trusted when a worker fails or draws bad SVG."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from markupsafe import Markup

from generator.outputs import figure_workers, figures

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the workers fork")


def _reset() -> None:
    figure_workers.stop()
    figures._MEMO.clear()
    figures._CHECKED.clear()


@pytest.fixture
def fresh(monkeypatch: Any) -> Iterator[None]:
    """No figure drawn yet, and the workers start whatever the number of figures."""
    _reset()
    monkeypatch.setattr(figure_workers, "MIN_FIGURES", 0)
    yield
    _reset()


def _in_process(kb: Any) -> dict[tuple[str, str], str]:
    _reset()
    drawn = {
        item: str(figure_workers._DRAW[item[0]](kb, item[1])) for item in figure_workers.wanted(kb)
    }
    _reset()
    return drawn


def test_workers_draw_every_figure_exactly_as_the_build_would(kb: Any, fresh: None) -> None:
    expected = _in_process(kb)
    kinds = {kind for kind, _ in expected}
    assert kinds == {"drill_frames", "drill_thumbnail", "drill_animation", "drill_print_frames"}
    assert figure_workers.start(kb) == len(expected)
    assert figure_workers._POOL is not None
    for (kind, drill_id), svg in expected.items():
        assert str(figure_workers._DRAW[kind](kb, drill_id)) == svg, (kind, drill_id)
    # what pages show was checked by the allowlist in the worker, and is not checked again
    assert (
        figures._CHECKED[("drill_frames", "hip-hinge")] == expected[("drill_frames", "hip-hinge")]
    )
    assert not figures._PENDING
    # a second build of the same data draws nothing: the memo has every figure
    assert figure_workers.start(kb) == 0


def test_a_worker_figure_outside_the_allowlist_is_drawn_again_here(
    kb: Any, fresh: None, monkeypatch: Any
) -> None:
    real = figures.drill_frames(kb, "glute-bridge")
    _reset()
    evil = lambda kb, d: Markup('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>')  # noqa: E731
    # the workers fork with the evil drawing; this process keeps the real one
    monkeypatch.setitem(figure_workers._DRAW, "drill_frames", evil)
    assert figure_workers.start(kb) > 0
    monkeypatch.setitem(figure_workers._DRAW, "drill_frames", figures.drill_frames)
    assert figures.checked_figure("drill_frames", kb, "glute-bridge") == str(real)
    filled = figures.fill_figures(str(figures.figure_slot("figures", kb, "glute-bridge")), kb)
    assert "<script>1" not in filled and str(real) in filled


def test_a_killed_worker_leaves_its_figures_to_this_process(kb: Any, fresh: None) -> None:
    expected = _in_process(kb)
    assert figure_workers.start(kb) > 0
    pool = figure_workers._POOL
    assert pool is not None
    for process in list(pool._processes.values()):  # type: ignore[attr-defined]
        os.kill(process.pid, signal.SIGKILL)
    for (kind, drill_id), svg in expected.items():
        assert str(figure_workers._DRAW[kind](kb, drill_id)) == svg, (kind, drill_id)


def test_finish_takes_every_figure_and_stops_the_workers(kb: Any, fresh: None) -> None:
    """The build takes every figure before the PDF workers fork, and the figure workers end."""
    expected = _in_process(kb)
    assert figure_workers.start(kb) == len(expected)
    pool = figure_workers._POOL
    assert pool is not None
    processes = list(pool._processes.values())  # type: ignore[attr-defined]
    figure_workers.finish(kb)
    assert figure_workers._POOL is None and not figures.pending()
    assert all(not process.is_alive() for process in processes)
    for (kind, drill_id), svg in expected.items():  # from the memo: nothing is drawn again
        assert str(figures._MEMO[(kind, drill_id)][1]) == svg, (kind, drill_id)
