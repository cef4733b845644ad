"""A stranger's path to a merged drill: `drillbook new`, fill in, check, build, edit link, credits.

Also: the schema line every drill file starts with, `check FILE...`, GitHub annotations, and
untrusted text that passes validation coming out as literal text on the page and in the PDF.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from sitecheck import content, drillbook, page

from generator.validate.schema_comment import SCHEMA_COMMENT

REPO = Path(__file__).resolve().parent.parent
NAME = "Hip airplane & reach"
DRILL_ID = "hip-airplane-reach"
REPO_URL = "https://github.com/example/drillbook"

# Text a contributor may legitimately write that means something to HTML or Markdown.
SUMMARY = 'Reach *wide* & say "ok", 5 < 6 [a](https://evil.example) #1 `x` _y_.'
CUES = ["Hips **level** & square.", "# Not a heading, just a cue.", "Say 'slow' <3 times."]
CONTRIBUTORS = ['Ana & "Bo"', "C. *Dee*"]
FILL = {
    "summary": SUMMARY,
    "principles": ["hip-work"],
    "regions": ["hips", "glutes"],
    "planes": ["transverse"],
    "category": "balance",
    "use": ["pre-run"],
    "level": 1,
    "equipment": ["none"],
    "sets": 1,
    "reps": 5,
    "tempo": "slow",
    "easy_day": "Slow, with a pause at the end of each turn.",
    "progressive_day": "A steady rhythm, still within comfort.",
    "setup": "Stand on one leg, hands on the hips, trunk tipped forward.",
    "steps": [
        "Tip the trunk forward until it is nearly level.",
        "Turn the pelvis open towards the lifted leg.",
        "Turn it back until the hips are square again.",
    ],
    "cues": CUES,
    "breathing": "Breathe out as the pelvis opens.",
    "mistakes": ["Letting the standing knee cave in.", "Rushing the turn."],
    "stop_if": ["A sharp pinch in the front of the hip.", "Pain in the standing knee."],
    "why": "Turning the pelvis over a planted leg trains the hip control that keeps each "
    "stride long and level.",
    "contributors": CONTRIBUTORS,
}
ROUTINE = """\
title: Mini week
summary: Two easy runs and a tempo run, for the tests.
level: 2
days:
  monday:
    run: rest
  tuesday:
    run: easy
    blocks:
      pre-run: [hip-airplane-reach, knee-rock]
      post-run:
        - knee-rock
        - {drill: knee-rock, sets: 3, reps: 5}
  wednesday:
    run: rest
  thursday:
    run: progressive
    blocks:
      pre-run: [hip-circle, cadence-lunge]
  friday:
    run: rest
  saturday:
    run: long
    blocks:
      pre-run: [knee-rock, hip-circle]
  sunday:
    run: rest
"""


def fill(text: str) -> str:
    """Replace every TODO placeholder of a scaffold with the values in FILL."""
    out, key = [], ""
    for line in text.splitlines():
        m = re.match(r"^(\s*)([a-z_]+):", line)
        if m:
            key = m.group(2)
        if "TODO" in line and not line.lstrip().startswith("#"):
            value = FILL[key]
            if line.lstrip().startswith("- "):
                n = int(re.search(r"\((\d+)\)\"$", line).group(1))  # type: ignore[union-attr]
                indent = line[: line.index("- ")]
                # The scaffold offers the fewest items allowed; the last slot takes the rest.
                last = f"{line[: line.rindex('(')]}({n + 1})" not in text
                items = value[n - 1 :] if last else [value[n - 1]]
                line = "\n".join(f"{indent}- {json.dumps(item)}" for item in items)
            else:
                line = f"{m.group(1)}{key}: {json.dumps(value)}"  # type: ignore[union-attr]
        out.append(line)
    return "\n".join(out) + "\n"


def with_repo_url(project: Path) -> None:
    """Give the mini site a repository, an edit path, the theme's edit button, and the real
    "Contribute a drill" page (which includes CONTRIBUTING.md through pymdownx.snippets)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    real = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    snippets = re.search(r"  - pymdownx\.snippets:.*?\n(?:      .*\n)+", real)
    assert snippets is not None
    text = text.replace("markdown_extensions:\n", "markdown_extensions:\n" + snippets.group(0))
    shutil.copy(REPO / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    shutil.copy(REPO / "content" / "contributing.md", project / "content" / "contributing.md")
    text = text.replace(
        "theme:\n", f"repo_url: {REPO_URL}\nedit_uri: edit/main/content/\ntheme:\n", 1
    )
    text = text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    config.write_text(text, encoding="utf-8")


def test_new_writes_every_field_commented_and_check_names_each_placeholder(mini: Path) -> None:
    result = drillbook("new", NAME, cwd=mini)
    assert result.returncode == 0, result.stderr
    path = mini / "drills" / f"{DRILL_ID}.yaml"
    assert result.stdout.strip() == (
        f"wrote drills/{DRILL_ID}.yaml: replace every TODO, then run "
        f"`drillbook check drills/{DRILL_ID}.yaml`"
    )
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_COMMENT
    assert f"name: {NAME}\n" in text
    assert "# Body regions worked. One of: feet (Feet), ankles (Ankles)" in text
    assert "One or more of: ankle-work, hip-work." in text

    check = drillbook("check", cwd=mini)
    assert check.returncode == 1
    *listing, summary, count = check.stdout.strip().splitlines()
    assert summary == "  23 x '...' is still the placeholder from `drillbook new` (in 1 file(s))"
    messages = listing[::2]
    assert len(messages) == text.count('"TODO') == 23
    assert count == "23 error(s), 0 warning(s)"
    for line in messages:
        assert line.startswith(f"drills/{DRILL_ID}.yaml:")
        assert line.endswith("is still the placeholder from `drillbook new`"), line
    assert f"drills/{DRILL_ID}.yaml:8:10: 'summary' is still the placeholder" in messages[0]
    assert listing[1] == "    fix: replace it with one sentence: what the drill does"


def test_filled_in_scaffold_passes_and_its_page_shows_text_literally(
    mini: Path, tmp_path: Path
) -> None:
    """The whole path as a newcomer walks it, down to the built page and the routine PDF."""
    with_repo_url(mini)
    assert drillbook("new", NAME, cwd=mini).returncode == 0
    path = mini / "drills" / f"{DRILL_ID}.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    check = drillbook("check", f"drills/{DRILL_ID}.yaml", cwd=mini)
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip() == f"ok: drills/{DRILL_ID}.yaml"

    (mini / "content" / "routines").mkdir()
    for guide in ("scheduling", "tracking-progress"):  # pages the routine page links to
        (mini / "content" / "guide" / f"{guide}.md").write_text(f"# {guide}\n", encoding="utf-8")
    (mini / "content" / "routines" / "mini-week.yaml").write_text(ROUTINE, encoding="utf-8")
    site = tmp_path / "site"
    built = drillbook("build", "--site-dir", str(site), cwd=mini)
    assert built.returncode == 0, built.stderr

    article = content(site, f"drills/{DRILL_ID}")
    assert article.h1.get_text(strip=True).removesuffix("¶") == NAME
    summary = article.select_one(".db-summary")
    assert summary.get_text() == SUMMARY
    assert summary.find(["a", "em", "strong", "code"]) is None
    cues = article.select(".db-cues li")
    assert [li.get_text() for li in cues] == CUES
    assert all(li.find(["strong", "h1"]) is None for li in cues)
    assert not page(site, f"drills/{DRILL_ID}").select('a[href*="evil.example"]')
    meta = page(site, f"drills/{DRILL_ID}").select_one('meta[name="description"]')
    assert meta["content"] == SUMMARY

    credits = article.select_one(".db-contributors")
    assert credits.get_text() == 'Written by Ana & "Bo", C. *Dee*.'
    edit_url = f"{REPO_URL}/edit/main/drills/{DRILL_ID}.yaml"
    edit = next(a for a in article.find_all("a") if a.get_text() == "Edit this drill")
    assert edit["href"] == edit_url
    theme_button = page(site, f"drills/{DRILL_ID}").select_one("a.md-content__button")
    assert theme_button["href"] == edit_url
    how = next(a for a in article.find_all("a") if a.get_text() == "How to contribute a drill")
    assert (site / f"drills/{DRILL_ID}" / how["href"] / "index.html").resolve().is_file()

    guide = content(site, "contributing")
    assert guide.h1.get_text(strip=True).removesuffix("¶") == "Contribute a drill"
    headings = [h.get_text(strip=True).removesuffix("¶") for h in guide.find_all("h2")]
    assert headings[:3] == [
        "The path, step by step",
        "A filled-in example",
        "How to write drill text",
    ]
    schema_link = guide.select_one('a[href$="drill.schema.json"]')
    assert (site / "contributing" / schema_link["href"]).resolve().is_file()

    pdf = site / "routines" / "mini-week-a4.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    text = re.sub(r"\s+", " ", text)
    assert NAME in text
    assert "&amp;" not in text and "&#" not in text


@pytest.mark.parametrize(
    ("name", "message", "fix"),
    [
        (
            "Hip circle",
            "error: drill 'hip-circle' already exists: drills/hip-circle.yaml",
            "fix: edit that file, or choose a name for a different drill",
        ),
        (
            "Hip circles",
            "error: 'hip-circles' is too close to the existing drill 'hip-circle' "
            "(did you mean 'hip-circle'?)",
            "fix: edit drills/hip-circle.yaml if it is the same drill; otherwise choose a name "
            "that tells the two apart",
        ),
        (
            "KNEE  ROCK",
            "error: drill 'knee-rock' already exists: drills/knee-rock.yaml",
            "fix: edit that file, or choose a name for a different drill",
        ),
        (
            "<b>Lunge</b>",
            "error: drill name '<b>Lunge</b>' contains characters that are not allowed",
            "fix: start with a letter or digit; use letters (accented ones such as é, ø, ß too), "
            "digits, spaces and ' ( ) , . / & + : -",
        ),
        ("Hi", "error: drill name 'Hi' is too short", "fix: use at least 3 characters"),
    ],
)
def test_new_refuses(mini: Path, name: str, message: str, fix: str) -> None:
    before = sorted(p.name for p in (mini / "drills").iterdir())
    result = drillbook("new", name, cwd=mini)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [message, f"    {fix}"]
    assert sorted(p.name for p in (mini / "drills").iterdir()) == before


def test_every_repo_drill_starts_with_the_schema_line() -> None:
    files = sorted((REPO / "drills").glob("*.yaml"))
    assert len(files) >= 30
    missing = [
        f.name for f in files if f.read_text(encoding="utf-8").split("\n")[0] != SCHEMA_COMMENT
    ]
    assert missing == []


def test_missing_schema_line_is_a_warning_that_fails_strict(mini: Path) -> None:
    (mini / "schema").mkdir()
    shutil.copy(REPO / "schema" / "drill.schema.json", mini / "schema" / "drill.schema.json")
    for name in ("cadence-lunge", "hip-circle"):
        path = mini / "drills" / f"{name}.yaml"
        path.write_text(SCHEMA_COMMENT + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    lenient = drillbook("check", cwd=mini)
    assert lenient.returncode == 0
    assert lenient.stdout.splitlines()[:2] == [
        "drills/knee-rock.yaml:1:1: warning: drill file does not start with the schema line",
        f"    fix: make the first line `{SCHEMA_COMMENT}` so editors check the file as you type",
    ]
    assert drillbook("check", "--strict", cwd=mini).returncode == 1


def test_github_annotations_escape_properties_and_carry_the_level(mini: Path) -> None:
    (mini / "schema").mkdir()
    shutil.copy(REPO / "schema" / "drill.schema.json", mini / "schema" / "drill.schema.json")
    text = (mini / "drills" / "hip-circle.yaml").read_text(encoding="utf-8")
    (mini / "drills" / "hip,circle:2.yaml").write_text(
        SCHEMA_COMMENT + "\n" + text.replace("Hip circle", "Hip circle two"), encoding="utf-8"
    )
    result = drillbook("check", "--format", "github", cwd=mini)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=drills/hip%2Ccircle%3A2.yaml,line=1,col=1::drill file name 'hip,circle:2' "
        "is not a valid id. Fix: rename the file to lower-case words joined by hyphens, e.g. "
        "'ankle-circles.yaml'"
    ) in lines
    assert (
        "::warning file=drills/knee-rock.yaml,line=1,col=1::drill file does not start with the "
        f"schema line. Fix: make the first line `{SCHEMA_COMMENT}` so editors check the file as "
        "you type"
    ) in lines
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)


def test_check_reports_only_the_named_files(mini: Path) -> None:
    path = mini / "drills" / "knee-rock.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: 1", "level: 5"), encoding="utf-8"
    )
    other = drillbook("check", "drills/hip-circle.yaml", cwd=mini)
    assert other.returncode == 0
    assert other.stdout.strip() == "ok: drills/hip-circle.yaml"
    mine = drillbook("check", str(path), cwd=mini)
    assert mine.returncode == 1
    assert mine.stdout.splitlines()[0].startswith("drills/knee-rock.yaml:8:8: 'level' must be")
    outside = drillbook("check", str(REPO / "README.md"), cwd=mini)
    assert outside.returncode == 1
    assert "is not inside the project" in outside.stderr


def test_contributing_example_is_a_valid_drill(tmp_path: Path) -> None:
    """The filled-in example in CONTRIBUTING.md passes `drillbook check --strict` as printed,
    next to the repo's real drills and principles."""
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
    example = next(b for b in blocks if b.startswith(SCHEMA_COMMENT))
    for folder in ("drills", "content", "schema"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    assert not (tmp_path / "drills" / "hip-airplane.yaml").exists()
    (tmp_path / "drills" / "hip-airplane.yaml").write_text(example, encoding="utf-8")
    result = drillbook("check", "--strict", "drills/hip-airplane.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "ok: drills/hip-airplane.yaml"


def test_a_valid_picture_in_drills_media_passes(mini: Path) -> None:
    media = mini / "drills" / "media"
    media.mkdir()
    shutil.copy(REPO / "tests" / "malformed" / "media" / "pixel.png", media / "hip-circle.png")
    path = mini / "drills" / "hip-circle.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "media:\n  - image: media/hip-circle.png\n    alt: Knee lifted to hip height.\n"
        "    author: Drillbook tests\n    source: Drawn for the tests.\n    licence: CC0-1.0\n",
        encoding="utf-8",
    )
    result = drillbook("check", "--strict", cwd=mini)
    assert result.returncode == 0, result.stdout
