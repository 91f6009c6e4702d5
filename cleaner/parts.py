"""``--jobs`` inside one file: a large JSON Lines or WARC file is cut into
parts between documents (:func:`cleaner.formats.cuts`), each part's
documents are cleaned by whichever worker is free, and the parts are put
back together, in order, into the file's :class:`~cleaner.outcome.Outcome`,
which is then judged and written as a whole.

A part's documents are numbered as in the file and cleaned as they would be
in it (a document's cleaning depends on nothing else in its file), so the
output, the report and the messages are the same for any number of jobs. A
file that cannot be read to its end is not cut: it is cleaned whole, where
its damage is told as always.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .files import Source
from .formats import CONTAINERS, Format, FormatError, Reading, by_name, cuts, output_name
from .outcome import MAX_PROBLEMS, Outcome, clean_documents, open_input, reading_error, set_output, spooling, ticks
from .pipeline import Config
from .templates import Templates

PART_BYTES = 1 << 20  # a part: enough documents that sending them costs little against cleaning them
DIED = "the worker process cleaning this file died (out of memory?)"


@dataclass
class Part:
    """Some documents of a file, for one worker to clean."""

    path: Path
    rel: Path
    file: int  # which cut file of the run it belongs to (a path may be given twice)
    format: Format
    decompressed: bytes = field(repr=False)  # the part's bytes
    first: int  # the number of its first line or record in the file
    share: int  # bytes of the file as stored it stands for (for the progress)
    last: bool  # the file's last part

    def clean(
        self, config: Config, reading: Reading, templates: Templates | None, keep: bool, progress, spool: Path | None
    ) -> Cleaned:
        """Clean the part's documents into an outcome of its own, which
        :class:`Spread` adds to the file's."""
        started = time.perf_counter()
        outcome = Outcome(self.path, self.rel, format=self.format, bytes_in=self.share)
        try:
            with spooling(outcome, spool, keep) as records_out:
                clean_documents(outcome, self.decompressed, config, reading, templates, keep, ticks(outcome, len(self.decompressed), progress), records_out, self.first)
        except Exception as exc:  # (named as when the file is read whole)
            outcome.error = reading_error(exc)
        finally:
            if progress is not None:
                progress(outcome.bytes_in - outcome.ticked)
        outcome.seconds = time.perf_counter() - started
        return Cleaned(self.file, self.last, outcome)

    def crashed(self) -> Cleaned:
        outcome = Outcome(self.path, self.rel, error=DIED)
        return Cleaned(self.file, self.last, outcome)


@dataclass
class Cleaned:
    """A part, cleaned."""

    file: int
    last: bool
    outcome: Outcome


class Spread:
    """Cuts the large files of documents of a run into parts and puts them
    back together: :meth:`items` gives the run's work (a source, or the
    parts of one), :meth:`gather` the outcomes of whole files again."""

    def __init__(self, reading: Reading, size: int | None = None):
        self.reading = reading
        self.size = size or PART_BYTES
        self.files: dict[int, tuple[Outcome, list[bytes]]] = {}  # files in flight: what was read, and the output so far
        self.serial = itertools.count()

    def items(self, sources: Iterable[Source]) -> Iterator[Source | Part]:
        for source in sources:
            parts = self._cut(source)
            if parts is None:
                yield source
            else:
                yield from parts

    def gather(self, done: Iterable[Outcome | Cleaned]) -> Iterator[tuple[Outcome, bool]]:
        """Each file's outcome, and whether it was put together here (and
        so is not written yet)."""
        for item in done:
            if not isinstance(item, Cleaned):
                yield item, False
                continue
            outcome, output = self.files[item.file]
            _add(outcome, output, item.outcome)
            if item.last:
                del self.files[item.file]
                set_output(outcome, output, outcome.input)
                yield outcome, True

    def _cut(self, source: Source) -> Iterator[Part] | None:
        """The parts of a large file of documents, or None to clean it whole
        (small, by its name not a file of documents, or not readable to its end)."""
        if source.error is not None or not large(source.path, self.reading, self.size):
            return None
        outcome = Outcome(source.path, source.rel, target=output_name(source.rel, self.reading.format), text_field=self.reading.text_field)
        try:
            data = source.path.read_bytes()
            plain = open_input(outcome, data, self.reading)
            if outcome.damage is not None or not outcome.container:
                return None
            places = cuts(plain, outcome.format, self.size)
        except (OSError, FormatError):
            return None
        if len(places) < 2:
            return None
        outcome.raw, outcome.decompressed = data, plain if outcome.compression else None
        file = next(self.serial)
        self.files[file] = (outcome, [])
        return _parts(outcome, file, plain, places)


def _parts(outcome: Outcome, file: int, plain: bytes, places: list[tuple[int, int, int]]) -> Iterator[Part]:
    told = 0
    for start, end, first in places:
        share = outcome.bytes_in * end // len(plain) - told
        told += share
        yield Part(outcome.path, outcome.rel, file, outcome.format, plain[start:end], first, share, end == len(plain))


def large(path: Path, reading: Reading, size: int | None = None) -> bool:
    """Whether a file is, by its name, a file of documents large enough to cut."""
    try:
        return by_name(path, reading.format) in CONTAINERS and path.stat().st_size >= (size or PART_BYTES)
    except OSError:
        return False


def is_part(item: object) -> bool:
    """Whether an item of the run's work is a part (which travels alone)."""
    return isinstance(item, Part)


def _add(outcome: Outcome, output: list[bytes], part: Outcome) -> None:
    """A cleaned part, added to its file's outcome. After a part that failed
    as a whole (the file's error, as when it is read whole, where reading
    stops there), the parts that follow add nothing."""
    if outcome.error is not None:
        return
    outcome.error = part.error
    output.append(part.output)
    outcome.counts.update(part.counts)
    outcome.add_problems(part.problems[:MAX_PROBLEMS], part.problem_count)
    outcome.damage = outcome.damage or part.damage
    outcome.documents.extend(part.documents)
    outcome.spools.extend(part.spools)
    outcome.spooled += part.spooled
    outcome.seconds += part.seconds

