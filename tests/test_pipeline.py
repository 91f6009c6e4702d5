"""The pipeline's promises: one decision per block, output made of the input's
blocks in order, idempotence, determinism, and disabling a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Config, Reason, clean_text
from cleaner.segment import segment


def _kept_blocks(result) -> list[str]:
    return [d.block.text for d in result.decisions if d.kept and not d.block.blank]


def test_one_decision_per_block(sample):
    text = sample.read_text(encoding="utf-8")
    result = clean_text(text)
    assert [d.block for d in result.decisions] == segment(text)
    for decision in result.removed:
        assert isinstance(decision.reason, Reason) and decision.reason.removes
        assert decision.evidence


def test_output_is_the_kept_blocks_in_order(sample):
    result = clean_text(sample.read_text(encoding="utf-8"))
    assert "".join(result.text.split()) == "".join("".join(_kept_blocks(result)).split())


def test_cleaning_twice_changes_nothing(sample):
    once = clean_text(sample.read_text(encoding="utf-8")).text
    again = clean_text(once)
    assert again.text == once
    assert not again.changed


def test_same_input_same_output(sample):
    text = sample.read_text(encoding="utf-8")
    assert clean_text(text) == clean_text(text)


def test_seed_article_pasted_twice_appears_once(sample_texts):
    text = sample_texts["000_587dec79ab138032"]
    out = clean_text(text).text
    lead = "印象黔西南讯 近日,2022年全州职业教育大会召开。"
    assert text.count(lead) == 2 and out.count(lead) == 1


def test_disabled_reason_removes_nothing(sample_texts):
    text = sample_texts["000_587dec79ab138032"]
    result = clean_text(text, Config(disable=frozenset({Reason.DUP_EXACT})))
    assert Reason.DUP_EXACT.value not in result.counts
    assert result.text.count("印象黔西南讯") == 2


def test_duplicate_evidence_points_at_the_kept_copy(sample_texts):
    result = clean_text(sample_texts["000_587dec79ab138032"])
    for decision in result.removed:
        if decision.reason is Reason.DUP_EXACT:
            twin = result.decisions[decision.ref]
            assert twin.kept and twin.block.index < decision.block.index


def test_blank_lines_collapse_to_one_paragraph_break():
    result = clean_text("\n\n第一段。\n\n\n\n第二段。\n\n")
    assert result.text == "第一段。\n\n第二段。\n"
    assert result.counts[Reason.LAYOUT_BLANK.value] == 5


def test_symbol_only_lines_go():
    result = clean_text("第一段。\n------\n|\n第二段。\n")
    assert result.text == "第一段。\n第二段。\n"
    assert result.counts[Reason.LAYOUT_SYMBOLS.value] == 2


def test_removed_sentences_of_a_long_line_leave_the_rest_intact():
    sentences = [f"会议{i}强调,要牢记使命担当,切实增强责任感和使命感。" for i in range(6)]
    first = "".join(sentences)
    second = "开场白在这里。 " + "".join(sentences) + " 结束语在这里。"
    result = clean_text(f"{first}\n{second}\n", Config(split_chars=50))
    assert result.text == f"{first}\n开场白在这里。 结束语在这里。\n"
    assert result.counts[Reason.DUP_EXACT.value] == 6


def test_a_line_repeated_right_after_itself_is_left_alone():
    line = "".join(f"会议{i}强调,要牢记使命担当,切实增强责任感。" for i in range(10))
    text = f"开头的一段话在这里，说明了背景。\n{line}\n\n{line}\n结尾的一段话在这里，总结了全文。\n"
    assert clean_text(text, Config(split_chars=50)).text == text


def test_a_page_that_is_one_paragraph_twice_is_a_doubled_page():
    line = "".join(f"会议{i}强调,要牢记使命担当,切实增强责任感。" for i in range(10))
    assert clean_text(f"{line}\n\n{line}\n", Config(split_chars=50)).text == f"{line}\n"


lines = st.lists(
    st.one_of(
        st.sampled_from(["", "   ", "同志们:", "------", "第一段讲了一件事情。", "Second paragraph, in English.", "网站首页 公文大全"]),
        st.text(alphabet="会议强调要牢记使命。，！ ab.\u3000", min_size=0, max_size=60),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(lines)
def test_properties_on_generated_pages(page_lines):
    text = "\n".join(page_lines)
    result = clean_text(text, Config(split_chars=40))
    assert len(result.decisions) == len(segment(text, 40))
    assert clean_text(result.text, Config(split_chars=40)).text == result.text
    kept = "".join(_kept_blocks(result))
    assert "".join(result.text.split()) == "".join(kept.split())


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(lines.map("\n".join), st.sampled_from(["", "第5页 共5页。 配套讲稿: 如期完成。" * 4])), max_size=3).map("\n".join))
def test_a_pass_output_gets_the_blocks_its_text_segments_into(text):
    from cleaner.pipeline import _resegment, assemble, judge

    config = Config(split_chars=40)  # (short, so that lines are cut into sentences and some of them go)
    final = judge(segment(text, 40), config)
    out, spans = assemble(final)
    expected = segment(out, 40)  # numbered by the input line each output line starts with
    lines_in = [final[index].block.line for start, _, index in spans if start == 0 or out[start - 1] == "\n"]
    for block in expected:
        block.line = lines_in[block.line - 1]
    assert _resegment(out, spans, final, config) == expected
