"""One input of a run: read, decode, clean and write it, and say what
happened in its :class:`Outcome`.

Nothing here prints; the CLI renders outcomes. A file that cannot be read,
decoded or written becomes an outcome with ``error`` set, and the run goes
on. :func:`prepare` reads, decodes and cleans (a pure function of the file
and of what the run learned before it); :func:`deliver` writes. A corpus
run (:mod:`cleaner.corpus`) puts its cross-file stage between the two.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import records
from .decode import BinaryInput, DecodeError, Decoded, decode
from .files import Source, os_message, write_atomic
from .formats import CONTAINERS, Format, FormatError, MissingExtra, Reading, Record, ending_as, html_text, output_name, pack, read_jsonl, read_warc, sniff, unpack, write_jsonl
from .pipeline import Config, PageTooLarge, Result, clean_text
from .templates import Templates

MAX_PROBLEMS = 20  # problems of one file told one by one


class Mode(enum.Enum):
    """Where cleaned text goes."""

    STDOUT = "stdout"  # the caller writes Outcome.output
    OUTPUT_DIR = "output"  # under an output folder, same relative path
    IN_PLACE = "in-place"
    DRY = "dry"  # --check / --diff: nothing is written


class Original(NamedTuple):
    """The earlier page a page repeats, and how alike their articles are."""

    path: str
    similarity: float  # the estimated Jaccard similarity of their shingles
    shared: float  # the estimated share of the shorter one's shingles the other has


@dataclass
class Verdict:
    """What the cross-file stage (``--dedup-across``) found about a page."""

    duplicate_of: Original | None = None
    dropped: bool = False  # not written: a near-duplicate of an earlier page
    repeated: list[tuple[int, str, int]] = field(default_factory=list)  # (line, earlier page, its line)
    too_short: bool = False  # its article is too short to compare with other pages'


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
    verdict: Verdict = field(default_factory=Verdict)  # with --dedup-across
    raw: bytes | None = field(default=None, repr=False)  # the input as stored, until written
    bytes_out: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # removed blocks by reason code
    format: Format = Format.TEXT
    compression: str | None = None  # of the input, used again on writing
    documents: list[Document] = field(default_factory=list)  # a JSON Lines or WARC file's documents
    decompressed: bytes | None = field(default=None, repr=False)  # the input, when it was compressed
    text_field: str = "text"  # the field a JSON Lines file's documents are cleaned in
    problems: list[str] = field(default_factory=list)  # parts of a written file that failed (see add_problems)
    problem_count: int = 0
    damage: str | None = None  # why the input could not be read to its end: never written over in place
    target: Path | None = None  # where its output goes under an output folder
    ticked: int = 0  # bytes of the input already told to the progress
    spools: list[Path] = field(default_factory=list)  # its documents' report records, written as they were cleaned
    spooled: int = 0  # how many

    def add_problem(self, problem: str) -> None:
        """A part of the file failed."""
        self.add_problems([problem], 1)

    def add_problems(self, told: list[str], count: int) -> None:
        """``count`` parts of the file failed, the first of them ``told``.
        Only the first MAX_PROBLEMS of a file are kept word for word (a
        shard read with the wrong --text-field fails in every record); the
        rest are counted in the last."""
        for problem in told:
            if self.problem_count < MAX_PROBLEMS:
                self.problems.append(problem)
            self.problem_count += 1
        self.problem_count += count - len(told)
        more = self.problem_count - MAX_PROBLEMS
        if more > 0:
            del self.problems[MAX_PROBLEMS:]
            self.problems.append(f"{more} more record{'s' if more > 1 else ''} could not be cleaned (see --report)")

    @property
    def failed(self) -> bool:
        """The file, or a part of it, could not be read or cleaned."""
        return self.error is not None or bool(self.problems)

    @property
    def writable(self) -> bool:
        """Cleaned, and not left out as a copy: there is something to write."""
        return self.error is None and self.skipped is None and not self.verdict.dropped

    @property
    def input(self) -> bytes | None:
        """The input's bytes, decompressed (until it is written)."""
        return self.decompressed if self.decompressed is not None else self.raw

    @property
    def container(self) -> bool:
        return self.format in CONTAINERS


@dataclass
class Document:
    """One document of a JSON Lines or WARC file: where it is (line number or
    record id), and its cleaning (None: it could not be read or cleaned,
    ``error`` says why, and it is written back as it was); with
    ``--dedup-across``, what the run found it repeats."""

    key: str
    result: Result | None
    url: str | None = None
    record: Record | None = field(default=None, repr=False)  # as read, until written
    verdict: Verdict = field(default_factory=Verdict)
    error: str | None = None

    def name(self, path: Path) -> str:
        """How the run names it: its file and its place there."""
        return f"{path} [{self.key}]"


def prepare(
    source: Source,
    config: Config,
    data: bytes | None = None,
    templates: Templates | None = None,
    reading: Reading = Reading(),
    keep: bool = True,
    progress: Callable[[int], None] | None = None,
    spool: Path | None = None,
) -> Outcome:
    """Read, decode and clean one source; never raises for a problem with that
    file. ``keep``: keep each document of a JSON Lines or WARC file (for the
    cross-file stage, ``--explain`` and ``--diff``); without it, a file of
    documents is cleaned a document at a time in memory that does not grow
    with the file, and with ``spool`` (a folder) each document's ``--report``
    record is written to a file there as it is cleaned (``Outcome.spools``).
    ``progress`` is told the bytes of the input done, as they are done."""
    started = time.perf_counter()
    outcome = Outcome(source.path, source.rel, target=output_name(source.rel, reading.format))
    if source.error:
        outcome.error = source.error
        return outcome
    try:
        data = source.path.read_bytes() if data is None else data
        plain, result = _clean_input(outcome, data, config, templates, reading, keep, progress, spool)
    except BinaryInput as exc:
        outcome.skipped = str(exc)
        return outcome
    except Exception as exc:  # (a bug too must cost one file, not the run)
        outcome.error = reading_error(exc)
        return outcome
    finally:
        if progress is not None:
            progress(outcome.bytes_in - outcome.ticked)
    outcome.raw, outcome.decompressed = data, plain if outcome.compression else None
    if result is not None:
        set_result(outcome, result)
        _warn(outcome, result.source, config)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _clean_input(
    outcome: Outcome,
    data: bytes,
    config: Config,
    templates: Templates | None,
    reading: Reading,
    keep: bool,
    progress: Callable[[int], None] | None,
    spool: Path | None,
) -> tuple[bytes, Result | None]:
    """The input decompressed, and its result (None for a file of
    documents, which are the outcome's, or a page copied through)."""
    plain = open_input(outcome, data, reading)
    if not outcome.container:
        return plain, _clean_page(outcome, plain, config, templates)
    with spooling(outcome, spool, keep) as records_out:
        clean_documents(outcome, plain, config, reading, templates, keep, ticks(outcome, len(plain), progress), records_out)
    return plain, None


def open_input(outcome: Outcome, data: bytes, reading: Reading) -> bytes:
    """The input decompressed; the outcome learns its size, compression,
    format, and any damage (what could be read is cleaned; the rest is
    reported)."""
    outcome.bytes_in = len(data)
    outcome.compression, plain, damage = unpack(data)
    if damage is not None:
        outcome.damage = damage
        outcome.add_problem(damage)
    outcome.format = sniff(outcome.path, plain, reading.format)
    return plain


def reading_error(exc: Exception) -> str:
    """What a failure to read and clean a file is told as."""
    if isinstance(exc, FormatError):
        return str(exc)
    if isinstance(exc, DecodeError):
        return f"cannot decode: {exc}"
    if isinstance(exc, OSError):
        return os_message(exc)
    return failure(exc)


def _warn(outcome: Outcome, source: Decoded | None, config: Config) -> None:
    """What the decoding of a page had to give up, told as warnings."""
    if source is not None and source.lossy:
        why = f"the encoding forced with --encoding ({config.encoding}) does not fit" if config.encoding else "the bytes are not valid in any encoding tried"
        outcome.warnings.append(f"decoded as {source.encoding} with {source.replaced} replacement character(s); {why}")
    if source is not None and source.nuls:
        outcome.warnings.append(f"{source.nuls} NUL byte(s) of padding dropped")


def ticks(outcome: Outcome, plain: int, progress: Callable[[int], None] | None) -> Callable[[int], None] | None:
    """What a file of documents tells ``progress`` as each document is done:
    bytes of the file as stored (compressed, perhaps), which the documents
    measure in bytes of the plain data."""
    if progress is None or not plain:
        return None
    read = 0

    def tick(size: int) -> None:
        nonlocal read
        read += size
        now = outcome.bytes_in * min(read, plain) // plain
        progress(now - outcome.ticked)
        outcome.ticked = now

    return tick


def page_text(plain: bytes, kind: Format, config: Config) -> tuple[str, Decoded | None]:
    """The text of a one-page input (plain text or HTML), and how it was decoded."""
    if kind is Format.HTML:
        if len(plain) > HTML_PER_CHAR * config.max_chars:
            raise PageTooLarge(f"too large to read as one page: {len(plain)} bytes of HTML")
        return html_text(plain), None
    if len(plain) > MAX_BYTES_PER_CHAR * config.max_chars:  # more characters than the limit, whatever the encoding
        raise PageTooLarge(f"too large to clean as one page: {len(plain)} bytes (the limit is {config.max_chars} characters)")
    decoded = decode(plain, config.encoding)
    return decoded.text, decoded


MAX_BYTES_PER_CHAR = 4  # (UTF-8 takes at most four bytes a character; GB18030 and UTF-16 as many)
HTML_PER_CHAR = 16  # HTML is mostly markup: this many bytes a character of text before it is refused unread


def _clean_page(outcome: Outcome, plain: bytes, config: Config, templates: Templates | None) -> Result | None:
    """Clean a text or HTML page. One too large to clean (``Config.max_lines``,
    ``max_chars``) is not lost: its text is written as it was (a text file byte
    for byte, an HTML file's text as read), and the outcome says why."""
    text = None
    try:
        text, decoded = page_text(plain, outcome.format, config)
        return clean_text(text, config, decoded, templates)
    except PageTooLarge as exc:
        if outcome.format is Format.HTML and text is None:
            raise FormatError(str(exc)) from None
        outcome.add_problem(f"{exc}; copied through unchanged")
        outcome.output = plain if outcome.format is not Format.HTML else (text or "").encode("utf-8")
        outcome.bytes_out = len(outcome.output)
        outcome.changed = outcome.format is Format.HTML
        return None


def set_result(outcome: Outcome, result: Result) -> None:
    outcome.result = result
    outcome.output = result.text.encode("utf-8")
    outcome.bytes_out = len(outcome.output)
    outcome.counts = result.counts
    outcome.changed = outcome.output != outcome.input


def clean_documents(
    outcome: Outcome,
    plain: bytes,
    config: Config,
    reading: Reading,
    templates: Templates | None = None,
    keep: bool = True,
    tick: Callable[[int], None] | None = None,
    records_out: Spool | None = None,
    first: int = 1,
) -> None:
    """Clean each document of a JSON Lines or WARC file (or of a part of
    one, whose first line or record is number ``first``), one at a time: its
    output line (JSON Lines) joins the file's output, its report record goes
    to ``records_out``, and the document itself is kept only with ``keep``.
    A record that cannot be read or cleaned is carried through as it was and
    is one of the outcome's problems; the others are cleaned."""
    outcome.text_field = reading.text_field
    out: list[bytes] = []
    outcome.counts = Counter()
    last = None
    try:
        for record in records_of(plain, outcome.format, reading, first):
            document = _document(record, config, templates)
            if document.error is not None:
                outcome.add_problem(f"{document.error}; carried through as it was")
            out.append(_document_line(document, outcome))
            last = record.key
            if keep:
                outcome.documents.append(document)
            if records_out is not None:
                records_out.add(document)
            if tick is not None:
                tick(record.size)
    except MissingExtra:
        raise
    except FormatError as exc:
        if last is None:
            raise  # nothing could be read: the file's own error
        outcome.damage = str(exc)  # the rest of a damaged archive (the file's report record says so)
        outcome.add_problem(str(exc))
    set_output(outcome, out, plain)


def spooling(outcome: Outcome, folder: Path | None, keep: bool) -> contextlib.AbstractContextManager[Spool | None]:
    """Where the documents' report records go as they are cleaned: a spool
    file in ``folder``, or nowhere (no folder, or the documents are kept)."""
    return Spool(outcome, folder) if folder is not None and not keep else contextlib.nullcontext()


def _document(record: Record, config: Config, templates: Templates | None) -> Document:
    document = Document(record.key, None, record.url, record, error=record.error)
    if record.text is not None:
        document.result, error = clean_document(record.text, config, templates)
        if error is not None:
            document.error = f"record {record.key}: {error}"
    return document


class Spool:
    """The report records of a file's documents, written to a file in the
    run's spool folder as they are cleaned, for the run to copy into the
    report in its order (:func:`cleaner.records.write`); the outcome's
    ``spools`` name them, ``spooled`` counts them."""

    def __init__(self, outcome: Outcome, folder: Path):
        self.outcome = outcome
        self.folder = folder

    def __enter__(self) -> Spool:
        fd, name = tempfile.mkstemp(suffix=".jsonl", dir=self.folder)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        self.outcome.spools.append(Path(name))
        return self

    def add(self, document: Document) -> None:
        self.handle.write(records.line(records.document_record(self.outcome.path, document)) + "\n")
        self.outcome.spooled += 1

    def __exit__(self, *_) -> None:
        self.handle.close()


def clean_document(text: str, config: Config, templates: Templates | None = None) -> tuple[Result | None, str | None]:
    """Clean the text of one document of many: its result, or (None) why it
    could not be cleaned. A bug or a limit costs that document, not the
    file or the dataset it is in, which is carried through as it was.

        >>> clean_document("x" * 11, Config(max_chars=10))
        (None, 'too large to clean as one page: 11 characters (the limit is 10)')
    """
    try:
        return clean_text(text, config, templates=templates), None
    except Exception as exc:
        return None, failure(exc)


def clean_in_pipeline(text: str, config: Config) -> tuple[str, Result | None, str]:
    """A document of another tool's pipeline (datatrove, Hugging Face
    datasets), cleaned as the command cleans a JSON Lines record: its text
    (ending as it did; as it was when it could not be cleaned), its result,
    and its ``--report`` record as JSON."""
    result, error = clean_document(text, config)
    cleaned = text if result is None else ending_as(text, result.text)
    return cleaned, result, records.line(records.cleaning(result, error))


def failure(exc: Exception) -> str:
    return str(exc) if isinstance(exc, PageTooLarge) else f"internal error: {type(exc).__name__}: {exc}"


def records_of(plain: bytes, kind: Format, reading: Reading, first: int = 1) -> Iterator[Record]:
    """The documents of a JSON Lines or WARC input (or part of one), as read."""
    return read_jsonl(plain, reading.text_field, first) if kind is Format.JSONL else read_warc(plain, first)


def write_documents(outcome: Outcome) -> None:
    """The output of a file of kept documents again (after the cross-file
    stage dropped or changed some)."""
    plain = outcome.input
    assert plain is not None  # (kept until delivered)
    outcome.counts = Counter()
    set_output(outcome, [_document_line(document, outcome) for document in outcome.documents], plain)


def _document_line(document: Document, outcome: Outcome) -> bytes:
    """A document's output line (nothing for one dropped as a copy, or for the
    unreadable rest of an archive), its removals counted in the outcome."""
    if document.verdict.dropped or document.record is None:
        return b""
    result = document.result
    if result is not None:
        outcome.counts.update(result.counts)
    return write_jsonl(document.record, outcome.text_field, None if result is None else result.text)


def set_output(outcome: Outcome, lines: list[bytes], plain: bytes) -> None:
    """A file of documents' output: its documents' lines (see :func:`write_documents`)."""
    outcome.output = b"".join(lines)
    outcome.bytes_out = len(outcome.output)
    outcome.changed = outcome.output != plain


def deliver(outcome: Outcome, mode: Mode, output_dir: Path | None = None) -> Outcome:
    """Write a prepared outcome where the mode says; errors become the outcome's."""
    if not outcome.writable:
        _release(outcome)
        return outcome
    started = time.perf_counter()
    try:
        if mode is Mode.OUTPUT_DIR and output_dir is not None:
            assert outcome.target is not None  # (set by prepare)
            target = output_dir / outcome.target
            write_atomic(target, pack(outcome.compression, outcome.output))
            outcome.written = target
        elif mode is Mode.IN_PLACE and outcome.changed:
            _write_in_place(outcome)
    except FormatError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = f"cannot write: {os_message(exc)}"
    _release(outcome)
    outcome.seconds += time.perf_counter() - started
    return outcome


def _write_in_place(outcome: Outcome) -> None:
    """Write over the input, unless it must not be (the reason is the outcome's error)."""
    if outcome.format in (Format.HTML, Format.WARC):
        outcome.error = f"{outcome.format.value.upper()} is cleaned into another format, not in place; use -o DIR"
    elif outcome.damage is not None:
        outcome.error = "only part of it could be read; left as it is"
    elif _moved(outcome.path, outcome.raw):
        outcome.error = "changed while being cleaned; left as it is"
    else:
        write_atomic(outcome.path, pack(outcome.compression, outcome.output), like=outcome.path, durable=True)
        outcome.written = outcome.path


def _release(outcome: Outcome) -> None:
    """Let go of the input once it is written (or will not be)."""
    outcome.raw = outcome.decompressed = None
    for document in outcome.documents:
        document.record = None


def _moved(path: Path, data: bytes | None) -> bool:
    """The file no longer holds what was cleaned."""
    try:
        return data is None or path.read_bytes() != data
    except OSError:
        return True


def process(
    source: Source, config: Config, mode: Mode, output_dir: Path | None = None, data: bytes | None = None, reading: Reading = Reading()
) -> Outcome:
    """Prepare and deliver one source (no cross-file stage)."""
    return deliver(prepare(source, config, data, reading=reading), mode, output_dir)
