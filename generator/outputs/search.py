"""Site search in the browser: the script and styles of the search dialog, and the word list its
spelling correction uses. The index itself is Pagefind's, built from the finished site by the
MkDocs adapter (`adapters/search_index.py`); nothing here loads before someone searches.

The word list holds the words a runner is likely to type and misspell: drill names and aliases,
the synonyms of their regions and categories, vocabulary labels and principle titles. Only words
of five letters or more, lower-cased, sorted: the script corrects a query word that finds
nothing to the one listed word a single edit away (`hamstrng` -> `hamstring`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.render.environment import ASSETS
from generator.validate.synonyms import search_words

WORDS_PATH = "assets/drillbook/search-words.json"
ASSET_FILES = {
    "assets/drillbook/search.js": "search.js",
    "assets/drillbook/search.css": "search.css",
}
MIN_LETTERS = 5  # shorter words are too often one edit away from another word
_WORD = re.compile(r"[^\W\d_]+")


def search_vocabulary(kb: KnowledgeBase) -> list[str]:
    """The sorted, unique words of 5+ letters a query may be corrected to."""
    texts: list[str] = []
    synonyms = kb.extra.get("synonyms", {})
    for drill in kb.drills.values():
        texts.append(drill.name)
        texts += search_words(drill, synonyms)
    for terms in kb.vocab.terms.values():
        texts += [term.label for term in terms.values()]
    texts += [principle.title for principle in kb.principles.values()]
    words = {w.casefold() for text in texts for w in _WORD.findall(text)}
    return sorted(w for w in words if len(w) >= MIN_LETTERS)


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """The search dialog's script and styles, and the word list."""
    files: dict[str, str | bytes] = {
        path: (ASSETS / name).read_text(encoding="utf-8") for path, name in ASSET_FILES.items()
    }
    files[WORDS_PATH] = json.dumps(search_vocabulary(kb), separators=(",", ":")) + "\n"
    return files
