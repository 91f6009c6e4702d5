"""A corpus run: many files cleaned as one run, as a library call.

:func:`clean_corpus` is what the ``cleaner`` command runs on folders: it
finds the files under the paths, learns the run's templates first when
asked (:mod:`cleaner.templates`), cleans every file, puts the files through
the cross-file stage when asked (:mod:`cleaner.dedup_across`), writes them
where the mode says, and yields an :class:`~cleaner.outcome.Outcome` for
each file, in the files' sorted order.

With several jobs, worker processes clean (and, when nothing crosses files,
write) while this process takes the outcomes back in the run's order, a
bounded number at a time (:mod:`cleaner.pool`): the output is the same as
with one job, and memory holds a few files per worker, whatever the size of
the folder.

    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("网站首页 公文大全 范文\\n会议强调，要牢记使命担当。\\n", encoding="utf-8")
    >>> [(o.rel.name, o.result.text) for o in clean_corpus([folder], jobs=1)]
    [('a.txt', '会议强调，要牢记使命担当。\\n')]
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import parts, pool
from .dedup_across import DedupAcross
from .files import Claims, Source, discover
from .formats import Reading, output_name
from .outcome import Mode, Outcome, deliver, prepare
from .pipeline import Config
from .templates import Templates, learn

# Files a worker takes at a time: one round trip, and one wake-up of the
# parent, a chunk. Small while what comes back may be large (every decision
# and the text, see _Job.in_full), which the window then holds; larger when it
# is counts, where the parent's work per chunk is what keeps two jobs from
# cleaning twice as fast as one.
CHUNK = 4
SLIM_CHUNK = 32
DEDUP_ACROSS = ("keep", "drop")  # what --dedup-across does with a later copy
ENGINES = ("local", "ray")


def clean_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    mode: Mode = Mode.DRY,
    output: str | os.PathLike[str] | None = None,
    templates: bool = False,
    dedup_across: str | None = None,
    jobs: int = 0,
    reading: Reading = Reading(),
    globs: Sequence[str] = (),
    details: bool = True,
    report: bool = False,
    progress: Done | None = None,
    engine: str = "local",
    address: str | None = None,
) -> Iterator[Outcome]:
    """Clean the files named by ``paths`` (one path, or several) and under the folders among them
    (walked in sorted order; ``globs`` select and exclude, see
    :func:`cleaner.files.discover`), and yield each file's outcome in that
    order.

    ``mode`` says where output goes: nothing written (``Mode.DRY``, the
    default: the outcomes hold it), under ``output`` at the same relative
    path (``Mode.OUTPUT_DIR``), or over the inputs (``Mode.IN_PLACE``).
    ``templates``: learn the lines many files share first (``--templates``).
    ``dedup_across``: ``"keep"`` finds near-duplicate files and paragraphs
    repeated across files, ``"drop"`` also leaves them out
    (``--dedup-across``). ``jobs``: worker processes, 0 for one per core
    (a file alone is cleaned here, unless it is a file of documents large enough
    to cut into parts, see :mod:`cleaner.parts`). Without ``details``, outcomes written
    by workers come back without their decisions and text. ``report``: the
    caller writes report records (:mod:`cleaner.records`). ``progress``
    counts the bytes of input done, in whichever process does them.
    ``engine``: ``"local"``, this machine's processes, or ``"ray"``, the
    tasks of a Ray cluster (:mod:`cleaner.cluster`) at ``address`` (by
    default ``RAY_ADDRESS``, else a cluster of this machine's ``jobs``
    cores, started for the run): the same outcomes and output.
    """
    config = config or Config()
    _refuse_contradictions(mode, output, dedup_across, engine)
    paths = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(path) for path in paths]
    output = Path(output) if output is not None else None
    if len(paths) == 1 and not paths[0].is_dir() and not parts.large(paths[0], reading):
        jobs = 1  # (one file, cleaned whole: no pool to start)
    across = DedupAcross(dedup_across == "drop", config) if dedup_across else None
    if engine == "ray":
        from . import cluster  # (Ray is an extra: imported by the runs that use it)

        sources = _sources(paths, globs, mode, output, reading)
        learn_from = discover(paths, globs, exclude=[output] if output is not None else []) if templates else None
        job = _Job(config, mode, output, None, across is None, details or report or across is not None, reading, None, report, None)
        return cluster.run(sources, job, across, learn_from, cluster.Connection(address, jobs), progress)
    return _run(paths, globs, config, mode, output, across, jobs or pool.default_jobs(), templates, details, reading, progress, report)


def _refuse_contradictions(mode: Mode, output: Path | None, dedup_across: str | None, engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if dedup_across not in (None, *DEDUP_ACROSS):
        raise ValueError(f"dedup_across must be one of {DEDUP_ACROSS} or None, not {dedup_across!r}")
    if mode is Mode.OUTPUT_DIR and output is None:
        raise ValueError("Mode.OUTPUT_DIR needs an output folder")
    if dedup_across == "drop" and mode is Mode.IN_PLACE:
        raise ValueError("dedup_across='drop' would empty input files in place")


class Done:
    """A run's progress: its stage, the bytes of input that stage has done,
    added by whichever process does them (workers share the counter,
    inherited when they start), and the pages it has done, counted where
    they are seen (the driver of a cluster, or the bar that shows them)."""

    def __init__(self) -> None:
        import multiprocessing  # (a run on a terminal shows progress; others need not import it)

        self._done = multiprocessing.Value("q", 0)
        self.stage = "cleaning"
        self.pages = 0

    def start(self, stage: str) -> None:
        """A new stage (of a cluster's run), which goes over the input again."""
        with self._done.get_lock():
            self._done.value = 0
        self.stage, self.pages = stage, 0

    def add(self, size: int, pages: int = 0) -> None:
        with self._done.get_lock():
            self._done.value += size
        self.pages += pages

    @property
    def done(self) -> int:
        return self._done.value


def _run(
    paths: list[Path],
    globs: Sequence[str],
    config: Config,
    mode: Mode,
    output: Path | None,
    across: DedupAcross | None,
    jobs: int,
    learn_templates: bool,
    details: bool,
    reading: Reading,
    progress: Done | None,
    report: bool,
) -> Iterator[Outcome]:
    """Process the files in order, in this process or in ``jobs`` workers.
    Without ``details`` (and without a cross-file stage, which needs them),
    a JSON Lines or WARC file's documents are not kept; with ``report``, a
    file of documents not kept then brings its records in a spool file."""
    exclude = [output] if output is not None else []
    # A second walk for the templates rather than a list of every path: the
    # walk is sorted, so both passes see the same files in the same order.
    templates = learn(discover(paths, globs, exclude=exclude), config, jobs, reading) if learn_templates else None
    sources = _sources(paths, globs, mode, output, reading)
    keep = details or across is not None
    # (The report records of files of documents, spooled as they are
    # cleaned; whatever the run leaves there, it removes.)
    spool = Path(tempfile.mkdtemp(prefix="cleaner-report-")) if report and not keep else None
    job = _Job(config, mode, output, templates, across is None, keep, reading, progress, report, spool)
    try:
        if jobs <= 1:
            yield from _here(sources, job, across)
        else:
            yield from _in_workers(sources, job, across, jobs)
    finally:
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)


@dataclass(frozen=True)
class _Job:
    """What the job of every file of a run needs: the same for the whole
    run, handed to each worker once, when it starts."""

    config: Config
    mode: Mode
    output: Path | None
    templates: Templates | None
    write_here: bool  # the worker writes (no cross-file stage stands between cleaning and writing)
    keep: bool  # keep the documents of JSON Lines and WARC files
    reading: Reading
    progress: Done | None
    report: bool
    spool: Path | None

    def clean(self, item: Source | parts.Part) -> Outcome | parts.Cleaned:
        """Read and clean a file, or a part of one."""
        tick = self.progress.add if self.progress is not None else None
        if isinstance(item, parts.Part):
            return item.clean(self.config, self.reading, self.templates, self.keep, tick, self.spool)
        return prepare(item, self.config, templates=self.templates, reading=self.reading, keep=self.keep, progress=tick, spool=self.spool)

    def work(self, item: Source | parts.Part) -> Outcome | parts.Cleaned:
        """What a worker does with an item of the run's work: clean it,
        write it when no cross-file stage stands between cleaning and
        writing, and send back what the run needs of it."""
        outcome = self.clean(item)
        if isinstance(outcome, parts.Cleaned):
            return outcome
        return self.sent(self.deliver(outcome) if self.write_here else outcome)

    def deliver(self, outcome: Outcome) -> Outcome:
        """Write an outcome in a worker (its output bytes, written, are not sent back)."""
        outcome = deliver(outcome, self.mode, self.output)
        if self.mode is not Mode.STDOUT:
            outcome.output = b""  # (written: the run needs its size, not its bytes)
        return outcome

    def sent(self, outcome: Outcome) -> Outcome:
        """An outcome made lighter to send back: its output bytes are the
        result's text, encoded again on arrival (see :func:`arrived`), and
        the decoded input is not needed."""
        if outcome.container:
            return outcome
        result = outcome.result
        if result is not None:
            outcome.output = b""
            source_info = None if result.source is None else replace(result.source, text="")
            if self.in_full():
                outcome.result = replace(result, source=source_info)
            else:
                outcome.result = replace(result, text="", decisions=(), source=source_info)
        return outcome

    def in_full(self) -> bool:
        """Whether a worker sends back every decision and the text (kept
        for --explain, --diff or the cross-file stage, for --report
        records, or for standard output), rather than counts."""
        return self.keep or self.report or self.mode is Mode.STDOUT


def _here(sources: Iterable[Source], job: _Job, across: DedupAcross | None) -> Iterator[Outcome]:
    for source in sources:
        outcome = job.clean(source)
        if across is not None:
            across(outcome)
        yield deliver(outcome, job.mode, job.output)


def _in_workers(sources: Iterable[Source], job: _Job, across: DedupAcross | None, jobs: int) -> Iterator[Outcome]:
    """Without a cross-file stage the workers write too, and send back
    outcomes without the input bytes (and without the decisions, unless the
    caller renders them); with one, this process judges and writes. A large
    file of documents goes to the workers in parts (:mod:`cleaner.parts`),
    and this process writes it once it is whole again."""
    chunk = CHUNK if job.in_full() else SLIM_CHUNK
    spread = parts.Spread(job.reading)
    done = pool.ordered(jobs, spread.items(sources), _clean_job, job, _crashed, chunk, alone=parts.is_part)
    for outcome, whole_here in spread.gather(done):
        outcome = arrived(outcome)
        if across is not None:
            across(outcome)
        if across is not None or whole_here:
            outcome = deliver(outcome, job.mode, job.output)
        yield outcome


def _sources(paths: list[Path], globs: Sequence[str], mode: Mode, output: Path | None, reading: Reading) -> Iterator[Source]:
    """The run's files, in order (not the output folder's)."""
    sources = discover(paths, globs, exclude=[output] if output is not None else [])
    if mode is Mode.OUTPUT_DIR:
        sources = _claimed(sources, reading, Claims(len(paths)))
    return sources


def _claimed(sources: Iterable[Source], reading: Reading, claims: Claims) -> Iterator[Source]:
    """Under an output folder, an input whose output path an earlier input
    of the run holds is an error, not an overwrite (see :class:`Claims`)."""
    for source in sources:
        target = output_name(source.rel, reading.format)
        earlier = None if source.error else claims.claim(target, source.path)
        yield source if earlier is None else replace(source, error=f"its output {target} is also that of {earlier}; not written")


def _clean_job(item: Source | parts.Part) -> Outcome | parts.Cleaned:
    job: _Job = pool.worker_state()
    return job.work(item)


def arrived(outcome: Outcome) -> Outcome:
    """An outcome a worker sent back, with its output bytes again (see :meth:`_Job.sent`)."""
    if outcome.result is not None and outcome.result.text:
        outcome.output = outcome.result.text.encode("utf-8")
    return outcome


def _crashed(item: Source | parts.Part) -> Outcome | parts.Cleaned:
    if isinstance(item, parts.Part):
        return item.crashed()
    return Outcome(item.path, item.rel, error=parts.DIED)
