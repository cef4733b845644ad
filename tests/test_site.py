"""Real `drillbook build` runs (MkDocs + mkdocs-material) asserting on the parsed HTML."""

from __future__ import annotations

from pathlib import Path

from sitecheck import broken_links, content, drillbook, page


def built(project: Path) -> Path:
    result = drillbook("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def hrefs(article: object) -> set[str]:
    return {a["href"] for a in article.find_all("a", href=True)}  # type: ignore[attr-defined]


def test_mini_site_pages_and_two_way_links(mini: Path) -> None:
    site = built(mini)
    assert broken_links(site) == []
    drill = content(site, "drills/knee-rock")
    assert drill.h1.get_text(strip=True).startswith("Knee rock")
    assert drill.select_one(".db-dosage-text").get_text() == "2 x 10 each side, slow"
    stops = [li.get_text() for li in drill.select(".db-stop-list li")]
    assert stops == ["Sharp pinch at the front of the ankle.", "Achilles pain that lingers."]
    links = hrefs(drill)
    assert "../../principles/ankle-work/" in links
    assert "../../regions/ankles/" in links
    assert "../cadence-lunge/" in links  # its progression
    # the progression shows knee-rock as its regression, though only knee-rock declared it
    harder = content(site, "drills/cadence-lunge")
    assert "../knee-rock/" in hrefs(harder)
    assert "Easier (regressions):" in harder.get_text()
    # a principle lists its drills; region, use and equipment pages list theirs
    assert {"../../drills/knee-rock/", "../../drills/cadence-lunge/"} <= hrefs(
        content(site, "principles/ankle-work")
    )
    assert "../../drills/knee-rock/" in hrefs(content(site, "regions/ankles"))
    assert "../../drills/knee-rock/" in hrefs(content(site, "uses/pre-run"))
    assert "../../drills/hip-circle/" in hrefs(content(site, "equipment/wall"))
    library = content(site, "drills")
    assert {"knee-rock/", "cadence-lunge/", "hip-circle/"} <= hrefs(library)


def test_drill_pages_stay_out_of_the_navigation(mini: Path) -> None:
    site = built(mini)
    nav = page(site, "drills/knee-rock").select_one("nav.md-nav--primary")
    assert nav is not None
    assert "Knee rock" not in nav.get_text()


def test_untrusted_text_is_escaped_even_if_validation_missed_it(mini: Path) -> None:
    # '&' passes validation; it must come out as text, and markup-like text never as a tag.
    path = mini / "drills/knee-rock.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Heel heavy.", "Heel heavy & *quiet* [x](y)"),
        encoding="utf-8",
    )
    site = built(mini)
    cues = [li.get_text() for li in content(site, "drills/knee-rock").select(".db-cues li")]
    assert "Heel heavy & *quiet* [x](y)" in cues


def test_no_third_party_requests(mini: Path) -> None:
    site = built(mini)
    html = (site / "drills/knee-rock/index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_schema_published(mini: Path) -> None:
    site = built(mini)
    assert (site / "schema/drill.schema.json").exists()


def test_broken_drill_fails_build_and_keeps_previous_site(mini: Path) -> None:
    site = built(mini)
    marker = site / "drills/knee-rock/index.html"
    before = marker.read_bytes()
    path = mini / "drills/knee-rock.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("breathing:", "breathng:"), encoding="utf-8"
    )
    result = drillbook("build", cwd=mini)
    assert result.returncode == 1
    assert (
        "drills/knee-rock.yaml:27:1: unknown key 'breathng' (did you mean 'breathing'?)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert marker.read_bytes() == before
    assert not list(mini.glob(".site-*"))


def test_plain_mkdocs_build_refuses_broken_data_before_cleaning(mini: Path) -> None:
    import subprocess
    import sys

    from sitecheck import ENV

    site = built(mini)
    (mini / "drills/knee-rock.yaml").write_text("name: [", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=mini,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert result.returncode != 0
    assert "drills/knee-rock.yaml:2:1: YAML syntax error" in result.stderr + result.stdout
    assert (site / "drills/knee-rock/index.html").exists()
