"""Config -> Result: run the steps over a page's blocks, until nothing changes.

Each step looks at the blocks nobody has decided yet and may remove some,
with one :class:`Reason` and a line of evidence; whatever is left at the end
is kept. Steps never edit text, so the output is always the input's own
blocks, in order.

Idempotence is built in rather than hoped for: after a pass, the cleaned text
is segmented and judged again (a heading that sat between two menus may now
sit at the top, a long line may have become short), and passes repeat until
one removes nothing. The decisions of later passes are mapped back onto the
input's blocks, so every input block still ends with exactly one decision,
and cleaning the output again changes nothing.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import boilerplate, dedup, layout
from .decode import Decoded, decode
from .page import Decision, Page, Step, decided
from .reasons import Reason
from .rules import Rule, RuleSet, rule_set
from .segment import Block, _block, segment

if TYPE_CHECKING:
    from .templates import Templates

MAX_PASSES = 6
_KEEP = Reason.KEEP


@dataclass(frozen=True)
class Config:
    """Everything that changes what ``clean_text`` decides.

    ``disable`` holds reasons that must never remove anything (the same codes
    ``--explain`` prints), ``disable_rules`` the names of catalogue rules
    that must not (see :func:`cleaner.rules.parse_disable`). ``split_chars``: lines longer than this are judged
    sentence by sentence. ``dup_min_tokens``: shorter blocks are never removed
    as duplicates (``同志们:`` may repeat), counted in CJK characters plus
    other words. ``max_lines`` and ``max_chars``: a page of more lines (a
    long line counted once for each piece it is judged in) or characters than this is refused (:class:`PageTooLarge`) rather than
    cleaned in memory that grows with it: a web page is a few thousand lines,
    and within these limits cleaning one stays within four times its size
    plus 150 MB (``bench/memory.py``); a million tiny lines is a log or a
    word list.
    ``rules``: rules of your own (:func:`cleaner.rules.rule`), tried
    before the catalogue. ``allow``: a block that one of these expressions
    finds something in is never removed.
    """

    encoding: str | None = None
    disable: frozenset[Reason] = frozenset()
    disable_rules: frozenset[str] = frozenset()
    split_chars: int = 300
    dup_min_tokens: int = 8
    max_lines: int = 50_000
    max_chars: int = 4_000_000
    rules: tuple[Rule, ...] = ()
    allow: tuple[re.Pattern[str], ...] = ()

    def __post_init__(self) -> None:
        for extra in self.rules:
            extra.pattern  # (compiled now: a wrong expression is said here, not on some page later)

    def enabled(self, reason: Reason) -> bool:
        return reason not in self.disable

    def rule_set(self) -> RuleSet:
        """The catalogue, with ``rules`` tried first."""
        return rule_set(self.rules, self.disable_rules)

    def allowed(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.allow)


@dataclass(frozen=True)
class Result:
    """The cleaned text, one decision per input block, and counts."""

    text: str
    decisions: tuple[Decision, ...]
    source: Decoded | None = None
    passes: int = 1
    # The article's runs of prose, as the first pass found them: (first,
    # last) block index of each; none on a page without prose.
    article: tuple[tuple[int, int], ...] = ()

    def article_text(self) -> str:
        """The kept lines of the article's runs of prose, a line each: what
        the page says, without its title, the lists beside it or furniture
        left on the page."""
        lines = []
        for first, last in self.article:
            lines.extend(d.block.text for d in self.decisions[first : last + 1] if d.kept and d.block.text)
        return "\n".join(lines)

    @property
    def removed(self) -> list[Decision]:
        return [d for d in self.decisions if not d.kept]

    @property
    def counts(self) -> Counter[str]:
        """Removed blocks by reason code."""
        return _counts(self.decisions)

    @property
    def changed(self) -> bool:
        return _removes(self.decisions)


def _counts(decisions: Iterable[Decision]) -> Counter[str]:
    # (Counted by member, a C field read and a string hash a decision, and
    # named by code once per reason: an enum's ``value`` is a Python-level
    # property, and a page has thousands of decisions.)
    by_reason: dict[Reason, int] = {}
    for decision in decisions:
        if decision.reason is not _KEEP:
            by_reason[decision.reason] = by_reason.get(decision.reason, 0) + 1
    return Counter({reason.value: count for reason, count in by_reason.items()})


def _removes(decisions: Iterable[Decision | None]) -> bool:
    """Whether any of the decisions removes its block (None: kept)."""
    for decision in decisions:
        if decision is not None and decision.reason is not _KEEP:
            return True
    return False


def steps() -> tuple[Step, ...]:
    """The steps, in order. Earlier steps get first say, so the most specific
    reason wins; blank lines are settled last, once content is decided."""
    return (
        layout.drop_symbol_lines,
        boilerplate.drop_rule_hits,
        dedup.drop_copies,
        boilerplate.judge_context,
        layout.normalise_blank_lines,
    )


class PageTooLarge(ValueError):
    """More lines than ``Config.max_lines``, or characters than ``Config.max_chars``."""


def judge(blocks: list[Block], config: Config, cache: dict | None = None, templates: Templates | None = None) -> list[Decision]:
    return _judge_page(blocks, config, cache, templates).finish()


def _judge_page(blocks: list[Block], config: Config, cache: dict | None, templates: Templates | None) -> Page:
    """The page once every step has had its say; the blocks no step decided
    (``None`` in its decisions) are the ones kept."""
    page = Page(blocks, config, cache, templates)
    for step in steps():
        step(page)
    return page


def assemble(decisions: Iterable[Decision]) -> tuple[str, list[tuple[int, int, int]]]:
    """Join kept blocks into text: one output line per input line, the kept
    sentences of a split line rejoined with their own spacing, a final
    newline. Also returns ``(out_start, out_end, block_index)`` spans saying
    which input block each part of the output came from.
    """
    out: list[str] = []
    spans: list[tuple[int, int, int]] = []
    size = 0
    line: int | None = None
    tail = ""
    for decision in decisions:
        if decision.reason is not _KEEP:
            continue
        block = decision.block
        if not block.text or block.line != line:
            if out:
                out.append("\n")
                size += 1
            line = block.line if block.text else None
        elif tail:
            out.append(tail)
            size += len(tail)
        spans.append((size, size + len(block.text), block.index))
        out.append(block.text)
        size += len(block.text)
        tail = block.tail
    text = "".join(out)
    return (text + "\n" if text else ""), spans


def clean_text(text: str, config: Config | None = None, source: Decoded | None = None, templates: Templates | None = None) -> Result:
    """Clean one page of text; ``templates``, learned over the files of a
    run (:mod:`cleaner.templates`), adds what the page's site repeats on its
    other pages to the evidence.

        >>> r = clean_text("会议召开\\n\\n\\n\\n第一段讲了一件事情。\\n第二段又讲了一件事情。\\n第一段讲了一件事情。\\n第二段又讲了一件事情。")
        >>> r.text
        '会议召开\\n\\n第一段讲了一件事情。\\n第二段又讲了一件事情。\\n'
        >>> [(d.block.position, d.reason.value) for d in r.removed]
        [('3', 'layout.blank'), ('4', 'layout.blank'), ('7', 'dup.exact'), ('8', 'dup.exact')]
        >>> clean_text(r.text).text == r.text
        True
    """
    config = config or Config()
    text = str(text)  # (a subclass of str, such as numpy's, is read as the str it is)
    cache: dict = {}
    if len(text) > config.max_chars:
        raise PageTooLarge(f"too large to clean as one page: {len(text)} characters (the limit is {config.max_chars})")
    if text.count("\n") > config.max_lines:  # a cheap look before building the blocks
        raise PageTooLarge(f"too large to clean as one page: over {config.max_lines} lines")
    blocks = segment(text, config.split_chars)
    if len(blocks) > config.max_lines:
        raise PageTooLarge(f"too large to clean as one page: over {config.max_lines} lines once long lines are split")
    page = _judge_page(blocks, config, cache, templates)
    final = page.finish()
    out, spans = assemble(final)
    passes = 1
    # Nothing removed: the output is the input's own lines, stripped, which
    # segment into the same blocks, so another pass would decide the same.
    while passes < MAX_PASSES and _removes(final):
        # (A later pass most often removes nothing: its kept blocks get no
        # decision made for them.)
        again = _judge_page(_resegment(out, spans, final, config), config, cache, templates)
        if not _removes(again.decisions):
            break
        passes += 1
        final = _carry_back(final, again, spans)
        out, spans = assemble(final)
    return Result(out, tuple(final), source, passes, page.article)


def _resegment(out: str, spans: list[tuple[int, int, int]], final: list[Decision], config: Config) -> list[Block]:
    """The blocks of a pass's output (what :func:`segment` makes of it),
    numbered by the input lines they came from, so that what a later pass
    says (``lines 12–40``) is true of the input. Every output line comes
    from one input line, and the numbering keeps their order, which is all
    that the steps ask of line numbers.

    An output line that is one whole input line (most) is that line's block
    again, moved to where it lies in the output: segmenting its text, which
    is stripped and was cut (or not) before, gives it back. Only the lines
    made of kept sentences of a long line are segmented afresh.
    """
    blocks: list[Block] = []
    if not out:
        return blocks  # (a lone kept blank line is no line of text)
    at = 0
    while at < len(spans):
        start, end, index = spans[at]
        decision = final[index]
        block = decision.block
        stop = at + 1  # the spans of this output line are spans[at:stop]
        while stop < len(spans) and not _starts_line(out, spans[stop][0]):
            stop += 1
        if stop == at + 1 and not block.piece:
            blocks.append(_block(len(blocks), block.line, start, end, block.text, 0, "", block.width))
        else:
            for part in segment(out[start : spans[stop - 1][1]], config.split_chars):
                part.index = len(blocks)
                part.line = block.line
                part.start += start
                part.end += start
                blocks.append(part)
        at = stop
    return blocks


def _starts_line(out: str, start: int) -> bool:
    """The output part that begins at ``start`` begins a line."""
    return start == 0 or out[start - 1] == "\n"


def _carry_back(final: list[Decision], again: Page, spans: list[tuple[int, int, int]]) -> list[Decision]:
    """Apply a later pass's removals to the input blocks its blocks came from."""
    merged = list(final)
    starts = [s for s, _, _ in spans]
    for decision in again.decisions:
        if decision is None or decision.reason is _KEEP:
            continue
        origin = _origins(decision.block, spans, starts)
        ref = None
        evidence = decision.evidence
        if decision.ref is not None:
            twin = again.blocks[decision.ref]
            found = _origins(twin, spans, starts)
            if found:
                ref = found[0]
                # (A piece of a later pass's line need not be that piece of the input line.)
                evidence = evidence.replace(f"line {twin.position}", f"line {final[ref].block.position}", 1)
        for index in origin:
            merged[index] = decided(final[index].block, decision.reason, evidence, ref)
    return merged


def _origins(block: Block, spans: list[tuple[int, int, int]], starts: list[int]) -> list[int]:
    """Indices of the input blocks that the output range of ``block`` came from."""
    at = bisect.bisect_left(starts, block.start)
    if not block.text:
        return [spans[at][2]] if at < len(spans) and spans[at][0] == spans[at][1] == block.start else []
    at = max(at - 1, 0)
    hits = []
    while at < len(spans) and spans[at][0] < block.end:
        start, end, index = spans[at]
        if end > block.start and end > start:
            hits.append(index)
        at += 1
    return hits


def clean_bytes(data: bytes, config: Config | None = None, templates: Templates | None = None) -> Result:
    """Decode (see :mod:`cleaner.decode`) and clean."""
    config = config or Config()
    decoded = decode(data, config.encoding)
    return clean_text(decoded.text, config, decoded, templates)


def clean_file(path: str | os.PathLike[str], config: Config | None = None) -> Result:
    """Read, decode and clean one file. Raises ``OSError`` or
    :class:`cleaner.decode.DecodeError` for files that cannot be read as text."""
    return clean_bytes(Path(path).read_bytes(), config)


