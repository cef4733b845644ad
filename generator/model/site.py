"""Where the site lives: what links, QR codes and calendars need to know about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteInfo:
    """What the renderer needs to know about where the site lives."""

    site_url: str = ""
    repo_url: str = ""
    edit_branch: str = "main"
