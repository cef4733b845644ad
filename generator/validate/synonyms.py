"""Search synonyms: the words runners type for a vocabulary term, kept as data.

content/_data/synonyms.yaml maps `<vocabulary>: {<term id>: [words]}`; e.g. `regions: {calves:
[calf, achilles]}`. Each drill page prints the words for its regions and category (plus
the drill's own aliases) so the site search finds the drill by them.
"""

from __future__ import annotations

from generator.load.documents import load_yaml_file
from generator.load.layout import Layout
from generator.load.problems import Problem, did_you_mean
from generator.model.drill import Drill
from generator.model.knowledge import KnowledgeBase
from generator.validate.drills import safety_problems

Synonyms = dict[str, dict[str, list[str]]]
# Drill fields whose terms lend their synonyms to the drill.
SYNONYM_FIELDS = {"regions": "regions", "category": "categories"}


def load_synonyms(layout: Layout, kb: KnowledgeBase) -> list[Problem]:
    """Read the synonyms file into kb.extra['synonyms']; a missing file means no synonyms."""
    kb.extra["synonyms"] = {}
    path = layout.content_dir / "_data" / "synonyms.yaml"
    if not path.exists():
        return []
    doc, problems = load_yaml_file(path, layout.root)
    if doc is None:
        return problems
    problems += safety_problems(doc)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        return [doc.problem((), "synonyms must map vocabulary names to terms", "see the comment")]
    out: Synonyms = {}
    for vocab_name, terms in data.items():
        if vocab_name not in SYNONYM_FIELDS.values():
            choices = sorted(SYNONYM_FIELDS.values())
            problems.append(
                doc.problem(
                    (vocab_name,),
                    f"unknown vocabulary '{vocab_name}'{did_you_mean(vocab_name, choices)}",
                    f"use one of: {', '.join(choices)}",
                    key=True,
                )
            )
            continue
        if not isinstance(terms, dict):
            problems.append(doc.problem((vocab_name,), "expected term ids mapped to word lists"))
            continue
        known = kb.vocab.ids(vocab_name)
        out[vocab_name] = {}
        for term, words in terms.items():
            if term not in known:
                problems.append(
                    doc.problem(
                        (vocab_name, term),
                        f"unknown {vocab_name} term '{term}'{did_you_mean(term, known)}",
                        f"use a term id from content/_data/vocabularies.yaml under {vocab_name}",
                        key=True,
                    )
                )
                continue
            if not isinstance(words, list) or not all(
                isinstance(w, str) and w.strip() for w in words
            ):
                problems.append(
                    doc.problem(
                        (vocab_name, term),
                        "expected a list of words",
                        "write [word, other word]",
                    )
                )
                continue
            out[vocab_name][term] = [w.strip() for w in words]
    kb.extra["synonyms"] = out
    return problems


def search_words(drill: Drill, synonyms: Synonyms) -> list[str]:
    """The drill's aliases, then the synonyms of its terms: unique, first spelling kept."""
    words = list(drill.aliases)
    for field_name, vocab_name in SYNONYM_FIELDS.items():
        value = getattr(drill, field_name)
        for term in value if isinstance(value, list) else [value]:
            words += synonyms.get(vocab_name, {}).get(term, [])
    seen: set[str] = set()
    out = []
    for w in words:
        if w.casefold() not in seen:
            seen.add(w.casefold())
            out.append(w)
    return out
