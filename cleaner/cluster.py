"""``--engine ray``: a corpus run on a Ray cluster, with the output of a run
on one machine.

The driver (the process that runs ``cleaner``) walks the inputs, which every
node sees at the same paths, and deals the files out in *units* of work: in
the run's order, up to UNIT_BYTES of input a unit (a file is never cut), one
Ray task each. The driver reads no input and writes no output; the workers
read the files and write the cleaned ones, atomically, so that a task Ray
runs again (its worker killed) leaves no half file behind.

Without a cross-file stage, a run is one pass: each unit is cleaned and
written, and the driver takes the outcomes back in the run's order, a
bounded number of units in flight.

``--templates`` adds a pass before it: each unit counts its pages' line
hashes into PARTITIONS by hash (a map), one reduce per partition sums them,
and the cleaning tasks look up the summed counts. Neither every line nor
every count reaches the driver, only the hashes that two pages or more share.

``--dedup-across`` cuts the run in three (:mod:`cleaner.shuffle`):

1. each unit is cleaned where its files are, and sends its pages' LSH band
   keys and paragraph digests to the partitions of those keys, while the
   cleaned pages wait in Ray's object store (spilled to local disk when it
   is full);
2. one reduce per partition compares the pages that share a band key; the
   driver resolves, from the pairs found, which page is a copy of which (the
   earliest page of an article is its original, as in a local run); then one
   reduce per partition finds the first original of each paragraph;
3. each unit takes what was found of its pages, applies it, and writes.

A unit whose task fails (its worker killed more often than Ray retries) is
run again file by file, and a file that fails alone is an error, as with
``--jobs``.
"""

from __future__ import annotations

import os
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import ray

from . import shuffle
from .corpus import arrived
from .dedup_across import DedupAcross
from .files import Source
from .outcome import Original, Outcome
from .templates import Templates, _hashes

UNIT_BYTES = 16 << 20  # input a task at most: enough that scheduling costs little against cleaning...
UNIT_SHARE = 4  # ...and at most a fourth of a CPU's share of the run, so that the last units leave few idle
MIN_UNIT_BYTES = 1 << 20
UNIT_FILES = 1000  # files a task at most (what comes back of a unit waits in the driver: its outcomes)
RETRIES = 3  # times Ray runs a task again whose worker died (its default, said here)
IN_FLIGHT = 2  # units per CPU of the cluster in flight: workers never wait, the driver holds few outcomes


@dataclass(frozen=True)
class Connection:
    """Which cluster: ``address`` (by default ``RAY_ADDRESS``), or a cluster of
    this machine's ``cpus`` (0: all of them), started for the run."""

    address: str | None = None
    cpus: int = 0

    def connect(self) -> int:
        """Join the cluster (unless this process already has), and return its CPUs."""
        if not ray.is_initialized():
            address = self.address or os.environ.get("RAY_ADDRESS")
            if address:
                ray.init(address=address, logging_level="warning")
            else:
                ray.init(num_cpus=self.cpus or None, include_dashboard=False, logging_level="warning")
        return max(1, int(ray.cluster_resources().get("CPU", 1)))


Unit = list[tuple[int, Source]]  # files, each with its place in the unit


def run(
    sources: Iterable[Source], job, across: DedupAcross | None, learn_from: Iterable[Source] | None, connection: Connection, progress=None
) -> Iterator[Outcome]:
    """The outcomes of the run of ``job`` (a :class:`cleaner.corpus._Job`) on
    the cluster, in the run's order; with templates learned first from the
    files ``learn_from`` (those of the run, less none that the run will
    refuse to write, as on one machine)."""
    cpus = connection.connect()
    stages = _Stages(progress)
    if learn_from is not None:
        job = replace(job, templates=_learn(_units(list(learn_from), cpus), job, max(2, cpus), stages))
    units = _units(list(sources), cpus)
    sizes = [_unit_size(unit) for unit in units]
    job_ref = ray.put(job)
    if across is None:
        stages.start("cleaning")
        done = _ordered(units, sizes, lambda number, unit: _clean.options(max_retries=RETRIES).remote(job_ref, unit), IN_FLIGHT * cpus, stages, _crashed)
    else:
        done = _dedup_across(units, sizes, job_ref, across.drop, max(2, cpus), IN_FLIGHT * cpus, stages)
    for outcome in done:
        yield arrived(outcome)


def _units(sources: list[Source], cpus: int) -> list[Unit]:
    """The files in units of work, in order (how they are cut changes no output)."""
    limit = min(UNIT_BYTES, max(MIN_UNIT_BYTES, sum(source.size() for source in sources) // (UNIT_SHARE * cpus)))
    units: list[Unit] = []
    unit: Unit = []
    size = 0
    for source in sources:
        unit.append((len(unit), source))
        size += source.size()
        if size >= limit or len(unit) == UNIT_FILES:
            units.append(unit)
            unit, size = [], 0
    if unit:
        units.append(unit)
    return units


def _unit_size(unit: Unit) -> int:
    return sum(source.size() for _, source in unit)


class _Stages:
    """The driver's progress: which stage, and the input bytes it has done
    (each stage goes over all of the input once)."""

    def __init__(self, progress):
        self.progress = progress

    def start(self, name: str) -> None:
        if self.progress is not None:
            self.progress.start(name)

    def add(self, size: int, pages: int = 0) -> None:
        if self.progress is not None:
            self.progress.add(size, pages)


# --- tasks ------------------------------------------------------------------


@ray.remote
def _clean(job, unit: Unit) -> list[Outcome]:
    return [job.work(source) for _, source in unit]


@ray.remote
def _count(job, unit: Unit, partitions: int):
    hash_sets = [hashes for _, source in unit for hashes in _hashes(source, job.config, job.reading)]
    return len(hash_sets), *shuffle.count_lines(hash_sets, partitions)


@ray.remote
def _sum(*parts):
    return shuffle.sum_lines(parts)


@ray.remote
def _map(job, unit: Unit, number: int, partitions: int):
    outcomes = [(item, job.clean(source)) for item, source in unit]
    mapped = shuffle.map_pages(outcomes, number, partitions, job.config)
    return mapped.pages, (outcomes, mapped.too_short), *mapped.bands, *mapped.paragraphs


@ray.remote
def _pairs(part: int, partitions: int, *parts):
    return shuffle.pairs(parts, part, partitions)


@ray.remote
def _first_paragraphs(copies, *parts):
    return shuffle.first_paragraphs(parts, copies)


@ray.remote
def _settle(job, drop: bool, cleaned, number: int, copies: dict, repeats: dict, items: set[int]) -> list[Outcome]:
    outcomes, too_short = cleaned
    across = DedupAcross(drop, job.config)
    found = shuffle.Found(too_short, copies, repeats)
    settled = []
    for item, outcome in outcomes:
        if item not in items:
            continue
        shuffle.settle(across, outcome, number, item, found)
        settled.append(job.sent(job.deliver(outcome)))
    return settled


# --- the driver -------------------------------------------------------------


def _ordered(units: list[Unit], sizes: list[int], submit: Callable, window: int, stages: _Stages, crashed: Callable) -> Iterator[Outcome]:
    """``submit(number, unit)`` for each unit, at most ``window`` in flight,
    and their outcomes in the units' order. A unit that fails is run again
    file by file; a file that fails alone is ``crashed``."""
    pending: deque = deque()
    for number, unit in enumerate(units):
        pending.append((number, unit, submit(number, unit)))
        if len(pending) >= window:
            yield from _take(pending.popleft(), submit, sizes, stages, crashed)
    while pending:
        yield from _take(pending.popleft(), submit, sizes, stages, crashed)


def _take(entry, submit: Callable, sizes: list[int], stages: _Stages, crashed: Callable) -> list[Outcome]:
    number, unit, ref = entry
    outcomes = _get(ref, number, unit, submit, crashed)
    stages.add(sizes[number])  # (the pages: where the outcomes are shown)
    return outcomes


def _get(refs, number: int, unit: Unit, submit: Callable, crashed: Callable) -> list[Outcome]:
    """The outcomes of a unit's task (or tasks: a list of refs)."""
    try:
        done = ray.get(refs)
    except ray.exceptions.RayError as exc:
        if not _died(exc):
            raise  # (a bug, raised in the task: as on one machine, the run stops with it)
        if len(unit) == 1:
            return [crashed(unit[0][1])]
        alone = [([item], submit(number, [item])) for item in unit]
        return [outcome for single, refs in alone for outcome in _get(refs, number, single, submit, crashed)]
    return [outcome for part in done for outcome in part] if isinstance(refs, list) else done


def _died(exc: ray.exceptions.RayError) -> bool:
    """Whether a task failed for its worker, node or object, not for its own code
    (a task whose argument was lost fails with the cause inside)."""
    if isinstance(exc, ray.exceptions.RayTaskError):
        return isinstance(exc.cause, ray.exceptions.RayError) and _died(exc.cause)
    return True


def _crashed(source: Source) -> Outcome:
    from .parts import DIED

    return Outcome(source.path, source.rel, error=DIED)


def _learn(units: list[Unit], job, partitions: int, stages: _Stages) -> Templates:
    """The run's template counts: a count per unit and partition, and a sum per partition."""
    stages.start("counting lines")
    job_ref = ray.put(job)
    counted = [_count.options(num_returns=1 + partitions, max_retries=RETRIES).remote(job_ref, unit, partitions) for unit in units]
    templates = Templates()
    for number, refs in enumerate(counted):
        try:
            pages = ray.get(refs[0])
        except ray.exceptions.RayError as exc:
            if not _died(exc):
                raise
            counted[number], pages = None, 0  # (its files count nothing, as a file whose worker died does locally)
        templates.pages += pages
        stages.add(_unit_size(units[number]), pages)
    counted = [refs for refs in counted if refs is not None]
    summed = ray.get([_sum.remote(*[refs[1 + part] for refs in counted]) for part in range(partitions)])
    templates.counts = shuffle.Counts(summed)
    return templates


@dataclass
class _Piece:
    """Some files of a unit (all of them, unless its task failed), cleaned
    and waiting: their outcomes in the object store, and their keys."""

    unit: Unit
    cleaned: object  # ObjectRef of (outcomes, too short)
    bands: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)


def _dedup_across(units: list[Unit], sizes: list[int], job_ref, drop: bool, partitions: int, window: int, stages: _Stages) -> Iterator[Outcome]:
    stages.start("cleaning")
    mapping = [_map.options(num_returns=2 + 2 * partitions, max_retries=RETRIES).remote(job_ref, unit, number, partitions) for number, unit in enumerate(units)]
    pieces = [_mapped(refs, number, unit, job_ref, partitions, sizes[number], stages) for number, (unit, refs) in enumerate(zip(units, mapping))]
    del mapping
    stages.start("finding copies")
    everything = [piece for unit_pieces in pieces for piece in unit_pieces if piece.bands]
    edges = ray.get([_pairs.remote(part, partitions, *[piece.bands[part] for piece in everything]) for part in range(partitions)])
    copies = shuffle.originals(edge for found in edges for edge in found)
    copies_ref = ray.put(frozenset(copies))
    repeats = ray.get([_first_paragraphs.remote(copies_ref, *[piece.paragraphs[part] for piece in everything]) for part in range(partitions)])
    by_unit = _by_unit(copies, (repeat for found in repeats for repeat in found))
    for piece in everything:
        piece.bands = piece.paragraphs = []
    del everything, edges, copies, copies_ref, repeats
    stages.start("writing")

    def settle(number: int, unit: Unit):
        found_copies, found_repeats = by_unit.get(number, ({}, {}))
        items = {item for item, _ in unit}  # (all the unit's; or one file, when the unit's task failed)
        return [
            _settle.options(max_retries=RETRIES).remote(job_ref, drop, piece.cleaned, number, found_copies, found_repeats, items)
            for piece in pieces[number]
            if any(item in items for item, _ in piece.unit)
        ]

    yield from _ordered(units, sizes, settle, window, stages, _crashed)


def _mapped(refs: list, number: int, unit: Unit, job_ref, partitions: int, size: int, stages: _Stages) -> list[_Piece]:
    """A unit cleaned and mapped: one piece, or a piece per file when its task failed."""
    try:
        pages = ray.get(refs[0])
    except ray.exceptions.RayError as exc:
        if not _died(exc):
            raise
        if len(unit) > 1:
            again = [(item, _map.options(num_returns=2 + 2 * partitions, max_retries=RETRIES).remote(job_ref, [item], number, partitions)) for item in unit]
            return [piece for item, refs in again for piece in _mapped(refs, number, [item], job_ref, partitions, item[1].size(), stages)]
        stages.add(size)
        item, source = unit[0]
        return [_Piece(unit, ray.put(([(item, _crashed(source))], set())))]
    stages.add(size, pages)
    return [_Piece(unit, refs[1], refs[2 : 2 + partitions], refs[2 + partitions :])]


def _by_unit(copies: dict[int, Original], repeats: Iterable[shuffle.Repeat]) -> dict[int, tuple[dict, dict]]:
    """What was found, grouped by the unit of the page it was found of."""
    by_unit: dict[int, tuple[dict, dict]] = defaultdict(lambda: ({}, {}))
    for page, original in copies.items():
        by_unit[shuffle.unit_of(page)][0][page] = original
    for page, at, earlier, line in repeats:
        by_unit[shuffle.unit_of(page)][1].setdefault(page, []).append((at, earlier, line))
    return dict(by_unit)
