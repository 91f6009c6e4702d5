"""Duplicate content inside one page: the article pasted twice, exactly or not.

Scraped pages repeat themselves: the whole article twice, a terms block
twice, a mobile copy hard-wrapped at 40 characters under the desktop one, a
copy whose full-width punctuation became half-width, a copy with a few
characters edited. The unit of comparison is the *sentence* of a paragraph
(hard-wrapped lines joined first), compared on a key that ignores width,
case, spaces and punctuation, so line breaks and punctuation style do not
matter; a sentence that differs by a few characters matches its twin when
rapidfuzz says they are nearly the same.

A *run* of consecutive sentences that repeats an earlier run in order is a
copy when it covers two or more different substantial paragraphs of the
original, or when it repeats the page from its start to its end. A single
paragraph seen twice is usually meant (a quoted post, a table header, a
refrain) and stays, and so does a paragraph repeated right after itself.
Only blocks entirely inside a copy are removed; each points at its twin.

Cost: sentences are found in one pass; a sentence is compared only with
earlier sentences that have the same key, or the same first or last
characters (the blocking step), and runs are extended pair by pair, so the
work grows with the page, not with its square.
"""

from __future__ import annotations

from array import array

from .chars import DECIMAL, char_class, dedup_key
from .features import count_tokens
from .layout import BREAK, SPACING, WRAP_MIN_WIDTH, Paragraph, blank_gaps, paragraphs
from .page import Page
from .reasons import Reason
from .segment import Block, sentence_ends
from .shapes import FLOW_ENDERS

MAX_CANDIDATES = 4
MAX_MERGE = 6  # sentences of one copy that may make up one of the other
RESYNC = 3  # sentences either side may skip to find the copy again
FUZZY_MIN_CHARS = 20  # shorter sentences must match exactly...
EDITED_MIN = 70.0  # ...unless both neighbours match and they are this similar
EDGE = 6  # characters of a key's start and end used to find fuzzy candidates
# A run inside one paragraph is a copy when it is this long: a quoted
# paragraph is a few sentences, a flattened page pasted twice is dozens.
LONG_RUN_SENTENCES = 6
LONG_RUN_TOKENS = 120
PATTERN_TIMES = 3  # a sentence said this often is the page's pattern, not a pasted copy
MAX_ROUNDS = 8  # looks for copies in one pass, each on what the last left
_FLOW_ENDERS = "".join(sorted(FLOW_ENDERS))  # (a string: a character is looked for in it where it is)


class Sentence:
    """One sentence of the flow: its comparison key and text, the paragraph
    it belongs to, whether it ends with sentence punctuation (not a heading
    or a cut-off), and the indices of the blocks it lies in. A key long
    enough to be matched fuzzily is also found by its ``edges``: its first
    and last EDGE characters."""

    __slots__ = ("key", "edges", "text", "paragraph", "ended", "blocks", "counted")


def _sentence(key: str, edges: tuple[str, str] | None, text: str, paragraph: int, ended: bool, blocks: tuple[int, ...]) -> Sentence:
    # (Made field by field: a page has thousands, and a class's call with six
    # arguments costs more than filling them.)
    sentence = Sentence.__new__(Sentence)
    sentence.key = key
    sentence.edges = edges
    sentence.text = text
    sentence.paragraph = paragraph
    sentence.ended = ended
    sentence.blocks = blocks
    sentence.counted = -1
    return sentence


def _tokens(sentence: Sentence) -> int:
    """A sentence's length in tokens, counted when first asked for (few are)."""
    if sentence.counted < 0:
        sentence.counted = count_tokens(sentence.text)
    return sentence.counted


def sentences(page: Page) -> list[Sentence]:
    """The open blocks' text as sentences, in order, each knowing its blocks.

    Consecutive blocks are read as one flow of text, whatever their line
    breaks, and cut at sentence punctuation; only a short line that is not
    the tail of a wrapped one (a heading, a menu item) or a blank line
    between paragraphs ends the flow. So a copy hard-wrapped at 40
    characters gives the same sentences as one paragraph a line.
    """
    out: list[Sentence] = []
    flow: list[Block] = []
    gaps = blank_gaps(page)
    # The sentences of a long line that was cut into pieces belong to one
    # paragraph: the line.
    paragraph_of = array("l", [0]) * len(page.blocks)  # by block index
    line_paragraph: dict[int, int] = {}
    for number, para in enumerate(paragraphs(page)):
        for b in para.blocks:
            paragraph_of[b.index] = line_paragraph.setdefault(b.line, number) if b.piece else number
    decisions = page.decisions
    for block in page.blocks:
        if not block.text:
            continue
        gap = gaps[block.index]
        if flow and (gap == BREAK or gap == SPACING and not _runs_on(flow[-1])):
            _cut(page, flow, out, paragraph_of)
            flow = []
        if decisions[block.index] is not None:
            continue
        tail = len(flow) > 0 and _runs_on(flow[-1])
        flow.append(block)
        if block.width < WRAP_MIN_WIDTH and not tail:
            _cut(page, flow, out, paragraph_of)  # a heading or a menu item, not a wrapped line's tail
            flow = []
    if flow:
        _cut(page, flow, out, paragraph_of)
    return out


def _ends(text: str) -> bool:
    """Whether ``text`` ends with one of FLOW_ENDERS, spaces after it aside."""
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] in _FLOW_ENDERS


def _runs_on(block: Block) -> bool:
    """A wide line that stops mid-sentence: the next line goes on with it.
    Not a line of several short items separated by spaces (a menu, a list
    of links): whatever follows that starts afresh."""
    text = block.text
    if block.width < WRAP_MIN_WIDTH or _ends(text):
        return False
    parts = 0  # (what str.split would give, counted up to three)
    inside = False
    for char in text:
        if char.isspace():
            inside = False
        elif not inside:
            inside = True
            parts += 1
            if parts == 3:
                return False
    return True


def _cut(page: Page, flow: list[Block], out: list[Sentence], paragraph_of: array) -> None:
    if len(flow) == 1:  # the common case: one line, one flow
        block = flow[0]
        index = block.index
        paragraph = paragraph_of[index]
        for _, _, key, edges, piece, ended in page.cached("sentences", block.text, _pieces):
            out.append(_sentence(key, edges, piece, paragraph, ended, (index,)))
        return
    text = Paragraph(flow).text
    spans = []  # (start, end, block index) of each block in the joined text
    at = 0
    for block in flow:
        # (Right where the last one ended, or after the space that joined them.)
        if not text.startswith(block.text, at):
            at = at + 1 if text.startswith(block.text, at + 1) else text.find(block.text, at)
        spans.append((at, at + len(block.text), block.index))
        at += len(block.text)
    first = 0  # sentences and blocks both run left to right: walk them together
    for start, end, key, edges, piece, ended in page.cached("sentences", text, _pieces):
        while first < len(spans) and spans[first][1] <= start:
            first += 1
        blocks = []
        at = first
        while at < len(spans) and spans[at][0] < end:
            if spans[at][1] > start:
                blocks.append(spans[at][2])
            at += 1
        out.append(_sentence(key, edges, piece, paragraph_of[blocks[0]], ended, tuple(blocks)))


def _pieces(text: str) -> list[tuple[int, int, str, tuple[str, str] | None, str, bool]]:
    """``(start, end, key, edges, piece, ended)`` of each sentence of
    ``text`` that has a key (some letter, digit or CJK character)."""
    out = []
    start = 0
    for end in sentence_ends(text, every_mark=True):
        piece = text[start:end]
        key = dedup_key(piece)
        if key:
            edges = (key[:EDGE], key[-EDGE:]) if len(key) >= FUZZY_MIN_CHARS else None
            out.append((start, end, key, edges, piece, _ends(piece)))
        start = end
    return out


def _threshold(length: int) -> float:
    """How similar two sentence keys must be to count as copies (0..100):
    stricter for shorter sentences, where one character is a larger share."""
    return 92.0 if length < 50 else 88.0


def _similar(a: Sentence, b: Sentence) -> float:
    """100 for the same key, the rapidfuzz ratio when close enough, else 0."""
    return _similar_text(a.key, b.key)


def _similar_text(a: str, b: str) -> float:
    """Near matches must carry the same numbers: list items that differ by
    one number (第一季度…5.1%, 第二季度…5.3%) are different items."""
    if a == b:
        return 100.0
    shorter = min(len(a), len(b))
    if shorter < FUZZY_MIN_CHARS or abs(len(a) - len(b)) > 0.2 * shorter:
        return 0.0
    cutoff = _threshold(shorter)
    if _ratio_bound(a, b) < cutoff - 1e-6:  # (most pairs stop here, sparing a call into rapidfuzz)
        return 0.0
    # (Close enough first: comparing numbers costs more than the ratio.)
    score = _ratio(a, b, cutoff)
    return score if score and _same_numbers(a, b) else 0.0


_rapidfuzz_ratio = None  # (imported by _ratio)


def _ratio(a: str, b: str, cutoff: float = 0.0) -> float:
    """rapidfuzz's ``ratio(a, b)``, 0 below ``cutoff``. rapidfuzz is imported
    when first asked for: most small pages never need it, and a process
    that cleans one (a pre-commit run) need not pay for the import."""
    global _rapidfuzz_ratio
    if _rapidfuzz_ratio is None:
        from rapidfuzz.fuzz import ratio

        _rapidfuzz_ratio = ratio
    return _rapidfuzz_ratio(a, b, score_cutoff=cutoff)


def _ratio_bound(a: str, b: str) -> float:
    """A ceiling on rapidfuzz's ``ratio(a, b)``, ``100 * (1 - d / (len(a) +
    len(b)))`` for ``d`` the characters inserted or deleted to turn one into
    the other: a character one text has more often than the other is one
    of those, so ``d`` is at least the sum of the differences in counts.
    Characters are counted in 64 classes (by code point), which can only
    lower that sum and so keeps the ceiling above the ratio.

        >>> from rapidfuzz.fuzz import ratio
        >>> a, b = "会议强调要牢记使命", "会议要求狠抓工作落实"
        >>> round(_ratio_bound(a, b), 1), round(ratio(a, b), 1)
        (42.1, 31.6)
    """
    counts = [0] * 64  # (compiled, a C array on the stack, its size declared in the .pxd)
    for char in a:
        counts[ord(char) % 64] += 1
    for char in b:
        counts[ord(char) % 64] -= 1
    differ = 0
    for bucket in range(64):
        differ += abs(counts[bucket])
    if not a and not b:
        return 100.0  # (as rapidfuzz says of two empty texts)
    return 100.0 * (1.0 - differ / (len(a) + len(b)))


def _same_numbers(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` hold the same runs of decimal digits, in order
    (what ``\\d+`` finds in each), compared where they lie, with no list made.

        >>> _same_numbers("第二季度增长5.3%", "二季度增5.3"), _same_numbers("增长5.3%", "增长5.4%"), _same_numbers("٣٤ 1", "34 1")
        (True, False, False)
    """
    decimal = DECIMAL  # (compiled, a C int read once, not a module global read a character)
    i = j = 0
    while True:
        while i < len(a) and not char_class(a[i]) & decimal:
            i += 1
        while j < len(b) and not char_class(b[j]) & decimal:
            j += 1
        if i == len(a) or j == len(b):
            return i == len(a) and j == len(b)
        while i < len(a) and j < len(b) and a[i] == b[j] and char_class(a[i]) & decimal:
            i += 1
            j += 1
        # Both runs must end here: at the end of the text or before a non-digit.
        if (i < len(a) and char_class(a[i]) & decimal) or (j < len(b) and char_class(b[j]) & decimal):
            return False


class _Copy:
    """A run of sentences ``[start, stop)`` repeating ``[source, source_stop)``;
    ``pairs`` maps each copy sentence to its twin and similarity, once the
    run is taken for a copy (:func:`_paired`): most runs found are not."""

    __slots__ = ("start", "stop", "source", "source_stop", "pairs")

    def __init__(self, start: int, stop: int, source: int, source_stop: int):
        self.start = start
        self.stop = stop
        self.source = source
        self.source_stop = source_stop
        self.pairs: list[tuple[int, int, float]] = []

    @property
    def length(self) -> int:
        return self.stop - self.start


def drop_copies(page: Page) -> None:
    r"""Remove the later copy of a repeated run of sentences.

        >>> from cleaner.pipeline import Config, clean_text
        >>> from cleaner.reasons import parse_reasons
        >>> only_dedup = Config(disable=parse_reasons("boiler"))
        >>> article = "会议强调,要牢记使命担当,切实增强加快推进现代职业教育健康持续发展的使命感。\n会议要求,要狠抓工作落实,确保各项任务落到实处。\n"
        >>> clean_text(article + "（完）\n" + article, only_dedup).text == article + "（完）\n"
        True
        >>> wrapped = "会议强调,要牢记使命担当,切实增强加快推进现代职业教\n育健康持续发展的使命感.会议要求,要狠抓工作落实,确保各\n项任务落到实处.\n"
        >>> clean_text(article + "（完）\n" + wrapped, only_dedup).text == article + "（完）\n"
        True
        >>> refrain = "Let it be, let it be, let it be, let it be.\n"
        >>> clean_text(refrain * 3, only_dedup).text == refrain * 3
        True

    Where a run was passed over as a pattern of the page and copies went,
    it looks again on what is left: removing copies changes what the page
    says how often (a sentence quoted four times was a pattern; once the
    quotes are gone, the rest may be copies), and the cleaned page must be
    one in which nothing more is found.
    """
    for _ in range(MAX_ROUNDS):
        if not _drop_copies_once(page):
            return


def _drop_copies_once(page: Page) -> bool:
    """One look for copies among the open blocks; whether another look may
    find more (copies went, and some run was passed over as a pattern)."""
    seq = sentences(page)
    if len(seq) < 2:
        return False
    copies: list[_Copy] = []
    end = len(seq)
    half = _second_half(page, seq)
    if half is not None:  # the whole page twice: the second half goes first
        copies.append(half)
        end = half.start
    head = seq[:end]  # what is left once a second half is set aside
    # What the page repeats right away, and how often it says each sentence:
    # worked out when the first candidate is found (most pages have none).
    repeats: set[int] | None = None
    said = _Tally(end)  # how often the page says each key
    by_key = _Filing(end)
    by_start = _Filing(end)  # the first EDGE characters of long keys -> sentences
    by_end = _Filing(end)  # the same, for the last ones
    patterns = False
    j = 0
    while j < end:
        sentence = head[j]
        edges = sentence.edges
        # Where this one's key and edges are filed, and whether earlier
        # sentences are filed there.
        key_slot = by_key.slot(sentence.key)
        start_slot = end_slot = -1
        if edges is not None:
            start_slot = by_start.slot(edges[0])
            end_slot = by_end.slot(edges[1])
        # Most sentences have no earlier twin: look further only when the
        # blocking tables hold a candidate.
        if by_key.holds(key_slot) or by_start.holds(start_slot) or by_end.holds(end_slot):
            if repeats is None:
                repeats = _refrains(page, seq)
                for other in head:
                    said.tally(other.key)
            candidates = _candidates(by_key.filed(key_slot), by_start.filed(start_slot), by_end.filed(end_slot))
            found = None if j in repeats else _longest(head, j, candidates)
            if found is not None and _pattern(seq, found, said):
                patterns = True
            elif found is not None and _is_copy(page, seq, found):
                copies.append(_paired(head, found, False))
                j = found.stop
                continue
        by_key.file(key_slot, sentence.key, j)
        if edges is not None:
            by_start.file(start_slot, edges[0], j)
            by_end.file(end_slot, edges[1], j)
        j += 1
    return _remove(page, seq, copies) and patterns


def _second_half(page: Page, seq: list[Sentence]) -> _Copy | None:
    """The page is the original followed by its copy, as a whole (even when
    that makes one paragraph said twice: a page, not a refrain)."""
    minimum = page.config.dup_min_tokens
    for sentence in seq:
        if _tokens(sentence) >= minimum:
            break
    else:
        return None  # (no sentence long enough to be a copy)
    first = seq[0]
    tries = 0
    for j in range(max(1, len(seq) // 3), min(len(seq), len(seq) - len(seq) // 3 + 1)):
        sentence = seq[j]
        if _similar(first, sentence) or (j + 1 < len(seq) and _joins(first.key, sentence.key, seq[j + 1].key)):
            copy = _extend(seq, 0, j, same_paragraph=True)
            if copy is not None and copy.source_stop == j and copy.stop == len(seq):
                return _paired(seq, copy, True)
            tries += 1
            if tries == MAX_CANDIDATES:
                break
    return None


def _joins(whole: str, head: str, tail: str) -> bool:
    """``whole == head + tail``, with no string made."""
    return len(whole) == len(head) + len(tail) and whole.startswith(head) and whole.endswith(tail)


class _Tally:
    """How often each of up to ``size`` strings (sentence keys) is said: an
    open-addressing table of the strings, found by the hash a string keeps,
    and a count a slot."""

    def __init__(self, size: int):
        capacity = 8
        while capacity < 2 * size:
            capacity *= 2
        self.mask = capacity - 1
        self.strings: list[str | None] = [None] * capacity
        self.count = array("q", [0]) * capacity

    def slot(self, text: str) -> int:
        """The slot of ``text``, or the empty one it would take."""
        at = hash(text) & self.mask
        while True:
            found = self.strings[at]
            if found is None or found == text:
                return at
            at = (at + 1) & self.mask

    def tally(self, text: str) -> None:
        """Count ``text`` once more."""
        slot = self.slot(text)
        self.strings[slot] = text
        self.count[slot] += 1

    def times(self, text: str) -> int:
        """How often ``text`` was counted."""
        return self.count[self.slot(text)]


class _Filing(_Tally):
    """Sentences filed under strings (keys, or the edges of keys), at most
    MAX_CANDIDATES a string, in the order filed, for ``size`` sentences: a
    slot of the table holds the first and last sentence filed under its
    string (``count``: how many), and each sentence the next one filed
    under its string. (A dict of lists made a list for every sentence of
    the page.)"""

    def __init__(self, size: int):
        super().__init__(size)
        self.first = array("q", [-1]) * (self.mask + 1)
        self.last = array("q", [-1]) * (self.mask + 1)
        self.after = array("q", [-1]) * max(size, 1)

    def holds(self, slot: int) -> bool:
        """Some sentence is filed in ``slot`` (-1: none asked for)."""
        return slot >= 0 and self.first[slot] >= 0

    def filed(self, slot: int) -> list[int] | None:
        """The sentences filed in ``slot``, in order; None if none."""
        if not self.holds(slot):
            return None
        out = []
        j = self.first[slot]
        while j >= 0:
            out.append(j)
            j = self.after[j]
        return out

    def file(self, slot: int, text: str, j: int) -> None:
        """File sentence ``j`` under ``text``, whose slot is ``slot``, unless
        MAX_CANDIDATES are filed there already."""
        if self.first[slot] < 0:
            self.strings[slot] = text
            self.first[slot] = self.last[slot] = j
            self.count[slot] = 1
        elif self.count[slot] < MAX_CANDIDATES:
            self.after[self.last[slot]] = j
            self.last[slot] = j
            self.count[slot] += 1


def _candidates(same_key: list[int] | None, same_start: list[int] | None, same_end: list[int] | None) -> list[int]:
    """The earlier sentences to extend a run from, in order: those of the
    same key, or else those that share its first or last characters."""
    # (Each list is filed in order, each sentence once: one list is the
    # answer as it is, and two are merged.)
    if same_key is not None:
        return same_key
    if same_start is None or same_end is None:
        return same_start or same_end or []
    merged = []
    i = j = 0
    while i < len(same_start) and j < len(same_end):
        if same_start[i] <= same_end[j]:
            j += same_start[i] == same_end[j]
            merged.append(same_start[i])
            i += 1
        else:
            merged.append(same_end[j])
            j += 1
    return merged + same_start[i:] + same_end[j:]


def _longest(seq: list[Sentence], j: int, candidates: list[int]) -> _Copy | None:
    """The longest run starting at ``j`` that repeats an earlier run."""
    sentence = seq[j]
    best: _Copy | None = None
    for i in candidates:
        earlier = seq[i]
        if earlier.paragraph == sentence.paragraph:
            continue  # a paragraph repeating its own sentences is how it was written
        copy = _extend(seq, i, j)
        if copy is not None and (best is None or copy.stop - copy.start > best.stop - best.start):
            best = copy
    return best


def _resync(seq: list[Sentence], a: int, b: int, j: int) -> tuple[int, int] | None:
    """The nearest offsets, at most RESYNC sentences ahead on each side,
    where the two sides agree again on a sentence long enough to trust
    (nearest: the fewest sentences skipped in all, then the fewest on the
    original's side)."""
    # (At most four sentences a side: compared pair by pair, with no table.)
    best: tuple[int, int] | None = None
    for db in range(min(RESYNC + 1, len(seq) - b)):
        later = seq[b + db]
        for da in range(min(RESYNC + 1, j - a)):
            sentence = seq[a + da]
            if da + db and len(sentence.key) >= FUZZY_MIN_CHARS and sentence.key == later.key:
                if best is None or (da + db, da) < (best[0] + best[1], best[0]):
                    best = (da, db)
    return best


def _merge(seq: list[Sentence], start: int, stop: int, target: str) -> int:
    """How many sentences from ``start`` (before ``stop``) join into exactly
    ``target``; 0 if none do."""
    joined = ""
    for count, index in enumerate(range(start, min(stop, start + MAX_MERGE)), start=1):
        joined += seq[index].key
        if joined == target:
            return count
        if not target.startswith(joined):
            return 0
    return 0


def _paired(seq: list[Sentence], copy: _Copy, same_paragraph: bool) -> _Copy:
    """``copy`` with its pairs, walked again as :func:`_extend` found it."""
    _extend(seq, copy.source, copy.start, same_paragraph, copy.pairs)
    return copy


def _extend(seq: list[Sentence], i: int, j: int, same_paragraph: bool = False, pairs: list[tuple[int, int, float]] | None = None) -> _Copy | None:
    """Walk the original from ``i`` and the copy from ``j`` side by side while
    they match: one sentence against one, or, where one side has a sentence
    boundary the other lacks (a full stop lost in a copy), one against two.
    Each match is added to ``pairs`` if given."""
    matched = 0
    a, b = i, j
    while b < len(seq) and a < j:
        original, copy = seq[a], seq[b]
        if not same_paragraph and original.paragraph == copy.paragraph:
            break
        score = _similar(original, copy)
        if score:
            if pairs is not None:
                pairs.append((b, a, score))
            matched += 1
            a, b = a + 1, b + 1
            continue
        # Several against one: boundaries one side lacks (a full stop lost, a
        # heading run into the text). Exact only, so that a short line next
        # to a sentence is never swallowed as a near match.
        # (Worth trying only when one key starts with the other.)
        longer = len(copy.key) - len(original.key)
        if longer > 0 and copy.key.startswith(original.key) and (taken := _merge(seq, a, j, copy.key)) > 1:
            if pairs is not None:
                pairs.append((b, a, 100.0))
            matched += 1
            a, b = a + taken, b + 1
            continue
        if longer < 0 and original.key.startswith(copy.key) and (taken := _merge(seq, b, len(seq), original.key)) > 1:
            if pairs is not None:
                pairs += [(b + t, a, 100.0) for t in range(taken)]
            matched += 1
            a, b = a + 1, b + taken
            continue
        if matched and a + 1 < j and b + 1 < len(seq) and (after := _similar(seq[a + 1], seq[b + 1])):
            # An edited sentence inside a copy: too short, or too changed, to
            # match alone, but the sentences on both sides of it match; a
            # changed number is accepted only between exact matches.
            score = _ratio(original.key, copy.key)
            same_numbers = _same_numbers(original.key, copy.key)
            if score >= EDITED_MIN and (same_numbers or after == 100.0):
                if pairs is not None:
                    pairs.append((b, a, score))
                matched += 1
                a, b = a + 1, b + 1
                continue
        if matched and (step := _resync(seq, a, b, j)) is not None:
            # Sentences one side lacks (a rule took them there, a line was
            # damaged): step over them; the copy's own ones are not duplicates
            # of anything, so they stay.
            a, b = a + step[0], b + step[1]
            continue
        break
    if not matched:
        return None
    return _Copy(j, b, i, a)


def _pattern(seq: list[Sentence], copy: _Copy, said: _Tally) -> bool:
    """Most of the run's sentences are ones the page says three times or
    more: a pattern of the page, not a pasted copy (which says them twice)."""
    often = 0
    for at in range(copy.source, copy.source_stop):
        sentence = seq[at]
        often += said.times(sentence.key) >= PATTERN_TIMES
    return often * 2 > copy.source_stop - copy.source


def _is_copy(page: Page, seq: list[Sentence], copy: _Copy) -> bool:
    """A pasted copy: it covers two different substantial paragraphs of the
    original (a heading with one paragraph repeated, a quoted paragraph, is
    how some pages are written), or a long stretch of one paragraph."""
    original = seq[copy.source : copy.source_stop]
    minimum = page.config.dup_min_tokens
    texts: dict[int, str] = {}  # paragraph -> its sentences in the run, as one key
    substantial = 0
    for sentence in original:
        if sentence.ended and _tokens(sentence) >= minimum:
            texts[sentence.paragraph] = texts.get(sentence.paragraph, "") + sentence.key
            substantial += 1
    if len(set(texts.values())) >= 2:  # different paragraphs, not one said twice
        return True
    if len(texts) != 1 or substantial < LONG_RUN_SENTENCES:
        return False
    tokens = 0
    for sentence in original:
        tokens += _tokens(sentence)
    return tokens >= LONG_RUN_TOKENS


def _refrains(page: Page, seq: list[Sentence]) -> set[int]:
    """Sentences of a paragraph, or of a line, that repeats the one right
    before it: like a refrain, an immediate repeat is left alone."""
    return _repeating(page, seq, False) | _repeating(page, seq, True)


def _group(page: Page, sentence: Sentence, by_line: bool) -> int:
    """The paragraph of a sentence, or the line it starts on."""
    if by_line:
        first = page.blocks[sentence.blocks[0]]
        return first.line
    return sentence.paragraph


def _repeating(page: Page, seq: list[Sentence], by_line: bool) -> set[int]:
    """Sentences of a group (a paragraph, or a line: :func:`_group`) whose
    text equals the group before. (Sentences come in the page's order, so
    the sentences of a group are consecutive; two groups' keys are joined
    and compared only when their lengths agree, which few do.)"""
    repeated: set[int] = set()
    before = before_stop = 0  # the group before: seq[before:before_stop]
    before_length = -1  # its keys' length (-1: no group yet)
    start = 0
    while start < len(seq):
        sentence = seq[start]
        group = _group(page, sentence, by_line)
        length = len(sentence.key)
        stop = start + 1
        while stop < len(seq) and _group(page, seq[stop], by_line) == group:
            sentence = seq[stop]
            length += len(sentence.key)
            stop += 1
        if length == before_length and _joined(seq, start, stop) == _joined(seq, before, before_stop):
            repeated.update(range(start, stop))
        before, before_stop, before_length = start, stop, length
        start = stop
    return repeated


def _joined(seq: list[Sentence], start: int, stop: int) -> str:
    """The keys of ``seq[start:stop]`` as one string."""
    if stop - start == 1:
        sentence = seq[start]
        return sentence.key
    keys = []
    for number in range(start, stop):
        sentence = seq[number]
        keys.append(sentence.key)
    return "".join(keys)


def _remove(page: Page, seq: list[Sentence], copies: list[_Copy]) -> bool:
    """Remove the blocks that lie entirely inside copies; whether any went."""
    if not copies:
        return False  # (most pages: no need to count which sentences touch each block)
    covered: dict[int, list[tuple[int, float, _Copy]]] = {}  # block -> (twin, score, copy) per sentence
    for copy in copies:
        for b, a, score in copy.pairs:
            for block in seq[b].blocks:
                covered.setdefault(block, []).append((a, score, copy))
    touching: dict[int, int] = {}
    for sentence in seq:
        for block in sentence.blocks:
            touching[block] = touching.get(block, 0) + 1
    removed = False
    for block_index, pairs in covered.items():
        if len(pairs) < touching[block_index]:
            continue  # part of the block is not a copy: keep it whole
        twin_sentence, _, copy = pairs[0]
        twin = seq[twin_sentence].blocks[0]
        worst = min(score for _, score, _ in pairs)
        where = page.blocks[twin].position
        size = f"a run of {copy.length} sentence{'s' if copy.length > 1 else ''}"
        block = page.blocks[block_index]
        if worst >= 100.0:
            removed |= page.remove(block, Reason.DUP_EXACT, f"repeats line {where} ({size})", ref=twin)
        else:
            removed |= page.remove(block, Reason.DUP_NEAR, f"near-copy of line {where} ({worst:.0f}% similar; {size})", ref=twin)
    return removed
