"""Finding drills, without a browser: body map, progression map, JSON export, synonyms, photos."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from PIL import Image
from sitecheck import broken_links, content, drillbook

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs import api
from generator.render import diagrams

REPO = Path(__file__).resolve().parent.parent


def svg(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def test_body_map_marks_exactly_the_given_regions(kb: KnowledgeBase) -> None:
    doc = svg(diagrams.body_svg(["calves", "ankles"], kb.vocab))
    groups = {g["id"]: g for g in doc.select("g.db-region")}
    # every region of the vocabulary is drawn, with a stable id
    assert set(groups) == {f"region-{r}" for r in kb.vocab.ids("regions")}
    on = {i for i, g in groups.items() if "db-region--on" in g["class"]}
    assert on == {"region-ankles", "region-calves"}
    assert {i for i, g in groups.items() if g["data-on"] == "true"} == on
    # the text alternative names them in vocabulary order, with their labels
    assert doc.desc.get_text() == "Highlighted regions: Ankles, Calves and Achilles."
    assert doc.svg["role"] == "img"
    assert doc.svg["aria-labelledby"] == "bodymap-title bodymap-desc"
    # one region, drawn in both views: the back view sits right of x=160
    xs = [float(e["cx"]) for e in groups["region-ankles"].find_all("ellipse")]
    assert min(xs) < 160 < max(xs)


def test_body_map_is_deterministic_and_prefixable(kb: KnowledgeBase) -> None:
    a = diagrams.body_svg(["glutes"], kb.vocab)
    assert a == diagrams.body_svg(["glutes"], kb.vocab)
    prefixed = svg(diagrams.body_svg(["glutes"], kb.vocab, id_prefix="d3-"))
    ids = [t["id"] for t in prefixed.find_all(id=True)]
    assert ids and all(i.startswith("d3-") for i in ids)


def test_every_vocabulary_region_has_a_shape(kb: KnowledgeBase) -> None:
    assert set(kb.vocab.ids("regions")) <= set(diagrams.REGION_SHAPES)


def test_progression_map_walks_the_chain_both_ways(kb: KnowledgeBase) -> None:
    easier, harder = diagrams.chain(kb, "ankle-circles")
    assert easier == []
    assert harder == [["ankle-dorsiflexion-rock", "tibialis-raise"], ["dynamic-lunge-at-cadence"]]
    doc = svg(diagrams.progression_map(kb, "split-squat", lambda d: f"../{d}/"))
    steps = doc.select("li.db-step")
    labels = [s.select_one(".db-step-label").get_text() for s in steps]
    assert labels == ["Easier", "This drill", "Harder"]
    assert [a["href"] for a in steps[0].find_all("a")] == ["../controlled-deep-squat/"]
    assert steps[1].strong["aria-current"] == "page"
    assert {a["href"] for a in steps[2].find_all("a")} == {
        "../bulgarian-split-squat/",
        "../dynamic-lunge-at-cadence/",
    }
    assert diagrams.progression_map(kb, "glute-bridge", str) != ""
    lonely = [d for d in kb.drills if not kb.progressions_of(d) and not kb.regressions_of(d)]
    for d in lonely:
        assert diagrams.progression_map(kb, d, str) == ""


def test_json_export_round_trips_through_its_schema(kb: KnowledgeBase) -> None:
    files = api.site_files(kb, REPO, SiteInfo(site_url="https://example.org/db/"))
    assert sorted(files) == [
        f"api/{n}.{kind}json"
        for n in ("drills", "principles", "programs", "routines")
        for kind in ("", "schema.")
    ]
    for name in ("drills", "principles", "routines", "programs"):
        data = json.loads(files[f"api/{name}.json"])
        schema = json.loads(files[f"api/{name}.schema.json"])
        Draft202012Validator.check_schema(schema)
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
        assert data["schema_version"] == api.SCHEMA_VERSION
        assert data["count"] == len(data[name])
    drills = json.loads(files["api/drills.json"])["drills"]
    assert len(drills) == len(kb.drills)
    one = next(d for d in drills if d["id"] == "split-squat")
    assert one["url"] == "https://example.org/db/drills/split-squat/"
    assert one["time_seconds"] == kb.drills["split-squat"].dosage.seconds()
    assert one["regressions"] == ["controlled-deep-squat"]
    # deterministic: the same data gives the same bytes
    assert files == api.site_files(kb, REPO, SiteInfo(site_url="https://example.org/db/"))


def test_json_schema_refuses_bad_data(kb: KnowledgeBase) -> None:
    files = api.site_files(kb, REPO, SiteInfo())
    data = json.loads(files["api/drills.json"])
    validator = Draft202012Validator(json.loads(files["api/drills.schema.json"]))
    drill = data["drills"][0]
    bad = {
        "unknown region": {**drill, "regions": ["elbows"]},
        "extra field": {**drill, "colour": "red"},
        "missing time": {k: v for k, v in drill.items() if k != "time_seconds"},
    }
    for what, item in bad.items():
        errors = list(validator.iter_errors({**data, "drills": [item]}))
        assert errors, what
    assert list(validator.iter_errors({**data, "schema_version": "one"}))


def test_unknown_synonym_terms_are_reported_with_a_position(mini: Path) -> None:
    (mini / "content/_data/synonyms.yaml").write_text(
        "regions:\n  ankles: [dorsiflexion]\n  ankels: [ankle]\nmuscles:\n  calf: [calf]\n",
        encoding="utf-8",
    )
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert (
        "content/_data/synonyms.yaml:3:3: unknown regions term 'ankels' (did you mean 'ankles'?)"
        in result.stdout
    )
    assert "content/_data/synonyms.yaml:4:1: unknown vocabulary 'muscles'" in result.stdout


def test_drill_page_shows_diagrams_search_words_and_photo(mini: Path) -> None:
    (mini / "content/_data/synonyms.yaml").write_text(
        "regions:\n  calves: [calf, achilles]\ncategories:\n  mobility: [range of motion]\n",
        encoding="utf-8",
    )
    (mini / "drills/media").mkdir()
    Image.new("RGB", (1600, 900), (200, 120, 40)).save(mini / "drills/media/knee-rock.png")
    path = mini / "drills/knee-rock.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "media:\n  - image: media/knee-rock.png\n"
        "    alt: A runner rocks the knee over the toes.\n"
        "    author: Test Author\n    source: Made for the test.\n    licence: CC-BY-4.0\n",
        encoding="utf-8",
    )
    result = drillbook("build", cwd=mini)
    assert result.returncode == 0, result.stdout + result.stderr
    site = mini / "site"
    assert broken_links(site) == []
    page = content(site, "drills/knee-rock")
    on = {g["id"] for g in page.select("svg g.db-region--on")}
    assert on == {"region-ankles", "region-calves"}
    assert "Highlighted: Ankles, Calves and Achilles" in page.select_one(".db-bodymap").get_text()
    assert [a["href"] for a in page.select(".db-progmap a")] == ["../cadence-lunge/"]
    aka = page.select_one(".db-aka").get_text()
    assert "calf, achilles" in aka and "range of motion" in aka
    img = page.select_one(".db-photo img")
    assert (img["src"], img["width"], img["height"], img["loading"]) == (
        "../media/knee-rock.png",
        "1200",
        "675",
        "lazy",
    )
    popover = page.select_one(".db-lightbox")
    assert popover.has_attr("popover")
    assert page.select_one(".db-photo button")["popovertarget"] == popover["id"]
    with Image.open(site / "drills/media/knee-rock.png") as published:
        assert published.size == (1200, 675)
    # a principle page maps the regions its drills cover
    principle = content(site, "principles/ankle-work")
    assert {g["id"] for g in principle.select("svg g.db-region--on")} >= {"region-ankles"}


def test_the_same_body_map_renders_in_a_pdf(kb: KnowledgeBase, tmp_path: Path) -> None:
    """WeasyPrint draws the very SVG the web page shows: labels as text, regions in colour."""
    from pypdf import PdfReader
    from weasyprint import HTML

    figure = diagrams.body_figure(["ankles", "calves"], kb.vocab, id_prefix="a-")
    pdf = tmp_path / "map.pdf"
    HTML(string=f"<html><body>{figure}</body></html>").write_pdf(pdf)
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Front" in text and "Back" in text
    assert "Highlighted: Ankles, Calves and Achilles" in text
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", pdf, tmp_path / "map"], check=True
    )
    with Image.open(tmp_path / "map.png") as png:
        colours = png.convert("RGB").getcolors(maxcolors=1 << 20) or []
    highlighted = tuple(int(diagrams.ON_FILL[i : i + 2], 16) for i in (1, 3, 5))
    assert any(c == highlighted and n > 20 for n, c in colours)
