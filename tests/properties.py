"""What every cleaning must satisfy, as one check, and inputs to try it on.

Shared by the property tests (tests/test_reliability.py) and the fuzzer
(``python -m tests.fuzz``).
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from cleaner import Config, DecodeError, PageTooLarge, clean_bytes, clean_text, decode
from cleaner.pipeline import Result
from cleaner.segment import segment

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
    # Idempotent and deterministic.
    assert clean_text(result.text, config).text == result.text
    again = clean_text(text, config)
    assert again.text == result.text and again.decisions == result.decisions


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
