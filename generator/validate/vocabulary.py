"""The vocabulary file (content/_data/vocabularies.yaml): a typed model and path:line:col checks.

Labels appear on every drill page, in Markdown and in HTML, so they are plain text of letters,
digits and a little punctuation; ids become file names, so they are slugs.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationError

from generator.load.documents import Document
from generator.load.problems import Problem
from generator.model.drill import ID_PATTERN, Strict
from generator.model.knowledge import Term, Vocabulary
from generator.validate.drills import _translate, text_problem

LABEL_PATTERN = r"^[^\W_][\w '’(),./&+:-]*$"
Label = Annotated[str, StringConstraints(pattern=LABEL_PATTERN, min_length=1, max_length=60)]
Description = Annotated[str, StringConstraints(min_length=3, max_length=300)]
_MARKDOWN = re.compile(r"[\[\]`*_<>{}|!#\\]")


class TermEntry(Strict):
    """One term: `id: {label: ..., description: ...}`."""

    label: Label = Field(description="Plain-text name shown on pages, e.g. 'Hip flexors'.")
    description: Description = Field(description="One line: what the term covers.")
    unused: Description | None = Field(
        None, description="Why no drill uses the term yet, when that is on purpose."
    )


def _sub(doc: Document, prefix: tuple[str, str], data: Any) -> Document:
    """A view of one term's mapping that keeps the file's positions."""
    n = len(prefix)
    cut = {k[n:]: v for k, v in doc.value_pos.items() if k[:n] == prefix}
    keys = {k[n:]: v for k, v in doc.key_pos.items() if k[:n] == prefix}
    styles = {k[n:]: v for k, v in doc.styles.items() if k[:n] == prefix}
    return Document(doc.path, data, cut, keys, doc.line_offset, None, styles)


def term_problems(doc: Document, name: str, term_id: str, body: Any) -> list[Problem]:
    """Problems of one term, each at its own position."""
    loc = (name, term_id)
    problems = []
    if not re.match(ID_PATTERN, term_id):
        problems.append(
            doc.problem(
                loc,
                f"'{name}' term id '{term_id}' is not a valid id",
                "use lower-case words joined by hyphens, e.g. 'hip-flexors'",
                key=True,
            )
        )
    sub = _sub(doc, loc, body)
    try:
        TermEntry.model_validate(body)
    except ValidationError as exc:
        for err in exc.errors():
            problem = _translate(sub, TermEntry, err)
            message = problem.message.replace("'", f"'{name}.{term_id}.", 1)
            problems.append(Problem(problem.path, problem.line, problem.col, message, problem.hint))
    for field_name in ("label", "description", "unused"):
        value = body.get(field_name) if isinstance(body, dict) else None
        if isinstance(value, str):
            problems += _text(sub, f"{name}.{term_id}", field_name, value)
    return problems


def _text(sub: Document, where: str, field_name: str, value: str) -> list[Problem]:
    found = text_problem("vocabulary", field_name, value)
    if found is None and field_name == "label":
        m = _MARKDOWN.search(value)
        if m is not None:
            found = (m.start(), "Markdown or HTML syntax", "write the label as plain words")
    if found is None:
        return []
    index, what, fix = found
    line, col = sub.at_char((field_name,), index)
    return [Problem(sub.path, line, col, f"'{where}.{field_name}' contains {what}", fix)]


def check_vocabulary(doc: Document) -> tuple[Vocabulary | None, list[Problem]]:
    """The vocabularies of the file, or None when it is not a mapping of mappings."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "vocabularies must be a mapping of vocabulary names")]
    terms: dict[str, dict[str, Term]] = {}
    problems: list[Problem] = []
    for name, entries in doc.data.items():
        if not isinstance(entries, dict):
            problems.append(doc.problem((name,), f"vocabulary '{name}' must map ids to terms"))
            continue
        terms[name] = {}
        for term_id, body in entries.items():
            found = term_problems(doc, name, str(term_id), body)
            problems += found
            if not found:
                terms[name][str(term_id)] = Term(
                    str(term_id), body["label"], body["description"], body.get("unused") or ""
                )
            elif re.match(ID_PATTERN, str(term_id)):  # known, so drills using it do not fail too
                terms[name][str(term_id)] = Term(str(term_id), str(term_id), str(term_id))
    return Vocabulary(terms), problems
