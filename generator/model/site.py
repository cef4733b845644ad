"""Where the site lives: what links, QR codes and calendars need to know about it."""

from __future__ import annotations

from dataclasses import dataclass


def absolute_url(site_url: str, path: str) -> str:
    """`path` ('drills/x/') under the site's address; '' when the address is unknown.

    The one place a site URL is joined to a path: a trailing slash on `site_url` or not
    gives the same result.
    """
    base = site_url.rstrip("/")
    return f"{base}/{path}" if base else ""


@dataclass(frozen=True)
class SiteInfo:
    """What the renderer needs to know about where the site lives."""

    site_url: str = ""
    repo_url: str = ""
    edit_branch: str = "main"

    def url(self, path: str) -> str:
        """Absolute URL of a site path, or '' when site_url is not set."""
        return absolute_url(self.site_url, path)
