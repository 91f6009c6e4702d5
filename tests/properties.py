"""What every cleaning must satisfy, as one check, and inputs to try it on.

Shared by the property tests (tests/test_reliability.py) and the fuzzer
(``python -m tests.fuzz``).
"""

from __future__ import annotations

import random
import re

from hypothesis import strategies as st

from cleaner import Config, DecodeError, PageTooLarge, clean_bytes, clean_text, decode
from cleaner.chars import CLOSERS, OTHER_STOPS, UNSPACED_RANGES
from cleaner.pipeline import Result
from cleaner.segment import MAX_BLOCK_CHARS, segment

from .conftest import sample_pages

CONFIG = Config(split_chars=60)  # short lines get split too, so sentences are exercised


def check_result(text: str, result: Result, config: Config = CONFIG) -> None:
    """The promises of one cleaning of ``text``."""
    # One decision per block, the blocks being the input's own.
    assert [d.block for d in result.decisions] == segment(text, config.split_chars)
    for decision in result.decisions:
        block = decision.block
        assert block.text == text[block.start : block.end]
        if not decision.kept:
            assert decision.reason.removes and decision.evidence
    # The output is the kept blocks, in order: nothing invented, nothing moved.
    kept = [d.block for d in result.decisions if d.kept and d.block.text]
    assert all(a.start < b.start for a, b in zip(kept, kept[1:]))
    assert "".join(result.text.split()) == "".join("".join(b.text for b in kept).split())
    check_whole_sentences(result)
    # Idempotent and deterministic.
    assert clean_text(result.text, config).text == result.text
    again = clean_text(text, config)
    assert again.text == result.text and again.decisions == result.decisions


_CLOSERS = re.escape(CLOSERS)
# Where a sentence ends: after sentence punctuation of any script (an ASCII
# one only where a space follows), or at a space between two Han or kana
# characters (where a flattened Chinese page lost a line break).
_PUNCTUATED = re.compile(rf"[。！？；…{OTHER_STOPS}][{_CLOSERS}]*$")
_ASCII_PUNCTUATED = re.compile(rf"[.!?;][{_CLOSERS}]*$")
_GAP_BEFORE = re.compile(rf"[{UNSPACED_RANGES}：:）)】」』”]$")
_GAP_AFTER = re.compile(rf"[{UNSPACED_RANGES}（(【「『“]")


def check_whole_sentences(result: Result) -> None:
    """Where part of a long line was removed, what stays is whole sentences:
    every cut between a kept and a removed piece of a line lies at the end of
    a sentence (or is the forced cut of a piece MAX_BLOCK_CHARS long)."""
    decisions = result.decisions
    for left, right in zip(decisions, decisions[1:]):
        a, b = left.block, right.block
        if not (a.piece and b.piece and a.line == b.line) or left.kept == right.kept:
            continue
        spaced = a.tail != ""
        ends = (
            _PUNCTUATED.search(a.text) is not None
            or (spaced and _ASCII_PUNCTUATED.search(a.text) is not None)
            or (spaced and _GAP_BEFORE.search(a.text) is not None and _GAP_AFTER.match(b.text) is not None)
            or len(a.text) + len(a.tail) >= MAX_BLOCK_CHARS // 2
        )
        assert ends, f"line {a.line} cut inside a sentence: {a.text[-30:]!r} | {b.text[:30]!r}"


def check_bytes(data: bytes, config: Config = CONFIG) -> str:
    """Decode and clean any bytes: a result that keeps the promises, or one of
    the documented refusals; anything else escaping is a bug. Returns what
    happened, for counting."""
    try:
        decoded = decode(data)
    except DecodeError:
        return "refused"
    assert isinstance(decoded.text, str)
    try:
        result = clean_bytes(data, config)
    except PageTooLarge:
        return "too large"
    assert result.source is not None and result.source.text == decoded.text
    check_result(decoded.text, result, config)
    return "lossy" if decoded.lossy else "cleaned"


def _sample_lines() -> list[str]:
    lines: list[str] = []
    for page in sample_pages():
        lines += page.read_text(encoding="utf-8").splitlines()[:60]
    return lines


SAMPLE_LINES = _sample_lines()
SAMPLE_BYTES = [page.read_bytes() for page in sample_pages()]
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "latin-1", "shift_jis")


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="ignore")


def _mutate(data: bytes, seed: int, edits: int) -> bytes:
    """Flip, insert, delete and duplicate bytes: damaged files."""
    rng = random.Random(seed)
    buffer = bytearray(data)
    for _ in range(edits):
        if not buffer:
            buffer.append(rng.randrange(256))
            continue
        at = rng.randrange(len(buffer))
        kind = rng.randrange(4)
        if kind == 0:
            buffer[at] = rng.randrange(256)
        elif kind == 1:
            buffer.insert(at, rng.randrange(256))
        elif kind == 2:
            del buffer[at]
        else:
            end = min(len(buffer), at + rng.randrange(1, 200))
            buffer[at:at] = buffer[at:end]
    return bytes(buffer)


page_lines = st.lists(
    st.one_of(
        st.sampled_from(SAMPLE_LINES),
        st.sampled_from(["", "   ", "\u3000\u3000", "同志们:", "------", "网站首页 公文大全", "第5页 共5页", "Home | About | Contact"]),
        st.text(alphabet="会议强调要牢记使命。，！？ ab.:>|\u3000\t", max_size=80),
        st.text(alphabet="여주인공이었다막장극 .,", max_size=120),  # Hangul: words spaced, Latin punctuation
        st.text(max_size=40),
    ),
    max_size=40,
)
pages = page_lines.map("\n".join)

any_bytes = st.one_of(
    st.binary(max_size=2000),
    st.builds(_encode, pages, st.sampled_from(ENCODINGS)),
    st.builds(_mutate, st.sampled_from(SAMPLE_BYTES), st.integers(0, 2**32), st.integers(1, 30)),
    st.builds(lambda page, encoding, seed: _mutate(_encode(page, encoding), seed, 5), pages, st.sampled_from(ENCODINGS), st.integers(0, 2**32)),
)
