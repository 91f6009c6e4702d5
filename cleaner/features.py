"""Statistics of a block that tell prose from page furniture, fair to Chinese.

Lengths are in *units*, roughly English-word equivalents: a word counts one,
a CJK character 1/1.6 (a Chinese word is about 1.6 characters). A threshold
of "8 units" then means the same amount of text in both scripts, where a
character count would call every Chinese sentence short and every English
title long.
"""

from __future__ import annotations

from array import array

from .chars import ALNUM, CJK, CLAUSE, CLOSER, DECIMAL, FIRST_PLANE, FULL_STOP, LATIN, MARK, ZH_STOP, char_class
from .shapes import SENTENCE_ENDERS, cut_off, starts_bullet

FIELDS = ("chars", "cjk", "words", "digits", "ends_sentence", "clauses", "bullet", "stops", "units", "full_stops", "foreign", "asks", "prose", "opaque")
CJK_PER_UNIT = 1.6
OPAQUE_UNITS = 20.0
TICKER_UNITS = 15.0  # a long Chinese sentence has a clause mark at least this often
HEADLINE_UNITS = 16.0  # a line shorter than this that trails off in an ellipsis may be a cut-off headline

_EN_STOP = frozenset(
    "the of and to a in is that for it with as was on be by are this at from have has not but or an they "
    "which you he she we his her their were been will would can there about if its our your who what when "
    "more than into also had one all so no do".split()
)
_FIRST_PLANE = FIRST_PLANE  # (compiled, a typed view of chars' table: a look-up here, not a call into chars)
# Words are told apart by spaces, but Thai, Lao, Khmer and Myanmar write a
# whole phrase without one. "Words" that long on average are phrases, and
# their length is counted in letters, about four a word in those scripts.
PHRASE_LETTERS = 12
LETTERS_PER_WORD = 4


class Features:
    """Numbers about one block's text (see module docstring for units).

    ``foreign``: words in neither a Latin nor a CJK script; ``asks``: ends
    with a full-width question mark (？); ``full_stops`` are counted in CJK
    text only; ``prose`` and ``opaque`` are :func:`_prose` and
    :func:`_opaque`, worked out once (steps ask them of a block many times).
    (A plain class, made by :func:`features` alone, so that the compiled
    core can fill its fields directly.)
    """

    __slots__ = FIELDS

    def __repr__(self) -> str:
        return "Features(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in FIELDS) + ")"

    @property
    def tokens(self) -> int:
        return self.cjk + self.words


def features(text: str) -> Features:
    """Compute the features of one block's (stripped) text, in one pass
    over its characters.

    A *word* is a run of letters and digits (and the combining marks within
    it) outside CJK; a *foreign* word one that starts with a letter of
    neither a Latin nor a CJK script (Cyrillic, Arabic, Thai, Devanagari...);
    a digit is a decimal digit of any script. A comma or colon between two
    digits (1,000, 08:07) is part of a number, not a clause.

        >>> f = features("时间:2023-08-11 15:33:05来源:百花范文网")
        >>> f.cjk, f.words, f.digits, f.ends_sentence
        (9, 6, 14, False)
        >>> features("Это длинное предложение").foreign, features("naïve café").foreign
        (3, 0)
    """
    length = len(text)
    cjk = words = stops = digits = clauses = in_numbers = zh_stops = full_stops = 0
    foreign = letters = 0
    word_start = -1  # where the word being read began, or -1
    packed = 0  # the word so far as :func:`_packed` packs it, while it is short enough to be a function word
    foreign_start = -1  # the same for a foreign word
    at = -1
    for char in text:  # (compiled, a loop over the string's own storage)
        at += 1
        flags = _FIRST_PLANE[ord(char)] if char < "\U00010000" else char_class(char)
        alnum = flags & ALNUM
        decimal = flags & DECIMAL
        if decimal:
            digits += 1
            if at + 2 < length and (text[at + 1] == "," or text[at + 1] == ":") and char_class(text[at + 2]) & DECIMAL:
                in_numbers += 1
        if flags & CJK:
            cjk += 1
            if flags & ZH_STOP:
                zh_stops += 1
        if flags & CLAUSE:
            clauses += 1
        if flags & FULL_STOP:
            full_stops += 1
        # Words: a letter or digit starts one, marks go on with it.
        if alnum and not flags & CJK or word_start >= 0 and flags & MARK:
            if word_start < 0:
                word_start = at
                packed = 0
            if packed >= 0 and at - word_start < MAX_STOP_CHARS:
                packed = _pack(packed, ord(char))
        elif word_start >= 0:
            stops += _is_stop(text, word_start, at, packed)
            words += 1
            word_start = -1
        if foreign_start >= 0:
            if not (alnum or char == "_" or flags & MARK):
                letters += at - foreign_start
                foreign += 1
                foreign_start = -1
        if foreign_start < 0 and alnum and not (flags & (LATIN | CJK)) and not decimal:
            foreign_start = at
    if word_start >= 0:
        stops += _is_stop(text, word_start, length, packed)
        words += 1
    if foreign_start >= 0:
        letters += length - foreign_start
        foreign += 1
    units = words + cjk / CJK_PER_UNIT
    if cjk:
        stops += zh_stops
        foreign = 0
    else:
        full_stops = 0
        if letters > PHRASE_LETTERS * foreign:
            units += letters / LETTERS_PER_WORD - foreign
    end = length  # the last character before any closing quotes and brackets
    while end and char_class(text[end - 1]) & CLOSER:
        end -= 1
    last = text[end - 1] if end else "\0"
    ends = end > 0 and last in SENTENCE_ENDERS
    if ends and units < HEADLINE_UNITS and cut_off(text, end, clauses - in_numbers):
        ends = False  # a headline or teaser cut off with an ellipsis
    found = Features.__new__(Features)
    found.chars = length
    found.cjk = cjk
    found.words = words
    found.digits = digits
    found.ends_sentence = ends
    found.asks = ends and last == "？"
    found.clauses = clauses - in_numbers
    found.bullet = starts_bullet(text)
    found.stops = stops
    found.units = units
    found.full_stops = full_stops
    found.foreign = foreign
    found.prose = _prose(found)
    found.opaque = _opaque(found)
    return found


def _opaque(found: Features) -> bool:
    """Long text the tool has no evidence about: no CJK, most words in
    another script, and no sentence mark it knows (Thai, Lao, unpunctuated
    Cyrillic). Judging it would be guessing, so it is kept as text.

        >>> features("ข่าว การเมือง ของ ประเทศ ไทย วันนี้ มี การ ประชุม สภา เพื่อ พิจารณา งบประมาณ ประจำปี " * 2).opaque
        True
        >>> features("Главная Новости Спорт").opaque, features("Это длинное предложение. " * 5).opaque
        (False, False)
    """
    return found.units >= OPAQUE_UNITS and not found.ends_sentence and not found.cjk and found.foreign * 2 > found.words


def _prose(found: Features) -> bool:
    """Reads like a sentence of running text rather than a label, title or menu.

        >>> features("会议强调,要牢记使命担当,切实增强责任感。").prose
        True
        >>> features("2023年在全市职业教育工作会议上讲话(范文推荐)").prose
        False
        >>> features("The seven secrets that hotel owners don't want you to know").prose
        False
        >>> features("Most people go to hotels for the pleasure of sleeping in a giant bed.").prose
        True
    """
    if found.units < 4:
        return False
    if found.ends_sentence:
        # A question with no clause in it is a headline more often than
        # a paragraph (女主播该退钱吗？).
        return found.clauses >= 1 or (found.units >= 6 and not found.asks)
    if found.words > found.cjk:
        # Function words per token: about 0.3 in English prose, 0.15 in
        # Chinese, near 0 in menus. (There are words: no zero to divide by.)
        tokens = found.cjk + found.words
        if found.units >= 20 and found.stops / tokens >= 0.25:
            return True  # unpunctuated, but written like English running text
        return found.clauses >= 2 and found.units >= 10 or found.clauses >= 4
    # A Chinese paragraph ends with 。！？; a headline with a colon and a
    # comma (不低于20%，员工称…) does not, so it needs more to count, and
    # a long line that does not end one, with no full stop in it, is a
    # ticker of headlines; so is one with a single one (蹊跷！昨日申请停牌
    # 中融双创今日就出现债) and few commas, which a sentence that long has
    # every few words.
    if found.units > 60 and (not found.full_stops or found.full_stops == 1 and found.clauses * TICKER_UNITS < found.units):
        return False
    return found.clauses >= 3 and found.units >= 20 or found.clauses >= 5


def count_tokens(text: str) -> int:
    """CJK characters plus words (:func:`features`' ``tokens``): how much text
    a block holds, the same for Chinese and English.

        >>> count_tokens("2023年在全市 meeting, ok")
        7
    """
    return features(text).tokens


def _is_stop(text: str, start: int, end: int, packed: int) -> int:
    """1 if ``text[start:end]`` is an English function word, any case;
    ``packed`` is the word as :func:`_packed` packs it, found while it was
    read (so that its characters are not read twice).

        >>> _is_stop("The", 0, 3, _packed("The", 0, 3)), _is_stop("Thee", 0, 4, _packed("Thee", 0, 4)), _is_stop("naïve", 0, 5, -1)
        (1, 0, 0)
    """
    if end - start > MAX_STOP_CHARS:
        return 0
    if packed < 0:  # (not ASCII, so rarely a function word: a Kelvin sign lowers to k)
        return int(text[start:end].lower() in _EN_STOP)
    slot = _stop_slot(packed)
    while _STOP_TABLE[slot] >= 0:
        if _STOP_TABLE[slot] == packed:
            return 1
        slot = (slot + 1) & _STOP_MASK
    return 0


def _packed(text: str, start: int, end: int) -> int:
    """``text[start:end]``, ASCII lower-cased, as an integer of seven bits a
    character; -1 if a character is not ASCII."""
    key = 0
    for at in range(start, end):
        key = _pack(key, ord(text[at]))
        if key < 0:
            return -1
    return key


def _stop_slot(key: int) -> int:
    """A packed word's first slot in _STOP_TABLE: Fibonacci hashing of its
    low 24 bits, with no overflow in any mode."""
    return (key & 0xFFFFFF) * _FIBONACCI_32 >> 24 & _STOP_MASK


def _pack(key: int, point: int) -> int:
    """``key`` with one more character packed in; -1 if it is not ASCII."""
    if point > 127:
        return -1
    if 65 <= point <= 90:
        point += 32
    return key << 7 | point


# The function words as packed integers in an open-addressing table (-1
# empty; see _stop_slot): looking a word up makes no string (most words of
# English text are short enough to be asked about).
MAX_STOP_CHARS = max(map(len, _EN_STOP))
_FIBONACCI_32 = 0x9E3779B9  # 2**32 / the golden ratio
_STOP_MASK = 255  # (a table of 256 slots for 59 words: nearly all in their first slot)
_STOP_TABLE = array("q", [-1]) * (_STOP_MASK + 1)
for _word in sorted(_EN_STOP):
    _key = _packed(_word, 0, len(_word))
    _slot = _stop_slot(_key)
    while _STOP_TABLE[_slot] >= 0:
        _slot = (_slot + 1) & _STOP_MASK
    _STOP_TABLE[_slot] = _key
del _word, _key, _slot
