"""The validated knowledge base: vocabularies and every drill and principle, with relations
derived both ways. Pure data: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from generator.model.drill import Drill, Principle


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    unused: str = ""  # why a term has no drills yet, when that is on purpose


@dataclass(frozen=True)
class Vocabulary:
    """Every controlled vocabulary, read from data: name -> ordered terms."""

    terms: dict[str, dict[str, Term]]

    def ids(self, name: str) -> list[str]:
        return list(self.terms.get(name, {}))

    def label(self, name: str, term: str) -> str:
        return self.terms[name][term].label


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything validated, with the relations derived both ways."""

    drills: dict[str, Drill]
    principles: dict[str, Principle]
    principle_bodies: dict[str, str]
    vocab: Vocabulary
    files: dict[str, str] = field(default_factory=dict)  # "drill:<id>" -> repo-relative path
    extra: dict[str, Any] = field(default_factory=dict)  # routines, programs: their modules
    broken_drills: frozenset[str] = frozenset()  # drill files found that failed validation
    broken_principles: frozenset[str] = frozenset()  # likewise for principle files

    def unknown_drill(self, drill_id: str) -> bool:
        """True when no drill file has this id. A drill whose file has errors is not unknown:
        its file reports them, and whatever refers to it is left out without a second message.
        """
        return drill_id not in self.drills and drill_id not in self.broken_drills

    @cached_property
    def _sorted_drills(self) -> tuple[tuple[str, Drill], ...]:
        return tuple(sorted(self.drills.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])))

    def sorted_drills(self) -> list[tuple[str, Drill]]:
        """Drills by name; sorted once (every term page asks, 86 times at 5,000 drills)."""
        return list(self._sorted_drills)

    def sorted_principles(self) -> list[tuple[str, Principle]]:
        return sorted(self.principles.items(), key=lambda kv: (kv[1].order, kv[0]))

    @cached_property
    def _progressions(self) -> dict[str, list[str]]:
        """Drill -> harder drills: its own progressions plus drills that list it as regression."""
        out: dict[str, set[str]] = {d: set(drill.progressions) for d, drill in self.drills.items()}
        for d, drill in self.drills.items():
            for easier in drill.regressions:
                out.setdefault(easier, set()).add(d)
        return {d: sorted(v & self.drills.keys()) for d, v in out.items()}

    @cached_property
    def _regressions(self) -> dict[str, list[str]]:
        out: dict[str, set[str]] = {d: set() for d in self.drills}
        for d, harder in self._progressions.items():
            for h in harder:
                out.setdefault(h, set()).add(d)
        return {d: sorted(v & self.drills.keys()) for d, v in out.items()}

    def progressions_of(self, drill_id: str) -> list[str]:
        return self._progressions.get(drill_id, [])

    def regressions_of(self, drill_id: str) -> list[str]:
        return self._regressions.get(drill_id, [])

    def drills_with(self, field_name: str, term: str) -> list[str]:
        """Drill ids whose `field_name` (vocabulary field, principles, level) holds `term`."""
        out = []
        for d, drill in self.sorted_drills():
            value = getattr(drill, field_name)
            values = value if isinstance(value, list) else [str(value)]
            if term in values:
                out.append(d)
        return out
