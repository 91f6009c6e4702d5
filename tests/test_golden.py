"""Golden cases: for every reason code, a small page where it must fire and
one where it must not.

``tests/golden/<code>/positive.raw.txt`` cleans to exactly
``positive.clean.txt``, with at least one block removed for ``<code>``;
``negative.raw.txt`` holds something that looks like that furniture but is
article text (a paragraph mentioning 版权所有, a heading between paragraphs,
a repeated slogan) and must come through unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Reason, clean_text
from cleaner.reasons import CORPUS_REASONS

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def test_every_removal_reason_has_a_golden_case():
    assert set(CASES) == {r.value for r in Reason if r.removes and r not in CORPUS_REASONS}


@pytest.mark.parametrize("code", CASES)
def test_positive(code):
    raw = (GOLDEN / code / "positive.raw.txt").read_text(encoding="utf-8")
    expected = (GOLDEN / code / "positive.clean.txt").read_text(encoding="utf-8")
    result = clean_text(raw)
    assert result.text == expected
    assert result.counts[code] >= 1, dict(result.counts)
    assert clean_text(result.text).text == result.text


@pytest.mark.parametrize("code", CASES)
def test_negative(code):
    raw = (GOLDEN / code / "negative.raw.txt").read_text(encoding="utf-8")
    result = clean_text(raw)
    assert code not in result.counts
    assert result.text == raw
