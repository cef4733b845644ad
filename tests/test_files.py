"""The shared file helpers."""

from __future__ import annotations

import os
from pathlib import Path

from generator.load.settings import site_url
from generator.outputs.files import write_atomic


def test_write_atomic_replaces_the_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.ics"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["plan.ics"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_site_url_reads_mkdocs_yml_with_custom_tags(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: https://example.org/d/\nx: !relative $config_dir\n", encoding="utf-8"
    )
    assert site_url(tmp_path) == "https://example.org/d/"
    assert site_url(tmp_path / "missing") == ""
