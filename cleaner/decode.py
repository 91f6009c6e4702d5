"""bytes -> text, naming the encoding and checking it.

Order of evidence:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. NUL bytes: UTF-16/UTF-32 without a BOM when they fall in the pattern those
   encodings leave, otherwise the file is binary and is refused;
3. strict UTF-8, the fast path for most of the web;
4. GB18030 and Big5 on a small sample: when exactly one of them reads as
   clearly Chinese text (and the whole file decodes strictly), that is the
   answer, without a detector (which takes tens of milliseconds a file);
5. otherwise chardet's ranked guesses on a larger sample, plus GB18030 and
   Big5 (Chinese first), each decoded *strictly* and scored by how plausible
   the text is; the winner is then decoded strictly in full, and the next
   candidate is tried when that fails.

Single-byte codecs never fail to decode, which is how GBK pages end up as
Latin-1 mojibake in other tools; here a candidate only wins on plausibility
(common Han characters, no control or private-use characters, no runs of
accented letters outside words), never because it did not raise. GB2312 and
GBK are decoded as their superset GB18030; Big5 as Big5, then its extensions
cp950 and Big5-HKSCS.
When nothing decodes cleanly the best candidate is used with replacement
characters and the result says so (``lossy``).
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass

from .cache import kept

SAMPLE_BYTES = 32 * 1024
# A multi-byte decoding at least this plausible is trusted over any
# single-byte one.
TRUSTED_QUALITY = 0.9
# The shortcut for Chinese legacy encodings: this much of the file, at least
# this many CJK characters in it, this plausible, ahead of the other by this much.
QUICK_BYTES = 4 * 1024
QUICK_MIN_CJK = 40
QUICK_QUALITY = 0.97
QUICK_MARGIN = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# chardet names -> codecs to try, in order. Supersets first: a GBK page that
# uses one GB18030-only character must not fail, and cp950 holds the
# Windows additions to Big5.
_FAMILY_NAMES = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "hz-gb-2312": ("hz",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "cp950": ("cp950", "big5", "big5hkscs"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "shift_jis": ("cp932", "shift_jis"),
    "cp932": ("cp932", "shift_jis"),
    "euc-kr": ("cp949",),
    "cp949": ("cp949",),
    "ascii": ("utf-8",),
    "latin-1": ("cp1252",),  # as browsers do: ISO-8859-1 labels mean windows-1252
}


@functools.cache  # (looking the codecs up imports each one: not done by runs that only read UTF-8)
def _families() -> dict[str, tuple[str, ...]]:
    return {codecs.lookup(name).name: family for name, family in _FAMILY_NAMES.items()}


_CHINESE_FIRST = ("gb18030", "big5", "cp950")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


class DecodeError(Exception):
    """The bytes are not text this tool can read."""


class BinaryInput(DecodeError):
    """NUL bytes or control characters: an image, an archive, a PDF..."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with how it was decoded.

    ``confidence`` is 1.0 for a BOM or valid UTF-8; for detected encodings it
    is the share of the sample's non-ASCII characters that look like real
    text in that encoding (see :func:`plausibility`).
    """

    text: str
    encoding: str
    confidence: float
    bom: bool = False
    lossy: bool = False
    replaced: int = 0
    nuls: int = 0  # NUL bytes of padding dropped


def canonical(name: str) -> str:
    """Python's canonical codec name.

        >>> canonical("GB2312"), canonical("UTF8"), canonical("Big5")
        ('gb2312', 'utf-8', 'big5')
    """
    return codecs.lookup(name).name


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; ``encoding`` forces a codec (GBK/GB2312 widen to GB18030).

        >>> decode("中文页面".encode("gbk")).encoding
        'gb18030'
        >>> decode(b"plain ascii").encoding
        'ascii'
        >>> decode("正文".encode("utf-8") + b"\\xff" + "正文".encode("utf-8") * 80).lossy
        True
    """
    if encoding:
        return _forced(data, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _lenient(data[len(bom):], name, 1.0, bom=True)
    if b"\x00" in data:
        wide = _nul_bearing(data)
        if wide is not None:
            return wide
        nuls = data.count(b"\x00")
        sample = data[:SAMPLE_BYTES]
        # (Many NULs in all, or enough in the first bytes to look binary there.)
        if nuls > _tolerated(len(data)) or sample.count(b"\x00") > _tolerated(len(sample)):
            return _unpadded(data, nuls)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(data[:SAMPLE_BYTES]):
            raise BinaryInput("binary file (NUL or control bytes)")
        return Decoded(text, "ascii" if text.isascii() else "utf-8", 1.0)
    if _looks_binary(data[:SAMPLE_BYTES]):
        raise BinaryInput("binary file (NUL or control bytes)")
    return _chinese(data) or _detect(data)


def _chinese(data: bytes) -> Decoded | None:
    """GB18030 or Big5, when a small sample leaves no doubt."""
    sample = data[:QUICK_BYTES]
    scores = []
    for name in ("gb18030", "big5"):
        text = _decode_prefix(sample, name)
        if text is not None:
            scores.append((plausibility(text), len(_HAN_RE.findall(text)), name))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < QUICK_QUALITY or scores[0][1] < QUICK_MIN_CJK:
        return None
    if len(scores) > 1 and scores[1][0] > scores[0][0] - QUICK_MARGIN:
        return None  # both read as text (pinyin letters in GBK are Han in Big5): let the detector weigh in
    quality, _, name = scores[0]
    try:
        return Decoded(data.decode(name), name, round(quality, 3))
    except UnicodeDecodeError:
        return None  # the sample was clean, the file is not: the full procedure decides


def _forced(data: bytes, encoding: str) -> Decoded:
    name = canonical(encoding)
    name = _families().get(name, (name,))[0]
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return _lenient(data[3:], name, 1.0, bom=True)
    return _lenient(data, name, 1.0)


def _lenient(data: bytes, name: str, confidence: float, bom: bool = False) -> Decoded:
    """Strict decode, else replacement characters and ``lossy``."""
    try:
        return Decoded(data.decode(name), name, confidence, bom=bom)
    except UnicodeDecodeError:
        text, replaced = _replacing(data, name)
        return Decoded(text, name, confidence, bom=bom, lossy=True, replaced=replaced)


def _replacing(data: bytes, name: str) -> tuple[str, int]:
    text = data.decode(name, "replace")
    genuine = data.count("\ufffd".encode(name)) if name.startswith("utf") else 0
    return text, max(text.count("\ufffd") - genuine, 1)


_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _nul_bearing(data: bytes) -> Decoded | None:
    """UTF-16/32 without a BOM: the wide codec whose decoding reads as text.

    The NUL pattern alone is weak for CJK (U+5F00 has a NUL low byte, most
    Han characters have none), so every wide codec is tried on a sample and
    judged by plausibility.
    """
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 4]
    best: tuple[float, str] | None = None
    for name in _WIDE:
        text = _decode_prefix(sample, name)
        if text is None or _CONTROL_RE.search(text):
            continue
        quality = plausibility(text)
        if quality >= 0.9 and (best is None or quality > best[0]):
            best = (quality, name)
    if best is None:
        return None
    quality, name = best
    return _lenient(data, name, round(quality, 3))


_BINARY_BYTES = bytes((0x00, *range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F))


def _tolerated(size: int) -> int:
    """How many NUL or control bytes text of ``size`` bytes may hold (a stray one in a page)."""
    return max(4, size // 100)


def _looks_binary(sample: bytes) -> bool:
    """More than a few NUL/control bytes: not text."""
    # (Counted in one pass: the bytes left when they are deleted.)
    return len(sample) - len(sample.translate(None, _BINARY_BYTES)) > _tolerated(len(sample))


def _unpadded(data: bytes, nuls: int) -> Decoded:
    """A file with many NUL bytes that is not UTF-16/32: text padded with NULs
    (a preallocated file, a writer that crashed) when the rest of its bytes
    read as text, cleanly; what decides is what the other bytes are, not
    that NULs are there. The NULs are dropped, and the result counts them.

        >>> decoded = decode("正文第一段。\\n".encode("utf-8") + bytes(5000))
        >>> decoded.text, decoded.nuls
        ('正文第一段。\\n', 5000)
    """
    rest = data.replace(b"\x00", b"")
    if rest.strip() and not _looks_binary(rest[:SAMPLE_BYTES]):
        decoded = decode(rest)
        if not decoded.lossy and decoded.confidence >= TRUSTED_QUALITY:  # (what is left of an image is not text)
            return dataclasses.replace(decoded, nuls=nuls)
    raise BinaryInput("binary file (NUL or control bytes)")


_HAN_RE = re.compile("[\u4e00-\u9fff]")


def _detect(data: bytes) -> Decoded:
    sample = data[:SAMPLE_BYTES]
    ranked: list[tuple[bool, float, bool, float, int, str]] = []
    for rank, (name, guess_confidence) in enumerate(_candidates(sample)):
        text = _decode_prefix(sample, name, "replace")
        if text is None:
            continue
        quality = plausibility(text)
        clean = "\ufffd" not in text or _decode_prefix(sample, name) is not None
        # Chinese first: a multi-byte codec (UTF-8, GB18030, Big5, ...) that
        # reads as real text beats any single-byte codec, which can always
        # decode but rarely means it. Then plausibility (near-ties together),
        # clean decodes, the detector's confidence and its order.
        trusted = name in _MULTIBYTE and quality >= TRUSTED_QUALITY
        ranked.append((trusted, round(quality * 50) / 50, clean, guess_confidence, -rank, name))
    if not ranked:
        raise DecodeError("no candidate encoding")
    ranked.sort(reverse=True)
    best_trusted, best_quality, *_, best_name = ranked[0]
    if not best_trusted:
        mixed = _line_by_line(data, [r[-1] for r in ranked if r[-1] in _MULTIBYTE and r[-1] != "utf-8"])
        if mixed is not None:
            return mixed
    for trusted, quality, clean, *_, name in ranked:
        if trusted != best_trusted or quality < best_quality - 0.1:
            break
        if clean:
            try:
                return Decoded(data.decode(name), name, round(quality, 3))
            except UnicodeDecodeError:
                continue  # the sample decoded, the whole file does not: next candidate
    # Nothing plausible decodes cleanly: the best candidate, with replacements.
    text, replaced = _replacing(data, best_name)
    return Decoded(text, best_name, round(best_quality, 3), lossy=True, replaced=replaced)


def _line_by_line(data: bytes, legacy: list[str]) -> Decoded | None:
    """A file spliced from UTF-8 and a legacy CJK encoding: decode each line
    with whichever of the two decodes it strictly."""
    if not legacy:
        return None
    other = legacy[0]
    pieces = []
    used = set()
    for line in data.splitlines(keepends=True):
        for name in ("utf-8", other):
            try:
                pieces.append(line.decode(name))
            except UnicodeDecodeError:
                continue
            if not line.isascii():
                used.add(name)
            break
        else:
            return None
    if len(used) < 2:
        return None
    text = "".join(pieces)
    quality = plausibility(text[:SAMPLE_BYTES])
    if quality < TRUSTED_QUALITY:
        return None
    return Decoded(text, f"utf-8+{other}", round(quality, 3))


_MULTIBYTE = frozenset({"utf-8", "gb18030", "big5", "cp950", "big5hkscs", "cp932", "shift_jis", "euc_jp", "cp949"})


def _candidates(sample: bytes) -> list[tuple[str, float]]:
    """(codec, detector confidence) pairs: chardet's guesses, then Chinese codecs."""
    import chardet  # imported lazily: most files are UTF-8 and never need it

    seen: dict[str, float] = {"utf-8": 0.0}  # damaged UTF-8 is still UTF-8
    for guess in chardet.detect_all(sample, ignore_threshold=True)[:6]:
        if not guess.get("encoding"):
            continue
        try:
            base = canonical(guess["encoding"])
        except LookupError:
            continue
        for name in _families().get(base, (base,)):
            seen.setdefault(name, float(guess.get("confidence") or 0.0))
    for name in _CHINESE_FIRST:
        seen.setdefault(name, 0.0)
    return list(seen.items())


def _decode_prefix(sample: bytes, name: str, errors: str = "strict") -> str | None:
    """Decode a sample that may end inside a multi-byte character."""
    try:
        decoder = codecs.getincrementaldecoder(name)(errors)
        return decoder.decode(sample, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that look like real text (0..1).

    Han characters count fully when they are among the common characters of
    GB2312 level 1, Big5 or JIS level 1, half when rarer; accented Latin
    letters count when they sit inside a word with ASCII letters (mojibake
    makes runs of them); control, private-use, unassigned and replacement
    characters, other letters glued to ASCII letters, and lower-to-upper case
    flips inside a word count against. Text with no
    non-ASCII characters scores 1.

        >>> plausibility("会议强调，要牢记使命担当。") > 0.9
        True
        >>> mojibake = "会议强调，要牢记使命担当。".encode("utf-8").decode("gb18030", "replace")
        >>> plausibility(mojibake) < 0.6
        True
        >>> plausibility("Café crème brûlée, naïve façade") > 0.9
        True
        >>> plausibility("中文页面".encode("gbk").decode("cp1252")) < 0.5
        True
    """
    kinds = _kinds()
    good = 0.0
    total = 0
    controls = len(_CONTROL_RE.findall(text))
    for run in _NON_ASCII_RE.finditer(text):
        start, end = run.span()
        inside_word = (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())
        short = end - start <= 2
        previous_lower = False
        for at in range(start, end):
            ch = text[at]
            point = ord(ch)
            kind = _KIND_VALUES[kinds[point]] if point < 0x10000 else _char_kind(ch)
            total += 1
            if kind == _LATIN:
                good += 1.0 if inside_word and short else 0.0
            elif point < 0x2E80 and ch.isalpha() and (inside_word or (ch.isupper() and previous_lower)):
                pass  # "Dйjа", "пРИВЕт": mixed scripts and case flips inside a word are mojibake
            else:
                good += kind
            previous_lower = ch.islower()
    total += controls
    return 1.0 if total == 0 else good / total


_LATIN = -1.0


# What :func:`_char_kind` says of each character of the first plane, a byte
# each (an index into _KIND_VALUES), worked out when a file first needs it
# and kept (cleaner.cache): most runs read only UTF-8 and never do.
_KIND_VALUES = (0.0, 0.5, 1.0, _LATIN)
_KIND_TABLE: bytes | None = None


def _kinds() -> bytes:
    global _KIND_TABLE
    if _KIND_TABLE is None:
        _KIND_TABLE = kept("kinds", __file__, "", _kind_table)
    return _KIND_TABLE


def _kind_table() -> bytes:
    return bytes(_KIND_VALUES.index(_char_kind(chr(point))) if point >= 0x80 else 2 for point in range(0x10000))


@functools.lru_cache(maxsize=4096)
def _char_kind(ch: str) -> float:
    """Weight of one non-ASCII character: 1 plausible, 0.5 rare, 0 junk, _LATIN accented Latin."""
    cp = ord(ch)
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF:
        return 1.0 if _common_han(ch) else 0.5
    if 0x3040 <= cp <= 0x30FF or 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF60:
        return 1.0  # kana, CJK punctuation, full-width forms
    if 0xAC00 <= cp <= 0xD7A3:
        return 1.0 if _encodes(ch, "euc-kr") else 0.5
    if 0x80 <= cp <= 0x9F or 0xE000 <= cp <= 0xF8FF or cp == 0xFFFD:
        return 0.0  # C1 controls, private use, replacement character
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return 0.0  # Arabic presentation forms: what cp864/cp1006 make of CJK bytes
    if 0x00C0 <= cp <= 0x024F:
        return _LATIN
    category = unicodedata.category(ch)
    if category in ("Cn", "Co", "Cs", "Cc"):
        return 0.0
    if 0xA1 <= cp <= 0xBF:
        return 0.5  # Latin-1 signs: real but rare, and common in mojibake
    if 0xFF61 <= cp <= 0xFF9F or 0x2500 <= cp <= 0x25FF:
        return 0.5  # half-width katakana, box drawing: what mis-decoded CJK bytes look like
    return 1.0


def _encodes(ch: str, codec: str) -> bytes | None:
    try:
        return ch.encode(codec)
    except UnicodeEncodeError:
        return None


def _common_han(ch: str) -> bool:
    """In GB2312 level 1, Big5's frequent characters or JIS level 1."""
    gb = _encodes(ch, "gb2312")
    if gb and 0xB0 <= gb[0] <= 0xD7:
        return True
    b5 = _encodes(ch, "big5")
    if b5 and 0xA440 <= int.from_bytes(b5, "big") <= 0xC67E:
        return True
    sj = _encodes(ch, "shift_jis")
    return bool(sj) and 0x889F <= int.from_bytes(sj, "big") <= 0x9872
