"""The page's shape rather than its words: paragraphs made of hard-wrapped
lines, blank lines, lines made only of separators."""

from __future__ import annotations

from .chars import CLOSERS, UNSPACED, char_class, ends_with, has_word_char
from .page import Page
from .reasons import Reason
from .segment import Block
from .shapes import LINE_ENDERS, starts_item, trails_off

# A line at least this wide (in terminal columns) that stops mid-sentence was
# hard-wrapped when the next line goes on with it.
WRAP_MIN_WIDTH = 30
WRAP_SHARE = 0.7
MAX_WRAP_WIDTH = 120  # hard wraps are narrower than this; wider lines are whole paragraphs
FULL_LINE = 0.9
# CJK text wraps at a width or at a count of characters, so its wrapped
# lines are within a character or two of the longest by one measure or the
# other (a mark moved to avoid starting a line); a column of headlines is
# ragged, and each headline is a line of its own.
CJK_WRAP_SLACK = 2  # characters
DOUBLE_SPACED_SHARE = 0.8
NO_GAP, SPACING, BREAK = 0, 1, 2  # what the blank lines before a line mean (blank_gaps)
# (Reasons read once: a member looked up on its enum class costs more than
# the rest of a removal.)
_KEEP, _BLANK, _SYMBOLS = Reason.KEEP, Reason.LAYOUT_BLANK, Reason.LAYOUT_SYMBOLS
_TAIL_MARKS = LINE_ENDERS | frozenset(CLOSERS) | frozenset("，、,")  # what a wrap may push onto a line of its own


class Paragraph:
    """Consecutive lines that read as one paragraph (a hard-wrapped line
    continues on the next), or one sentence of a split line. ``wide``: mostly
    CJK, so wrapped by a count of characters, which may cut a number or word."""

    __slots__ = ("blocks", "wide")

    def __init__(self, blocks: list[Block], wide: bool = False):
        self.blocks = blocks
        self.wide = wide

    @property
    def text(self) -> str:
        """The lines joined: nothing between Han or kana characters, or
        anywhere in a paragraph of wide characters (``08-11 1`` / ``7:03`` is
        08-11 17:03); a space elsewhere."""
        if self.wide:
            return "".join(block.text for block in self.blocks)
        previous = self.blocks[0].text
        parts = [previous]
        for block in self.blocks[1:]:
            text = block.text
            if not (char_class(text[0]) & UNSPACED or char_class(previous[-1]) & UNSPACED):
                parts.append(" ")
            parts.append(text)
            previous = text
        return "".join(parts)


def _paragraph(blocks: list[Block], wide: bool) -> Paragraph:
    """A new Paragraph, made without a call of the class: a page groups
    thousands of them a pass."""
    paragraph = Paragraph.__new__(Paragraph)
    paragraph.blocks = blocks
    paragraph.wide = wide
    return paragraph


def paragraphs(page: Page, breaks: list[bool] | None = None) -> list[Paragraph]:
    """Undecided blocks grouped into paragraphs.

    Blank lines, decided blocks and blocks whose ``breaks[block.index]`` is
    true end a paragraph. Inside a run of lines, a line continues the previous one when
    that one stops mid-sentence, is wide (a wrapped line fills the width;
    in CJK text, unless most of the run's lines fill one width, within
    ``CJK_WRAP_SLACK`` characters of the run's longest line by width or by
    count), is not a line of bar-separated items,
    and the next line does not start a list item.

    The steps of a pass ask for paragraphs several times, each time with a
    few more blocks decided; a run of lines is grouped once a pass, and
    asked for again (the same first and last line: the same lines, since
    decisions are only ever added), its grouping is read back.

        >>> from cleaner.page import Page
        >>> from cleaner.pipeline import Config
        >>> from cleaner.segment import segment
        >>> text = "Optimum fertilization promotes quality growth and\\ngives trees luxuriant foliage.\\nNext one.\\n"
        >>> [p.text for p in paragraphs(Page(segment(text), Config()))]
        ['Optimum fertilization promotes quality growth and gives trees luxuriant foliage.', 'Next one.']
    """
    out: list[Paragraph] = []
    run: list[Block] = []
    gaps = blank_gaps(page)
    breaks_paragraph = BREAK
    grouped = page.memo.setdefault("paragraphs", {})  # (first, last block index) of a run -> its paragraphs
    decisions = page.decisions
    for block in page.blocks:
        if not block.text:
            continue
        if run and gaps[block.index] == breaks_paragraph:
            _add_run(run, out, grouped)
            run = []
        decision = decisions[block.index]
        if decision is not None or block.piece or (breaks is not None and breaks[block.index]):
            if run:
                _add_run(run, out, grouped)
                run = []
            if decision is None:
                out.append(_paragraph([block], False))
        else:
            run.append(block)
    _add_run(run, out, grouped)
    return out


def double_spaced(blocks: list[Block]) -> bool:
    """Most lines are followed by exactly one blank line: the page's blank
    lines are line spacing, not paragraph breaks, and a hard-wrapped
    paragraph may continue across one.

        >>> from cleaner.segment import segment
        >>> double_spaced(segment("a\\n\\nb\\n\\nc\\n\\nd\\n")), double_spaced(segment("a\\nb\\n\\nc\\nd\\n"))
        (True, False)
    """
    gaps = singles = 0  # gaps between lines of text, and those of one blank line
    blank = 0
    seen = False
    for block in blocks:
        if not block.text:
            blank += 1
        else:
            if seen:
                gaps += 1
                singles += blank == 1
            seen, blank = True, 0
    return gaps >= 3 and singles >= DOUBLE_SPACED_SHARE * gaps


def blank_gaps(page: Page) -> bytes:
    """What the blank lines just before each line mean, by block index:
    NO_GAP (none), SPACING (one, on a :func:`double_spaced` page: a
    paragraph may go on across it) or BREAK (a paragraph ends). Worked out
    once a pass.

        >>> from cleaner.page import Page
        >>> from cleaner.pipeline import Config
        >>> from cleaner.segment import segment
        >>> list(blank_gaps(Page(segment("a\\n\\nb\\n\\n\\nc\\nd\\n"), Config())))
        [0, 0, 2, 0, 0, 2, 0]
    """
    gaps = page.memo.get("blank_gaps")
    if gaps is None:
        spacing = SPACING if double_spaced(page.blocks) else BREAK
        found = bytearray(len(page.blocks))
        blanks = 0
        for block in page.blocks:
            if not block.text:
                blanks += 1
            elif blanks:
                found[block.index] = BREAK if blanks > 1 else spacing
                blanks = 0
        gaps = page.memo["blank_gaps"] = bytes(found)
    return gaps


def _add_run(run: list[Block], out: list[Paragraph], grouped: dict) -> None:
    if len(run) < 2:  # the common case: a line between blank lines
        if run:
            out.append(_paragraph(run, False))
        return
    first, last = run[0], run[-1]
    key = (first.index, last.index)
    found = grouped.get(key)
    if found is None:
        found = grouped[key] = _group(run)
    out.extend(found)


def _group(run: list[Block]) -> list[Paragraph]:
    """The paragraphs of a run of two or more lines."""
    out = []
    widest = longest = size = wide = 0
    for block in run:
        widest = max(widest, block.width)
        longest = max(longest, len(block.text))
        size += len(block.text)
        wide += block.width
    cjk = (wide - size) * 2 > size  # mostly wide characters: CJK text and its full-width punctuation
    wrapped = _wrapped(run, widest, cjk)
    if cjk and _cut_to_fit(run, widest, longest):
        return [_paragraph([block], cjk) for block in run]
    current = [run[0]]
    for at in range(1, len(run)):
        previous, block = run[at - 1], run[at]
        width = previous.width
        continues = False
        if not starts_item(block.text) and (width >= WRAP_MIN_WIDTH or len(current) > 1):
            done = ends_with(previous.text, LINE_ENDERS, CLOSERS)
            continues = (
                width >= WRAP_MIN_WIDTH
                and (not done or (wrapped and width >= FULL_LINE * widest))
                and (width >= WRAP_SHARE * widest or _starts_lower(block.text))
                and (wrapped or not cjk or _fills(previous, widest, longest))
            ) or (
                # A short tail of a wrapped line that stops mid-sentence, and a
                # wide next line that goes on in lower case: text wrapped once
                # and wrapped again narrower (long line, short line, long line...).
                len(current) > 1 and not done and block.width >= WRAP_MIN_WIDTH and _starts_lower(block.text)
            )
        if continues and not _bar_separated(previous.text):  # (asked last: most lines are done by now)
            current.append(block)
        else:
            out.append(_paragraph(current, cjk))
            current = [block]
    out.append(_paragraph(current, cjk))
    return out


def _fills(block: Block, widest: int, longest: int) -> bool:
    """A CJK line as long as its run's longest, by width or by count of
    characters, give or take CJK_WRAP_SLACK characters: a full line of a wrap."""
    return widest - block.width <= 2 * CJK_WRAP_SLACK or longest - len(block.text) <= CJK_WRAP_SLACK


def _cut_to_fit(run: list[Block], widest: int, longest: int) -> bool:
    """A column of headlines that the site cut to one length: two or more
    lines of the full width trail off in an ellipsis (:func:`trails_off`).
    Its lines are as long as a wrap's, and each is a headline of its own.
    (A Chinese sentence that trails off ends in two …, not one.)"""
    cut = 0
    for block in run:
        if _fills(block, widest, longest) and trails_off(block.text):
            cut += 1
            if cut == 2:
                return True
    return False


def _wrapped(run: list[Block], widest: int, cjk: bool) -> bool:
    """Hard-wrapped at a fixed width: most lines fill it (CJK wraps give lines
    of exactly the same width; Latin ones a ragged edge), and most stop
    mid-sentence. There a full line that happens to end with a full stop
    still goes on; lines that each end a sentence are paragraphs of similar
    length, not a wrap."""
    if len(run) < 3 or widest > MAX_WRAP_WIDTH:
        return False
    near = 1 if cjk else 0.25 * widest
    full = ended = 0
    for at in range(len(run) - 1):
        block = run[at]
        full += widest - block.width <= near
        ended += ends_with(block.text, LINE_ENDERS, CLOSERS)
    return full >= 2 * (len(run) - 1) / 3 and ended * 2 <= len(run) - 1


def _bar_separated(text: str) -> bool:
    """Items between bars (关于我们|联系我们|网站地图): a menu, which a wrap does not make."""
    return text.count("|") + text.count("｜") >= 2


def _starts_lower(text: str) -> bool:
    """Goes on in lower case (a Latin line that continues a sentence)."""
    return len(text) > 0 and "a" <= text[0] <= "z"


def drop_symbol_lines(page: Page) -> None:
    """Drop blocks with no letter, digit or CJK character (``------``, ``|``, ``· ·``),
    but the last marks of a sentence that a hard wrap pushed onto a line of
    their own (``…在两江新区龙兴举行`` / ``。``): they belong to the line above.

        >>> from cleaner.pipeline import clean_text
        >>> clean_text("第一段。\\n* * *\\n第二段。\\n").text
        '第一段。\\n第二段。\\n'
    """
    previous = None  # the block above, in what this step leaves
    for block in page.blocks:
        if block.text and page.decisions[block.index] is None and not has_word_char(block.text):
            wrapped_tail = previous is not None and previous.text and set(block.text) <= _TAIL_MARKS
            if not (wrapped_tail and not ends_with(previous.text, LINE_ENDERS, CLOSERS)):
                # (What was above a dropped line is above the next one: a
                # column of marks goes in one pass, not one mark a pass.)
                if page.remove(block, _SYMBOLS, f"no word characters in {block.text[:12]!r}"):
                    continue
        previous = block


def normalise_blank_lines(page: Page) -> None:
    """Keep one blank line where the kept text had a paragraph break; drop
    leading, trailing and repeated blank lines. Runs last, because what counts
    as "between two kept lines" depends on every other decision."""
    pending = []
    seen_text = False
    decisions = page.decisions
    for block in page.blocks:
        decision = decisions[block.index]
        if not block.text:
            if decision is None:
                pending.append(block)
            continue
        if decision is not None and decision.reason is not _KEEP:
            continue
        if pending:  # (most lines of text follow another line directly: nothing to settle)
            for number, blank in enumerate(pending):
                if not seen_text:
                    page.remove(blank, _BLANK, "blank line before the text")
                elif number:
                    page.remove(blank, _BLANK, f"blank line run (one break kept at line {pending[0].line})")
            pending = []
        seen_text = True
    for blank in pending:
        page.remove(blank, _BLANK, "blank line after the text")
