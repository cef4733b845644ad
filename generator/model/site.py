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
    # mkdocs.yml's edit_uri (e.g. 'edit/main/content/'), relative to repo_url or a full URL;
    # docs_dir is the docs folder relative to the project root, which edit_uri ends with.
    edit_uri: str = ""
    docs_dir: str = "content"

    def url(self, path: str) -> str:
        """Absolute URL of a site path, or '' when site_url is not set."""
        return absolute_url(self.site_url, path)

    def edit_url(self, path: str) -> str:
        """The edit link of a project file ('drills/x.yaml'), from edit_uri; '' without one.

        MkDocs' edit_uri points at the docs folder; a data file lives beside it, so the docs
        folder is taken off its end ('edit/dev/content/' -> 'edit/dev/' + path). An edit_uri
        that does not end with the docs folder gives no link rather than a wrong one.
        """
        edit = self.edit_uri.strip()
        if not edit:
            return ""
        if not edit.startswith(("https://", "http://")):
            if not self.repo_url:
                return ""
            edit = f"{self.repo_url.rstrip('/')}/{edit.lstrip('/')}"
        edit = edit.rstrip("/")
        docs = self.docs_dir.strip("/")
        if docs and docs != ".":
            if not edit.endswith(f"/{docs}"):
                return ""
            edit = edit.removesuffix(f"/{docs}")
        return f"{edit}/{path.lstrip('/')}"
