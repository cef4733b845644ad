"""URLs from mkdocs.yml: edit links follow edit_uri; use_directory_urls: false is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import content, drillbook, page

from generator.model.site import SiteInfo

REPO_URL = "https://github.com/example/drillbook"


@pytest.mark.parametrize(
    ("edit_uri", "docs", "expected"),
    [
        ("edit/main/content/", "content", f"{REPO_URL}/edit/main/drills/x.yaml"),
        ("edit/dev/content", "content", f"{REPO_URL}/edit/dev/drills/x.yaml"),
        ("/-/edit/trunk/docs/", "docs", f"{REPO_URL}/-/edit/trunk/drills/x.yaml"),
        ("https://git.example/e/content/", "content", "https://git.example/e/drills/x.yaml"),
        ("edit/main/", ".", f"{REPO_URL}/edit/main/drills/x.yaml"),
        ("edit/master/docs/", "content", ""),  # MkDocs' default, not this layout: no link
        ("", "content", ""),
    ],
)
def test_edit_url_follows_edit_uri(edit_uri: str, docs: str, expected: str) -> None:
    site = SiteInfo(repo_url=REPO_URL + "/", edit_uri=edit_uri, docs_dir=docs)
    assert site.edit_url("drills/x.yaml") == expected


def _configure(mini: Path, extra: str) -> None:
    """Add top-level settings, and the theme's edit button."""
    config = mini / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("theme:\n", f"{extra}\ntheme:\n", 1)
    text = text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    config.write_text(text, encoding="utf-8")


def test_edit_links_use_the_configured_branch(mini: Path) -> None:
    _configure(mini, f"repo_url: {REPO_URL}\nedit_uri: edit/develop/content/")
    site = mini / "site"
    # --no-strict: this test is about the edit link, not about the fixture's other pages
    run = drillbook("build", "--no-strict", "--site-dir", str(site), cwd=mini)
    assert run.returncode == 0, run.stderr
    expected = f"{REPO_URL}/edit/develop/drills/hip-circle.yaml"
    article = content(site, "drills/hip-circle")
    assert (
        next(a for a in article.find_all("a") if a.get_text() == "Edit this drill")["href"]
        == expected
    )
    button = page(site, "drills/hip-circle").select_one("a.md-content__button")
    assert button is not None and button["href"] == expected
    assert "/edit/main/" not in (site / "drills/hip-circle/index.html").read_text()


def test_use_directory_urls_false_is_refused(mini: Path) -> None:
    _configure(mini, "use_directory_urls: false")
    site = mini / "site"
    run = drillbook("build", "--site-dir", str(site), cwd=mini)
    assert run.returncode == 1
    assert "'use_directory_urls: false' is not supported" in run.stderr
    assert "Fix: set 'use_directory_urls: true' in mkdocs.yml" in run.stderr
    assert f"{mini / 'mkdocs.yml'}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not site.exists() and not list(mini.glob(".site-*"))
