"""Property-based: hostile text in any field is refused with file:line:col, or renders safely.

Each example writes a hostile string into one text field of a drill, a principle (front matter
and body), a vocabulary term, a routine or a program of one mini project, then either
`pipeline.load` refuses it with a positioned error, or every generated page, rendered with the
shipped Markdown configuration (mkdocs.yml's markdown_extensions), passes the HTML allowlist.
Bounded to run in seconds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import REPO, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.model.site import SiteInfo
from generator.outputs.html_allowlist import check_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{: onclick=alert(1) }",
    'slow {: style="position:fixed;inset:0" }',
    "{ .x #y onmouseover=alert(1) }",
    "![x](https://any.host/t.png)",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<https://evil.example/>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '--8<-- "mkdocs.yml"',
    "line\n\n# heading",
    "a\u202eb",
    "a\u0000b",
    "x\u200by",
    "| cell | split |",
    "`code` *em* _u_ **b** # h",
    "data:text/html;base64,PHNjcmlwdD4=",
    "log the data: cadence",
    "vbscript:msgbox",
    "x" * 3000,
]
hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map(" ".join),
    st.text(alphabet=st.sampled_from("<>{}[]()!:=&#;`*_|\\\n\"' ajvscriptonx/."), max_size=40),
)

DRILL_FIELDS = ["summary", "setup", "breathing", "why", "dosage.tempo", "dosage.easy_day"]
DRILL_FIELDS += ["steps.0", "cues.1", "mistakes.0", "stop_if.0"]
PRINCIPLE_FIELDS = ["title", "summary", "cues.0", "body"]
TERM_FIELDS = ["label", "description"]
ROUTINE_FIELDS = ["title", "summary", "notes.0", "days.tuesday.note"]
ROUTINE_FIELDS += ["days.tuesday.blocks.pre-run.0.tempo"]
PROGRAM_FIELDS = ["title", "summary", "notes.0", "weeks.0.focus", "weeks.1.changes.0.text"]
PROGRAM_FIELDS += ["weeks.0.milestone.how", "weeks.0.milestone.checks.0.progress"]

ROUTINE = """\
title: Mini base
summary: A small week for the tests.
level: 2
notes: [Easy days slow.]
days:
  monday: {run: rest}
  tuesday:
    run: easy
    note: Easy run.
    blocks:
      pre-run: [{drill: hip-circle, tempo: slow}, knee-rock]
  wednesday: {run: rest}
  thursday: {run: rest}
  friday: {run: rest}
  saturday:
    run: easy
    blocks:
      pre-run: [hip-circle, knee-rock, cadence-lunge]
  sunday: {run: rest}
"""
PROGRAM = """\
title: Mini plan
summary: Two weeks over the mini drills, for the tests.
level: 2
notes: [Measure on the same route.]
weeks:
  - week: 1
    focus: The warm-up block before both runs.
    routine: mini-base
    milestone:
      day: tuesday
      how: Count every foot strike for 60 seconds.
      checks:
        - {measure: cadence, progress: Your baseline; write it down.}
  - week: 2
    focus: The same again.
    routine: mini-base
    changes:
      - {kind: tempo, text: A little quicker on Saturday.}
    milestone:
      day: saturday
      how: Count again, same route and effort.
      checks:
        - {measure: pain, progress: Nothing above 2.}
"""
FILES = {
    "routine": "content/routines/mini-base.yaml",
    "program": "content/programs/mini-plan.yaml",
}
POSITIONED = re.compile(r"^[\w/.-]+:\d+:\d+: ")


def _md() -> markdown.Markdown:
    """Python-Markdown with exactly the extensions mkdocs.yml ships."""
    loader = type("L", (yaml.SafeLoader,), {})
    loader.add_constructor("!relative", lambda _loader, _node: str(REPO))
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, conf = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        configs[name] = conf or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _set(data: Any, dotted: str, value: str) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if part.isdigit() else data[part]
    data[int(last) if last.isdigit() else last] = value


def _write_case(root: Path, kind: str, field: str, text: str) -> None:
    if kind == "drill":
        path = root / "drills" / "knee-rock.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _set(data, field, text)
        path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    elif kind == "principle":
        path = root / "content" / "principles" / "hip-work.md"
        front, body = path.read_text(encoding="utf-8").split("---\n")[1:3]
        data = yaml.safe_load(front)
        if field == "body":
            body = f"{body}\n{text}\n"
        else:
            _set(data, field, text)
        dumped = yaml.safe_dump(data, allow_unicode=False)
        path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")
    elif kind in FILES:
        path = root / FILES[kind]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _set(data, field, text)
        path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    else:
        path = root / "content" / "_data" / "vocabularies.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["regions"]["ankles"][field] = text
        path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "proj")
    for page in ("scheduling", "tracking-progress"):  # the routine pages link to them
        stub = root / "content" / "guide" / f"{page}.md"
        if not stub.exists():
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text(f"# {page}\n\nA stub for the tests.\n", encoding="utf-8")
    for kind, rel in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(ROUTINE if kind == "routine" else PROGRAM, encoding="utf-8")
    result = pipeline.load(root)
    assert [p.format() for p in result.problems if p.level == "error"] == []
    assert result.kb is not None and "mini-plan" in result.kb.extra["programs"]
    return root


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("drill", DRILL_FIELDS),
        ("principle", PRINCIPLE_FIELDS),
        ("vocabulary", TERM_FIELDS),
        ("routine", ROUTINE_FIELDS),
        ("program", PROGRAM_FIELDS),
    ],
)
def test_hostile_text_is_refused_or_renders_inside_the_allowlist(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory, kind: str, fields: list[str]
) -> None:
    md = _md()
    work = tmp_path_factory.mktemp(f"case-{kind}") / "proj"

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(field=st.sampled_from(fields), text=hostile)
    def case(field: str, text: str) -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(pristine, work)
        _write_case(work, kind, field, text)
        result = pipeline.load(work)
        errors = [p for p in result.problems if p.level == "error"]
        if errors or result.kb is None:
            assert errors, "refused without a message"
            for problem in errors:
                assert POSITIONED.match(problem.format()), problem.format()
            return
        out = pipeline.build(result.kb, work, SiteInfo(site_url="https://example.org/d/"))
        for src_uri, page in out.pages.items():
            body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
            html = md.reset().convert(body)
            assert check_html(html) == [], (src_uri, field, text)

    case()
