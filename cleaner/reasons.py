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
    Reason.DUP_EXACT: "same text as an earlier block (after Unicode, width, case, space and punctuation folding)",
}

REMOVAL_REASONS: tuple[Reason, ...] = tuple(r for r in Reason if r.removes)


def parse_reasons(codes: str | list[str] | tuple[str, ...]) -> frozenset[Reason]:
    """Turn codes (or code prefixes such as ``dup``) into reasons.

        >>> sorted(parse_reasons("dup.exact,layout"))
        [<Reason.DUP_EXACT: 'dup.exact'>, <Reason.LAYOUT_BLANK: 'layout.blank'>, <Reason.LAYOUT_SYMBOLS: 'layout.symbols'>]
        >>> parse_reasons("nope")
        Traceback (most recent call last):
        ...
        ValueError: unknown reason code 'nope'; known codes: layout.blank, ...
    """
    if isinstance(codes, str):
        codes = [codes]
    out: set[Reason] = set()
    for chunk in codes:
        for code in filter(None, (c.strip() for c in chunk.split(","))):
            hits = [r for r in REMOVAL_REASONS if r.value == code or r.value.startswith(code + ".")]
            if not hits:
                known = ", ".join(r.value for r in REMOVAL_REASONS)
                raise ValueError(f"unknown reason code {code!r}; known codes: {known}")
            out.update(hits)
    return frozenset(out)
