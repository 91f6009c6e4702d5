"""Hard-wrapped text is read as the paragraphs it makes.

Text dumps and some scrapers break every line at a width: Chinese every 28
to 45 characters, wherever that falls (inside a number, inside a word),
other scripts at a space before 60 to 80. The lines of such a paragraph are
not headlines, and a keyword a line break cut off from its sentence is still
a word of that sentence.
"""

from __future__ import annotations

from bench.quality import prf, tokens
from bench.variants import hard_wrapped, rewrapped
from cleaner import Config, clean_text
from cleaner.layout import paragraphs
from cleaner.page import Page
from cleaner.segment import segment

from .conftest import SAMPLES, sample_pages

MENU = "网站首页\n新闻中心\n通知公告\n政策法规\n"
FOOTER = "\n相关阅读\n市政府召开常务会议\n全市防汛工作会议召开\n关于我们 | 联系我们 | 网站地图\n"


def recall(out: str, gold: str) -> float:
    found, wanted = tokens(out), tokens(gold)
    return prf(sum((found & wanted).values()), sum(found.values()), sum(wanted.values()))[1]


def test_a_chinese_article_wrapped_every_28_to_45_characters_is_kept():
    for gold_path in sorted(SAMPLES.glob("*.gold.txt")):
        article = gold_path.read_text(encoding="utf-8")
        for width in (28, 33, 38, 45):
            result = clean_text(MENU + rewrapped(article, width) + FOOTER)
            assert recall(result.text, article) >= 0.98, (gold_path.name, width, dict(result.counts))


def test_the_sample_pages_wrapped_lose_no_article():
    for page in sample_pages():
        gold = page.with_name(page.name[: -len(".txt")] + ".gold.txt").read_text(encoding="utf-8")
        text = page.read_text(encoding="utf-8")
        assert recall(clean_text(hard_wrapped(text, page.name)).text, gold) >= recall(clean_text(text).text, gold) - 0.01, page.name


def test_a_line_break_inside_a_number_does_not_start_a_list_item():
    text = "腾讯体育6月14日讯 休斯敦当地媒体近日发表一篇文章，点评了中国球员周琦的2017\n-18赛季表现，以下是部分内容的译文。\n"
    [paragraph] = paragraphs(Page(segment(text), Config()))
    assert paragraph.text == text.replace("\n", "")  # (wide text: joined with nothing between)


def test_a_keyword_that_a_line_break_cut_from_its_sentence_stays():
    text = (
        "北京站乘客下车时车辆被北京交通执法总队工作人员扣留。齐先生通过拨打滴滴客服电话咨\n"
        "询，客服人员表示会尽快核实情况，并对乘客的遭遇表示歉意，但此后一直没有回音。\n"
        "记者就此事联系了滴滴公司，对方表示已经成立专门小组处理此类投诉。\n"
    )
    assert clean_text(text).text == text


def test_text_wrapped_twice_is_one_paragraph():
    # Wrapped at 78 columns, then again at 60: long line, short line, long line...
    text = (
        "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed\n"
        "do eiusmod\n"
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad\n"
        "minim veniam,\n"
        "quis nostrud exercitation ullamco laboris nisi ut aliquip ex\n"
        "ea commodo consequat.\n"
    )
    assert len(paragraphs(Page(segment(text), Config()))) == 1


def test_lines_that_each_end_a_sentence_are_not_a_wrap():
    lines = [
        "The city council voted on Tuesday to approve a new budget for the coming fiscal year, after months of debate.",
        "The plan includes more money for public transit, parks and libraries, and a modest increase in property taxes.",
        "Council members said the vote reflected a compromise between competing priorities in a difficult economy.",
        "Opponents argued that the tax increase would burden homeowners who are already struggling with rising costs.",
    ]
    found = paragraphs(Page(segment("\n".join(lines) + "\n"), Config()))
    assert [p.text for p in found] == lines
