"""The closed list of decisions a block can get.

One identifier does three jobs: it is what ``--explain`` and ``--report`` print,
what ``Config(disable=...)`` and ``--disable`` turn off, and the key of the
per-reason counters. Adding a rule means adding a member here, with a line of
description that the README table is checked against.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10
    from enum import Enum

    class StrEnum(str, Enum):
        def __str__(self) -> str:
            return str(self.value)


class Reason(StrEnum):
    """Why a block was kept or removed.

        >>> Reason("dup.exact") is Reason.DUP_EXACT
        True
        >>> Reason.KEEP.removes, Reason.DUP_EXACT.removes
        (False, True)
    """

    KEEP = "keep"
    LAYOUT_BLANK = "layout.blank"
    LAYOUT_SYMBOLS = "layout.symbols"
    DUP_EXACT = "dup.exact"
    DUP_NEAR = "dup.near"
    DUP_ACROSS = "dup.across"
    DUP_DOCUMENT = "dup.document"
    BOILER_NAV = "boiler.nav"
    BOILER_BREADCRUMB = "boiler.breadcrumb"
    BOILER_METADATA = "boiler.metadata"
    BOILER_EDITOR_NOTE = "boiler.editor_note"
    BOILER_RELATED = "boiler.related"
    BOILER_LINK_LIST = "boiler.link_list"
    BOILER_COMMENTS = "boiler.comments"
    BOILER_SHARE = "boiler.share"
    BOILER_COPYRIGHT = "boiler.copyright"
    BOILER_DISCLAIMER = "boiler.disclaimer"
    BOILER_CONTACT = "boiler.contact"
    BOILER_PAGINATION = "boiler.pagination"
    BOILER_DOCSITE = "boiler.docsite"
    BOILER_PROMPT = "boiler.prompt"
    BOILER_SPAM = "boiler.spam"
    BOILER_TEMPLATE = "boiler.template"
    BOILER_CONTEXT = "boiler.context"
    BOILER_NO_CONTENT = "boiler.no_content"

    @property
    def removes(self) -> bool:
        return self is not Reason.KEEP

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]


DESCRIPTIONS: dict[Reason, str] = {
    Reason.KEEP: "kept: part of the article",
    Reason.LAYOUT_BLANK: "surplus blank line (runs of blank lines become one paragraph break)",
    Reason.LAYOUT_SYMBOLS: "line of separators or symbols with no letter, digit or CJK character",
    Reason.DUP_EXACT: "later copy of a repeated run of sentences (the article pasted twice)",
    Reason.DUP_NEAR: "later copy of a repeated run whose sentences differ by a few characters (rapidfuzz)",
    Reason.DUP_ACROSS: "a paragraph that an earlier page (file or document) of the run already has (--dedup-across drop)",
    Reason.DUP_DOCUMENT: "the whole document nearly repeats an earlier page (file or document) of the run (--dedup-across drop)",
    Reason.BOILER_NAV: "site menus and navigation: runs of short items, menu words (首页, 登录, Home, Skip to content)",
    Reason.BOILER_BREADCRUMB: "breadcrumb trails (A > B > C) and 当前位置/您的位置 lines",
    Reason.BOILER_METADATA: "date, source, author, editor and view-count lines (时间:… 来源:…, Posted by, 阅读(123))",
    Reason.BOILER_EDITOR_NOTE: "editor notes (下面是小编为大家整理的…, 欢迎阅读, 希望对您有帮助)",
    Reason.BOILER_RELATED: "related, recommended and hot-keyword blocks, previous/next links (相关阅读, 推荐访问, Related articles)",
    Reason.BOILER_LINK_LIST: "runs of headline-like lines outside the article (lists of links to other pages)",
    Reason.BOILER_COMMENTS: "comment sections: their headers (发表评论, Leave a reply) and what follows them",
    Reason.BOILER_SHARE: "share, QR-code, follow and tip prompts (扫描二维码, 分享到, Share this)",
    Reason.BOILER_COPYRIGHT: "copyright, ICP, 公网安备 and licence footers (©, 版权所有, All rights reserved)",
    Reason.BOILER_DISCLAIMER: "disclaimers (【免责声明】, 本文章内容来源于网络…仅供参考, views do not reflect)",
    Reason.BOILER_CONTACT: "contact lines: hotlines, e-mail addresses, 投稿邮箱",
    Reason.BOILER_PAGINATION: "pagination (第5页 共5页, 上一页 下一页, Page 2 of 5)",
    Reason.BOILER_DOCSITE: "document-sharing-site wrappers and terms (《X.docx》由会员分享, 温馨提示, 下载前须知)",
    Reason.BOILER_PROMPT: "cookie, login, subscribe, comment-form and browser prompts",
    Reason.BOILER_SPAM: "injected spam lines (gambling and lottery site names)",
    Reason.BOILER_TEMPLATE: "site template: a line that many files of the run share, outside the article (folder runs)",
    Reason.BOILER_CONTEXT: "outside the article: short or link-like blocks away from the main run of prose",
    Reason.BOILER_NO_CONTENT: "the page has no prose at all (an index or menu page)",
}

REMOVAL_REASONS: tuple[Reason, ...] = tuple(r for r in Reason if r.removes)
# Reasons only a run over many files can give (not a single page).
CORPUS_REASONS = frozenset({Reason.DUP_ACROSS, Reason.DUP_DOCUMENT, Reason.BOILER_TEMPLATE})


def parse_reasons(codes: str | list[str] | tuple[str, ...]) -> frozenset[Reason]:
    """Turn codes (or code prefixes such as ``dup``) into reasons.

        >>> sorted(parse_reasons("dup.exact,layout"))
        [<Reason.DUP_EXACT: 'dup.exact'>, <Reason.LAYOUT_BLANK: 'layout.blank'>, <Reason.LAYOUT_SYMBOLS: 'layout.symbols'>]
        >>> parse_reasons("nope")
        Traceback (most recent call last):
        ...
        ValueError: unknown reason code 'nope'; known codes: layout.blank, ...
    """
    out: set[Reason] = set()
    for code in split_codes(codes):
        hits = [r for r in REMOVAL_REASONS if r.value == code or r.value.startswith(code + ".")]
        if not hits:
            known = ", ".join(r.value for r in REMOVAL_REASONS)
            raise ValueError(f"unknown reason code {code!r}; known codes: {known}")
        out.update(hits)
    return frozenset(out)


def split_codes(codes: str | list[str] | tuple[str, ...]) -> list[str]:
    """The codes of ``--disable`` values, each comma-separated or repeated."""
    chunks = [codes] if isinstance(codes, str) else codes
    return [code for chunk in chunks for code in (c.strip() for c in chunk.split(",")) if code]
