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
import unicodedata

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


# Combining marks (Devanagari vowel signs, Arabic harakat, Thai tone marks,
# accents written apart): Python's ``\w`` leaves them out, which would cut
# हिन्दी into three words and drop the vowels from comparison keys.
MARKS = _class_body(lambda char: unicodedata.category(char).startswith("M"))

# Characters that count as blank at the ends of a line: Unicode whitespace
# (which includes U+3000 and U+00A0) plus zero-width characters and the BOM.
STRIP_CHARS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
)


# The classes above as bit flags of every code point of the Basic
# Multilingual Plane, for the compiled loops that look at a text character by
# character (:func:`char_class`); above it, only Han has a class.
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
_ZH_STOP_CHARS = "的了是在和有我他她这也就都而与着或其将从对被把但为所以及之于们个说要会到"
_CLAUSE_CHARS = "，、；,;：:\u060c\u061b\u1363\u1364"
_FULL_STOP_CHARS = "。！？!?" + OTHER_STOPS
_WIDE_RANGES = CJK_RANGES + "\u3000-\u303f\uff01-\uff60\uffe0-\uffe6"
_LATIN_RANGES = "\u0000-\u024f\u1e00-\u1eff\uff00-\uffef"


def _table() -> bytes:
    """Two bytes a code point, the flags that hold for it (little-endian)."""
    points = "".join(map(chr, range(0x10000)))
    table = 0
    for bit, body in enumerate(
        (CJK_RANGES, UNSPACED_RANGES, MARKS, _LATIN_RANGES, _ZH_STOP_CHARS, _CLAUSE_CHARS,
         _FULL_STOP_CHARS, re.escape(CLOSERS), OTHER_STOPS, re.escape(STRIP_CHARS), _WIDE_RANGES)
    ):
        # The class's own expression decides: two bytes a point, 1 in the
        # low one where it matches, shifted into the class's bit.
        ones = bytearray(0x20000)
        for found in re.finditer(f"[{body}]+", points):
            ones[2 * found.start() : 2 * found.end() : 2] = bytearray(b"\x01") * (found.end() - found.start())
        table |= int.from_bytes(ones, "little") << bit
    return table.to_bytes(0x20000, "little")


_CLASSES = _table()


def char_class(char: str) -> int:
    """The flags (CJK, MARK, CLAUSE, ...) of one character.

        >>> char_class("中") == CJK | UNSPACED | WIDE, char_class("한") == CJK | WIDE, char_class("、") == CLAUSE | WIDE
        (True, True, True)
        >>> char_class("\U00020000") == CJK | UNSPACED | WIDE, char_class("a") == LATIN
        (True, True)
    """
    point = ord(char)
    if point < 0x10000:
        return _CLASSES[2 * point] | _CLASSES[2 * point + 1] << 8
    return CJK | UNSPACED | WIDE if _HAN_ASTRAL[0] <= point <= _HAN_ASTRAL[1] else 0


# A word: a letter or digit, then letters, digits and marks; not CJK.
_WORD = rf"[^\W_{CJK_RANGES}](?:[^\W_{CJK_RANGES}]|[{MARKS}])*"
TOKEN_RE = re.compile(rf"{CJK_CLASS}|{_WORD}")
WORD_RE = re.compile(_WORD)  # a run of letters or digits, not CJK


def strip(text: str) -> str:
    """Strip whitespace, full-width spaces and zero-width characters.

        >>> strip("\\u3000\\u3000正文\\u200b ")
        '正文'
    """
    return text.strip(STRIP_CHARS)


def has_word_char(text: str) -> bool:
    """True when the text holds any letter, digit or CJK character.

        >>> has_word_char("—— · ——"), has_word_char("第5页")
        (False, True)
    """
    for char in text:
        if char.isalnum():
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
    return text.rstrip(closers)[-1:] in enders


def dedup_key(text: str) -> str:
    """The text as compared for duplicates: NFKC (folds full/half width),
    case-folded, with whitespace, punctuation and symbols removed. Digits are
    kept, so list items that differ by one number stay different.

        >>> dedup_key("会议强调，要牢记使命！") == dedup_key("会议强调,要牢记 使命!")
        True
        >>> dedup_key("Ｓｔｅｐ 1.") == dedup_key("step 1"), dedup_key("step 1") == dedup_key("step 2")
        (True, False)
    """
    if text.isascii():  # NFKC leaves ASCII alone and case-folding it is lowering
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
    # What is kept: letters, digits and marks, a run at a time.
    parts = []
    start = -1
    for at in range(len(text)):
        char = text[at]
        if char.isalnum() or char_class(char) & MARK:
            if start < 0:
                start = at
        elif start >= 0:
            parts.append(text[start:at])
            start = -1
    if start == 0:
        return text
    if start > 0:
        parts.append(text[start:])
    return "".join(parts)


def display_width(text: str) -> int:
    """Columns on a terminal: CJK and full-width characters take two.

        >>> display_width("abc"), display_width("中文，")
        (3, 6)
    """
    width = len(text)
    if not text.isascii():
        for char in text:
            if char_class(char) & WIDE:
                width += 1
    return width
