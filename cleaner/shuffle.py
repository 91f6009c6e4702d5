"""The cross-file stages of a run as a map and a reduce by key.

On one machine the stages keep their state in one process: the template
counts (:mod:`cleaner.templates`) and the index of originals
(:mod:`cleaner.dedup_across`). On a cluster (:mod:`cleaner.cluster`) no
node sees every page, so each stage is cut in three:

* a **map**, where the pages are: each worker sends what its pages are known
  by, split into ``partitions`` by key (a line hash, an LSH band key, a
  paragraph digest);
* a **reduce** per partition, which sees every page that has one of its keys
  and nothing else: it sums the template counts, or compares the pages that
  share a band key, or finds the first page of each paragraph;
* a **resolve** on the driver over what the reduces found, which is the size
  of the duplicates, not of the corpus.

The functions here are the same on any scheduler (no import of Ray), and
give what the one-process stage gives: same counts, same originals, same
repeated paragraphs. Pages are numbered by :func:`ordinal`, so that the
driver can put in the run's order what arrives in any order.
"""

from __future__ import annotations

import bisect
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .dedup_across import DedupAcross, Sketch, article_paragraphs, band_keys, compare, pages, paragraph_digest, sketch
from .outcome import Original, Outcome, Verdict
from .pipeline import Config, Result

ITEM_BITS = 28  # pages of one file: 268 million
UNIT_BITS = 12  # files of one unit of work: 4,096
LINE_MASK = 0xFFFFFF  # an original's line, as the index keeps it


def ordinal(unit: int, item: int, page: int) -> int:
    """A page's place in the run: the unit of work it came in, the file's
    place in the unit, the page's place in the file. Ordinals sort as the
    run's order does."""
    if page >> ITEM_BITS or item >> UNIT_BITS:
        raise ValueError(f"a file of more than {1 << ITEM_BITS} pages, or a unit of more than {1 << UNIT_BITS} files")
    return (unit << UNIT_BITS | item) << ITEM_BITS | page


def unit_of(number: int) -> int:
    return number >> (UNIT_BITS + ITEM_BITS)


# --- templates: a count per line hash ---------------------------------------


def count_lines(hash_sets: Iterable[set[int]], partitions: int) -> list[dict[int, int]]:
    """Map: how many of these pages hold each hash, split by hash."""
    counts: list[dict[int, int]] = [{} for _ in range(partitions)]
    for hashes in hash_sets:
        for value in hashes:
            part = counts[value % partitions]
            part[value] = part.get(value, 0) + 1
    return counts


def sum_lines(parts: Iterable[dict[int, int]]) -> tuple[array, array]:
    """Reduce: one partition's counts, summed, as two sorted arrays (hashes,
    counts). A hash on one page only is left out: for the cleaner a count of
    1 says what no count says (:func:`cleaner.boilerplate._template_hits`
    treats both as 1)."""
    total: dict[int, int] = {}
    for part in parts:
        for value, count in part.items():
            total[value] = total.get(value, 0) + count
    shared = sorted((value, count) for value, count in total.items() if count > 1)
    return array("Q", [value for value, _ in shared]), array("I", [min(count, 0xFFFFFFFF) for _, count in shared])


class Counts:
    """The summed partitions, looked up like the one-process count dict: a
    binary search in the partition of the hash."""

    def __init__(self, partitions: list[tuple[array, array]]):
        self.partitions = partitions

    def get(self, value: int, default: int = 0) -> int:
        keys, counts = self.partitions[value % len(self.partitions)]
        at = bisect.bisect_left(keys, value)
        return counts[at] if at < len(keys) and keys[at] == value else default

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self.partitions)


# --- dedup across: band keys and paragraph digests ---------------------------


@dataclass(frozen=True)
class Keyed:
    """What a worker sends of a page to one partition: the page, its name,
    its sketch, and the keys that fall in the partition."""

    page: int
    name: str
    sketch: Sketch | None  # (the paragraph shuffle needs none)
    keys: tuple  # band keys; or (digest, which paragraph, its first line)


@dataclass
class Mapped:
    """A unit of work's contribution to the cross-file stage: which of its
    pages are too short to compare, its band keys and paragraph digests
    split into partitions, and how many pages it has."""

    too_short: set[int]
    bands: list[list[Keyed]]
    paragraphs: list[list[Keyed]]
    pages: int = 0


def map_pages(outcomes: Iterable[tuple[int, Outcome]], unit: int, partitions: int, config: Config) -> Mapped:
    """Map: the sketches and keys of the pages of the outcomes (each with its
    place in the unit)."""
    mapped = Mapped(set(), [[] for _ in range(partitions)], [[] for _ in range(partitions)])
    for item, outcome in outcomes:
        for at, (name, result, _) in enumerate(pages(outcome)):
            mapped.pages += 1
            number = ordinal(unit, item, at)
            page = sketch(result)
            if page is None:
                mapped.too_short.add(number)
                continue
            _split(mapped.bands, Keyed(number, name, page, tuple(band_keys(page.article))), lambda key: key)
            digests = [(paragraph_digest(text), at, line) for at, (line, text, _) in enumerate(article_paragraphs(result, config))]
            _split(mapped.paragraphs, Keyed(number, name, None, tuple(digests)), lambda key: key[0])
    return mapped


def _split(parts: list[list[Keyed]], keyed: Keyed, hashed) -> None:
    """The page to each partition that one of its keys falls in, with those keys."""
    by_part: dict[int, list] = defaultdict(list)
    for key in keyed.keys:
        by_part[hashed(key) % len(parts)].append(key)
    for part, keys in sorted(by_part.items()):
        parts[part].append(Keyed(keyed.page, keyed.name, keyed.sketch, tuple(keys)))


Edge = tuple[int, int, float, float, str]  # (page, earlier page, similarity, shared, earlier page's name)


def pairs(parts: Iterable[list[Keyed]], part: int = 0, partitions: int = 1) -> list[Edge]:
    """Reduce: the pairs of pages that share a band key of this partition
    (``part`` of ``partitions``) and of which the later repeats the earlier
    (:func:`compare`), whether or not the earlier turns out to be an
    original. A pair that shares keys in several partitions is compared in
    the partition of the smallest of them only.

    Of pages with one sketch (the same article, size and furniture: a
    mirror, a page scraped twice), only the first can be an original: each
    later one repeats it, and whatever it repeats, they repeat. So a page is
    paired with the first page of each sketch before it in a bucket, not
    with every page before it: a bucket of k copies of one page costs k
    comparisons, not k² / 2."""
    buckets: dict[int, list[int]] = defaultdict(list)
    known: dict[int, Keyed] = {}
    for some in parts:
        for keyed in some:
            known[keyed.page] = keyed
            for key in keyed.keys:
                buckets[key].append(keyed.page)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        firsts: dict[tuple, int] = {}
        for page in sorted(set(members)):
            candidates.update((page, first) for first in firsts.values())
            firsts.setdefault(_identity(known[page].sketch), page)
    keys: dict[int, set[int]] = {}  # (a page's band keys in every partition, made once a page)
    edges = []
    for later, earlier in sorted(candidates):
        if partitions > 1 and min(_keys(keys, known[later]) & _keys(keys, known[earlier])) % partitions != part:
            continue
        found = compare(known[later].sketch, known[earlier].sketch)
        if found is not None:
            edges.append((later, earlier, *found, known[earlier].name))
    return edges


def _keys(made: dict[int, set[int]], keyed: Keyed) -> set[int]:
    if keyed.page not in made:
        made[keyed.page] = set(band_keys(keyed.sketch.article))
    return made[keyed.page]


def _identity(page: Sketch) -> tuple:
    return page.article.tobytes(), page.size, page.furniture.tobytes()


def originals(edges: Iterable[Edge]) -> dict[int, Original]:
    """Resolve: the copies among the pages, each with its original, as the
    one-process index decides: in the run's order, a page repeats the most
    similar (then the earliest) of the earlier pages it repeats that are
    not copies themselves."""
    by_page: dict[int, dict[int, Edge]] = defaultdict(dict)
    for edge in edges:
        by_page[edge[0]][edge[1]] = edge  # (a pair that shares keys in two partitions comes twice)
    copies: dict[int, Original] = {}
    for page in sorted(by_page):
        best: Edge | None = None
        for edge in by_page[page].values():
            if edge[1] in copies:
                continue
            if best is None or edge[2] > best[2] or edge[2] == best[2] and edge[1] < best[1]:
                best = edge
        if best is not None:
            copies[page] = Original(best[4], round(best[2], 3), round(best[3], 3))
    return copies


Repeat = tuple[int, int, str, int]  # (page, which of its paragraphs, earlier original, its line)


def first_paragraphs(parts: Iterable[list[Keyed]], copies: set[int] | frozenset[int]) -> list[Repeat]:
    """Reduce: the paragraphs of this partition's digests that an earlier
    original has. Only originals (pages not in ``copies``) count, and a
    digest belongs to the first of them (within it, to its first paragraph)."""
    holders: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for part in parts:
        for keyed in part:
            if keyed.page in copies:
                continue
            for digest, at, line in keyed.keys:
                holders[digest].append((keyed.page, at, line, keyed.name))
    found = []
    for members in holders.values():
        members.sort()
        page, _, line, name = members[0]
        found.extend((other, at, name, min(line, LINE_MASK)) for other, at, _, _ in members[1:] if other != page)
    return found


@dataclass
class Found:
    """What the reduces found of the pages of one unit of work: which are
    too short to compare, which are copies (and of what), and which
    paragraphs of the others an earlier original has."""

    too_short: set[int]
    copies: dict[int, Original]
    repeats: dict[int, list[tuple[int, str, int]]]  # page -> (which paragraph, earlier original, its line)


def settle(across: DedupAcross, outcome: Outcome, unit: int, item: int, found: Found) -> None:
    """Apply to the outcome's pages what the shuffle found, as the
    one-process stage applies what its index finds."""
    numbers = iter(range(1 << ITEM_BITS))

    def judge(name: str, result: Result) -> tuple[Verdict, Result | None]:
        number = ordinal(unit, item, next(numbers))
        if number in found.too_short:
            return Verdict(too_short=True), None
        original = found.copies.get(number)
        if original is not None:
            return across.copy(result, original)
        repeated = sorted(found.repeats.get(number, ()))
        return across.original(result, article_paragraphs(result, across.config) if repeated else [], repeated)

    across.settle(outcome, judge)
