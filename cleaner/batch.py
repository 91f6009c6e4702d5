"""Many files: read, clean, write, and say what happened to each.

Nothing here prints; every file ends as an :class:`Outcome` that the CLI
renders. A file that cannot be read, decoded or written becomes an outcome
with ``error`` set and the run goes on.
"""

from __future__ import annotations

import enum
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .decode import BinaryInput, DecodeError
from .files import Source, write_atomic
from .pipeline import Config, Result, clean_bytes


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

    @property
    def ok(self) -> bool:
        return self.error is None


def process(source: Source, config: Config, mode: Mode, output_dir: Path | None = None, data: bytes | None = None) -> Outcome:
    """Clean one source; never raises for a problem with that one file."""
    started = time.perf_counter()
    outcome = Outcome(source.path, source.rel)
    if source.error:
        outcome.error = source.error
        return outcome
    try:
        before = source.path.stat() if data is None else None
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
    outcome.result = result
    outcome.output = result.text.encode("utf-8")
    outcome.changed = outcome.output != data
    source_info = result.source
    if source_info is not None and source_info.lossy:
        outcome.warnings.append(
            f"decoded as {source_info.encoding} with {source_info.replaced} replacement character(s); "
            "the bytes are not valid in any encoding tried"
        )
    try:
        if mode is Mode.OUTPUT_DIR and output_dir is not None:
            target = output_dir / source.rel
            write_atomic(target, outcome.output)
            outcome.written = target
        elif mode is Mode.IN_PLACE and outcome.changed:
            if before is not None and _moved(source.path, before):
                outcome.error = "changed while being cleaned; left as it is"
            else:
                write_atomic(source.path, outcome.output, like=source.path, durable=True)
                outcome.written = source.path
    except OSError as exc:
        outcome.error = f"cannot write: {_describe(exc)}"
    outcome.seconds = time.perf_counter() - started
    return outcome


def _moved(path: Path, before: os.stat_result) -> bool:
    try:
        now = path.stat()
    except OSError:
        return True
    return (now.st_mtime_ns, now.st_size, now.st_ino) != (before.st_mtime_ns, before.st_size, before.st_ino)


def _describe(exc: OSError) -> str:
    message = exc.strerror or str(exc)
    return message[0].lower() + message[1:] if message else type(exc).__name__


def run(sources: Iterable[Source], config: Config, mode: Mode, output_dir: Path | None = None) -> Iterator[Outcome]:
    """Process sources one after another, in order."""
    for source in sources:
        yield process(source, config, mode, output_dir)
