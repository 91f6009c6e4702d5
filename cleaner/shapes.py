"""Shapes of a line that several steps ask about: where a sentence ends, and
how a list item starts. Each variant is named for what it is for; they
differ on purpose, and only here.
"""

from __future__ import annotations

import re

from .chars import CJK, OTHER_STOPS, char_class

# A sentence ends with one of these (possibly followed by closing quotes
# and brackets): a block's statistics (features.ends_sentence).
SENTENCE_ENDERS = frozenset("。！？!?.…．;；" + OTHER_STOPS)
# A line that ends with one of these does not run on into the next one
# when it was hard-wrapped: a sentence, or a label before its list (layout).
LINE_ENDERS = SENTENCE_ENDERS | frozenset(":：")
# The last character of a sentence of the duplicate flow, where a closing
# quote or parenthesis ends one too (dedup).
FLOW_ENDERS = frozenset("。！？!?.…；;」』”\"'）)" + OTHER_STOPS)

# A headline that calls out (Türkan Şoray'ın sağlık durumu belli oldu!,
# What are Google's AI Overviews good for?) ends with one of these.
CALLS = frozenset("!?！？؟")
# A line that ends with one of these runs on into the next: a line of
# verse, or the sentence that introduces a list. No headline does.
RUNS_ON = frozenset(",，;；、:：")

# A list item starts with a bullet, a number and a mark (1. 2、 3）), a
# number in brackets, or a Chinese numeral and a mark.
_BULLETS = "•·●○◆◇■□▪▫►▶‣※-–—*+"
_NUMBER_MARKS = ".、．)）:"
_OPEN_BRACKETS = "（("
_CLOSE_BRACKETS = ")）"
_ZH_NUMERALS = "一二三四五六七八九十"
# As a continuation of a hard-wrapped line: fewer bullets, a dash or star
# only before a space, no colon after a number.
_ITEM_BULLETS = "•·●○◆■□▪►▶‣※"
_ITEM_DASHES = "-–—*+#"
_ITEM_NUMBER_MARKS = ".、．)）"
_ZH_NUMERAL_MARKS = "、.．"


def starts_bullet(text: str) -> bool:
    """Whether the text starts as a list item does, for a block's statistics
    (``Features.bullet``): after any bullet, a dash or a star included.

        >>> starts_bullet("1. 第一"), starts_bullet("（3）其三"), starts_bullet("二、其二"), starts_bullet("2023年"), starts_bullet("• one")
        (True, True, True, False, True)
    """
    if not text or _word_start(text[0]):
        return False
    if text[0] in _BULLETS:
        return True
    count = count_leading(text, 0, True)
    if count:
        return count <= 3 and count < len(text) and text[count] in _NUMBER_MARKS
    if text[0] in _OPEN_BRACKETS:
        count = count_leading(text, 1, True)
        return 1 <= count <= 3 and count + 1 < len(text) and text[count + 1] in _CLOSE_BRACKETS
    count = count_leading(text, 0, False)
    return 1 <= count <= 3 and count < len(text) and text[count] in _ZH_NUMERAL_MARKS


def starts_item(text: str) -> bool:
    """Whether the text starts a list item, so that it does not continue a
    hard-wrapped line (layout): a dash or star only before a space, since
    "-18赛季" at the head of a line is the rest of a number cut by the wrap.

        >>> starts_item("- one"), starts_item("-18赛季"), starts_item("（2）其二"), starts_item("三、其三")
        (True, False, True, True)
    """
    if not text or _word_start(text[0]):
        return False
    first = text[0]
    if first in _ITEM_BULLETS:
        return True
    if first in _ITEM_DASHES:
        return len(text) > 1 and text[1].isspace()
    count = count_leading(text, 0, True)
    if count:
        return count <= 3 and count < len(text) and text[count] in _ITEM_NUMBER_MARKS
    if first in _OPEN_BRACKETS:
        count = count_leading(text, 1, True)
        return 1 <= count <= 3 and count + 1 < len(text) and text[count + 1] in _CLOSE_BRACKETS
    count = count_leading(text, 0, False)
    return 1 <= count <= 3 and count < len(text) and text[count] in _ZH_NUMERAL_MARKS


def _word_start(first: str) -> bool:
    """The text starts with a letter or a Han character that is not a
    numeral: no list item does (bullets, dashes, brackets and digits are
    not letters). Most lines do, and this one look is cheaper than the
    several the callers make after it."""
    return first.isalpha() and first not in _ZH_NUMERALS


def count_leading(text: str, start: int, decimal: bool) -> int:
    """How many decimal digits (or, with ``decimal`` false, Chinese numerals
    一 to 十) follow ``start``: the number of a list item.

        >>> count_leading("12. 标题", 0, True), count_leading("（三）", 1, False)
        (2, 1)
    """
    at = start
    while at < len(text) and (text[at].isdecimal() if decimal else text[at] in _ZH_NUMERALS):
        at += 1
    return at - start


_ELLIPSIS = "….．"  # (three or more dots, or one …, make an ellipsis)
_INNER_STOPS = ("。", "！", "？", "!", "?", ". ")  # a sentence that ended before the last one


def _ellipsis_start(text: str, end: int) -> int:
    """Where the run of dots and … that ends ``text[:end]`` begins."""
    stop = end
    while stop and text[stop - 1] in _ELLIPSIS:
        stop -= 1
    return stop


def trails_off(text: str) -> bool:
    """Ends with the ellipsis a site cuts a headline with to fit its column
    (王者荣耀制作团队：七成员工是四川人 3总监都是...): three dots or more, or
    one …; not the two of a Chinese sentence that trails off (……).

        >>> trails_off("3总监都是..."), trails_off("可遇不可求…"), trails_off("他说……"), trails_off("v1.2.")
        (True, True, False, False)
    """
    stop = _ellipsis_start(text, len(text))
    marks = text.count("…", stop)
    return marks == 1 or marks == 0 and len(text) - stop >= 3


def cut_off(text: str, end: int, clauses: int) -> bool:
    """Whether ``text[:end]``, which ends with a sentence mark, ends with an
    ellipsis that cuts off a headline or a teaser rather than a sentence
    (陈文辉：保险业绝不能由“风险管理者”异化为“风..., You may also like...):
    before it, at most one clause mark (``clauses``) and no sentence that
    ended. A sentence trailing off (…更有甚者将其称为“衣物百慕大”……) has
    commas before it.

        >>> text = "陈文辉：保险业绝不能由“风险管理者”异化为“风..."
        >>> trailing = "有的认为是大气电离子惹的祸，有的认为是由地球磁场变动所引发，更有甚者将其称为“衣物百慕大”……"
        >>> cut_off(text, len(text), 1), cut_off(trailing, len(trailing), 2)
        (True, False)
        >>> cut_off("Here is a lot. You could try...", 31, 0), cut_off("You may also like...", 20, 0)
        (False, True)
    """
    if clauses > 1:
        return False
    stop = _ellipsis_start(text, end)
    if not ("…" in text[stop:end] or end - stop >= 3):
        return False
    body = text[:stop]
    for mark in _INNER_STOPS:
        if mark in body:
            return False
    return True


# A news item's dateline: the agency and place, then the day it was filed
# (人民网北京6月1日电, 本报上海3月2日讯), and a space, a bracket (（记者…）),
# a colon or the end of the line after it, not a word (6月1日电价…). Only a headline may stand
# before it on its line: a sentence that quotes one (据新华社…电，) has a
# comma first.
_DATELINE = re.compile(r"[0-9０-９]{1,2}月[0-9０-９]{1,2}日[电讯](?=[\s（(【\[:：]|$)")
_BEFORE_DATELINE = "，。；,;"


def opens_news_item(text: str) -> bool:
    """Whether ``text`` opens a news item with its dateline, at the start
    or after the item's headline (a teaser: headline, dateline, first
    sentence).

        >>> opens_news_item("人民网北京6月1日电 今日，民航局公布…"), opens_news_item("社保基金去年收入6.7万亿元 人民网北京5月22日电 据…")
        (True, True)
        >>> opens_news_item("会议指出，据新华社北京6月8日电 文化和旅游部…"), opens_news_item("6月1日电价下调"), opens_news_item("新华社北京6月1日电")
        (False, False, True)
    """
    if "日电" not in text and "日讯" not in text:  # (most lines: one look, no expression)
        return False
    found = _DATELINE.search(text)
    if found is None:
        return False
    for char in text[: found.start()]:
        if char in _BEFORE_DATELINE:
            return False
    return True


# After a number, these make a date, a time or a count (1月, 2日, 3个),
# not a rank run into a headline.
_COUNTERS = "年月日号时点分秒周天个位名次届期岁元成倍人家条米"


def rank(text: str) -> int:
    """The rank a hot-articles list gives a headline, run into it with no
    mark between (1万科蛇口公馆开盘…, 2全球贸易协会…): a number of one or
    two digits followed by a CJK character that is not a counter; else -1.

        >>> rank("1万科蛇口公馆开盘"), rank("12北京八达岭长城"), rank("1月5日"), rank("1. 标题"), rank("2018年")
        (1, 12, -1, -1, -1)
    """
    digits = count_leading(text, 0, True)
    if not 0 < digits <= 2 or digits == len(text):
        return -1
    after = text[digits]
    if not char_class(after) & CJK or after in _COUNTERS:
        return -1
    return int(text[:digits])
