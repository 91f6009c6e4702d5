"""str -> blocks: lines, with very long lines cut into sentences.

A block knows where it came from (line number and character offsets in the
decoded text), so output is always the input's own text, in order. Blank
lines are blocks too: each gets a decision like any other.

A page that arrives as one long line (a document-sharing site flattening a
Word file) would otherwise be a single block, and the junk glued to its end
(``… 如期完成。 第5页 共5页- 配套讲稿:``) could only be kept or dropped together
with the article. Such lines are cut after sentence-final punctuation; the
pieces keep their trailing whitespace so that joining the kept ones gives
back the original spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import CLOSERS, OTHER_STOPS, STRIP_CHARS, UNSPACED_RANGES, display_width, has_word_char, strip

# After CJK enders (and the full stops of other scripts: ۔ । ።) always;
# after ASCII enders only before whitespace (so that
# 29.57, www.abc.com and e.g. stay whole); closing quotes and brackets stay
# with their sentence. A run of marks is tried from its first mark only, so
# that a long run (";;;;…") costs one scan, not one per mark.
_CLOSERS = re.escape(CLOSERS)
_SENTENCE_END = re.compile(
    rf"(?:[。！？；{OTHER_STOPS}]+|…+|\.{{3,}}|[.!?;](?<![.!?;][.!?;])[.!?;]*(?=[{_CLOSERS}]*\s))[{_CLOSERS}]*[{STRIP_CHARS}]*"
    # A gap between two Han or kana characters: in flattened Chinese pages a
    # space marks where a line break was. (Not between Hangul syllables:
    # Korean spaces its words.)
    # (The lookbehind comes after the first space, so that every branch
    # starts with a character class the engine can scan for.)
    rf"|[ \t\u3000\xa0](?<=[{UNSPACED_RANGES}：:）)】」』”][ \t\u3000\xa0])[ \t\u3000\xa0]*(?=[{UNSPACED_RANGES}（(【「『“])"
)


MAX_BLOCK_CHARS = 20_000  # a "sentence" longer than this (no punctuation for pages) is cut


def _bounded(bounds: list[int], body: str) -> list[int]:
    """Cut pieces longer than MAX_BLOCK_CHARS, at a space if there is one:
    every block stays small enough to judge whatever the input.

        >>> _bounded([0, 5], "x" * 5)
        [0, 5]
        >>> len(_bounded([0, 50_000], "word " * 10_000))
        4
    """
    if all(right - left <= MAX_BLOCK_CHARS for left, right in zip(bounds, bounds[1:])):
        return bounds
    out = [0]
    for right in bounds[1:]:
        while right - out[-1] > MAX_BLOCK_CHARS:
            limit = out[-1] + MAX_BLOCK_CHARS
            space = body.rfind(" ", out[-1] + MAX_BLOCK_CHARS // 2, limit)
            out.append(space + 1 if space >= 0 else limit)
        out.append(right)
    return out


@dataclass(slots=True)
class Block:
    """One unit of decision: a line, a blank line, or a sentence of a long line.

    ``text`` is stripped; ``start``/``end`` are offsets of that stripped text
    in the decoded input; ``tail`` is the whitespace that followed a sentence
    inside its line (empty for whole lines), used to rejoin kept sentences;
    ``width`` is the text's width in terminal columns (CJK counts two),
    which layout and duplicate detection ask for again and again.

    Blocks are made once per pass and never changed (they are not frozen
    only because a frozen dataclass is four times slower to build, and a
    corpus has billions of blocks).
    """

    index: int
    line: int
    start: int
    end: int
    text: str
    piece: int = 0
    tail: str = ""
    width: int = 0

    @property
    def blank(self) -> bool:
        return not self.text

    def __reduce__(self):
        # Field values only: a tenth of what pickle writes for a slotted
        # dataclass, and results travel between worker processes.
        return Block, (self.index, self.line, self.start, self.end, self.text, self.piece, self.tail, self.width)

    @property
    def position(self) -> str:
        """Human position: ``12`` for a line, ``12.3`` for its third sentence."""
        return f"{self.line}.{self.piece}" if self.piece else str(self.line)


def segment(text: str, split_chars: int = 300) -> list[Block]:
    """Cut text into blocks; lines longer than ``split_chars`` become sentences.

        >>> [b.text for b in segment("标题\\n\\n  正文第一段。\\n")]
        ['标题', '', '正文第一段。']
        >>> [(b.position, b.text) for b in segment("如期完成。 第5页 共5页", split_chars=5)]
        [('1.1', '如期完成。'), ('1.2', '第5页'), ('1.3', '共5页')]
    """
    blocks: list[Block] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = strip(raw)
        if not body:
            blocks.append(Block(len(blocks), number, offset, offset, ""))
        else:
            start = offset + raw.index(body)
            if len(body) > split_chars:
                _split(blocks, number, start, body)
            else:
                blocks.append(Block(len(blocks), number, start, start + len(body), body, 0, "", display_width(body)))
        offset += len(raw)
    return blocks


def _split(blocks: list[Block], number: int, start: int, body: str) -> None:
    cuts = [m.end() for m in _SENTENCE_END.finditer(body) if 0 < m.end() < len(body)]
    bounds = _bounded([0, *cuts, len(body)], body)
    piece = 0
    for left, right in zip(bounds, bounds[1:]):
        chunk = body[left:right]
        sentence = strip(chunk)
        if not sentence:
            continue
        if piece and not has_word_char(sentence):
            # A lone "." or closing quote stays with the sentence before it.
            last = blocks[-1]
            merged = body[last.start - start : right]
            text = strip(merged)
            blocks[-1] = Block(last.index, number, last.start, last.start + len(text), text, last.piece, merged[len(text):], display_width(text))
            continue
        piece += 1
        lead = chunk.index(sentence)
        tail = chunk[lead + len(sentence):]
        at = start + left + lead
        blocks.append(Block(len(blocks), number, at, at + len(sentence), sentence, piece, tail, display_width(sentence)))
    if piece == 1:  # nothing to cut: keep it a plain line
        last = blocks[-1]
        blocks[-1] = Block(last.index, number, last.start, last.end, last.text, 0, "", last.width)
