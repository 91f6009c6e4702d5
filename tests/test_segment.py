"""Segmentation: positions are exact, long lines become sentences, nothing is lost."""

from __future__ import annotations

from cleaner import Config, clean_text
from cleaner.chars import strip
from cleaner.segment import segment

from .properties import check_whole_sentences


def test_blocks_point_at_their_own_text(sample):
    text = sample.read_text(encoding="utf-8")
    for block in segment(text):
        assert text[block.start : block.end] == block.text


def test_every_non_blank_character_is_in_exactly_one_block(sample):
    text = sample.read_text(encoding="utf-8")
    blocks = segment(text)
    covered = "".join(b.text + b.tail for b in blocks)
    assert "".join(covered.split()) == "".join(text.split())


def test_lines_and_blank_lines():
    blocks = segment("标题\n\n\u3000\u3000正文。\r\n  \nlast")
    assert [(b.line, b.text) for b in blocks] == [(1, "标题"), (2, ""), (3, "正文。"), (4, ""), (5, "last")]
    assert [b.blank for b in blocks] == [False, True, False, True, False]


def test_short_lines_are_not_split():
    line = "第一句。第二句！第三句？"
    assert [b.text for b in segment(line)] == [line]


def test_long_line_is_split_after_sentence_punctuation():
    line = "会议强调,要牢记使命。" * 20 + "第5页 共5页- 配套讲稿:"
    pieces = segment(line, split_chars=100)
    assert len(pieces) == 22
    assert all(b.line == 1 for b in pieces)
    assert [b.piece for b in pieces] == list(range(1, 23))
    assert pieces[-2].text == "第5页" and pieces[-1].text == "共5页- 配套讲稿:"


def test_ascii_periods_inside_numbers_and_domains_do_not_split():
    line = "Growth was 29.57% at www.abc.com this year. " * 10
    pieces = segment(line, split_chars=50)
    assert len(pieces) == 10
    assert pieces[0].text == "Growth was 29.57% at www.abc.com this year."


def test_closing_quotes_stay_with_their_sentence():
    line = "他说：“我们要抓好职业教育。”随后，会议结束。" * 8
    pieces = segment(line, split_chars=50)
    assert pieces[0].text == "他说：“我们要抓好职业教育。”"


def test_a_lone_period_is_not_its_own_sentence():
    line = "First sentence is long enough here . And another sentence follows it . "
    pieces = segment(line, split_chars=20)
    assert [p.text for p in pieces] == ["First sentence is long enough here .", "And another sentence follows it ."]


def test_sentences_rejoin_to_the_line():
    line = "Ein Satz. Noch ein Satz!  Und der dritte? 第四句。第五句 第六句"
    pieces = segment(line, split_chars=10)
    assert "".join(p.text + p.tail for p in pieces) == strip(line)


def test_scripts_that_space_their_words_are_cut_at_sentence_ends_only():
    korean = "그녀는 이 드라마의 여주인공이었다. 비평가들은 이 작품이 막장극의 공식을 따랐다고 평가했다. "
    assert [b.text for b in segment(korean * 3, split_chars=60)] == [s + "." for s in korean.split(". ") if s] * 3
    urdu = "یہ ایک جملہ ہے۔ یہ دوسرا جملہ ہے۔ "
    assert len(segment(urdu * 10, split_chars=60)) == 20
    chinese = "会议强调要牢记使命 切实增强责任感 加快推进职业教育"
    assert [b.text for b in segment(chinese, split_chars=10)] == chinese.split()


def test_kept_pieces_of_a_korean_line_are_whole_sentences():
    first = "그녀는 이 드라마의 여주인공이었다. "
    second = "시청률은 처음부터 높았고 방송국은 곧바로 다음 시즌을 준비하기 시작했다. "
    third = "비평가들은 이 작품이 막장극의 공식을 그대로 따르면서도 새로운 재미를 주었다고 평가했다. "
    line = (first + second + third) * 2 + "Copyright © 2024 Korea Drama News. All rights reserved. " + third
    result = clean_text("드라마 소식\n" + line + "\n" + second + first + "\n", Config(split_chars=60))
    assert result.counts["boiler.copyright"] == 2
    check_whole_sentences(result)


def test_an_opening_quote_starts_the_next_sentence():
    line = "他又说。“明天再来。”他走了。" * 30
    pieces = [b.text for b in segment(line, split_chars=20)]
    assert pieces[:3] == ["他又说。", "“明天再来。”", "他走了。"]
