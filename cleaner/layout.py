"""Steps about the page's shape rather than its words: blank lines and lines
made only of separators."""

from __future__ import annotations

from .chars import has_word_char
from .pipeline import Page
from .reasons import Reason


def drop_symbol_lines(page: Page) -> None:
    """Drop blocks with no letter, digit or CJK character (``------``, ``|``, ``· ·``).

        >>> from cleaner.pipeline import clean_text
        >>> clean_text("第一段。\\n* * *\\n第二段。\\n").text
        '第一段。\\n第二段。\\n'
    """
    for block in page.open():
        if not has_word_char(block.text):
            page.remove(block, Reason.LAYOUT_SYMBOLS, f"no word characters in {block.text[:12]!r}")


def normalise_blank_lines(page: Page) -> None:
    """Keep one blank line where the kept text had a paragraph break; drop
    leading, trailing and repeated blank lines. Runs last, because what counts
    as "between two kept lines" depends on every other decision."""
    pending = []
    seen_text = False
    for block, decision in zip(page.blocks, page.decisions):
        if block.blank:
            if decision is None:
                pending.append(block)
            continue
        if decision is not None and not decision.kept:
            continue
        for number, blank in enumerate(pending):
            if not seen_text:
                page.remove(blank, Reason.LAYOUT_BLANK, "blank line before the text")
            elif number:
                page.remove(blank, Reason.LAYOUT_BLANK, f"blank line run (one break kept at line {pending[0].line})")
        pending = []
        seen_text = True
    for blank in pending:
        page.remove(blank, Reason.LAYOUT_BLANK, "blank line after the text")
