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


def test_a_thread_listing_goes_whatever_the_length_of_each_excerpt():
    """A forum page lists the replies of a thread as ``title【author】date
    time N字 [views/replies]``: an entry of a listing, even when the title is
    the first long sentence of the reply."""
    post = "导游的收入很大一部分来自购物的回扣，这是业内的行规，境内游境外游都是这样的。所以，一定要看清楚合同，不要轻信导游的推荐。"
    long_reply = (
        "为了防止被忽悠，常常是自助游，但是也免不了被忽悠。去景点游玩常会购买一些当地的特色产品，一出景点发现门口也有卖一模一样的，"
        "上前一问价格，经常只要景点里的三分之一，有时还不到，真是让人哭笑不得，以后再也不在景点里面买东西了。【喜欣若狂】08-22 12:24 0字 [165/0]"
    )
    replies = ["一把辛酸泪啊。【皮皮说话】08-11 17:15 80字 [176/0]", long_reply, "还是素质问题【柠檬沁心】08-11 17:20 124字 [137/0]"]
    page = "\n".join(["导游为什么热衷于让你购物", post, "回复线索：", *replies]) + "\n"
    result = clean_text(page)
    assert post in result.text
    removed = {d.block.text: d.reason for d in result.removed}
    assert all(removed.get(reply) is Reason.BOILER_LINK_LIST for reply in replies), removed
    # A sentence that only mentions a time is prose.
    prose = "会议于08-22 12:24开始，与会代表围绕职业教育的发展进行了深入讨论，提出了许多建设性的意见和建议。"
    assert clean_text(page.replace(long_reply, prose)).text.count(prose) == 1
