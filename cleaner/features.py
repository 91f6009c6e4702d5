"""Statistics of a block that tell prose from page furniture, fair to Chinese.

Lengths are in *units*, roughly English-word equivalents: a word counts one,
a CJK character 1/1.6 (a Chinese word is about 1.6 characters). A threshold
of "8 units" then means the same amount of text in both scripts, where a
character count would call every Chinese sentence short and every English
title long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import ASCII_WORD_RE, CJK_RANGES, CLOSERS, MARKS, OTHER_STOPS, count_cjk, ends_with
from .chars import words as words_of

CJK_PER_UNIT = 1.6
OPAQUE_UNITS = 20.0

_DIGIT = re.compile(r"\d")
# A sentence ends with one of these, possibly followed by closing quotes or brackets.
_ENDERS = frozenset("。！？!?.…．;；" + OTHER_STOPS)
_QUESTION = frozenset("？")
_FULL_STOP = re.compile(rf"[。！？!?{OTHER_STOPS}]")
# Clause marks, with the Arabic and Ethiopic comma and semicolon; a comma or
# colon between two digits (1,000, 08:07) is a number, not a clause.
_CLAUSE = re.compile(r"[，、；,;：:\u060c\u061b\u1363\u1364]")
_IN_NUMBER = re.compile(r"\d[,:](?=\d)")
_BULLET = re.compile(r"^(?:[•·●○◆◇■□▪▫►▶‣※\-–—*+]|\d{1,3}[.、．)）:]|[（(]\d{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])\s*")
_EN_STOP = frozenset(
    "the of and to a in is that for it with as was on be by are this at from have has not but or an they "
    "which you he she we his her their were been will would can there about if its our your who what when "
    "more than into also had one all so no do".split()
)
_ZH_STOP_CHARS = "的了是在和有我他她这也就都而与着或其将从对被把但为所以及之于们个说要会到"
_NON_ZH_STOP = re.compile(f"[^{_ZH_STOP_CHARS}]+")
# A word in neither a Latin nor a CJK script (Cyrillic, Arabic, Thai,
# Devanagari...): Latin is U+0000-024F and U+1E00-1EFF (Vietnamese),
# full-width forms are U+FF00-FFEF.
_FOREIGN_WORD = re.compile(rf"[^\W\d_\u0000-\u024f\u1e00-\u1eff\uff00-\uffef{CJK_RANGES}](?:\w|[{MARKS}])*")
# Words are told apart by spaces, but Thai, Lao, Khmer and Myanmar write a
# whole phrase without one. "Words" that long on average are phrases, and
# their length is counted in letters, about four a word in those scripts.
PHRASE_LETTERS = 12
LETTERS_PER_WORD = 4


@dataclass(slots=True)
class Features:
    """Numbers about one block's text (see module docstring for units)."""

    chars: int
    cjk: int
    words: int
    digits: int
    ends_sentence: bool
    clauses: int
    bullet: bool
    stops: int
    units: float
    full_stops: int = 0
    foreign: int = 0  # words in neither a Latin nor a CJK script
    asks: bool = False  # ends with a full-width question mark (？)

    @property
    def tokens(self) -> int:
        return self.cjk + self.words

    @property
    def stop_share(self) -> float:
        """Function words per token: about 0.3 in English prose, 0.15 in Chinese, near 0 in menus."""
        return self.stops / self.tokens if self.tokens else 0.0

    @property
    def opaque(self) -> bool:
        """Long text the tool has no evidence about: no CJK, most words in
        another script, and no sentence mark it knows (Thai, Lao, unpunctuated
        Cyrillic). Judging it would be guessing, so it is kept as text.

            >>> features("ข่าว การเมือง ของ ประเทศ ไทย วันนี้ มี การ ประชุม สภา เพื่อ พิจารณา งบประมาณ ประจำปี " * 2).opaque
            True
            >>> features("Главная Новости Спорт").opaque, features("Это длинное предложение. " * 5).opaque
            (False, False)
        """
        return self.units >= OPAQUE_UNITS and not self.ends_sentence and not self.cjk and self.foreign * 2 > self.words

    @property
    def prose(self) -> bool:
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
        if self.units < 4:
            return False
        if self.ends_sentence:
            # A question with no clause in it is a headline more often than
            # a paragraph (女主播该退钱吗？).
            return self.clauses >= 1 or (self.units >= 6 and not self.asks)
        if self.words > self.cjk:
            if self.units >= 20 and self.stop_share >= 0.25:
                return True  # unpunctuated, but written like English running text
            return self.clauses >= 2 and self.units >= 10 or self.clauses >= 4
        # A Chinese paragraph ends with 。！？; a headline with a colon and a
        # comma (不低于20%，员工称…) does not, so it needs more to count, and
        # a long line with no full stop anywhere is a ticker of headlines.
        if self.units > 60 and not self.full_stops:
            return False
        return self.clauses >= 3 and self.units >= 20 or self.clauses >= 5


def features(text: str) -> Features:
    """Compute the features of one block's (stripped) text.

        >>> f = features("时间:2023-08-11 15:33:05来源:百花范文网")
        >>> f.cjk, f.words, f.digits, f.ends_sentence
        (9, 6, 14, False)
    """
    foreign = 0
    if text.isascii():  # letters and digits are [A-Za-z0-9]: lower the line once
        words = ASCII_WORD_RE.findall(text.lower())
        stops = sum(map(_EN_STOP.__contains__, words)) if words else 0
        cjk = 0
        units = float(len(words))
    else:
        words = words_of(text)
        stops = sum(map(_EN_STOP.__contains__, map(str.lower, words))) if words else 0
        cjk = count_cjk(text)
        units = len(words) + cjk / CJK_PER_UNIT
        if cjk:
            stops += len(_NON_ZH_STOP.sub("", text))
        else:
            found = _FOREIGN_WORD.findall(text)
            foreign = len(found)
            letters = sum(map(len, found))
            if letters > PHRASE_LETTERS * foreign:
                units += letters / LETTERS_PER_WORD - foreign
    digits = len(_DIGIT.findall(text))
    ends = ends_with(text, _ENDERS, CLOSERS)
    return Features(
        chars=len(text),
        cjk=cjk,
        words=len(words),
        digits=digits,
        ends_sentence=ends,
        asks=ends and ends_with(text, _QUESTION, CLOSERS),
        clauses=len(_CLAUSE.findall(text)) - (len(_IN_NUMBER.findall(text)) if digits else 0),
        bullet=_BULLET.match(text) is not None,
        stops=stops,
        units=units,
        full_stops=len(_FULL_STOP.findall(text)) if cjk else 0,
        foreign=foreign,
    )
