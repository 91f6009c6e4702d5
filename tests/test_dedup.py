"""Duplicates inside a page: copies go whatever their line breaks,
punctuation width or small edits; legitimate repetition stays."""

from __future__ import annotations

import pytest

from bench.variants import VARIANTS, doubled, f1
from cleaner import Config, Reason, clean_text
from cleaner.reasons import parse_reasons

from .conftest import sample_pages

ONLY_DEDUP = Config(disable=parse_reasons("boiler"))
P1 = "会议强调，要深入学习贯彻党的二十大精神，认真总结过去一年的工作，分析研判当前面临的形势。"
P2 = "会议要求，各地各部门要加强组织领导，压实工作责任，确保各项任务落到实处、取得实效。"
P3 = "会议指出，要坚持立德树人根本任务，深化产教融合、校企合作，不断提升职业教育质量。"


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_doubled_samples_clean_like_the_single_page(sample, variant):
    text = sample.read_text(encoding="utf-8")
    gold = sample.with_name(sample.stem + ".gold.txt").read_text(encoding="utf-8")
    single = f1(clean_text(text).text, gold)
    assert f1(clean_text(doubled(text, variant)).text, gold) >= single - 0.02


def test_copy_and_original_differ_only_in_layout_and_punctuation():
    original = f"{P1}\n{P2}\n{P3}\n"
    copy = (P1 + P2 + P3).replace("，", ",").replace("。", ".").replace("、", ",")
    wrapped = "\n".join(copy[i : i + 40] for i in range(0, len(copy), 40))
    result = clean_text(f"{original}\n{wrapped}\n", ONLY_DEDUP)
    assert result.text == original
    assert set(result.counts) == {Reason.DUP_EXACT.value, Reason.LAYOUT_BLANK.value}


def test_an_edited_copy_is_a_near_duplicate_pointing_at_its_twin():
    edited = P1.replace("认真", "认证") + "\n" + P2.replace("组织", "组识") + "\n"
    result = clean_text(f"{P1}\n{P2}\n{P3}\n{edited}", ONLY_DEDUP)
    assert result.text == f"{P1}\n{P2}\n{P3}\n"
    near = [d for d in result.removed if d.reason is Reason.DUP_NEAR]
    assert len(near) == 2
    assert result.decisions[near[0].ref].block.text == P1
    assert "% similar" in near[0].evidence


def test_a_refrain_survives():
    refrain = "Glory, glory, hallelujah! His truth is marching on."
    verses = ["Mine eyes have seen the glory of the coming of the Lord.", "He is trampling out the vintage where the grapes of wrath are stored."]
    text = "\n".join([verses[0], refrain, refrain, verses[1], refrain, refrain]) + "\n"
    assert clean_text(text, ONLY_DEDUP).text == text


def test_repeated_short_headings_survive():
    text = f"问：\n{P1}\n答：\n{P2}\n问：\n{P3}\n答：\n{P1.replace('会议强调', '会上指出')}\n"
    assert clean_text(text, ONLY_DEDUP).text == text


def test_list_items_that_differ_by_one_number_survive():
    items = [f"{n}. 第{q}季度全市规模以上工业增加值同比增长5.{n}%，高于全省平均水平。" for n, q in zip(range(1, 7), "一二三四五六")]
    text = "\n".join(items) + "\n"
    assert clean_text(text, ONLY_DEDUP).text == text


def test_paragraphs_that_share_only_an_opening_phrase_survive():
    a = "会议强调，要牢记使命担当，切实增强加快推进现代职业教育健康持续发展的使命感和责任感。"
    b = "会议强调，要深入学习贯彻习近平总书记关于职业教育工作的重要论述，认真贯彻全国大会精神。"
    c = "会议强调，要统筹推进职业教育与普通教育协调发展，畅通技术技能人才成长通道。"
    text = f"{a}\n{b}\n{c}\n{a[:12]}这一点尤其重要。\n{b[:12]}这一点同样重要。\n"
    assert clean_text(text, ONLY_DEDUP).text == text


def test_a_quoted_paragraph_survives():
    text = f"{P1}\n网友评论说：\n{P2}\n另一位网友回复：\n{P2}\n{P3}\n"
    assert clean_text(text, ONLY_DEDUP).text == text


def test_duplicate_detection_grows_linearly():
    """No all-pairs comparison: a page of many distinct sentences that all
    end alike, and the same page twice, are cleaned with work proportional
    to their size (counted in comparisons of two sentences, in the
    interpreted reference, where they can be counted; not by timing)."""
    from . import reference

    dedup = reference.module("dedup")
    pipeline = reference.module("pipeline")
    only_dedup = pipeline.Config(disable=reference.module("reasons").parse_reasons("boiler"))
    calls = 0
    real = dedup._similar_text

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    dedup._similar_text = counting
    try:
        page = "\n".join(f"第{n}条，这是编号为{n}的一句话，内容各不相同，用来检查比较的次数。" for n in range(2000)) + "\n"
        cleaned = pipeline.clean_text(page + page, only_dedup)
    finally:
        dedup._similar_text = real
    assert cleaned.text == page  # (the copy found, so the search ran its course)
    # At most MAX_CANDIDATES earlier sentences tried for each, and the copy
    # walked beside its original (all pairs would be eight million).
    assert 4000 <= calls <= 8 * 4000


def test_every_duplicate_points_at_an_earlier_twin():
    for page in sample_pages():
        result = clean_text(page.read_text(encoding="utf-8"))
        for decision in result.removed:
            if decision.reason in (Reason.DUP_EXACT, Reason.DUP_NEAR):
                twin = result.decisions[decision.ref]
                assert twin.block.index < decision.block.index
                # the twin is kept, or went for a reason of its own (terms pasted twice)
                assert twin.kept or twin.reason.value.startswith("boiler.")
