"""``--dedup-across``: duplicates across the pages of one run.

The same article arrives from several sites. :class:`DedupAcross` is the
run's stage that sees the cleaned pages (a file, or each document of a JSON
Lines or WARC file) one after another, in the run's fixed order (sorted
paths), and its :class:`Index` answers two questions about each:

* is the whole document a near-duplicate of an earlier one? MinHash over
  shingles (five CJK characters, or three words), with locality-sensitive
  hashing to find candidates without comparing all pairs, confirmed by the
  estimated Jaccard similarity of the two signatures;
* which of its paragraphs appeared, word for word, in an earlier document?
  Each substantial paragraph's normalised text is hashed; a paragraph seen
  before points at where.

MinHash here is *one-permutation hashing* (Li, Owen and Zhang, 2012): each
shingle is hashed once with CRC-32 (stable across processes and runs, unlike
Python's ``hash``), its bucket is the hash modulo the number of bins and the
bin keeps the smallest value; empty bins borrow from the next full one
(densification), so two documents agree on a bin with probability equal to
their Jaccard similarity. That is one hash per shingle instead of one per
shingle per permutation, in pure Python.

All state lives in the objects: one per run, nothing at module level, so a
run is deterministic whatever the worker count.
"""

from __future__ import annotations

import unicodedata
import zlib
from array import array
from dataclasses import dataclass, field, replace

from . import chars
from .chars import CJK_RE, dedup_key
from .features import count_tokens
from .layout import paragraphs
from .outcome import Outcome, Verdict, set_result, write_documents
from .page import Decision, Page
from .pipeline import Config, Result, assemble
from .reasons import Reason

BINS = 64
BANDS = 16  # BINS / BANDS rows a band: pairs above ~0.5 Jaccard usually share one
THRESHOLD = 0.8
CJK_SHINGLE = 5
WORD_SHINGLE = 3
PARAGRAPH_MIN_TOKENS = 16
_EMPTY = 0xFFFFFFFF


def shingles(text: str) -> list[str]:
    """Overlapping token n-grams: five CJK characters, or three words.

        >>> shingles("会议强调要牢记")
        ['会议强调要', '议强调要牢', '强调要牢记']
        >>> shingles("the cat sat on the mat")[:2]
        ['the cat sat', 'cat sat on']
    """
    tokens = chars.TOKEN_RE.findall(unicodedata.normalize("NFKC", text).casefold())
    if not tokens:
        return []
    cjk = sum(1 for t in tokens if CJK_RE.match(t))
    size, joiner = (CJK_SHINGLE, "") if cjk * 2 > len(tokens) else (WORD_SHINGLE, " ")
    if len(tokens) <= size:
        return [joiner.join(tokens)]
    return [joiner.join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def signature(text: str, bins: int = BINS) -> array:
    """One-permutation MinHash signature: ``bins`` 32-bit values.

        >>> a = signature("会议强调，要牢记使命担当，切实增强责任感和使命感。" * 3)
        >>> a == signature("会议强调,要牢记使命担当,切实增强责任感和使命感." * 3)
        True
    """
    sig = array("I", [_EMPTY]) * bins
    for shingle in shingles(text):
        h = zlib.crc32(shingle.encode("utf-8"))
        slot = h % bins
        value = h // bins
        if value < sig[slot]:
            sig[slot] = value
    # Densification: an empty bin takes the value of the next full one (with
    # the distance mixed in, so that borrowed values rarely agree by chance).
    full = [i for i in range(bins) if sig[i] != _EMPTY]
    if full and len(full) < bins:
        for i in range(bins):
            if sig[i] == _EMPTY:
                step = 1
                while sig[(i + step) % bins] == _EMPTY:
                    step += 1
                sig[i] = zlib.crc32(sig[(i + step) % bins].to_bytes(4, "little") + step.to_bytes(2, "little")) // bins
    return sig


def similarity(a: array, b: array) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return sum(x == y for x, y in zip(a, b)) / len(a)


@dataclass
class Twin:
    """An earlier document (by its number in the run) this one repeats."""

    document: int
    similarity: float


@dataclass
class Index:
    """One run's memory of what it has seen: document signatures in LSH
    buckets, and hashes of substantial paragraphs."""

    threshold: float = THRESHOLD
    bins: int = BINS
    bands: int = BANDS
    signatures: list[array] = field(default_factory=list)
    buckets: dict[tuple[int, bytes], list[int]] = field(default_factory=dict)
    paragraphs: dict[int, tuple[int, int]] = field(default_factory=dict)

    def document(self, text: str) -> tuple[int, Twin | None]:
        """Register a document; return its number and, if it is a
        near-duplicate of an earlier one, that one (the most similar)."""
        number = len(self.signatures)
        sig = signature(text, self.bins)
        rows = self.bins // self.bands
        keys = [(band, sig[band * rows : (band + 1) * rows].tobytes()) for band in range(self.bands)]
        best: Twin | None = None
        seen: set[int] = set()
        for key in keys:
            for other in self.buckets.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                score = similarity(sig, self.signatures[other])
                if score >= self.threshold and (best is None or score > best.similarity):
                    best = Twin(other, score)
        self.signatures.append(sig)
        if best is None:  # copies stay out of the index: their original answers for them
            for key in keys:
                self.buckets.setdefault(key, []).append(number)
        return number, best

    def paragraph(self, document: int, line: int, text: str) -> tuple[int, int] | None:
        """Register a paragraph of ``document``; return (document, line) of
        its first appearance in an earlier document, if any."""
        if count_tokens(text) < PARAGRAPH_MIN_TOKENS:
            return None
        key = dedup_key(text)
        digest = int.from_bytes(zlib.crc32(key.encode("utf-8")).to_bytes(4, "little") + zlib.adler32(key.encode("utf-8")).to_bytes(4, "little"), "little")
        first = self.paragraphs.setdefault(digest, (document, line))
        return first if first[0] != document else None


class DedupAcross:
    """The cross-file stage of a run: ``keep`` reports near-duplicate pages
    and repeated paragraphs; ``drop`` also leaves later copies of a page
    unwritten and removes paragraphs an earlier page already has. A page is
    a file, or each document of a JSON Lines or WARC file. Outcomes must
    come in the run's order."""

    def __init__(self, drop: bool, config: Config):
        self.drop = drop
        self.config = config
        self.index = Index()
        self.names: list[str] = []

    def __call__(self, outcome: Outcome) -> None:
        if outcome.container:
            if outcome.error is None:
                self._documents(outcome)
            return
        if outcome.result is None:
            return
        outcome.verdict, result = self._judge(str(outcome.path), outcome.result)
        if result is not None:
            set_result(outcome, result)

    def _documents(self, outcome: Outcome) -> None:
        rewritten = False
        for document in outcome.documents:
            if document.result is None:
                continue
            document.verdict, result = self._judge(document.name(outcome.path), document.result)
            if result is not None:
                document.result = result
                rewritten = True
        if rewritten:
            write_documents(outcome)

    def _judge(self, name: str, result: Result) -> tuple[Verdict, Result | None]:
        """What the run knows of this page, and the page's result again when
        ``drop`` removed something from it."""
        number, twin = self.index.document(result.text)
        self.names.append(name)
        if twin is not None:
            return self._copy(result, twin)
        verdict = Verdict()
        removals = self._repeats(number, result, verdict)
        if self.drop and removals and self.config.enabled(Reason.DUP_ACROSS):
            return verdict, self._rebuild(result, removals)
        return verdict, None

    def _repeats(self, number: int, result: Result, verdict: Verdict) -> dict[int, tuple[Reason, str]]:
        """The kept paragraphs of a page that an earlier page has, told in
        ``verdict.repeated``; the removal of each of their blocks."""
        page = Page([d.block for d in result.decisions], self.config)
        page.decisions = [None if d.kept else d for d in result.decisions]
        removals: dict[int, tuple[Reason, str]] = {}
        for para in paragraphs(page):
            first = self.index.paragraph(number, para.blocks[0].line, para.text)
            if first is None:
                continue
            earlier, line = self.names[first[0]], first[1]
            verdict.repeated.append((para.blocks[0].line, earlier, line))
            for block in para.blocks:
                removals[block.index] = (Reason.DUP_ACROSS, f"also in {earlier} line {line}")
        return removals

    def _copy(self, result: Result, twin: Twin) -> tuple[Verdict, Result | None]:
        """A page that repeats an earlier one: with ``drop``, all of it goes."""
        original = self.names[twin.document]
        verdict = Verdict(duplicate_of=(original, round(twin.similarity, 3)))
        if not (self.drop and self.config.enabled(Reason.DUP_DOCUMENT)):
            return verdict, None
        verdict.dropped = True
        evidence = f"repeats {original} ({twin.similarity:.0%} similar)"
        return verdict, self._rebuild(result, {d.block.index: (Reason.DUP_DOCUMENT, evidence) for d in result.decisions if d.kept and not d.block.blank})

    def _rebuild(self, result: Result, removals: dict[int, tuple[Reason, str]]) -> Result:
        if self.config.allow:
            removals = {i: r for i, r in removals.items() if not self.config.allowed(result.decisions[i].block.text)}
        decisions = tuple(
            Decision(d.block, *removals[d.block.index]) if d.block.index in removals else d for d in result.decisions
        )
        decisions = _without_surplus_blanks(decisions)
        text, _ = assemble(decisions)
        return replace(result, text=text, decisions=decisions)


def _without_surplus_blanks(decisions: tuple[Decision, ...]) -> tuple[Decision, ...]:
    """Blank lines that only separated what went, after the last kept text, are surplus now."""
    kept = [d for d in decisions if d.kept]
    while kept and kept[-1].block.blank:
        kept.pop()
    last = kept[-1].block.index if kept else -1
    blank = Reason.LAYOUT_BLANK
    return tuple(
        Decision(d.block, blank, "blank line after the text") if d.kept and d.block.blank and d.block.index > last else d
        for d in decisions
    )
