"""MinHash signatures: how alike two texts are, from a few hundred bytes each.

A text is compared by its comparison key (:func:`cleaner.chars.dedup_key`:
width, case, punctuation, spaces and line breaks gone), so a copy that is
re-wrapped or has its punctuation swapped between full and half width has
the very same key. Its shingles are the key's overlapping runs of
characters: DENSE_GRAM of them when most of the key is CJK (a character
there is a syllable or a word), ALPHABETIC_GRAM otherwise (in alphabetic
text, where the spaces are gone, five letters span a word boundary as often
as not). Runs of characters, not of words, because a copy with a few letters
changed keeps most of them: with 5% of the letters of an English text
replaced at random, two thirds of its 5-grams survive, and under half of its
word pairs.

A signature is one-permutation MinHash (Li, Owen and Zhang, 2012): each
shingle is hashed once (a polynomial over its code points, mixed by the
SplitMix64 finaliser: the same in every process and run), its bin is the
hash modulo the number of bins, and each bin keeps the smallest value; an
empty bin borrows from the next full one (densification, Shrivastava 2017).
Two texts agree on a bin with probability equal to the Jaccard similarity
of their shingle sets. A bin keeps the low 16 bits of its value, so two
different values agree by chance once in 65,536.

The loop over the key's characters is the compiled core's
(:mod:`cleaner.compiled`): no Python object per shingle.
"""

from __future__ import annotations

from array import array

from .chars import CJK, char_class, dedup_key

BINS = 128
DENSE_GRAM = 2
ALPHABETIC_GRAM = 5
_MULTIPLIER = 0x100000001B3  # (the FNV prime: odd, with its bits spread)
_MIX_1, _MIX_2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB  # SplitMix64's (compiled: C constants, so mixing is C arithmetic)
_MASK = (1 << 64) - 1
_EMPTY = 0xFFFFFFFF


def signature(text: str, bins: int = BINS) -> array:
    """``bins`` 16-bit values that stand for ``text``'s shingles.

        >>> a = signature("会议强调，要牢记使命担当，切实增强责任感和使命感。")
        >>> a == signature("会议强调,要牢记\\n使命担当,切实增强责任感和使命感.")
        True
        >>> similarity(a, signature("会议强调，要牢记初心使命，切实增强责任感和使命感。")) > 0.5
        True
        >>> similarity(a, signature("The cat sat on the mat, and the dog sat on the log."))
        0.0
    """
    return sketch(text, bins)[0]


def sketch(text: str, bins: int = BINS) -> tuple[array, int]:
    """The signature of ``text`` and the number of its shingles, counted with
    repeats (cheaper than the size of the set, and in about the same
    proportion to it for two copies of one text).

        >>> sketch("The cat sat.")[1]
        5
    """
    key = dedup_key(text)
    size = len(key)
    gram = _gram(key)
    count = size - gram + 1 if size else 0
    sig = array("I", [_EMPTY]) * bins
    view = sig  # (compiled: a typed view of the array's own memory)
    for start in range(count):
        h = 0
        for at in range(start, start + gram):
            h = (h * _MULTIPLIER + ord(key[at])) & _MASK
        h = _mix(h) >> 32
        slot = h % bins
        if h // bins < view[slot]:
            view[slot] = h // bins
    _densify(sig)
    return array("H", [value & 0xFFFF for value in sig]), count


def shingles(text: str) -> set[str]:
    """The set a signature stands for (to look at; :func:`signature` never
    builds it).

        >>> sorted(shingles("会议强调，\\n要牢记"))
        ['会议', '强调', '牢记', '要牢', '议强', '调要']
        >>> sorted(shingles("The cat sat."))
        ['atsat', 'catsa', 'ecats', 'hecat', 'theca']
    """
    key = dedup_key(text)
    gram = _gram(key)
    return {key[start : start + gram] for start in range(len(key) - gram + 1 if key else 0)}


def _gram(key: str) -> int:
    """The characters a shingle of ``key`` has (all of a shorter key)."""
    dense = 0
    for char in key:
        if char_class(char) & CJK:
            dense += 1
    gram = DENSE_GRAM if 2 * dense > len(key) else ALPHABETIC_GRAM
    return min(gram, len(key))


def _mix(h: int) -> int:
    """SplitMix64's finaliser: every bit of ``h`` moves every bit out."""
    h = ((h ^ (h >> 30)) * _MIX_1) & _MASK
    h = ((h ^ (h >> 27)) * _MIX_2) & _MASK
    return h ^ (h >> 31)


def _densify(sig: array) -> None:
    """An empty bin takes the value of the next full one, with the distance
    mixed in (so that borrowed values rarely agree by chance)."""
    bins = len(sig)
    count = sig.count(_EMPTY)
    if count == 0 or count == bins:  # (nothing to fill, or nothing to fill it from)
        return
    view = sig
    for i in range(bins):
        if view[i] == _EMPTY:
            step = 1
            while view[(i + step) % bins] == _EMPTY:
                step += 1
            borrowed = view[(i + step) % bins]
            view[i] = (_mix(borrowed << 16 | step) >> 32) // bins


def similarity(a: array, b: array) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets: the
    share of bins on which they agree."""
    x, y = a, b
    same = 0
    for i in range(len(x)):
        if x[i] == y[i]:
            same += 1
    return same / len(x)
