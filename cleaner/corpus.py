"""Passes over many files: duplicates across the files of one run.

The same article arrives from several sites. :class:`CrossFile` sees the
cleaned documents of a run one after another, in the run's fixed order
(sorted paths), and answers two questions about each:

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

All state lives in the object: one per run, nothing at module level, so a
run is deterministic whatever the worker count.
"""

from __future__ import annotations

import unicodedata
import zlib
from array import array
from dataclasses import dataclass, field

from . import chars
from .chars import CJK_RE, dedup_key
from .features import count_tokens

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
class CrossFile:
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
