"""`drillbook export` (generator/adapters/export.py) and the raw-HTML URL rule (page_links.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitecheck import drillbook

from generator.adapters.export import ExportError, engine_config, site_info, write_tree
from generator.adapters.page_links import page_relative, resolve


@pytest.mark.parametrize(
    ("ref", "src", "mkdocs_url"),
    [
        ("high-knee-march.md", "drills/a-skip.md", "../high-knee-march/"),
        ("b.md#sec", "drills/a.md", "../b/#sec"),
        ("../assets/calendar.js", "programs/foundations.md", "../../assets/calendar.js"),
        ("knee-rock/", "drills/index.md", "knee-rock/"),  # index pages: both bases agree
        ("../assets/drillbook/library.js", "drills/index.md", "../assets/drillbook/library.js"),
        ("media/knee-rock.png", "drills/knee-rock.md", "../media/knee-rock.png"),
        ("../index.md", "drills/a.md", "../../"),
        ("https://example.org/x", "drills/a.md", "https://example.org/x"),
        ("#week-2", "programs/p.md", "#week-2"),
    ],
)
def test_raw_urls_become_page_relative_for_mkdocs(ref: str, src: str, mkdocs_url: str) -> None:
    assert resolve(ref, src) == mkdocs_url


def test_page_relative_touches_only_template_attributes() -> None:
    markdown = '<a href="b.md">B</a> [md](b.md) <img src="x.png" alt="a &#34;href=&#34;y.md">'
    assert page_relative(markdown, "drills/a.md") == (
        '<a href="../b/">B</a> [md](b.md) <img src="../x.png" alt="a &#34;href=&#34;y.md">'
    )
    assert resolve("b.md", "drills/a.md", use_directory_urls=False) == "b.html"


def test_a_raw_url_above_the_site_is_refused() -> None:
    with pytest.raises(ValueError, match="climbs above the site"):
        resolve("../../assets/figures.js", "drills/a.md")


@pytest.mark.parametrize(
    "hostile",
    ["regions/../../outside.md", "../outside.md", "uses/../../../outside.md", "/tmp/abs.md", ""],
)
def test_writer_refuses_a_path_outside_its_folder_and_writes_nothing(
    tmp_path: Path, hostile: str
) -> None:
    dest = tmp_path / "export"
    files: dict[str, str | bytes] = {"drills/ok.md": "# ok\n", hostile: "pwned\n"}
    with pytest.raises(ExportError, match=r"refusing to write .* outside"):
        write_tree(dest, files)
    assert not dest.exists()  # checked before the first byte, so not even drills/ok.md
    assert not (tmp_path / "outside.md").exists()
    assert not Path("/tmp/abs.md").exists()


def test_writer_refuses_a_path_through_a_symlink_out(tmp_path: Path) -> None:
    dest = tmp_path / "export"
    dest.mkdir()
    (dest / "regions").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(ExportError):
        write_tree(dest, {"regions/x.md": "no"})
    assert not (tmp_path / "x.md").exists()


def test_engine_config_drops_the_plugin_and_gives_plain_paths(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  - pymdownx.snippets:\n      base_path: [!relative $config_dir]\n",
        encoding="utf-8",
    )
    (mini / "NOTE.md").write_text("included\n", encoding="utf-8")
    pages = {"contributing.md": b'--8<-- "NOTE.md"\n'}
    files = engine_config(mini, tmp_path / "out", pages)
    data = yaml.safe_load(files["mkdocs.yml"])
    assert data["plugins"] == []  # the drillbook plugin gone; search is Pagefind, run after
    assert (data["docs_dir"], data["site_dir"]) == ("docs", "site")
    snippets = data["markdown_extensions"][-1]["pymdownx.snippets"]
    assert snippets["base_path"] == [str((tmp_path / "out").resolve())]
    assert files["NOTE.md"] == b"included\n"  # what a page includes travels with the export
    with pytest.raises(ExportError, match="outside the project"):
        engine_config(mini, tmp_path / "out", {"x.md": b'--8<-- "../../etc/passwd"\n'})
    config.write_text("site_name: x\nhook: !!python/name:os.system\n", encoding="utf-8")
    with pytest.raises(ExportError, match="line 2 has no plain-path form"):
        engine_config(mini, tmp_path / "out", {})


def test_export_uses_the_site_url_reports_stages_and_replaces_itself(
    mini: Path, tmp_path: Path
) -> None:
    assert site_info(mini).site_url == "https://example.org/drillbook/"
    out = tmp_path / "export"
    result = drillbook("export", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "checked: 3 drills, 2 principles"
    assert any(line.startswith("  pages: ") for line in lines)
    assert any(line.startswith("  files: ") for line in lines)
    assert lines[-1].startswith(f"wrote {len(list(out.rglob('*.*')))} files to {out}")
    api = "".join(p.read_text(encoding="utf-8") for p in (out / "docs/api").glob("*.json"))
    assert "https://example.org/drillbook/drills/knee-rock/" in api
    stale = out / "docs/drills/deleted-drill.md"
    stale.write_text("old\n", encoding="utf-8")
    assert drillbook("export", str(out), cwd=mini).returncode == 0
    assert not stale.exists()  # an earlier export is replaced as a whole
    assert not list(tmp_path.glob(".export.*"))  # no staging folder left behind


def test_export_refuses_a_folder_that_is_not_an_earlier_export(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious\n", encoding="utf-8")
    result = drillbook("export", str(out), cwd=mini)
    assert result.returncode == 1
    assert "is not empty and holds no earlier export" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["thesis.tex"]
