"""What cleaner keeps between runs is what it would build now, and a cache
that is damaged, out of date or cannot be written costs time, never a
wrong answer."""

from __future__ import annotations

import marshal
import os

import pytest

from cleaner import cache, chars
from cleaner.rules import RULES, matcher, rule
from cleaner.reasons import Reason


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting(data: bytes):
    calls = []

    def build() -> bytes:
        calls.append(1)
        return data

    return build, calls


def test_an_entry_is_built_once_then_read(folder):
    build, calls = _counting(b"\x00table\xff")
    assert cache.kept("t", chars.__file__, "inputs", build) == b"\x00table\xff"
    assert cache.kept("t", chars.__file__, "inputs", build) == b"\x00table\xff"
    assert len(calls) == 1 and len(list(folder.iterdir())) == 1


def test_other_inputs_or_another_module_file_build_anew_and_replace_the_entry(folder):
    cache.kept("t", chars.__file__, "one", lambda: b"1")
    assert cache.kept("t", chars.__file__, "two", lambda: b"2") == b"2"
    assert cache.kept("t", matcher.__file__, "two", lambda: b"3") == b"3"
    assert len(list(folder.iterdir())) == 1  # (older entries of the name go)


def test_a_module_file_that_changed_is_not_read_from_an_older_entry(folder, tmp_path):
    module = tmp_path / "module.py"
    module.write_text("x = 1\n")
    cache.kept("t", str(module), "", lambda: b"old")
    module.write_text("x = 22\n")  # (another size, whatever the clock says)
    assert cache.kept("t", str(module), "", lambda: b"new") == b"new"


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_entry_is_built_again(folder, damage):
    cache.kept("t", chars.__file__, "", lambda: b"right" * 100)
    (entry,) = folder.iterdir()
    data = bytearray(entry.read_bytes())
    if damage == "flip":
        data[-7] ^= 1
    entry.write_bytes(bytes(data[: len(data) // 2] if damage == "truncate" else b"" if damage == "empty" else data))
    build, calls = _counting(b"right" * 100)
    assert cache.kept("t", chars.__file__, "", build) == b"right" * 100 and calls == [1]


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CLEANER_CACHE", str(blocked / "cache"))
    build, calls = _counting(b"x")
    assert cache.kept("t", chars.__file__, "", build) == b"x" and cache.kept("t", chars.__file__, "", build) == b"x"
    assert calls == [1, 1] and blocked.read_text() == "not a folder"


def test_an_empty_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    build, calls = _counting(b"x")
    cache.kept("t", chars.__file__, "", build)
    cache.kept("t", chars.__file__, "", build)
    assert calls == [1, 1] and not any(tmp_path.iterdir())


def test_the_kept_character_table_is_the_one_built_now():
    marks = chars._marks()
    table = chars._table(marks)
    built = [table[2 * point] | table[2 * point + 1] << 8 for point in range(0x10000)]
    assert chars.MARKS == marks and [chars.char_class(chr(point)) for point in range(0x10000)] == built


def test_the_kept_gate_filings_are_the_analysis_now_and_grow_with_user_rules(folder):
    parts = sorted({part for r in RULES for part in matcher._flat_alternatives(r.pattern.pattern)})
    kept = matcher._filings(parts)
    assert {part: kept[part] for part in parts} == {part: matcher.filing(part) for part in parts}
    extra = rule("mine", Reason.BOILER_SPAM, r"^[A-Z]{5,}")
    matcher.RuleSet((extra, *RULES))
    stored = marshal.loads(cache.load("gate", matcher.__file__, ""))
    assert stored["^[A-Z]{5,}"] == ("anchored", []) and set(parts) <= set(stored)


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("CLEANER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == os.path.join(str(tmp_path), "cleaner")
