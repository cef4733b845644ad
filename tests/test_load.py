"""The narrow YAML reader: positions, and the tricks it refuses."""

from __future__ import annotations

from pathlib import Path

from generator.load.documents import parse_yaml, read_text


def test_positions_of_values_and_keys() -> None:
    doc, problems = parse_yaml("a: 1\nb:\n  - x\n  - y: 2\n", "t.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": 1, "b": ["x", {"y": 2}]}
    assert doc.value_pos[("b", 1, "y")] == (4, 8)
    assert doc.key_pos[("b", 1, "y")] == (4, 5)
    assert doc.where(("b", 7, "zz")) == (3, 3)  # falls back to the nearest ancestor


def test_duplicate_key_refused() -> None:
    doc, problems = parse_yaml("name: A\nlevel: 1\nname: B\n", "t.yaml")
    assert doc is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (3, 1, "duplicate key 'name' (first set on line 1)")
    ]


def test_anchor_alias_and_tags_refused() -> None:
    _, problems = parse_yaml("a: &x [1, 2]\nb: *x\nc: !!python/object:os.system ls\n", "t.yaml")
    assert [(p.line, p.message) for p in problems] == [
        (2, "YAML anchors and aliases are not allowed"),
        (3, "YAML tag '!!python/object:os.system' is not allowed"),
    ]


def test_bom_tabs_bad_bytes_and_size(tmp_path: Path) -> None:
    cases = {
        "bom.yaml": (b"\xef\xbb\xbfname: x\n", 1, 1, "file starts with a byte-order mark (BOM)"),
        "tab.yaml": (b"name: x\nsummary:\tx\n", 2, 9, "tab character"),
        "latin1.yaml": (b"name: x\nwhy: caf\xe9\n", 2, 9, "byte 0xe9 is not valid UTF-8"),
        "big.yaml": (
            b"why: " + b"x" * 70_000,
            1,
            1,
            "file is 70,005 bytes, over the 65,536-byte limit",
        ),
    }
    for name, (raw, line, col, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(raw)
        text, problems = read_text(path, name)
        assert text is None
        assert [(p.line, p.col, p.message) for p in problems] == [(line, col, message)], name


def test_symlink_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("name: x\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    text, problems = read_text(link, "link.yaml")
    assert text is None and problems[0].message == "file is a symbolic link"


def test_billion_laughs_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    doc, problems = parse_yaml("\n".join(lines) + "\n", "lol.yaml")
    assert doc is None
    assert problems[0].message == "YAML anchors and aliases are not allowed"
    assert problems[0].line == 2
