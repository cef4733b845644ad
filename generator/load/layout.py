"""Where things live in a Drillbook checkout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Data files under content/ that the generator consumes; they are not published as-is.
CONSUMED_PREFIXES = ("_data/", "routines/", "programs/")


@dataclass(frozen=True)
class Layout:
    """Where things live in a Drillbook checkout."""

    root: Path

    @property
    def drills_dir(self) -> Path:
        return self.root / "drills"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def vocab_file(self) -> Path:
        return self.content_dir / "_data" / "vocabularies.yaml"

    @property
    def principles_dir(self) -> Path:
        return self.content_dir / "principles"

    def drill_files(self) -> list[Path]:
        found = (p for p in self.drills_dir.glob("*.yaml") if not p.name.startswith("_"))
        return sorted(found, key=lambda p: p.name)  # by name: Path comparison is slow at 5,000

    def principle_files(self) -> list[Path]:
        return sorted(p for p in self.principles_dir.glob("*.md") if p.name != "index.md")
