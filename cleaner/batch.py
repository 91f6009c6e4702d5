"""Many files: read, clean, compare across files, write, and say what
happened to each.

Nothing here prints; every file ends as an :class:`Outcome` that the CLI
renders. A file that cannot be read, decoded or written becomes an outcome
with ``error`` set and the run goes on.

Each file goes through three stages: :func:`prepare` (read, decode, clean:
a pure function of the file), the cross-file stage (:class:`Across`, which
must see the files in the run's order), and :func:`deliver` (write).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .corpus import CrossFile
from .decode import BinaryInput, DecodeError
from .files import Source, write_atomic
from .layout import paragraphs
from .pipeline import Config, Decision, Page, Result, assemble, clean_bytes
from .reasons import Reason


class Mode(enum.Enum):
    """Where cleaned text goes."""

    STDOUT = "stdout"  # the caller writes Outcome.output
    OUTPUT_DIR = "output"  # under an output folder, same relative path
    IN_PLACE = "in-place"
    DRY = "dry"  # --check / --diff: nothing is written


@dataclass
class Outcome:
    """What happened to one input."""

    path: Path
    rel: Path
    result: Result | None = None
    output: bytes = b""
    bytes_in: int = 0
    changed: bool = False
    written: Path | None = None
    error: str | None = None
    skipped: str | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    duplicate_of: tuple[str, float] | None = None  # (path, similarity) of an earlier file
    dropped: bool = False  # not written: a near-duplicate of an earlier file
    repeated: list[tuple[int, str, int]] = field(default_factory=list)  # (line, earlier path, its line)
    data: bytes | None = field(default=None, repr=False)  # the input, until written

    @property
    def ok(self) -> bool:
        return self.error is None


def prepare(source: Source, config: Config, data: bytes | None = None) -> Outcome:
    """Read, decode and clean one source; never raises for a problem with that file."""
    started = time.perf_counter()
    outcome = Outcome(source.path, source.rel)
    if source.error:
        outcome.error = source.error
        return outcome
    try:
        if data is None:
            data = source.path.read_bytes()
        outcome.bytes_in = len(data)
        result = clean_bytes(data, config)
    except BinaryInput as exc:
        outcome.skipped = str(exc)
        return outcome
    except DecodeError as exc:
        outcome.error = f"cannot decode: {exc}"
        return outcome
    except OSError as exc:
        outcome.error = _describe(exc)
        return outcome
    except Exception as exc:  # a bug must cost one file, not the run
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
        return outcome
    _set_result(outcome, result, data)
    source_info = result.source
    if source_info is not None and source_info.lossy:
        outcome.warnings.append(
            f"decoded as {source_info.encoding} with {source_info.replaced} replacement character(s); "
            "the bytes are not valid in any encoding tried"
        )
    outcome.seconds = time.perf_counter() - started
    return outcome


def _set_result(outcome: Outcome, result: Result, data: bytes) -> None:
    outcome.result = result
    outcome.output = result.text.encode("utf-8")
    outcome.changed = outcome.output != data
    outcome.data = data


class Across:
    """The cross-file stage of a run (``--dedup-across``): ``keep`` reports
    near-duplicate documents and repeated paragraphs; ``drop`` also leaves
    later copies of a document unwritten and removes paragraphs an earlier
    file already has. Outcomes must come in the run's order."""

    def __init__(self, drop: bool, config: Config):
        self.drop = drop
        self.config = config
        self.memory = CrossFile()
        self.names: list[str] = []

    def __call__(self, outcome: Outcome) -> None:
        result = outcome.result
        if result is None:
            return
        number, twin = self.memory.document(result.text)
        self.names.append(str(outcome.path))
        if twin is not None:
            outcome.duplicate_of = (self.names[twin.document], round(twin.similarity, 3))
            if self.drop and self.config.enabled(Reason.DUP_DOCUMENT):
                evidence = f"repeats {self.names[twin.document]} ({twin.similarity:.0%} similar)"
                self._rebuild(outcome, {d.block.index: (Reason.DUP_DOCUMENT, evidence) for d in result.decisions if d.kept and not d.block.blank})
                outcome.dropped = True
            return
        page = Page([d.block for d in result.decisions], self.config)
        page.decisions = [None if d.kept else d for d in result.decisions]
        removals: dict[int, tuple[Reason, str]] = {}
        for para in paragraphs(page):
            first = self.memory.paragraph(number, para.blocks[0].line, para.text)
            if first is None:
                continue
            earlier, line = self.names[first[0]], first[1]
            outcome.repeated.append((para.blocks[0].line, earlier, line))
            for block in para.blocks:
                removals[block.index] = (Reason.DUP_ACROSS, f"also in {earlier} line {line}")
        if self.drop and removals and self.config.enabled(Reason.DUP_ACROSS):
            self._rebuild(outcome, removals)

    @staticmethod
    def _rebuild(outcome: Outcome, removals: dict[int, tuple[Reason, str]]) -> None:
        result = outcome.result
        assert result is not None and outcome.data is not None
        decisions = tuple(
            Decision(d.block, *removals[d.block.index]) if d.block.index in removals else d for d in result.decisions
        )
        blank = Reason.LAYOUT_BLANK
        # Blank lines that only separated what went are surplus now.
        kept = [d for d in decisions if d.kept]
        while kept and kept[-1].block.blank:
            kept.pop()
        last = kept[-1].block.index if kept else -1
        decisions = tuple(
            Decision(d.block, blank, "blank line after the text") if d.kept and d.block.blank and d.block.index > last else d
            for d in decisions
        )
        text, _ = assemble(decisions)
        _set_result(outcome, replace(result, text=text, decisions=decisions), outcome.data)


def deliver(outcome: Outcome, mode: Mode, output_dir: Path | None = None) -> Outcome:
    """Write a prepared outcome where the mode says; errors become the outcome's."""
    if outcome.result is None or outcome.dropped:
        outcome.data = None
        return outcome
    started = time.perf_counter()
    try:
        if mode is Mode.OUTPUT_DIR and output_dir is not None:
            target = output_dir / outcome.rel
            write_atomic(target, outcome.output)
            outcome.written = target
        elif mode is Mode.IN_PLACE and outcome.changed:
            if _moved(outcome.path, outcome.data):
                outcome.error = "changed while being cleaned; left as it is"
            else:
                write_atomic(outcome.path, outcome.output, like=outcome.path, durable=True)
                outcome.written = outcome.path
    except OSError as exc:
        outcome.error = f"cannot write: {_describe(exc)}"
    outcome.data = None
    outcome.seconds += time.perf_counter() - started
    return outcome


def _moved(path: Path, data: bytes | None) -> bool:
    """The file no longer holds what was cleaned."""
    try:
        return data is None or path.read_bytes() != data
    except OSError:
        return True


def _describe(exc: OSError) -> str:
    message = exc.strerror or str(exc)
    return message[0].lower() + message[1:] if message else type(exc).__name__


def process(source: Source, config: Config, mode: Mode, output_dir: Path | None = None, data: bytes | None = None) -> Outcome:
    """Prepare and deliver one source (no cross-file stage)."""
    return deliver(prepare(source, config, data), mode, output_dir)


def run(
    sources: Iterable[Source],
    config: Config,
    mode: Mode,
    output_dir: Path | None = None,
    across: Across | None = None,
) -> Iterator[Outcome]:
    """Process sources one after another, in order."""
    for source in sources:
        outcome = prepare(source, config)
        if across is not None:
            across(outcome)
        yield deliver(outcome, mode, output_dir)
