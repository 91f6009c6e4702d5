"""The promises, on every page of every dev set (``../shared/eval/dev``):
cleaning is a fixed point, every output line is whole sentences of the
input, and so on, on real pages rather than generated ones.

Each page is also tried with its own article pasted again after a run of
metadata lines, the shape that once needed more passes than the cleaner
allows itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Config, clean_bytes, clean_text

from .conftest import ROOT
from .properties import check_result

DEV = ROOT.parent / "shared" / "eval" / "dev"
SETS = sorted(p.name for p in DEV.iterdir() if p.is_dir()) if DEV.is_dir() else []
META = "By Jane Smith\nPublished: March 3, 2021\n来源：新华社\n责任编辑：张三\nShare\n"


def dev_pages(name: str) -> list[Path]:
    return sorted(p for p in (DEV / name).glob("*.txt") if not p.name.endswith(".gold.txt"))


def test_the_dev_sets_are_there():
    assert {"cleaneval", "readability", "zh-cwced", "zh-news", "web-articles", "web-forums", "en-wcxb"} <= set(SETS)


@pytest.mark.slow
@pytest.mark.parametrize("name", SETS)
def test_every_dev_page_keeps_the_promises(name):
    config = Config()
    for page in dev_pages(name):
        result = clean_bytes(page.read_bytes(), config)
        assert result.source is not None
        try:
            check_result(result.source.text, result, config)
            again = result.source.text + "\n" + META + result.text
            cleaned = clean_text(again, config).text
            assert clean_text(cleaned, config).text == cleaned, "the article pasted again is not a fixed point"
        except AssertionError as exc:
            raise AssertionError(f"{page}: {exc}") from exc
