"""Issue 14, escaping: untrusted text never becomes markup, attributes or third-party requests.

Each finding of the issue is a test here, on a real `drillbook check` or a real MkDocs build
with the shipped Markdown configuration (tests/conftest.py copies it from mkdocs.yml).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI_MKDOCS, REPO
from sitecheck import content, drillbook

WritePath = Callable[[str, str], Path]

PRINCIPLE = """\
---
id: hip-work
title: Hip work
summary: Free hips make longer strides.
cues:
  - Pelvis level.
order: 2
---

## What it is

Say `"hips" isn't 'knees'` out loud.

> A quoted line stays a quote.

!!! warning "Depth is not the goal"
    Shrink the range rather than force it.
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(mini: Path) -> Path:
    site = mini / "site"
    result = drillbook("build", "--site-dir", str(site), cwd=mini)
    assert result.returncode == 0, result.stderr
    return site


def test_tests_use_the_shipped_markdown_extensions() -> None:
    shipped = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("markdown_extensions:")[1]
    shipped = shipped.split("\n\n")[0]
    for name in ("md_in_html", "pymdownx.details", "pymdownx.superfences", "attr_list"):
        assert name in shipped
        assert f"- {name}" in MINI_MKDOCS


def test_principle_body_is_markdown_not_escaped_text(mini: Path, write: WritePath) -> None:
    write("content/principles/hip-work.md", PRINCIPLE)
    site = _build(mini)
    article = content(site, "principles/hip-work/")
    warning = article.select_one("div.admonition.warning")
    assert warning is not None
    assert warning.select_one(".admonition-title").get_text() == "Depth is not the goal"
    assert "!!!" not in article.get_text()
    assert article.select_one("p code").get_text() == "\"hips\" isn't 'knees'"
    assert article.select_one("blockquote").get_text(strip=True) == "A quoted line stays a quote."


def test_real_principle_shows_its_admonition(repo_site: Path) -> None:
    article = content(repo_site, "principles/dynamic-warm-up-block/")
    assert article.select_one("div.admonition.warning") is not None
    assert "!!! warning" not in article.get_text()


def test_attribute_list_in_principle_body_is_refused(mini: Path, write: WritePath) -> None:
    write("content/principles/hip-work.md", PRINCIPLE + "\nA line.\n{: onclick=alert(1) }\n")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert "content/principles/hip-work.md:20:1: body contains a Markdown attribute list" in (
        result.stdout
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_attribute_list_in_a_field_is_refused_at_its_column(mini: Path) -> None:
    drill = mini / "drills" / "knee-rock.yaml"
    _replace(drill, "tempo: slow", """tempo: 'slow {: style="position:fixed;inset:0" }'""")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert "drills/knee-rock.yaml:14:16: 'dosage.tempo' contains a Markdown attribute list" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ('"Half-kneel\\n\\n# Heading"', "a line break"),
        ('"Half-kneel \\u202Eecaf"', "an invisible or control character"),
        ('"Half-kneel\\u0007 bell"', "an invisible or control character"),
    ],
)
def test_one_line_field_refuses_newlines_and_control_chars(
    mini: Path, value: str, what: str
) -> None:
    drill = mini / "drills" / "knee-rock.yaml"
    _replace(drill, "setup: Half-kneel facing a wall.", f"setup: {value}")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert re.search(rf"drills/knee-rock.yaml:18:\d+: 'setup' contains {what}", result.stdout), (
        result.stdout
    )


def test_image_syntax_in_text_makes_no_third_party_request(mini: Path) -> None:
    drill = mini / "drills" / "knee-rock.yaml"
    _replace(drill, "tempo: slow", "tempo: slow ![x](https://any.host/t.png)")
    _replace(drill, "setup: Half-kneel facing a wall.", "setup: '![x](https://any.host/t.png)'")
    site = _build(mini)
    for page in ("drills/knee-rock/", "drills/", "principles/ankle-work/", "regions/ankles/"):
        html = str(content(site, page))
        assert "any.host" not in re.sub(r">[^<]*<", "><", html), page  # only as text
        assert not content(site, page).select("img[src*='any.host']")


def _vocab(mini: Path) -> Path:
    return mini / "content" / "_data" / "vocabularies.yaml"


def test_vocabulary_label_link_is_refused(mini: Path) -> None:
    _replace(_vocab(mini), "{label: Sagittal,", "{label: '[x](javascript:alert(1))',")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert re.search(
        r"content/_data/vocabularies.yaml:21:21: 'planes.sagittal.label' contains characters",
        result.stdout,
    ), result.stdout


def test_vocabulary_term_id_must_be_a_slug(mini: Path) -> None:
    bad = "  ../x: {label: X, description: Bad id here.}\n  sagittal: {"
    _replace(_vocab(mini), "  sagittal: {", bad)
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert "'planes' term id '../x' is not a valid id" in result.stdout


def test_vocabulary_label_that_is_not_text_is_an_error(mini: Path) -> None:
    _replace(_vocab(mini), "{label: Sagittal,", "{label: [1, 2],")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(
        r"vocabularies.yaml:\d+:\d+: 'planes.sagittal.label' must be text, got a list",
        result.stdout,
    ), result.stdout


def test_principle_without_front_matter_is_a_message(mini: Path, write: WritePath) -> None:
    write("content/principles/hip-work.md", "# Hip work\n\nNo front matter here.\n")
    for command in (("check",), ("build", "--site-dir", str(mini / "site"))):
        result = drillbook(*command, cwd=mini)
        assert result.returncode == 1
        assert "content/principles/hip-work.md:1:1: missing YAML front matter" in (
            result.stdout + result.stderr
        )
        assert "Traceback" not in result.stdout + result.stderr
    assert not (mini / "site").exists()


@pytest.mark.parametrize(
    ("html", "finding"),
    [
        ('<p onclick="alert(1)">x</p>', "<p> has attribute 'onclick'"),
        ('<td style="position:fixed">x</td>', "<td> has attribute 'style'"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a href> points at 'javascript:alert(1)'"),
        ('<a href="//evil.example/">x</a>', "<a href> points at '//evil.example/'"),
        ('<img src="https://any.host/t.png">', "<img src> loads 'https://any.host/t.png' from"),
        ("<script>alert(1)</script>", "<script> with inline code"),
        ('<script src="https://cdn.example/x.js"></script>', "<script src> loads"),
        ("<style>@import url(https://x.example/a.css);</style>", "<style> loads or runs"),
        ("<iframe src='../x/'></iframe>", "<iframe> is not an allowed tag"),
    ],
)
def test_allowlist_reports_what_is_outside(html: str, finding: str) -> None:
    from generator.outputs.html_allowlist import check_html

    found = [f.format() for f in check_html(html)]
    assert any(finding in f for f in found), found


def test_allowlist_passes_what_the_project_emits() -> None:
    from generator.outputs.html_allowlist import check_html

    html = (
        '<a href="../drills/x/">x</a> <a href="https://doi.org/10.1/x" rel="nofollow">d</a>'
        '<div class="db-card" data-regions="ankles"><svg viewBox="0 0 10 10" aria-hidden="true">'
        '<path d="M0 0" stroke-width="2"/></svg></div><details open><summary>s</summary></details>'
        '<script type="application/json" id="d">{"a": 1}</script>'
        '<script src="../assets/calculator.js"></script>'
    )
    assert check_html(html) == []


def test_allowlist_gate_fails_a_build_a_field_slipped_into(
    mini: Path,
    write: WritePath,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Validation switched off for principle bodies: the gate still stops the build."""
    from generator.adapters import cli
    from generator.validate import project

    monkeypatch.setattr(project, "markdown_body_problems", lambda *_args: [])
    write("content/principles/hip-work.md", PRINCIPLE + "\nA line.\n{: onclick=alert(1) }\n")
    monkeypatch.chdir(mini)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = mini / "site"
    code = cli.main(["build", "--site-dir", str(site)])
    assert code == 1
    out = capsys.readouterr()
    shown = out.out + out.err + caplog.text
    assert "content/principles/hip-work.md: the page principles/hip-work.md renders HTML" in shown
    assert "<p> has attribute 'onclick'" in shown
    assert not (site / "principles" / "hip-work" / "index.html").exists()


def test_list_length_is_reported_with_the_bad_item(mini: Path) -> None:
    drill = mini / "drills" / "knee-rock.yaml"
    _replace(
        drill, "  - Keep the heel down.\n  - Drive the knee forward over the toes.\n", "  - [1]\n"
    )
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert "drills/knee-rock.yaml:20:3: 'steps' needs at least 3 item(s), has 2" in result.stdout
    assert "drills/knee-rock.yaml:20:5: 'steps[1]' must be text, got a list" in result.stdout


@pytest.mark.parametrize(
    "prose", ["Log the data: cadence and step length.", "Single file: one behind the other."]
)
def test_prose_with_data_or_file_colon_is_accepted(mini: Path, prose: str) -> None:
    _replace(
        mini / "drills" / "knee-rock.yaml", "setup: Half-kneel facing a wall.", f"setup: '{prose}'"
    )
    result = drillbook("check", cwd=mini)
    assert result.returncode == 0, result.stdout


def test_many_errors_end_with_a_line_per_kind(mini: Path) -> None:
    drill = mini / "drills" / "knee-rock.yaml"
    text = drill.read_text(encoding="utf-8")
    for line in ("Knee over second toe.", "Heel heavy.", "Smooth rhythm.", "Arch collapsing."):
        text = text.replace(line, f"<b>{line}</b>")
    for key in ("summary", "setup", "breathing", "why", "easy_day", "progressive_day", "tempo"):
        text = re.sub(rf"^(\s*{key}): (.*)$", r"\1: <i>\2</i>", text, count=1, flags=re.M)
    drill.write_text(text, encoding="utf-8")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert "  11 x '...' contains HTML markup (in 1 file(s))\n11 error(s)" in result.stdout
