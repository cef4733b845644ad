"""What two features cost the build, at one size (1,000 drills by default).

* **Figures**: the same synthetic project built with and without every drill's `poses:` block
  (the build without them runs with --no-strict, as missing poses are a warning; so does the one
  with them, for symmetry), each from a cold PDF cache (`DRILLBOOK_CACHE=0`: routine sheets carry
  the figures too). Two builds of each, alternating, the faster of each pair kept.
* **At the track** (follow-along, routine builder, offline): one build in-process under
  cProfile; the share of its wall time spent in those features' own entry points (their pages,
  files and template helper, and the service worker written after MkDocs). MkDocs' own rendering
  of the builder page and of the routines' session markup is not in it: one page and a dozen
  small blocks among thousands of pages.
"""

from __future__ import annotations

import cProfile
import pstats
import shutil
import time
from pathlib import Path

import yaml

# (module file, function) of every entry point of the at-the-track features.
TRACK_ENTRIES = (
    ("generator/outputs/followalong.py", "site_files"),
    ("generator/outputs/followalong.py", "followalong_json"),
    ("generator/outputs/builder.py", "builder_pages"),
    ("generator/outputs/builder.py", "site_files"),
    ("generator/outputs/offline.py", "site_files"),
    ("generator/adapters/mkdocs_plugin.py", "write_service_worker"),
)


def without_poses(project: Path, dest: Path) -> Path:
    """A copy of `project` whose drills have no `poses:` block (nothing else changed)."""
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns(".cache", "site"))
    for path in sorted((dest / "drills").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if isinstance(data, dict) and data.pop("poses", None) is not None:
            text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
            path.write_text(text, encoding="utf-8")
    return dest


def track_step(root: Path, site: Path) -> dict[str, float]:
    """Build `root` in this process under cProfile: total seconds, and seconds in the
    at-the-track entry points (cumulative, so their callees count too)."""
    from generator.adapters import cli

    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    try:
        code = cli.main(["--root", str(root), "build", "--no-strict", "--site-dir", str(site)])
    finally:
        profile.disable()
    total = time.perf_counter() - start
    if code:
        raise SystemExit(f"the profiled build failed ({code})")
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    inside = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.items():
        if any(filename.endswith(f) and name == fn for f, fn in TRACK_ENTRIES):
            inside += cumtime
    return {"total": total, "track": inside}
