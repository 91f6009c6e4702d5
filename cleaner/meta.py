"""What the removed metadata lines said: the article's date, source and
author, and its title, for the ``--report`` record.

Nothing here changes the cleaned text; it only reads decisions.
"""

from __future__ import annotations

import re

from .features import features
from .pipeline import Result
from .reasons import Reason

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s?[-/.年]\s?(?P<m>\d{1,2})\s?[-/.月]\s?(?P<d>\d{1,2})日?"
    r"(?:\s*(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?"
)
_FIELDS = {
    "source": re.compile(r"(?:来源|信息来源|文章来源|稿源|出处|source)\s*[:：‖|丨]\s*([^\s:：‖|丨()（）]{2,30})", re.I),
    "author": re.compile(r"(?:作者|原作者|撰稿|记者|author|by)\s*[:：‖|丨]?\s*([^\s:：‖|丨()（）,，]{2,30})", re.I),
}
_STOP_AT = re.compile(r"(?:来源|作者|编辑|发布|时间|日期|阅读|浏览|点击|责任编辑|本文|字号)")


def extract(result: Result) -> dict[str, str]:
    """Fields found in the page's removed metadata, and its title.

        >>> from cleaner import clean_text
        >>> page = "会议召开\\n时间：2023-08-11 15:33:05 来源：市教育局 作者：张三\\n会议强调，要牢记使命担当，切实增强责任感和使命感。\\n"
        >>> extract(clean_text(page))
        {'title': '会议召开', 'date': '2023-08-11 15:33:05', 'source': '市教育局', 'author': '张三'}
    """
    found: dict[str, str] = {}
    title = _title(result)
    if title:
        found["title"] = title
    for decision in result.removed:
        if decision.reason is not Reason.BOILER_METADATA:
            continue
        text = decision.block.text
        if "date" not in found and (date := _DATE.search(text)):
            value = f"{date['y']}-{int(date['m']):02d}-{int(date['d']):02d}"
            found["date"] = value + (f" {date['time'].replace('：', ':')}" if date["time"] else "")
        for field, pattern in _FIELDS.items():
            if field not in found and (match := pattern.search(text)):
                value = _STOP_AT.split(match.group(1))[0]
                if value:
                    found[field] = value
    return found


def _title(result: Result) -> str | None:
    """The first kept line, when it is a short line above the first paragraph."""
    for decision in result.decisions:
        if not decision.kept or decision.block.blank:
            continue
        feats = features(decision.block.text)
        if feats.prose or feats.units > 40:
            return None
        return decision.block.text
    return None
