"""Character classes, display widths and comparison keys that treat CJK
text fairly.

English-made text tools count "words" by splitting on whitespace or ``\\W``,
which turns a whole Chinese clause into one token. Here every CJK character
(Han, kana, Hangul) is one token and any other run of letters or digits
(:data:`WORD_RE`) is one token, so a length of "12 tokens" means the same
amount of text in Chinese and in English (:func:`cleaner.features.count_tokens`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array

from .cache import kept

_HAN_ASTRAL = (0x20000, 0x2FA1F)  # extensions B-F and the compatibility supplement
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff" + "-".join(map(chr, _HAN_ASTRAL))
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff"
CJK_RANGES = _HAN + _KANA + _HANGUL
CJK_CLASS = f"[{CJK_RANGES}]"
CJK_RE = re.compile(CJK_CLASS)
# Scripts written without spaces between words (Han, kana; not Hangul, which
# spaces its words): there a space inside a line marks where a line break was.
UNSPACED_RANGES = _HAN + _KANA
# Full stops and question marks of scripts other than CJK and Latin (Urdu,
# Arabic, Devanagari, Ethiopic, Myanmar, Khmer, Armenian): a sentence ends
# there as it does at 。 or at a Latin full stop.
OTHER_STOPS = "\u06d4\u061f\u0964\u0965\u1362\u1367\u104b\u17d4\u0589"
# What may follow a sentence's last mark and still belong to it: closing
# quotes and brackets (” ’ 」 』 » ›, ） 】 》 〕). Not “, which opens a quote in
# Chinese and English though it closes one in German: a sentence cut after it
# would take the opening quote of the next.
CLOSERS = "”’\"'」』）)]】》〕»›"


def _class_body(wanted) -> str:
    """The non-ASCII code points of the Basic Multilingual Plane for which
    ``wanted`` holds, as the body of a character class (ranges; no ASCII, so
    nothing to escape)."""
    parts, start = [], None
    for point in range(0x80, 0x10001):
        if point < 0x10000 and wanted(chr(point)):
            start = point if start is None else start
        elif start is not None:
            parts.append(f"{chr(start)}-{chr(point - 1)}" if point - 1 > start else chr(start))
            start = None
    return "".join(parts)


# Characters that count as blank at the ends of a line: Unicode whitespace
# (which includes U+3000 and U+00A0) plus zero-width characters and the BOM.
STRIP_CHARS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
)


# The classes above as bit flags of every code point, for the compiled
# loops that look at a text character by character (:func:`char_class`):
# one look-up in the first plane, two above it.
CJK = 1
UNSPACED = 2
MARK = 4
LATIN = 8  # Latin (U+0000-024F, U+1E00-1EFF) and the full-width forms (U+FF00-FFEF)
ZH_STOP = 16  # a Chinese function word (的 了 是 …)
CLAUSE = 32  # a clause mark: ，、；,;：: and the Arabic and Ethiopic comma and semicolon
FULL_STOP = 64  # 。！？!? and OTHER_STOPS
CLOSER = 128  # CLOSERS
OTHER_STOP = 256  # OTHER_STOPS
STRIP = 512  # STRIP_CHARS
WIDE = 1024  # two columns on a terminal: CJK, CJK punctuation, full-width forms
# Comparison keys may lower-case the text instead of normalising it: NFKC
# leaves the character alone in any text and case-folding it is lowering it,
# or it has no key whichever way it is read (，。、 and other punctuation).
# Not a combining mark or a conjoining jamo (NFKC joins those to what comes
# before), nor Σ (lowered by its place in the word).
PLAIN = 2048
# What str.isalnum and str.isdecimal say of the character: a table look-up
# instead of three calls into Python's Unicode database a character.
ALNUM = 4096
DECIMAL = 8192
_ZH_STOP_CHARS = "的了是在和有我他她这也就都而与着或其将从对被把但为所以及之于们个说要会到"
_CLAUSE_CHARS = "，、；,;：:\u060c\u061b\u1363\u1364"
_FULL_STOP_CHARS = "。！？!?" + OTHER_STOPS
_WIDE_RANGES = CJK_RANGES + "\u3000-\u303f\uff01-\uff60\uffe0-\uffe6"
_LATIN_RANGES = "\u0000-\u024f\u1e00-\u1eff\uff00-\uffef"


_POINTS = 0x110000  # every code point
_BLOCK_BITS = 8  # the table's blocks: 256 code points
_IN_BLOCK = (1 << _BLOCK_BITS) - 1


def _marks() -> str:
    """Combining marks (Devanagari vowel signs, Arabic harakat, Thai tone
    marks, accents written apart), as a class body: Python's ``\\w`` leaves
    them out, which would cut हिन्दी into three words and drop the vowels
    from comparison keys."""
    return _class_body(lambda char: unicodedata.category(char).startswith("M"))


def _table(marks: str) -> bytes:
    """Two bytes a code point, the flags that hold for it (little-endian)."""
    # (Every code point as one string, decoded from their numbers: joining
    # a million one-character strings would hold them all at once.)
    points = array("I", range(_POINTS)).tobytes().decode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass")
    table = 0
    for flag, body in (
        (CJK, CJK_RANGES), (UNSPACED, UNSPACED_RANGES), (MARK, marks), (LATIN, _LATIN_RANGES), (ZH_STOP, _ZH_STOP_CHARS),
        (CLAUSE, _CLAUSE_CHARS), (FULL_STOP, _FULL_STOP_CHARS), (CLOSER, re.escape(CLOSERS)), (OTHER_STOP, OTHER_STOPS),
        (STRIP, re.escape(STRIP_CHARS)), (WIDE, _WIDE_RANGES),
        (ALNUM, r"^\W_"), (DECIMAL, r"\d"),  # (what str.isalnum and str.isdecimal say, as re reads them too)
    ):
        # The class's own expression decides: two bytes a point, 1 in the
        # low one where it matches, shifted into the class's bit.
        ones = bytearray(2 * _POINTS)
        for found in re.finditer(f"[{body}]+", points):
            ones[2 * found.start() : 2 * found.end() : 2] = bytearray(b"\x01") * (found.end() - found.start())
        table |= int.from_bytes(ones, "little") * flag
    # PLAIN, a character at a time. (Above the first plane nothing is PLAIN:
    # keys of such text are normalised.)
    plain = bytearray(2 * _POINTS)
    plain[1 : 2 * 0x10000 : 2] = bytearray(_plain(chr(point)) * (PLAIN >> 8) for point in range(0x10000))
    return (table | int.from_bytes(plain, "little")).to_bytes(2 * _POINTS, "little")


def _plain(char: str) -> bool:
    point = ord(char)
    if unicodedata.category(char).startswith("M") or 0x1100 <= point <= 0x11FF or 0xA960 <= point <= 0xA97F or 0xD7B0 <= point <= 0xD7FF:
        return False
    normal = unicodedata.normalize("NFKC", char)
    if not char.isalnum() and not any(c.isalnum() or unicodedata.category(c).startswith("M") for c in normal.casefold()):
        return True  # (punctuation, full-width or not: no key either way)
    return normal == char and char.casefold() == char.lower() and char != "\u03a3"


def _build() -> bytes:
    marks = _marks()
    return marks.encode("utf-8") + b"\0" + _two_level(_table(marks))


def _two_level(flat: bytes) -> bytes:
    """The table as blocks of 2**_BLOCK_BITS code points, each kept once
    (most of the planes above the first are empty, or Han from end to end):
    the number of every block of code points, then the blocks."""
    size = 2 << _BLOCK_BITS
    blocks: dict[bytes, int] = {}
    numbers = array("H", (blocks.setdefault(flat[at : at + size], len(blocks)) for at in range(0, len(flat), size)))
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes() + b"".join(blocks)


def _arrays(tables: bytes) -> tuple[array, array, array]:
    """The kept tables as arrays: block numbers, blocks, and the first plane
    in one piece (where nearly all text is: one look-up)."""
    split = 2 * (_POINTS >> _BLOCK_BITS)
    size = 2 << _BLOCK_BITS
    numbers, flags = array("H", tables[:split]), array("H", tables[split:])
    plane0 = array("H", b"".join(tables[split + number * size : split + (number + 1) * size] for number in numbers[: 0x10000 >> _BLOCK_BITS]))
    if sys.byteorder == "big":  # (kept little-endian)
        for found in (numbers, flags, plane0):
            found.byteswap()
    return numbers, flags, plane0


# Both from Python's Unicode database, worked out once and kept (cleaner.cache).
_marks_body, _, _tables = kept("chars", __file__, "", _build).partition(b"\0")
MARKS = _marks_body.decode("utf-8")
_BLOCK_OF, _FLAGS, _PLANE0 = _arrays(_tables)
del _marks_body, _tables
# The classes of the first plane, for a loop of another module that reads
# them in place (``FIRST_PLANE[ord(char)]`` is ``char_class(char)`` there).
FIRST_PLANE = _PLANE0


def char_class(char: str) -> int:
    """The flags (CJK, MARK, CLAUSE, ...) of one character.

        >>> char_class("中") == CJK | UNSPACED | WIDE | PLAIN | ALNUM, char_class("、") == CLAUSE | WIDE | PLAIN
        (True, True)
        >>> char_class("\U00020000") == CJK | UNSPACED | WIDE | ALNUM, char_class("a") == LATIN | PLAIN | ALNUM, char_class("５") == LATIN | WIDE | ALNUM | DECIMAL
        (True, True, True)
    """
    point = ord(char)
    if point < 0x10000:
        return _PLANE0[point]
    return _FLAGS[_BLOCK_OF[point >> _BLOCK_BITS] << _BLOCK_BITS | point & _IN_BLOCK]


# A word: a letter or digit, then letters, digits and marks; not CJK.
_WORD = rf"[^\W_{CJK_RANGES}](?:[^\W_{CJK_RANGES}]|[{MARKS}])*"
# TOKEN_RE: a CJK character or a word. WORD_RE: a word. (Compiled when
# first asked for: their classes of marks take milliseconds to compile, and
# only cross-file duplicates need them.)
_LAZY = {"TOKEN_RE": rf"{CJK_CLASS}|{_WORD}", "WORD_RE": _WORD}


def __getattr__(name: str) -> re.Pattern[str]:
    if name in _LAZY:
        pattern = globals()[name] = re.compile(_LAZY[name])
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def strip(text: str) -> str:
    """Strip whitespace, full-width spaces and zero-width characters.

        >>> strip("\\u3000\\u3000正文\\u200b ")
        '正文'
    """
    # (Compiled, a look at each end in the class table; str.strip with a
    # set of characters builds that set again on every call.)
    flag = STRIP
    start, end = 0, len(text)
    while start < end and char_class(text[start]) & flag:
        start += 1
    while end > start and char_class(text[end - 1]) & flag:
        end -= 1
    return text[start:end]


def has_word_char(text: str) -> bool:
    """True when the text holds any letter, digit or CJK character.

        >>> has_word_char("—— · ——"), has_word_char("第5页")
        (False, True)
    """
    alnum = ALNUM  # (compiled, a C int read once, not a module global read a character)
    for char in text:
        if char_class(char) & alnum:
            return True
    return False


def ends_with(text: str, enders: frozenset[str], closers: str = "") -> bool:
    """Whether ``text`` ends with one of ``enders``, possibly followed by
    some of ``closers``. (A pattern anchored with ``$`` would be tried at
    every position of the line; this looks at its end only.)

        >>> ends = frozenset("。.")
        >>> ends_with("他说:“走吧。”", ends, "”"), ends_with("标题", ends), ends_with("", ends)
        (True, False, False)
    """
    end = len(text)
    while end and text[end - 1] in closers:
        end -= 1
    return end > 0 and text[end - 1] in enders


# What an ASCII character is in a comparison key: itself lowered if it is
# a letter or digit, 0 (left out) if not.
_ASCII_KEY = bytes(ord(chr(point).lower()) if chr(point).isalnum() else 0 for point in range(128))


def dedup_key(text: str) -> str:
    """The text as compared for duplicates: NFKC (folds full/half width),
    case-folded, with whitespace, punctuation and symbols removed. Digits are
    kept, so list items that differ by one number stay different.

        >>> dedup_key("会议强调，要牢记使命！") == dedup_key("会议强调,要牢记 使命!")
        True
        >>> dedup_key("Ｓｔｅｐ 1.") == dedup_key("step 1"), dedup_key("step 1") == dedup_key("step 2")
        (True, False)
    """
    if text.isascii():  # (NFKC leaves ASCII alone, and case-folding it is lowering)
        return _ascii_key(text)
    kept, plain_flag = ALNUM | MARK, PLAIN  # (compiled, C ints read once, not module globals read a character)
    plain = True
    for char in text:
        if not char_class(char) & plain_flag:
            plain = False
            break
    text = text.lower() if plain else unicodedata.normalize("NFKC", text).casefold()
    # What is kept: letters, digits and marks, a run at a time.
    parts = []
    start = -1
    at = 0
    for char in text:  # (compiled, a loop over the string's own storage)
        if char_class(char) & kept:
            if start < 0:
                start = at
        elif start >= 0:
            parts.append(text[start:at])
            start = -1
        at += 1
    if start == 0:
        return text
    if start > 0:
        parts.append(text[start:])
    return "".join(parts)


def _ascii_key(text: str) -> str:
    """:func:`dedup_key` of ASCII text, a byte at a time through _ASCII_KEY
    into a buffer of the text's length."""
    data = text.encode("ascii")
    out = bytearray(len(data))
    # (Compiled, these three are pointers to the bytes: no look-up a byte.)
    table, source, target = _ASCII_KEY, data, out
    size = 0
    for at in range(len(data)):
        byte = table[source[at]]
        if byte:
            target[size] = byte
            size += 1
    del out[size:]
    return out.decode("ascii")


def display_width(text: str) -> int:
    """Columns on a terminal: CJK and full-width characters take two.

        >>> display_width("abc"), display_width("中文，")
        (3, 6)
    """
    width = len(text)
    wide = WIDE  # (compiled, a C int read once, not a module global read a character)
    if not text.isascii():
        for char in text:
            if char_class(char) & wide:
                width += 1
    return width
