"""``--dedup-across``: duplicates across the pages of one run.

The same article arrives from several sites, each page with its own menus
and footers; it is scraped again with a date, an ad or a few characters
changed; it is re-wrapped, its punctuation swapped between full and half
width. So pages are compared on their *article*: the kept lines of the runs
of prose the context model found (:meth:`Result.article_text`), not the whole
kept text, where what is left of each site's furniture would make two pages
of one site alike and two copies from two sites different. An article of
under ARTICLE_MIN_TOKENS is a few sentences, too little to tell a copy from
a neighbour: it is not compared, and its report says so (``too_short``).

:class:`DedupAcross` is the run's stage. It sees the cleaned pages (a file,
or each document of a JSON Lines or WARC file) one after another, in the
run's fixed order, and its :class:`Index` answers two questions about each:

* is its article a near-duplicate of an earlier *original*? The first page
  of an article is its original, and a page is compared with originals only,
  never with their copies, so a cluster is an original and the pages similar
  to it: no chain of borderline pairs can join two articles. Candidates come
  from locality-sensitive hashing (BANDS bands of the signature), and one is
  taken when the two signatures agree on THRESHOLD of their bins;
* which of its article's paragraphs did an earlier original have, word for
  word (width, case, punctuation and spaces aside)?

A signature (:mod:`cleaner.minhash`) stands for the article's shingles,
runs of characters of its comparison key: two copies agree on a share of
their bins that estimates the Jaccard similarity of their shingle sets.

The index is a few arrays, not a Python object per document, band or
paragraph: for each original its signature (2 bytes a bin) and where its
name ends in one buffer of names; band keys and paragraph digests in
open-addressing tables (:class:`Table`). All state lives in the objects, so
a run is deterministic whatever the worker count.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .chars import dedup_key
from .features import count_tokens
from .layout import paragraphs
from . import minhash
from .minhash import BINS, similarity
from .outcome import Document, Original, Outcome, Verdict, set_result, write_documents
from .page import Decision, Page
from .pipeline import Config, Result, assemble
from .reasons import Reason

BANDS = 42  # of 3 bins each (126 of the 128): a pair at THRESHOLD shares one, a pair at 0.4 94 times in 100
THRESHOLD = 0.6
SHARED = 0.7  # across sites, the share of the shorter article that makes a copy...
SHARED_FLOOR = 0.3  # ...when the two are at least this similar (below, the estimate of the share is loose)
SAME_SITE = 0.3  # two pages whose furniture signatures agree on this share of bins are of one site
FURNITURE_BINS = 32
ARTICLE_MIN_TOKENS = 60
PARAGRAPH_MIN_TOKENS = 16


def digest(text: str) -> int:
    """A 64-bit hash of ``text``, the same in every process and run."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def paragraph_digest(text: str) -> int:
    """What a paragraph is known by across pages: the digest of its comparison key."""
    return digest(dedup_key(text))


class Table:
    """Unsigned integer keys to unsigned integer values, by open addressing
    (linear probing) in two arrays of ``code`` ("I": 4 bytes, "Q": 8): no
    Python object an entry. A key may be added more than once; ``get``
    yields every value added under it, in no set order. Keys are hashes, so
    their low bits pick the slot; key 0 marks an empty slot and is stored
    as 1."""

    def __init__(self, code: str, slots: int = 1024):
        if slots & (slots - 1) or slots < 2:
            raise ValueError(f"slots must be a power of two, not {slots}")
        self.keys = array(code, bytes(slots * array(code).itemsize))
        self.values = array(code, bytes(slots * array(code).itemsize))
        self.count = 0

    def add(self, key: int, value: int) -> None:
        if 4 * (self.count + 1) > 3 * len(self.keys):
            self._grow()
        self._put(key or 1, value)
        self.count += 1

    def get(self, key: int) -> Iterator[int]:
        """The values added under ``key`` (as the table was when asked: what
        is added while they are read may be left out)."""
        key = key or 1
        keys, values, mask = self.keys, self.values, len(self.keys) - 1
        at = key & mask
        while keys[at]:
            if keys[at] == key:
                yield values[at]
            at = (at + 1) & mask

    def nbytes(self) -> int:
        return (len(self.keys) + len(self.values)) * self.keys.itemsize

    def _put(self, key: int, value: int) -> None:
        keys, mask = self.keys, len(self.keys) - 1
        at = key & mask
        while keys[at]:
            at = (at + 1) & mask
        keys[at] = key
        self.values[at] = value

    def _grow(self) -> None:
        old = zip(self.keys, self.values)
        code, size = self.keys.typecode, 2 * len(self.keys)
        self.keys = array(code, bytes(size * self.keys.itemsize))
        self.values = array(code, bytes(size * self.values.itemsize))
        for key, value in old:
            if key:
                self._put(key, value)


@dataclass(frozen=True)
class Sketch:
    """What the index needs of a page: a signature of its article and the
    article's number of shingles, and a small signature of what the cleaner
    removed around it (its site's furniture: menus, footers)."""

    article: array
    size: int
    furniture: array  # empty when nothing was removed


def sketch(result: Result, bins: int = BINS) -> Sketch | None:
    """The page's sketch, or None when its article is too short to compare."""
    article = result.article_text()
    if count_tokens(article) < ARTICLE_MIN_TOKENS:
        return None
    signature, size = minhash.sketch(article, bins)
    removed = "\n".join([d.block.text for d in result.decisions if not d.kept and not d.block.blank])
    return Sketch(signature, size, furniture_signature(removed))


def furniture_signature(removed: str) -> array:
    """A FURNITURE_BINS signature of the text removed from a page; empty when
    that has no letter or digit (nothing removed says nothing of a site)."""
    signature, count = minhash.sketch(removed, FURNITURE_BINS)
    return signature if count else array("H")


class Index:
    """One run's memory of the originals it has seen: their sketches, names
    and band keys, and the digests of their substantial paragraphs."""

    def __init__(self, threshold: float = THRESHOLD, bins: int = BINS, bands: int = BANDS):
        self.threshold = threshold
        self.bins = bins
        self.bands = bands
        self.signatures = array("H")  # ``bins`` values an original, in order
        self.sizes = array("I")  # its article's shingles
        self.furniture = array("H")  # FURNITURE_BINS values an original (0 when it had none)
        self.framed = bytearray()  # 1 when it had furniture
        self.names = bytearray()  # the originals' names, UTF-8, one after another
        self.name_ends = array("Q")
        self.band_keys = Table("I")  # 32-bit band key -> original (a collision only adds a candidate)
        self.paragraph_digests = Table("Q")  # 64-bit digest -> original << 24 | line

    def __len__(self) -> int:
        return len(self.name_ends)

    def document(self, name: str, page: Sketch) -> Original | None:
        """The earlier original the page repeats (the most similar one), or
        None: then the page is an original, and kept."""
        keys = band_keys(page.article, self.bands)
        best = self._most_similar(page, keys)
        if best is not None:
            return best
        number = len(self)
        self.signatures.extend(page.article)
        self.sizes.append(min(page.size, 0xFFFFFFFF))
        self.furniture.extend(page.furniture or array("H", bytes(2 * FURNITURE_BINS)))
        self.framed.append(1 if page.furniture else 0)
        self.names += name.encode("utf-8", "surrogateescape")
        self.name_ends.append(len(self.names))
        for key in keys:
            self.band_keys.add(key, number)
        return None

    def _most_similar(self, page: Sketch, keys: list[int]) -> Original | None:
        """Of the originals that share a band key with the page and that it
        repeats (:func:`compare`), the most similar (the earliest of equals)."""
        best, best_score, best_shared = -1, 0.0, 0.0
        seen: set[int] = set()
        for key in keys:
            for other in self.band_keys.get(key):
                if other in seen:
                    continue
                seen.add(other)
                found = compare(page, self._sketch(other), self.threshold)
                if found is not None and (best < 0 or found[0] > best_score or found[0] == best_score and other < best):
                    best, (best_score, best_shared) = other, found
        return Original(self.name(best), round(best_score, 3), round(best_shared, 3)) if best >= 0 else None

    def _sketch(self, original: int) -> Sketch:
        bins, furniture = self.bins, FURNITURE_BINS
        framed = self.framed[original]
        return Sketch(
            self.signatures[original * bins : (original + 1) * bins],
            self.sizes[original],
            self.furniture[original * furniture : (original + 1) * furniture] if framed else array("H"),
        )

    def name(self, original: int) -> str:
        start = self.name_ends[original - 1] if original else 0
        return self.names[start : self.name_ends[original]].decode("utf-8", "surrogateescape")

    def paragraph(self, line: int, text: str) -> tuple[str, int] | None:
        """Register a paragraph of the newest original; return the name and
        line of an earlier original that has it, if one does."""
        key = paragraph_digest(text)
        current = len(self) - 1
        first = next(self.paragraph_digests.get(key), None)  # (a digest is added once: its first original)
        if first is None:
            self.paragraph_digests.add(key, current << 24 | min(line, 0xFFFFFF))
            return None
        if first >> 24 == current:
            return None
        return self.name(first >> 24), first & 0xFFFFFF

    def nbytes(self) -> int:
        """The memory the index holds: its arrays' contents and its tables' slots."""
        arrays = [self.signatures, self.sizes, self.furniture, self.name_ends]
        return sum(len(a) * a.itemsize for a in arrays) + len(self.framed) + len(self.names) + self.band_keys.nbytes() + self.paragraph_digests.nbytes()


def band_keys(signature: array, bands: int = BANDS) -> list[int]:
    """The signature's LSH band keys: a 32-bit hash of each band of its bins
    (seeded with the band's number). Pages that share a key are candidates."""
    rows = len(signature) // bands
    return [zlib.crc32(signature[band * rows : (band + 1) * rows].tobytes(), band) for band in range(bands)]


def compare(page: Sketch, earlier: Sketch, threshold: float = THRESHOLD) -> tuple[float, float] | None:
    """The similarity of a page to an earlier original, and the share of
    the shorter article the two share, when the page repeats it: their
    articles are at least ``threshold`` similar; or the two are of different
    sites (their furniture unlike) and one article holds SHARED of the
    other's shingles: the same article, each site leaving some of its own
    prose around it. A page with no furniture is of no known site."""
    score = similarity(page.article, earlier.article)
    shared = _shared(score, page.size, earlier.size)
    if score >= threshold:
        return score, shared
    if score < SHARED_FLOOR or shared < SHARED or not page.furniture or not earlier.furniture:
        return None
    return (score, shared) if similarity(page.furniture, earlier.furniture) < SAME_SITE else None


def _shared(score: float, size: int, other: int) -> float:
    """The share of the smaller of two shingle sets that the other holds,
    from their Jaccard similarity and sizes (|A & B| = J (|A| + |B|) / (1 + J))."""
    smaller = min(size, other)
    if not smaller:
        return 0.0
    return min(1.0, score * (size + other) / (1 + score) / smaller)


Judge = Callable[[str, Result], "tuple[Verdict, Result | None]"]


def pages(outcome: Outcome) -> Iterator[tuple[str, Result, Outcome | Document]]:
    """The pages of an outcome that the stage judges, in the run's order:
    each one's name, result, and where its verdict goes. A page is the file,
    or each cleaned document of a file of documents read without error."""
    if outcome.container:
        if outcome.error is None:
            for document in outcome.documents:
                if document.result is not None:
                    yield document.name(outcome.path), document.result, document
    elif outcome.result is not None:
        yield str(outcome.path), outcome.result, outcome


class DedupAcross:
    """The cross-file stage of a run: ``keep`` reports near-duplicate pages
    and repeated paragraphs; ``drop`` also leaves later copies of a page
    unwritten and removes paragraphs an earlier page already has. A page is
    a file, or each document of a JSON Lines or WARC file. Outcomes must
    come in the run's order.

    What the stage found of a page is applied to it by :meth:`settle`, with
    the judge of this process's index, or with one that knows what a
    cluster's shuffle found (:mod:`cleaner.shuffle`)."""

    def __init__(self, drop: bool, config: Config):
        self.drop = drop
        self.config = config
        self.index = Index()

    def __call__(self, outcome: Outcome) -> None:
        self.settle(outcome, self._judge)

    def settle(self, outcome: Outcome, judge: Judge) -> None:
        """Judge each page of the outcome, in order, and set its verdict,
        and its new result and the file's output when ``drop`` removed
        something."""
        rewritten = False
        for name, result, place in pages(outcome):
            place.verdict, changed = judge(name, result)
            if changed is None:
                continue
            if place is outcome:
                set_result(outcome, changed)
            else:
                place.result = changed
                rewritten = True
        if rewritten:
            write_documents(outcome)

    def _judge(self, name: str, result: Result) -> tuple[Verdict, Result | None]:
        page = sketch(result, self.index.bins)
        if page is None:
            return Verdict(too_short=True), None
        original = self.index.document(name, page)
        if original is not None:
            return self.copy(result, original)
        found = article_paragraphs(result, self.config)
        repeated = []
        for at, (line, text, _) in enumerate(found):
            first = self.index.paragraph(line, text)
            if first is not None:
                repeated.append((at, *first))
        return self.original(result, found, repeated)

    def original(self, result: Result, found: list[Paragraph], repeated: list[tuple[int, str, int]]) -> tuple[Verdict, Result | None]:
        """An original page, the paragraphs of whose article (``found``, see
        :func:`article_paragraphs`) an earlier original has: ``repeated``
        holds (which of them, that original, its line). What the run knows
        of the page, and its result again when ``drop`` removed something."""
        verdict = Verdict(repeated=[(found[at][0], earlier, line) for at, earlier, line in repeated])
        if not (self.drop and repeated and self.config.enabled(Reason.DUP_ACROSS)):
            return verdict, None
        removals = {
            index: (Reason.DUP_ACROSS, f"also in {earlier} line {line}")
            for at, earlier, line in repeated
            for index in found[at][2]
        }
        return verdict, self._rebuild(result, removals)

    def copy(self, result: Result, original: Original) -> tuple[Verdict, Result | None]:
        """A page that repeats an earlier one: with ``drop``, all of it goes,
        when the two are similar. A copy found by the shared share alone is
        reported and kept: it may be the longer of the two, with text its
        original lacks."""
        verdict = Verdict(duplicate_of=original)
        if not (self.drop and self.config.enabled(Reason.DUP_DOCUMENT)) or original.similarity < self.index.threshold:
            return verdict, None
        verdict.dropped = True
        evidence = f"repeats {original.path} ({original.similarity:.0%} similar)"
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


Paragraph = tuple[int, str, tuple[int, ...]]  # (first line, text, block indexes)


def article_paragraphs(result: Result, config: Config) -> list[Paragraph]:
    """The paragraphs of the page's article that are long enough to be
    known across pages (PARAGRAPH_MIN_TOKENS), in order."""
    page = Page([d.block for d in result.decisions], config)
    page.decisions = [None if d.kept else d for d in result.decisions]
    found = []
    for para in paragraphs(page):
        if any(_inside(block.index, result.article) for block in para.blocks) and count_tokens(para.text) >= PARAGRAPH_MIN_TOKENS:
            found.append((para.blocks[0].line, para.text, tuple(block.index for block in para.blocks)))
    return found


def _inside(index: int, spans: tuple[tuple[int, int], ...]) -> bool:
    for first, last in spans:
        if first <= index <= last:
            return True
    return False


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
