"""The benchmark: `make bench` (python -m benchmarks.bench [--sizes 100,1000,5000]).

For each size it writes a synthetic project (generator/synthetic.py) into a temporary folder
and runs every step as its own process, so each wall time and peak memory is that step's alone:
`drillbook check --strict`; the generator in-process (load + validate + render the Markdown
pages, no MkDocs); the full `drillbook build`; a plain `mkdocs build` of the same pages written
beforehand with `drillbook export` (same mkdocs.yml minus the plugin): the overhead ratio; and a
default mkdocs-material build with automatic navigation (the anchor), at 1,000 drills and below
only, as it grows with the square of the page count. Routine PDFs are timed on the real project,
with their QR codes. Then a drill page's first view in Chromium (every request, gzipped), a bare
libyaml load of the same YAML files (the floor for the check), and, up to --preview-max drills,
`drillbook serve` from outside: a drill edited, broken and fixed, polled over HTTP.
The table, with the machine, goes between markers in BENCHMARKS.md; the notes around it stay.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.features import track_step, without_poses
from benchmarks.pageweight import FirstView, folder_gz, site_first_view, site_search_queries
from benchmarks.preview import Preview, measure_preview, measure_start, tree_rss_kb
from benchmarks.synthetic import write_project
from generator.model.knowledge import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "BENCHMARKS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
ANCHOR_MAX = 1000  # the anchor build at 5,000 drills would take over ten minutes
FEATURES_AT = 1000  # the size at which the figures' and the track features' costs are measured
CONSUMED = ("_data", "routines", "programs")  # data folders the plugin reads, not pages
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
ROUTINE_ARGS = ["--days", "mon=rest,tue=easy,thu=progressive,sat=long", "--format", "pdf"]


@dataclass
class Run:
    seconds: float
    rss_mb: float  # the step's peak over its whole process tree (main process + PDF workers)
    stdout: str


#: How often a step's process tree is sampled for memory. Reading a process's PSS makes the kernel
#: walk its page tables: sampling every 20 ms took about 10 s of CPU over a 30 s build of 1,000
#: drills on 2 cores, slowing the very build it timed, and the more so the more processes the
#: build had. Every 0.5 s costs about a twentieth of that; a peak shorter than that may be missed.
SAMPLE_SECONDS = 0.5


def _sample_tree(pid: int, peak: list[int], done: threading.Event) -> None:
    """Every SAMPLE_SECONDS, the memory (PSS) summed over `pid` and its descendants; keeps the
    largest."""
    while not done.wait(SAMPLE_SECONDS):
        peak[0] = max(peak[0], tree_rss_kb(pid))


def run(
    *args: str | Path, cwd: Path = REPO, env: dict[str, str] | None = None, memory: bool = True
) -> Run:
    """Run one step as a child process: its wall time and its peak memory, the larger of the
    summed process tree's PSS (sampled from /proc, unless `memory` is false: a step timed
    against another) and the main process's own peak RSS (wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        command, environ = [str(a) for a in args], {**ENV, **(env or {})}
        proc = subprocess.Popen(command, cwd=cwd, env=environ, stdout=out, stderr=err)
        peak, done = [0], threading.Event()
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak, done), daemon=True)
        if memory:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if memory:
            sampler.join()
        usage_kb = usage.ru_maxrss  # the main process's own peak, in case sampling missed it
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise SystemExit(f"failed: {' '.join(map(str, args))}\n{err.read()[-3000:]}")
        return Run(seconds, max(peak[0], usage_kb) / 1024, out.read())


def py(*args: str | Path) -> list[str | Path]:
    return [sys.executable, *args]


@dataclass
class Row:
    drills: int
    check: Run | None = None
    generate_s: float = 0.0
    build: Run | None = None
    rebuild: Run | None = None  # the same build again: PDFs come from the cache
    plain: Run | None = None
    anchor: Run | None = None
    drill_html: int = 0
    drill_gz: int = 0
    search_gz: int = 0  # the whole search index (pagefind/), gzipped
    search_query_gz: int = 0  # what a first query fetches in Chromium (Pagefind's engine too)
    search_next_gz: int = 0  # what a second query fetches (its index chunks and fragments)
    bare_yaml: Run | None = None  # a bare libyaml load of the same YAML files: the floor
    first_view: FirstView | None = None  # a drill page in Chromium, every request counted
    preview: Preview | None = None  # drillbook serve, measured from outside
    serve_start_s: float | None = None  # drillbook serve launched on a cold PDF cache
    figures_cost: float | None = None  # build with poses / build without - 1 (benchmarks.features)
    track_share: float | None = None  # share of the build in the at-the-track features
    notes: list[str] = field(default_factory=list)


def ms_per_drill(rows: list[Row], i: int) -> float | None:
    """Marginal build cost: (build[i] - build[i-1]) / (drills[i] - drills[i-1]), in ms.
    Fixed costs (start-up, PDFs of the real routines) cancel out; None for the first size."""
    if i == 0:
        return None
    a, b = rows[i - 1], rows[i]
    assert a.build and b.build
    return (b.build.seconds - a.build.seconds) * 1000 / (b.drills - a.drills)


BARE_YAML = """\
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
files = [*root.glob("drills/*.yaml"), *root.glob("content/**/*.yaml")]
for f in files:
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


# -- the steps -----------------------------------------------------------------------------


def generate_step(root: Path) -> float:
    """Seconds for load + validate + render of every Markdown page, in this process."""
    from generator import pipeline
    from generator.model.site import SiteInfo
    from generator.outputs.pages import render_pages

    start = time.perf_counter()
    result = pipeline.load(root)
    assert result.kb is not None
    site = SiteInfo(site_url="https://example.org/")
    producers = [f.pages for f in pipeline.FEATURES if f.pages]
    render_pages(pipeline.renderer(result.kb, site), producers)
    return time.perf_counter() - start


def pdf_step(root: Path) -> dict[str, float]:
    """Seconds per routine PDF in this process: the first (imports, fonts), then the mean of 5."""
    from generator import pipeline

    kb = pipeline.load(root).kb
    assert kb is not None
    first = time_routine_pdf(kb)
    rest = [time_routine_pdf(kb) for _ in range(5)]
    return {"first": first, "each": sum(rest) / len(rest)}


def plain_config(project: Path, dest: Path) -> None:
    """The project's mkdocs.yml without the drillbook plugin, over exported pages."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plain, n = re.subn(r"(?m)^\s*-\s*drillbook\s*$\n?", "", text)
    if n != 1:
        raise SystemExit("could not find the drillbook plugin line in mkdocs.yml")
    # no plugin left: say so, or MkDocs would add its default search plugin to the plain build
    plain = re.sub(r"(?m)^plugins:[^\n]*\n(?![ \t]+-)", "plugins: []\n", plain)
    (dest / "mkdocs.yml").write_text(plain, encoding="utf-8")
    shutil.copytree(project / "overrides", dest / "overrides", dirs_exist_ok=True)
    copy_top_pages(project, dest)


def copy_top_pages(project: Path, dest: Path) -> None:
    """Top-level Markdown files (CONTRIBUTING.md): pages include them as snippets."""
    for page in project.glob("*.md"):
        shutil.copy2(page, dest / page.name)


def top_level_blocks(text: str) -> dict[str, str]:
    """mkdocs.yml split into its top-level keys, as text (it holds MkDocs-only tags)."""
    blocks: dict[str, str] = {}
    key = None
    for line in text.splitlines(keepends=True):
        found = re.match(r"^([A-Za-z_]+):", line)
        if found:
            key = found.group(1)
            blocks[key] = ""
        if key:
            blocks[key] += line
    return blocks


def anchor_config(project: Path, dest: Path, docs: Path) -> None:
    """A default mkdocs-material site over the same pages: automatic navigation, no features."""
    ours = top_level_blocks((project / "mkdocs.yml").read_text(encoding="utf-8"))
    kept = "".join(ours.get(key, "") for key in ("site_name", "site_url", "markdown_extensions"))
    config = (
        f"docs_dir: {json.dumps(str(docs))}\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n"
    )
    (dest / "mkdocs.yml").write_text(kept + config, encoding="utf-8")
    copy_top_pages(project, dest)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.refs.append(a["href"] or "")
        elif tag in ("script", "img") and a.get("src"):
            self.refs.append(a["src"] or "")


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """(bytes of the page's HTML, gzip bytes of the HTML plus its CSS, scripts and images)."""
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    total = len(gzip.compress(html, 6, mtime=0))
    for ref in dict.fromkeys(parser.refs):
        if "://" in ref:
            continue
        target = (page.parent / ref.split("?")[0].split("#")[0]).resolve()
        if target.is_file() and site.resolve() in target.parents:
            total += len(gzip.compress(target.read_bytes(), 6, mtime=0))
    return len(html), total


def measure(size: int, work: Path, anchor: bool, preview: bool) -> Row:
    row = Row(size)
    project = write_project(REPO, work / "project", size)
    row.check = run(*py("-m", "generator.adapters.cli", "--root", project, "check", "--strict"))
    out = run(*py("-m", "benchmarks.bench", "--step", "generate", project)).stdout
    row.generate_s = json.loads(out.strip().splitlines()[-1])["seconds"]
    site = work / "site"
    row.build = run(
        *py("-m", "generator.adapters.cli", "--root", project, "build", "--site-dir", site)
    )
    row.rebuild = run(
        *py("-m", "generator.adapters.cli", "--root", project, "build", "--site-dir", site)
    )

    plain = work / "plain"
    shutil.copytree(project / "content", plain / "content")
    for name in CONSUMED:
        shutil.rmtree(plain / "content" / name, ignore_errors=True)
    # export wants a new folder: the generated pages go there, then over the hand-written ones
    run(*py("-m", "generator.adapters.cli", "--root", project, "export", work / "export"))
    shutil.copytree(work / "export", plain / "content", dirs_exist_ok=True)
    plain_config(project, plain)
    row.plain = run(*py("-m", "mkdocs", "build", "-q", "--no-strict", "-d", "site"), cwd=plain)

    if anchor:
        anchor_dir = work / "anchor"
        anchor_dir.mkdir()
        anchor_config(project, anchor_dir, plain / "content")
        row.anchor = run(*py("-m", "mkdocs", "build", "-q", "-d", "site"), cwd=anchor_dir)

    # the largest drill page: the budget is for every drill page
    pages = [(p.stat().st_size, p.parent.name) for p in (site / "drills").glob("*/index.html")]
    drill_id = max(pages)[1]
    row.drill_html, row.drill_gz = page_weight(site, site / "drills" / drill_id / "index.html")
    row.search_gz = folder_gz(site / "pagefind")
    first, then = site_search_queries(site, f"drills/{drill_id}/", ["hamstring", "stiff ankles"])
    row.search_query_gz, row.search_next_gz = first.gz, then.gz
    row.bare_yaml = run(*py("-c", BARE_YAML, project))
    row.first_view = site_first_view(site, f"drills/{drill_id}/")
    if preview:
        row.serve_start_s = measure_start(project, ENV)
        row.preview = measure_preview(project, drill_id, ENV)
    if size == FEATURES_AT:
        measure_features(row, project, work)
    return row


def measure_features(row: Row, project: Path, work: Path) -> None:
    """The figures' and the at-the-track features' share of the build (benchmarks.features)."""
    bare = without_poses(project, work / "no-poses")
    cold = {"DRILLBOOK_CACHE": "0"}
    cli = ("-m", "generator.adapters.cli", "--root")
    args = ("build", "--no-strict", "--site-dir")
    posed: list[Run] = []
    plain: list[Run] = []
    for i in range(2):
        # timed against each other: no memory sampling, which costs more the more processes
        plain.append(run(*py(*cli, bare, *args, work / f"s-bare{i}"), env=cold, memory=False))
        posed.append(run(*py(*cli, project, *args, work / f"s-posed{i}"), env=cold, memory=False))
    row.figures_cost = min(r.seconds for r in posed) / min(r.seconds for r in plain) - 1
    out = run(*py("-m", "benchmarks.bench", "--step", "track", project, work / "s-track"))
    track = json.loads(out.stdout.strip().splitlines()[-1])
    row.track_share = track["track"] / track["total"]


# -- the report ----------------------------------------------------------------------------


def commit() -> str:
    found = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%h %cs"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or "unknown"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        cpu = re.search(r"model name\s*:\s*(.+)", info).group(1)  # type: ignore[union-attr]
        mem = Path("/proc/meminfo").read_text(encoding="utf-8")
        kb = int(re.search(r"MemTotal:\s*(\d+)", mem).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        ram = "RAM unknown"
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "weasyprint")
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {versions}; load average at start {load}"
    )


TARGETS = """\
Targets: check of 5,000 drills <= 1.5x a bare libyaml load of the same files; overhead <= 1.10;
cold build <= 2x plain MkDocs; anchor ratio at 1,000 <= 0.40; marginal ms per drill from 1,000
to 5,000 <= 1.2x that from 100 to 1,000; the largest drill page's HTML <= 60 KB at 5,000;
figures add <= 10 % and the at-the-track features <= 5 % to the 1,000-drill build; first view of a
drill page <= 150 KB gzipped at 5,000 (every request); one drill edited shows in the preview in
<= 1 s at 1,000 and <= 2 s at 5,000; a broken drill shows its problem in the preview in <= 1 s;
routine PDF (with its QR codes) <= 0.3 s in-process; peak memory of the 5,000 build, summed over
its process tree, < 1 GB."""


def _cells(rows: list[Row], i: int) -> str:
    r = rows[i]
    assert r.check and r.build and r.plain and r.rebuild and r.bare_yaml and r.first_view
    anchor = f"{r.anchor.seconds:.1f}" if r.anchor else "skipped"
    ratio = f"{r.build.seconds / r.anchor.seconds:.2f}" if r.anchor else "-"
    marginal = ms_per_drill(rows, i)
    ms = f"{marginal:.1f}" if marginal is not None else "-"
    rss = max(r.check.rss_mb, r.build.rss_mb)
    pv = r.preview
    edit = f"{pv.edit_s:.1f}" if pv else "not run"
    error = f"{pv.error_s:.2f}" if pv else "not run"
    start = r.serve_start_s
    cold = f"{start:.1f} ({start / r.plain.seconds:.2f}x)" if start else "not run"
    figures = f"{r.figures_cost * 100:+.1f}" if r.figures_cost is not None else "-"
    track = f"{r.track_share * 100:.1f}" if r.track_share is not None else "-"
    return (
        f"| {r.drills:,} | {r.check.seconds:.2f} | {r.check.seconds / r.bare_yaml.seconds:.2f} "
        f"| {r.generate_s:.2f} | {r.build.seconds:.1f} | {r.rebuild.seconds:.1f} | {ms} "
        f"| {rss:.0f} | {r.plain.seconds:.1f} | {r.build.seconds / r.plain.seconds:.2f} "
        f"| {anchor} | {ratio} | {r.drill_html / 1024:.1f} "
        f"| {r.first_view.gz / 1024:.0f} ({r.first_view.requests}) "
        f"| {r.search_query_gz / 1024:.0f} / {r.search_next_gz / 1024:.0f} "
        f"({r.search_gz / 1024:.0f}) | {edit} | {error} | {cold} | {figures} | {track} |"
    )


def table(rows: list[Row]) -> str:
    head = (
        "| drills | check s | check / bare YAML | generator s | build s | rebuild s "
        "| marginal ms/drill | peak memory MB (tree) | plain mkdocs s | overhead | anchor s "
        "| anchor ratio | drill HTML KB | first view gz KB (requests) "
        "| search per query gz KB: first / next (whole index) "
        "| edit-to-preview s | error-to-preview s | serve cold start s (x plain) "
        "| figures % build | track features % build |"
    )
    lines = [head, "|" + " ---: |" * (head.count(" | ") + 1)]
    lines += [_cells(rows, i) for i in range(len(rows))]
    return "\n".join(lines)


def _size_verdicts(by: dict[int, Row], rows: list[Row], judge: Any) -> None:
    if 5000 in by:
        r = by[5000]
        assert r.check and r.build and r.bare_yaml and r.first_view
        ratio = r.check.seconds / r.bare_yaml.seconds
        judge(ratio <= 1.5, f"check of 5,000 drills {ratio:.2f}x the bare YAML load (<= 1.5x)")
        judge(r.drill_html <= 60 * 1024, f"drill page {r.drill_html / 1024:.1f} KB (<= 60 KB)")
        kb = r.first_view.gz / 1024
        judge(kb <= 150, f"first view of a drill page at 5,000 drills {kb:.0f} KB (<= 150 KB)")
        rss = max(r.check.rss_mb, r.build.rss_mb)
        judge(rss < 1024, f"peak memory (tree) at 5,000 drills {rss:.0f} MB (< 1 GB)")
    sizes = [r.drills for r in rows]
    if {100, 1000, 5000} <= set(sizes):
        low = ms_per_drill(rows, sizes.index(1000))
        high = ms_per_drill(rows, sizes.index(5000))
        assert low and high
        growth = high / low
        judge(growth <= 1.2, f"marginal ms/drill 1,000-5,000 vs 100-1,000: {growth:.2f}x (<= 1.2x)")
    for size, limit in ((1000, 1.0), (5000, 2.0)):
        if size in by and by[size].preview:
            edit = by[size].preview.edit_s  # type: ignore[union-attr]
            judge(edit <= limit, f"edit-to-preview at {size:,} drills {edit:.1f} s (<= {limit} s)")
    for r in rows:
        if r.preview:
            err = r.preview.error_s
            judge(err <= 1.0, f"error-to-preview at {r.drills:,} drills {err:.2f} s (<= 1 s)")


def _feature_verdicts(by: dict[int, Row], judge: Any) -> None:
    """Figures <= 10 % of the build and the at-the-track features <= 5 %, at FEATURES_AT."""
    r = by.get(FEATURES_AT)
    if r is None or r.figures_cost is None or r.track_share is None:
        return
    size = f"{FEATURES_AT:,}"
    cost, share = r.figures_cost * 100, r.track_share * 100
    judge(cost <= 10, f"figures add {cost:+.1f} % to the {size}-drill build (<= 10 %)")
    judge(
        share <= 5,
        f"the at-the-track features take {share:.1f} % of the {size}-drill build (<= 5 %)",
    )


def _script_verdicts(judge: Any) -> None:
    """The at-the-track scripts, gzipped as a static host sends them (each loads only on its
    own pages: tests/test_followalong.py and tests/test_builder.py check that)."""
    for name in ("followalong.js", "builder.js"):
        size = len(gzip.compress((REPO / "generator" / "assets" / name).read_bytes(), 6))
        judge(size <= 30 * 1024, f"{name} {size / 1024:.1f} KB gzipped (<= 30 KB)")


def verdicts(rows: list[Row], pdf: dict[str, float] | None) -> list[str]:
    """One line per target that this run could judge: met or missed, with the numbers."""
    by = {r.drills: r for r in rows}
    out = []

    def judge(ok: bool, text: str) -> None:
        out.append(f"- {'met' if ok else '**missed**'}: {text}")

    _size_verdicts(by, rows, judge)
    _script_verdicts(judge)
    for r in rows:
        assert r.build and r.plain
        over = r.build.seconds / r.plain.seconds
        judge(over <= 1.10, f"overhead at {r.drills:,} drills {over:.2f} (<= 1.10)")
        judge(over <= 2.0, f"cold build at {r.drills:,} drills {over:.2f}x plain MkDocs (<= 2x)")
        if r.serve_start_s:
            ratio = r.serve_start_s / r.plain.seconds
            text = f"serve cold start at {r.drills:,} drills {ratio:.2f}x plain MkDocs (<= 2x)"
            judge(ratio <= 2.0, text)
    if 1000 in by and by[1000].anchor:
        r = by[1000]
        assert r.build and r.anchor
        ratio = r.build.seconds / r.anchor.seconds
        judge(ratio <= 0.40, f"anchor ratio at 1,000 drills {ratio:.2f} (<= 0.40)")
    _feature_verdicts(by, judge)
    if pdf:
        judge(pdf["each"] <= 0.3, f"routine PDF in-process {pdf['each']:.2f} s (<= 0.3 s)")
    for size in (100, 1000, 5000):
        if size not in by:
            out.append(f"- not judged: {size:,} drills were not run")
    return out


def report(rows: list[Row], pdf: dict[str, float] | None, fresh: Run | None, took: float) -> str:
    if pdf and fresh:
        pdf_line = (
            f"Routine PDF (real project, A4): {pdf['each']:.2f} s each in one process after the "
            f"first ({pdf['first']:.2f} s with WeasyPrint's import and fonts); "
            f"{fresh.seconds:.2f} s as a fresh `drillbook routine --format pdf` process."
        )
    else:
        pdf_line = "Routine PDF: not measured (no routines or no PDF module)."
    return "\n".join(
        [
            START,
            f"Commit {commit()}. Machine: {machine()}.",
            "",
            table(rows),
            "",
            pdf_line,
            "",
            TARGETS,
            "",
            *verdicts(rows, pdf),
            "",
            f"The whole benchmark took {took / 60:.1f} min.",
            END,
        ]
    )


def write_results(block: str) -> None:
    """Replace the block between the markers in BENCHMARKS.md (or start the file)."""
    text = (
        RESULTS.read_text(encoding="utf-8")
        if RESULTS.exists()
        else f"# Benchmarks\n\n{START}\n{END}\n"
    )
    if START not in text:
        text = text.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    RESULTS.write_text(head + block + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    p.add_argument("--sizes", default="100,1000,5000", help="drill counts, comma-separated")
    p.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md")
    p.add_argument(
        "--preview-max", type=int, default=1000, help="time the preview up to this many drills"
    )
    p.add_argument("--step", choices=("generate", "pdf", "track"), help=argparse.SUPPRESS)
    p.add_argument("root", nargs="?", help=argparse.SUPPRESS)
    p.add_argument("site", nargs="?", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.step == "track":
        print(json.dumps(track_step(Path(args.root), Path(args.site))))
        return 0
    if args.step == "generate":
        print(json.dumps({"seconds": generate_step(Path(args.root))}))
        return 0
    if args.step == "pdf":
        print(json.dumps(pdf_step(Path(args.root))))
        return 0

    started = time.perf_counter()
    sizes = [int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",") if s]
    rows = []
    with tempfile.TemporaryDirectory(prefix="drillbook-bench-") as tmp:
        for size in sizes:
            print(f"{size:,} drills ...", file=sys.stderr, flush=True)
            work = Path(tmp) / str(size)
            preview = size <= args.preview_max
            rows.append(measure(size, work, anchor=size <= ANCHOR_MAX, preview=preview))
        pdf = fresh = None
        if (REPO / "content" / "routines").exists() and (
            REPO / "generator" / "outputs" / "pdf.py"
        ).exists():
            out = run(*py("-m", "benchmarks.bench", "--step", "pdf", REPO)).stdout
            pdf = json.loads(out.strip().splitlines()[-1])
            target = Path(tmp) / "routine.pdf"
            cli = ("-m", "generator.adapters.cli")
            fresh = run(*py(*cli, "routine", *ROUTINE_ARGS, "--output", target))
    block = report(rows, pdf, fresh, time.perf_counter() - started)
    print(block)
    if not args.no_write:
        write_results(block)
        print(f"wrote {RESULTS.relative_to(REPO)}", file=sys.stderr)
    return 0


def time_routine_pdf(kb: KnowledgeBase, paper: str = "a4") -> float:
    """Seconds to render the first routine's PDF in this process, as the site publishes it."""
    from generator.model.site import SiteInfo
    from generator.outputs.pdf import html_to_pdf
    from generator.outputs.routine_pages import plans, sheet_html

    found = plans(kb)
    if not found:
        raise ValueError("no routines loaded")
    start = time.perf_counter()
    html = sheet_html(found[0], kb, SiteInfo(site_url="https://example.org/"), paper)
    html_to_pdf(html)
    seconds = time.perf_counter() - start
    if "QR code:" not in html:
        raise ValueError("the timed sheet has no QR codes, unlike the published one")
    return seconds


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
