"""The malformed-drill corpus: each file in tests/malformed/ is dropped into a valid project.

For each, `drillbook check` must exit 1 and print exactly the problems listed for it in
tests/malformed/expected.yaml (file:line:col: message), and `drillbook build` must exit 1 and
leave the site folder exactly as it was.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml
from sitecheck import drillbook

CORPUS = Path(__file__).parent / "malformed"
MANIFEST = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CASES = MANIFEST["cases"]


def large_png(path: Path, min_bytes: int) -> None:
    """A real PNG of noise (noise does not compress), larger than `min_bytes`."""
    from PIL import Image

    side = int((min_bytes / 3) ** 0.5) + 64
    noise = random.Random(6).randbytes(side * side * 3)
    Image.frombytes("RGB", (side, side), noise).save(path)
    assert path.stat().st_size > min_bytes


def install(case: str, setup: dict, project: Path) -> None:
    """Copy the corpus file into drills/ and lay out the files its case needs."""
    drills = project / "drills"
    shutil.copy(CORPUS / case, drills / case)
    media = drills / "media"
    for name in setup.get("media", []):
        media.mkdir(exist_ok=True)
        shutil.copy(CORPUS / "media" / name, media / name)
    for link in setup.get("symlinks", []):
        outside = project / "outside.png"
        shutil.copy(CORPUS / "media" / "pixel.png", outside)
        (drills / link).parent.mkdir(exist_ok=True)
        (drills / link).symlink_to(outside)
    if "large_png" in setup:
        (drills / setup["large_png"]).parent.mkdir(exist_ok=True)
        large_png(drills / setup["large_png"], 512 * 1024)


def test_corpus_is_big_enough_and_complete() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.is_file() and p.name != "expected.yaml")
    assert len(files) >= 30
    assert files == sorted(CASES), "every corpus file needs an entry in expected.yaml"


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_is_refused(case: str, mini: Path, tmp_path: Path) -> None:
    expected = CASES[case]
    install(case, expected.get("setup", {}), mini)

    result = drillbook("check", cwd=mini)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    *listing, count = result.stdout.strip().splitlines()
    found = [line for line in listing if not line.startswith("    fix: ")]
    assert found == expected["problems"]
    assert len(listing) == 2 * len(found), "every problem comes with a fix"
    assert count.endswith("warning(s)")

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    built = drillbook("build", "--site-dir", str(site), cwd=mini)
    assert built.returncode == 1
    assert "nothing was built" in built.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj", "site"]
