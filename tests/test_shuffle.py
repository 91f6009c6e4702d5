"""The cross-file stages as a map and a reduce by key (cleaner.shuffle) find
what the one-process stages find, however the pages are cut into units and
the keys into partitions."""

from __future__ import annotations

import copy
import random
from array import array
from pathlib import Path

import pytest

from bench.dedup_across import DEV, Builder, name, read_sources
from cleaner import minhash, shuffle
from cleaner.dedup_across import band_keys
from cleaner.corpus import clean_corpus
from cleaner.dedup_across import DedupAcross
from cleaner.files import discover
from cleaner.formats import Reading
from cleaner.pipeline import Config, clean_text
from cleaner.templates import Templates, _hashes, learn


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Pages of the same articles on several sites, re-scraped and re-wrapped,
    each site with its template; every tenth page also mirrored twice, word
    for word."""
    folder = tmp_path_factory.mktemp("corpus")
    builder = Builder(read_sources(DEV), seed=1)
    for n, doc in enumerate(builder.corpus(240)):
        for mirror in range(3 if n % 10 == 0 else 1):
            (folder / f"{name(1, n)}{'-mirror' * mirror}").write_text(doc.text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cleaned(corpus) -> list:
    return list(clean_corpus([corpus], jobs=1))


def _units(outcomes: list, rng: random.Random) -> list[list[tuple[int, object]]]:
    """The outcomes cut into units of 1 to 40 files, each file with its place in its unit."""
    units, at = [], 0
    while at < len(outcomes):
        size = rng.randint(1, 40)
        units.append(list(enumerate(outcomes[at : at + size])))
        at += size
    return units


def _verdicts(outcomes: list) -> list:
    return [(o.path, o.verdict, o.output, [(d.verdict, d.result and d.result.text) for d in o.documents]) for o in outcomes]


@pytest.mark.parametrize("drop", [False, True])
@pytest.mark.parametrize("seed, partitions", [(0, 1), (1, 3), (2, 7)])
def test_shuffled_dedup_across_decides_as_the_index(cleaned, drop, seed, partitions):
    config = Config()
    here = copy.deepcopy(cleaned)
    stage = DedupAcross(drop, config)
    for outcome in here:
        stage(outcome)
    assert sum(o.verdict.duplicate_of is not None for o in here) > 30  # (the corpus has copies to find)
    assert sum(bool(o.verdict.repeated) for o in here) > 0

    shuffled = copy.deepcopy(cleaned)
    units = _units(shuffled, random.Random(seed))
    mapped = [shuffle.map_pages(unit, number, partitions, config) for number, unit in enumerate(units)]
    edges = [edge for part in range(partitions) for edge in shuffle.pairs((m.bands[part] for m in mapped), part, partitions)]
    assert len({edge[:2] for edge in edges}) == len(edges)  # (each pair compared in one partition)
    copies = shuffle.originals(reversed(edges))  # (reduces finish in any order)
    repeats = [r for part in range(partitions) for r in shuffle.first_paragraphs((m.paragraphs[part] for m in mapped), frozenset(copies))]
    across = DedupAcross(drop, config)
    for number, (unit, m) in enumerate(zip(units, mapped)):
        found = shuffle.Found(m.too_short, {}, {})
        found.copies = {page: original for page, original in copies.items() if shuffle.unit_of(page) == number}
        for page, at, earlier, line in repeats:
            if shuffle.unit_of(page) == number:
                found.repeats.setdefault(page, []).append((at, earlier, line))
        for item, outcome in unit:
            shuffle.settle(across, outcome, number, item, found)
    assert _verdicts(shuffled) == _verdicts(here)


def test_summed_line_counts_are_the_counts_of_lines_on_two_pages_or_more(corpus):
    config = Config()
    learned = learn(discover([corpus]), config)
    hash_sets = [hashes for source in discover([corpus]) for hashes in _hashes(source, config, Reading())]
    halves = [hash_sets[: len(hash_sets) // 3], hash_sets[len(hash_sets) // 3 :]]
    mapped = [shuffle.count_lines(half, 4) for half in halves]
    counts = shuffle.Counts([shuffle.sum_lines(m[part] for m in mapped) for part in range(4)])
    shared = {value: count for value, count in learned.counts.items() if count > 1}
    assert len(counts) == len(shared) > 0
    assert all(counts.get(value) == count for value, count in shared.items())
    assert all(counts.get(value, 0) == 0 for value, count in learned.counts.items() if count == 1)
    assert len(hash_sets) == learned.pages


def test_a_count_of_one_cleans_as_no_count(corpus):
    """What the cluster leaves out of the counts changes no page."""
    config = Config()
    full = learn(discover([corpus]), config)
    pruned = Templates()
    pruned.pages = full.pages
    pruned.counts = {value: count for value, count in full.counts.items() if count > 1}
    changed = 0
    for path in sorted(corpus.iterdir())[:80]:
        text = path.read_text(encoding="utf-8")
        assert clean_text(text, config, templates=pruned) == clean_text(text, config, templates=full)
        changed += clean_text(text, config, templates=full).text != clean_text(text, config).text
    assert changed  # (the templates do take lines out)


def test_ordinals_sort_as_the_run():
    places = [(0, 0, 0), (0, 0, 5), (0, 1, 0), (0, 4095, 1 << 27), (1, 0, 0), (7, 3, 2)]
    numbers = [shuffle.ordinal(*place) for place in places]
    assert numbers == sorted(numbers)
    assert [shuffle.unit_of(n) for n in numbers] == [0, 0, 0, 0, 1, 7]


def test_a_bucket_of_one_page_mirrored_costs_a_comparison_a_page(monkeypatch):
    article = " ".join(f"word{n}" for n in range(200))
    page = shuffle.Sketch(*minhash.sketch(article), array("H"))
    keyed = [shuffle.Keyed(n, f"p{n}", page, tuple(band_keys(page.article))) for n in range(300)]
    compared = []
    real = shuffle.compare
    monkeypatch.setattr(shuffle, "compare", lambda *args: compared.append(1) or real(*args))
    edges = shuffle.pairs([keyed])
    assert len(compared) == len(edges) == 299
    assert set(shuffle.originals(edges)) == set(range(1, 300))
