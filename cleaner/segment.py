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

from .chars import CLAUSE, CLOSER, FULL_STOP, OTHER_STOP, STRIP, UNSPACED, char_class, display_width, has_word_char, strip

_FIELDS = ("index", "line", "start", "end", "text", "piece", "tail", "width")
MAX_BLOCK_CHARS = 20_000  # a "sentence" longer than this (no punctuation for pages) is cut
_MAY_END = FULL_STOP | CLAUSE | STRIP  # the classes of the non-ASCII characters an end may start at (and …)


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


class Block:
    """One unit of decision: a line, a blank line, or a sentence of a long line.

    ``text`` is stripped; ``start``/``end`` are offsets of that stripped text
    in the decoded input; ``tail`` is the whitespace that followed a sentence
    inside its line (empty for whole lines), used to rejoin kept sentences;
    ``width`` is the text's width in terminal columns (CJK counts two),
    which layout and duplicate detection ask for again and again.
    """

    __slots__ = _FIELDS

    def __init__(self, index: int, line: int, start: int, end: int, text: str, piece: int = 0, tail: str = "", width: int = 0):
        _fill(self, index, line, start, end, text, piece, tail, width)

    def _fields(self) -> tuple:
        return (self.index, self.line, self.start, self.end, self.text, self.piece, self.tail, self.width)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return "Block(" + ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._fields())) + ")"

    @property
    def blank(self) -> bool:
        return not self.text

    def __reduce__(self):
        # Field values only: a tenth of what pickle writes for a slotted
        # dataclass, and results travel between worker processes.
        return Block, self._fields()

    @property
    def position(self) -> str:
        """Human position: ``12`` for a line, ``12.3`` for its third sentence."""
        return f"{self.line}.{self.piece}" if self.piece else str(self.line)


def _fill(block: Block, index: int, line: int, start: int, end: int, text: str, piece: int, tail: str, width: int) -> Block:
    block.index = index
    block.line = line
    block.start = start
    block.end = end
    block.text = text
    block.piece = piece
    block.tail = tail
    block.width = width
    return block


def _block(index: int, line: int, start: int, end: int, text: str, piece: int = 0, tail: str = "", width: int = 0) -> Block:
    """A new Block, made without a call of the class (which packs and
    parses its arguments): a page is thousands of blocks."""
    return _fill(Block.__new__(Block), index, line, start, end, text, piece, tail, width)


def _lead(text: str) -> int:
    """How many characters :func:`cleaner.chars.strip` takes from the front
    of ``text``, which holds more than those."""
    lead = 0
    while char_class(text[lead]) & STRIP:
        lead += 1
    return lead


def segment(text: str, split_chars: int = 300) -> list[Block]:
    """Cut text into blocks; lines longer than ``split_chars`` become sentences.

        >>> [b.text for b in segment("标题\\n\\n  正文第一段。\\n")]
        ['标题', '', '正文第一段。']
        >>> [(b.position, b.text) for b in segment("如期完成。 第5页 共5页", split_chars=5)]
        [('1.1', '如期完成。'), ('1.2', '第5页'), ('1.3', '共5页')]
    """
    blocks: list[Block] = []
    offset = 0
    number = 0
    for raw in text.splitlines(keepends=True):
        number += 1
        body = strip(raw)
        if not body:
            blocks.append(_block(len(blocks), number, offset, offset, ""))
        else:
            start = offset + _lead(raw)
            if len(body) > split_chars:
                _split(blocks, number, start, body)
            else:
                blocks.append(_block(len(blocks), number, start, start + len(body), body, 0, "", display_width(body)))
        offset += len(raw)
    return blocks


def _split(blocks: list[Block], number: int, start: int, body: str) -> None:
    cuts = sentence_ends(body)
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
            blocks[-1] = _block(last.index, number, last.start, last.start + len(text), text, last.piece, merged[len(text):], display_width(text))
            continue
        piece += 1
        lead = _lead(chunk)
        tail = chunk[lead + len(sentence):]
        at = start + left + lead
        blocks.append(_block(len(blocks), number, at, at + len(sentence), sentence, piece, tail, display_width(sentence)))
    if piece == 1:  # nothing to cut: keep it a plain line
        last = blocks[-1]
        blocks[-1] = _block(last.index, number, last.start, last.end, last.text, 0, "", last.width)


def sentence_ends(text: str, every_mark: bool = False) -> list[int]:
    """Where the sentences of ``text`` end: after sentence punctuation and the
    closing quotes and brackets after it. Two readings of "sentence":

    - For cutting a long line into sentences (the default), the ends are
      inside ``text`` and take the whitespace after them. A sentence ends
      after a run of CJK enders (。！？；) or other scripts' full stops
      (۔ । ።), of ellipses (… or ...), or of ASCII enders (.!?;) followed,
      after any closers, by whitespace (so that 29.57 and www.abc.com stay
      whole). In flattened Chinese pages a space between two Han or kana
      characters marks where a line break was, and ends one too (not
      between Hangul syllables: Korean spaces its words).
    - With ``every_mark``, for comparing sentences of copies that were
      re-wrapped or re-punctuated, the last end is the end of ``text``, and
      any run of marks (。！？!?；;…) ends a sentence, as does an ASCII full
      stop that does not sit between two letters or digits (29.57 and
      www.abc.com stay whole, while a 。 turned into . before 1978年 still
      ends its sentence).

        >>> body = "如期完成。 第5页 共5页"
        >>> [body[:end] for end in sentence_ends(body)]
        ['如期完成。 ', '如期完成。 第5页 ']
        >>> body = "Pi is 3.14 here! Done?! \u201cYes.\u201d No... www.abc.com"
        >>> [body[:end] for end in sentence_ends(body)][-2:]
        ['Pi is 3.14 here! Done?! \u201cYes.\u201d ', 'Pi is 3.14 here! Done?! \u201cYes.\u201d No...']
        >>> text = "第一句。第二句!” www.abc.com 是29.57元.1978年"
        >>> [text[:end] for end in sentence_ends(text, every_mark=True)]
        ['第一句。', '第一句。第二句!”', '第一句。第二句!” www.abc.com 是29.57元.', '第一句。第二句!” www.abc.com 是29.57元.1978年']
    """
    length = len(text)
    cuts: list[int] = []
    at = -1
    resume = 0  # where the scan goes on after a cut (what the cut took is not looked at again)
    for char in text:  # (compiled, a loop over the string's own storage)
        at += 1
        if at < resume:
            continue
        # (Most characters start no end: they are passed over here, before a call.)
        if char < "\x80":
            if char not in ".!?; \t":
                continue
        elif char != "…" and not char_class(char) & _MAY_END:
            continue
        end = at
        if char > "\x7f" or every_mark and char in "!?;":
            end = _stops_end(text, at, every_mark)
        if end == at:
            end = _mark_end(text, at, char) if every_mark else _prose_end(text, at, char)
        if end == at:
            continue
        while end < length and char_class(text[end]) & CLOSER:
            end += 1
        if not every_mark:
            while end < length and char_class(text[end]) & STRIP:
                end += 1
        if end < length:
            cuts.append(end)
        resume = end
    if every_mark:
        cuts.append(length)
    return cuts


def _prose_end(body: str, at: int, char: str) -> int:
    """Where an ellipsis, ASCII sentence marks or a line break flattened
    into a space starting at ``at`` end a sentence, in the default reading
    of ``sentence_ends``; ``at`` when they do not."""
    length = len(body)
    end = at
    if char == "…":
        end = at + 1
        while end < length and body[end] == "…":
            end += 1
    elif char in ".!?;":
        dots = 0
        while at + dots < length and body[at + dots] == ".":
            dots += 1
        if dots >= 3:
            end = at + dots  # a run of full stops: an ellipsis
        elif at == 0 or body[at - 1] not in ".!?;":  # the first of a run of marks
            run = at + 1
            while run < length and body[run] in ".!?;":
                run += 1
            after = run
            while after < length and char_class(body[after]) & CLOSER:
                after += 1
            if after < length and body[after].isspace():
                end = run
    elif char in " \t\u3000\xa0" and at > 0 and (char_class(body[at - 1]) & UNSPACED or body[at - 1] in "：:）)】」』”"):
        # (Cut before the next Han character or opener: neither is a closer
        # or whitespace, so what sentence_ends adds after an end adds nothing.)
        run = at + 1
        while run < length and body[run] in " \t\u3000\xa0":
            run += 1
        if run < length and (char_class(body[run]) & UNSPACED or body[run] in "（(【「『“"):
            end = run
    return end


def _mark_end(text: str, at: int, char: str) -> int:
    """Where an ASCII full stop at ``at`` ends a sentence, in the
    ``every_mark`` reading of ``sentence_ends``; ``at`` when it does not."""
    length = len(text)
    end = at
    if char == "." and not (at > 0 and _ascii_alnum(text[at - 1]) and at + 1 < length and _ascii_alnum(text[at + 1])):
        end = at + 1
    return end


def _stops_end(text: str, at: int, every_mark: bool) -> int:
    """The end of the run of 。！？；, other scripts' full stops and, with
    ``every_mark``, !?;… that starts at ``at``; ``at`` when none does."""
    length = len(text)
    end = at
    while end < length:
        char = text[end]
        if not (char in "。！？；" or every_mark and char in "!?;…" or char > "\x7f" and char_class(char) & OTHER_STOP):
            break
        end += 1
    return end


def _ascii_alnum(char: str) -> bool:
    return "0" <= char <= "9" or "a" <= char <= "z" or "A" <= char <= "Z"
