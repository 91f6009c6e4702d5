"""The compiled core is the one loaded, and decides exactly as its
interpreted reference (the same ``.py`` files run as Python) does: on every
line of the dev sets and generated strings for the statistics, and on every
page of the dev sets, the unlabeled pages, the samples and generated pages
for the whole engine (text, and every decision with its evidence)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean_bytes, clean_text, compiled
from cleaner.decode import plausibility
from cleaner.features import FIELDS, features

from . import reference
from .conftest import ROOT, sample_pages
from .properties import pages

SHARED = ROOT.parent / "shared" / "eval"


def real_pages() -> list[Path]:
    dev = sorted(p for p in SHARED.glob("dev/*/*.txt") if not p.name.endswith(".gold.txt"))
    unlabeled = sorted(p for p in (SHARED / "unlabeled").rglob("*") if p.is_file())
    return dev + unlabeled + sample_pages()


def test_the_compiled_core_is_loaded_and_built_from_its_source():
    assert compiled.missing() == [] and compiled.stale() == [], compiled.status()


@pytest.mark.parametrize("name", compiled.MODULES)
def test_the_compiled_modules_pass_their_own_examples(name):
    module = importlib.import_module(f"cleaner.{name}")
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert outcome.attempted > 0 and outcome.failed == 0


def _fields(found) -> tuple:
    return tuple(getattr(found, name) for name in FIELDS)


# Characters where the statistics change their mind: marks, digits of other
# scripts, clause and sentence marks, closers, Han beyond the BMP, Thai.
_TRICKY = "，、；,;：:。！？!?.…．;；0123456789٣१ abc_ ABC一二三四十（(）)”’\"'」』]】》〕»›،؛፣፤۔؟।॥።፧။។։ाि्ั゙ุ𠀀İK•-*"


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_TRICKY), st.characters()), max_size=40))
def test_statistics_match_the_reference(text):
    assert _fields(features(text)) == _fields(reference.module("features").features(text))


@pytest.mark.slow
def test_statistics_match_the_reference_on_every_real_line():
    interpreted = reference.module("features").features
    lines = {line.strip() for page in real_pages() for line in page.read_bytes().decode("utf-8", "replace").splitlines()}
    differ = [line for line in lines if _fields(features(line)) != _fields(interpreted(line))]
    assert len(lines) > 100_000 and differ == []


# Mojibake is what plausibility weighs: Latin letters beside accented ones,
# case flips, C1 controls, private use, Hangul, half-width katakana.
_MOJIBAKE = "abcXYZ éèçÀÉÃ©Â пРИВЕт Dйjа\x01\x7f\x85\x9f\ue000\ufffd가힣ｱ─ﺃ¡¿会议强调，。" + "\U00020000\U0002a6d6"


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_MOJIBAKE), st.characters()), max_size=40))
def test_plausibility_matches_the_reference(text):
    assert plausibility(text) == reference.module("decode").plausibility(text)


@pytest.mark.slow
def test_plausibility_matches_the_reference_on_real_pages_read_in_the_wrong_encodings():
    interpreted = reference.module("decode").plausibility
    texts = [page.read_bytes()[:8000].decode(name, "replace") for page in real_pages()[::5] for name in ("gb18030", "big5", "cp1252", "cp932")]
    assert len(texts) > 500 and [text for text in texts if plausibility(text) != interpreted(text)] == []


def _outcome(result) -> tuple:
    return result.text, [(d.block.index, d.reason.value, d.evidence, d.ref) for d in result.decisions]


@pytest.mark.slow
def test_every_real_page_is_cleaned_as_the_reference_cleans_it():
    interpreted = reference.module("pipeline").clean_bytes
    pages = real_pages()
    differ = [page.name for page in pages if _outcome(clean_bytes(page.read_bytes())) != _outcome(interpreted(page.read_bytes()))]
    assert len(pages) > 900 and differ == []


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(pages)
def test_generated_pages_are_cleaned_as_the_reference_cleans_them(text):
    assert _outcome(clean_text(text)) == _outcome(reference.module("pipeline").clean_text(text))
