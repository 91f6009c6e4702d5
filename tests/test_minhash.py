"""MinHash signatures: estimates of the Jaccard similarity of two texts'
shingles, the same from the compiled core and its interpreted reference."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.variants import edited, rewrapped
from cleaner.dedup_across import THRESHOLD
from cleaner.minhash import shingles, signature, similarity

from . import reference
from .conftest import ROOT, SAMPLES

CHINESE = (SAMPLES / "003_16ae7f1c72d43ddc.txt").read_text(encoding="utf-8")
OTHER = (SAMPLES / "002_1814720abe64748a.txt").read_text(encoding="utf-8")
ENGLISH = (ROOT.parent / "shared" / "eval" / "dev" / "cleaneval" / "105.gold.txt").read_text(encoding="utf-8")[:6000]


def exact(a: str, b: str) -> float:
    """The Jaccard similarity the signatures estimate, worked out in full."""

    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def replaced(text: str, share: float, seed: int) -> str:
    """``share`` of the letters or Han characters replaced at random."""
    rng = random.Random(seed)
    chars = list(text)
    spots = [i for i, c in enumerate(chars) if c.isalpha()]
    for i in rng.sample(spots, round(share * len(spots))):
        chars[i] = chr(0x4E00 + rng.randrange(20000)) if "\u4e00" <= chars[i] <= "\u9fff" else rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def test_a_rewrapped_copy_with_punctuation_swapped_is_the_same():
    base = signature(CHINESE)
    assert similarity(base, signature(rewrapped(CHINESE))) == 1.0
    assert similarity(base, signature(CHINESE.replace("，", ",").replace("。", "."))) == 1.0
    assert similarity(signature(ENGLISH), signature(ENGLISH.replace("\n", " ").upper())) == 1.0


def test_the_estimate_is_close_to_the_exact_similarity():
    pairs = [(CHINESE, edited(CHINESE, every=40)), (CHINESE, OTHER), (ENGLISH, edited(ENGLISH, every=30)), (ENGLISH, ENGLISH[:3000])]
    for seed, share in enumerate((0.02, 0.05, 0.1)):
        pairs += [(CHINESE, replaced(CHINESE, share, seed)), (ENGLISH, replaced(ENGLISH, share, seed))]
    for a, b in pairs:
        assert abs(similarity(signature(a), signature(b)) - exact(a, b)) < 0.12


def test_a_few_characters_changed_stay_above_the_threshold():
    """A re-scrape with 5% of its Han characters changed at random is still a
    copy, and one with 2% of its letters (5% changed letters leave English
    at about the threshold, where the estimate decides); an unrelated
    article is far below."""
    for seed in range(3):
        assert similarity(signature(CHINESE), signature(replaced(CHINESE, 0.05, seed))) >= THRESHOLD
        assert similarity(signature(ENGLISH), signature(replaced(ENGLISH, 0.02, seed))) >= THRESHOLD
    assert similarity(signature(CHINESE), signature(OTHER)) < 0.25
    assert similarity(signature(ENGLISH), signature(ENGLISH[3000:] + ENGLISH[:3000])) > 0.9  # (order hardly counts: sets of shingles)


def test_shingles_are_character_runs_of_the_comparison_key():
    assert shingles("会议强调，要牢记") == shingles("会议强调,\n要牢记") == {"会议", "议强", "强调", "调要", "要牢", "牢记"}
    assert "tsato" in shingles("The cat sat on the mat.")  # (five letters across a word boundary)
    assert shingles("") == set() and shingles("ab") == {"ab"}


def test_no_text_and_tiny_texts_have_a_signature():
    assert len(signature("")) == len(signature("a")) == len(signature("会")) == len(signature(CHINESE))
    assert similarity(signature("ab"), signature("ab")) == 1.0 and similarity(signature("ab"), signature("cd")) < 0.1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("会议强调，要牢记 abc ABC 123。\n"), st.characters()), max_size=200))
def test_the_compiled_signature_is_the_reference(text):
    interpreted = reference.module("minhash")
    assert signature(text) == interpreted.signature(text)
    assert similarity(signature(text), signature(text[::-1])) == interpreted.similarity(interpreted.signature(text), interpreted.signature(text[::-1]))
