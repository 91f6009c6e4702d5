"""Golden cases: for every reason code, a small page where it must fire and
one where it must not.

``tests/golden/<code>/positive.raw.txt`` cleans to exactly
``positive.clean.txt``, with at least one block removed for ``<code>``;
``negative.raw.txt`` holds something that looks like that furniture but is
article text (a paragraph mentioning 版权所有, a heading between paragraphs,
a repeated slogan) and must come through unchanged.

``tests/golden/keywords/<family>.<lang>.txt``: for each family of rules, an
article in which sentences hold that family's keywords (a reporter scans a
QR code, a man enters a house 未经允许, "Copyright lawyers say…"): it must
come through unchanged, alone and between a site's menus and footer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Reason, clean_text
from cleaner.reasons import CORPUS_REASONS

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name != "keywords")
KEYWORDS = sorted((GOLDEN / "keywords").glob("*.txt"))


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


CHROME_ABOVE = "首页\n新闻\n体育\n财经\nHome\nNews\nSport\n"
CHROME_BELOW = "相关阅读\n三部门联合发文规范市场秩序\n本周天气以晴为主\n关于我们 | 联系我们 | 网站地图\nAbout | Contact | Privacy\n"


@pytest.mark.parametrize("page", KEYWORDS, ids=lambda p: p.stem)
def test_a_keyword_inside_an_article_is_not_evidence(page):
    article = page.read_text(encoding="utf-8")
    result = clean_text(article)
    assert result.text == article, [(d.block.position, d.evidence) for d in result.removed]
    assert clean_text(CHROME_ABOVE + article + CHROME_BELOW).text == article


def test_every_rule_family_has_keyword_cases():
    from cleaner.rules import RULES

    families = {rule.name.split(".")[0] for rule in RULES}
    assert families <= {page.name.split(".")[0] for page in KEYWORDS}
