"""Many files: read, clean, compare across files, write, and say what
happened to each.

Nothing here prints; every file ends as an :class:`Outcome` that the CLI
renders. A file that cannot be read, decoded or written becomes an outcome
with ``error`` set and the run goes on.

Each file goes through three stages: :func:`prepare` (read, decode, clean:
a pure function of the file and of what the run learned before it), the
cross-file stage (:class:`Across`, which must see the files in the run's
order), and :func:`deliver` (write).

With several jobs, worker processes prepare (and, when nothing crosses
files, deliver) while the parent takes the outcomes back *in the run's
order*, a bounded number at a time: the output is the same as with one job,
and memory holds a few files per worker, whatever the size of the folder.
A run that learns templates (:mod:`cleaner.templates`) first reads every
file once to count its lines, in the workers too, then cleans.
"""

from __future__ import annotations

import contextlib
import enum
import os
import shutil
import tempfile
import signal
import time
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from . import records
from .corpus import CrossFile
from .decode import BinaryInput, DecodeError, Decoded, decode
from .files import Claims, Source, write_atomic
from .formats import CONTAINERS, Format, FormatError, MissingExtra, Reading, Record, html_text, output_name, pack, read_jsonl, read_warc, sniff, unpack, write_jsonl
from .layout import paragraphs
from .page import Decision, Page
from .pipeline import Config, PageTooLarge, Result, assemble, clean_text, steps
from .reasons import Reason
from .segment import segment
from .templates import Templates, page_hashes

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Files a worker takes at a time: one round trip, and one wake-up of the
# parent, a chunk. Small while what comes back may be large (every decision
# and the text, see _in_full; the line hashes of a template run), which the
# window then holds; larger when it is counts, where the parent's work per
# chunk is what keeps two jobs from cleaning twice as fast as one.
CHUNK = 4
SLIM_CHUNK = 32
MAX_PROBLEMS = 20  # problems of one file told one by one
WINDOW = 3  # chunks in flight per worker: enough to keep workers busy, few enough to bound memory


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
    bytes_out: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # removed blocks by reason code
    kind: Format = Format.TEXT
    codec: str | None = None  # compression of the input, used again on writing
    documents: list[Document] = field(default_factory=list)  # a JSON Lines or WARC file's documents
    plain: bytes | None = field(default=None, repr=False)  # the input decompressed, when it was compressed
    text_field: str = "text"  # the field a JSON Lines file's documents are cleaned in
    problems: list[str] = field(default_factory=list)  # parts of a written file that failed (see add_problem)
    damage: str | None = None  # why the input could not be read to its end: never written over in place
    target: Path | None = None  # where its output goes under an output folder
    ticked: int = 0  # bytes of the input already told to the progress
    spool: Path | None = None  # its documents' report records, written as they were cleaned
    spooled: int = 0  # how many

    def add_problem(self, problem: str) -> None:
        """A part of the file failed. Only the first MAX_PROBLEMS are kept
        word for word (a shard read with the wrong --text-field fails in
        every record); the rest are counted in the last."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append("1 more record could not be cleaned (see --report)")
        else:
            more = int(self.problems[-1].split(" ", 1)[0]) + 1
            self.problems[-1] = f"{more} more records could not be cleaned (see --report)"

    @property
    def failed(self) -> bool:
        """The file, or a part of it, could not be read or cleaned."""
        return self.error is not None or bool(self.problems)

    @property
    def container(self) -> bool:
        return self.kind in CONTAINERS


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
    duplicate_of: tuple[str, float] | None = None
    dropped: bool = False
    repeated: list[tuple[int, str, int]] = field(default_factory=list)
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
    record is written to a file there as it is cleaned (``Outcome.spool``).
    ``progress`` is told the bytes of the input done, as they are done."""
    started = time.perf_counter()
    outcome = Outcome(source.path, source.rel, target=output_name(source.rel, reading.format))
    if source.error:
        outcome.error = source.error
        return outcome
    try:
        if data is None:
            data = source.path.read_bytes()
        outcome.bytes_in = len(data)
        outcome.codec, plain, damage = unpack(data)
        if damage is not None:  # what could be read is cleaned; the rest is reported
            outcome.damage = damage
            outcome.add_problem(damage)
        outcome.kind = sniff(source.path, plain, reading.format)
        result = None
        if outcome.container:
            with _Spool(outcome, spool) if spool is not None and not keep else contextlib.nullcontext() as records_out:
                _clean_documents(outcome, plain, config, reading, templates, keep, _ticks(outcome, len(plain), progress), records_out)
        else:
            result = _clean_page(outcome, plain, config, templates)
    except FormatError as exc:
        outcome.error = str(exc)
        return outcome
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
        outcome.error = _failure(exc)
        return outcome
    finally:
        if progress is not None:
            progress(outcome.bytes_in - outcome.ticked)
    outcome.data, outcome.plain = data, plain if outcome.codec else None
    if result is not None:
        _set_result(outcome, result)
        source_info = result.source
        if source_info is not None and source_info.lossy:
            why = f"the encoding forced with --encoding ({config.encoding}) does not fit" if config.encoding else "the bytes are not valid in any encoding tried"
            outcome.warnings.append(f"decoded as {source_info.encoding} with {source_info.replaced} replacement character(s); {why}")
        if source_info is not None and source_info.nuls:
            outcome.warnings.append(f"{source_info.nuls} NUL byte(s) of padding dropped")
    outcome.seconds = time.perf_counter() - started
    return outcome


def _ticks(outcome: Outcome, plain: int, progress: Callable[[int], None] | None) -> Callable[[int], None] | None:
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


def _page(plain: bytes, kind: Format, config: Config) -> tuple[str, Decoded | None]:
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
    """Clean a text or HTML page. One too large to clean (``Config.max_blocks``,
    ``max_chars``) is not lost: its text is written as it was (a text file byte
    for byte, an HTML file's text as read), and the outcome says why."""
    text = None
    try:
        text, decoded = _page(plain, outcome.kind, config)
        return clean_text(text, config, decoded, templates)
    except PageTooLarge as exc:
        if outcome.kind is Format.HTML and text is None:
            raise FormatError(str(exc)) from None
        outcome.add_problem(f"{exc}; copied through unchanged")
        outcome.output = plain if outcome.kind is not Format.HTML else (text or "").encode("utf-8")
        outcome.bytes_out = len(outcome.output)
        outcome.changed = outcome.kind is Format.HTML
        return None


def _set_result(outcome: Outcome, result: Result) -> None:
    outcome.result = result
    outcome.output = result.text.encode("utf-8")
    outcome.bytes_out = len(outcome.output)
    outcome.counts = result.counts
    outcome.changed = outcome.output != (outcome.plain if outcome.plain is not None else outcome.data)


def _clean_documents(
    outcome: Outcome,
    plain: bytes,
    config: Config,
    reading: Reading,
    templates: Templates | None = None,
    keep: bool = True,
    tick: Callable[[int], None] | None = None,
    records_out: _Spool | None = None,
) -> None:
    """Clean each document of a JSON Lines or WARC file, one at a time: its
    output line (JSON Lines) joins the file's output, its report record goes
    to ``records_out``, and the document itself is kept only with ``keep``.
    A record that cannot be read or cleaned is carried through as it was and
    is one of the outcome's problems; the others are cleaned."""
    outcome.text_field = reading.text_field
    out: list[bytes] = []
    outcome.counts = Counter()
    last = None
    try:
        for record in _records(plain, outcome.kind, reading):
            document = Document(record.key, None, record.url, record, error=record.error)
            if record.text is not None:
                try:
                    document.result = clean_text(record.text, config, templates=templates)
                except Exception as exc:  # a bug or a limit must cost one record, not the file
                    document.error = f"record {record.key}: {_failure(exc)}"
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
    _set_output(outcome, out, plain)


class _Spool:
    """The report records of a file's documents, written to a file in the
    run's spool folder as they are cleaned, for the run to copy into the
    report in its order (:func:`cleaner.records.write`); the outcome's
    ``spool`` names it, ``spooled`` counts them."""

    def __init__(self, outcome: Outcome, folder: Path):
        self.outcome = outcome
        self.folder = folder

    def __enter__(self) -> _Spool:
        fd, name = tempfile.mkstemp(suffix=".jsonl", dir=self.folder)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        self.outcome.spool = Path(name)
        return self

    def add(self, document: Document) -> None:
        self.handle.write(records.line(records.document_record(self.outcome.path, document)) + "\n")
        self.outcome.spooled += 1

    def __exit__(self, *_) -> None:
        self.handle.close()


def _failure(exc: Exception) -> str:
    return str(exc) if isinstance(exc, PageTooLarge) else f"internal error: {type(exc).__name__}: {exc}"


def _records(plain: bytes, kind: Format, reading: Reading) -> Iterator[Record]:
    return read_jsonl(plain, reading.text_field) if kind is Format.JSONL else read_warc(plain)


def _write_documents(outcome: Outcome, plain: bytes) -> None:
    """The output of a file of kept documents again (after the cross-file
    stage dropped or changed some)."""
    outcome.counts = Counter()
    _set_output(outcome, [_document_line(document, outcome) for document in outcome.documents], plain)


def _document_line(document: Document, outcome: Outcome) -> bytes:
    """A document's output line (nothing for one dropped as a copy, or for the
    unreadable rest of an archive), its removals counted in the outcome."""
    if document.dropped or document.record is None:
        return b""
    result = document.result
    if result is not None:
        outcome.counts.update(result.counts)
    return write_jsonl(document.record, outcome.text_field, None if result is None else result.text)


def _set_output(outcome: Outcome, lines: list[bytes], plain: bytes) -> None:
    outcome.output = b"".join(lines)
    outcome.bytes_out = len(outcome.output)
    outcome.changed = outcome.output != plain


@dataclass
class _Verdict:
    """What the cross-file stage found about one page (a file, or a document
    of a JSON Lines or WARC file)."""

    duplicate_of: tuple[str, float] | None = None
    dropped: bool = False
    repeated: list[tuple[int, str, int]] = field(default_factory=list)
    result: Result | None = None  # the page's result again, when drop removed something


class Across:
    """The cross-file stage of a run (``--dedup-across``): ``keep`` reports
    near-duplicate pages and repeated paragraphs; ``drop`` also leaves later
    copies of a page unwritten and removes paragraphs an earlier page already
    has. A page is a file, or each document of a JSON Lines or WARC file.
    Outcomes must come in the run's order."""

    def __init__(self, drop: bool, config: Config):
        self.drop = drop
        self.config = config
        self.memory = CrossFile()
        self.names: list[str] = []

    def __call__(self, outcome: Outcome) -> None:
        if outcome.container:
            if outcome.error is None:
                self._documents(outcome)
            return
        if outcome.result is None:
            return
        verdict = self._judge(str(outcome.path), outcome.result)
        outcome.duplicate_of, outcome.dropped, outcome.repeated = verdict.duplicate_of, verdict.dropped, verdict.repeated
        if verdict.result is not None:
            _set_result(outcome, verdict.result)

    def _documents(self, outcome: Outcome) -> None:
        rewritten = False
        for document in outcome.documents:
            if document.result is None:
                continue
            verdict = self._judge(document.name(outcome.path), document.result)
            document.duplicate_of, document.dropped, document.repeated = verdict.duplicate_of, verdict.dropped, verdict.repeated
            if verdict.result is not None:
                document.result = verdict.result
                rewritten = True
        if rewritten:
            plain = outcome.plain if outcome.plain is not None else outcome.data
            assert plain is not None
            _write_documents(outcome, plain)

    def _judge(self, name: str, result: Result) -> _Verdict:
        verdict = _Verdict()
        number, twin = self.memory.document(result.text)
        self.names.append(name)
        if twin is not None:
            verdict.duplicate_of = (self.names[twin.document], round(twin.similarity, 3))
            if self.drop and self.config.enabled(Reason.DUP_DOCUMENT):
                evidence = f"repeats {self.names[twin.document]} ({twin.similarity:.0%} similar)"
                verdict.result = self._rebuild(result, {d.block.index: (Reason.DUP_DOCUMENT, evidence) for d in result.decisions if d.kept and not d.block.blank})
                verdict.dropped = True
            return verdict
        page = Page([d.block for d in result.decisions], self.config)
        page.decisions = [None if d.kept else d for d in result.decisions]
        removals: dict[int, tuple[Reason, str]] = {}
        for para in paragraphs(page):
            first = self.memory.paragraph(number, para.blocks[0].line, para.text)
            if first is None:
                continue
            earlier, line = self.names[first[0]], first[1]
            verdict.repeated.append((para.blocks[0].line, earlier, line))
            for block in para.blocks:
                removals[block.index] = (Reason.DUP_ACROSS, f"also in {earlier} line {line}")
        if self.drop and removals and self.config.enabled(Reason.DUP_ACROSS):
            verdict.result = self._rebuild(result, removals)
        return verdict

    def _rebuild(self, result: Result, removals: dict[int, tuple[Reason, str]]) -> Result:
        if self.config.allow:
            removals = {i: r for i, r in removals.items() if not self.config.allowed(result.decisions[i].block.text)}
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
        return replace(result, text=text, decisions=decisions)


def deliver(outcome: Outcome, mode: Mode, output_dir: Path | None = None) -> Outcome:
    """Write a prepared outcome where the mode says; errors become the outcome's."""
    if outcome.error is not None or outcome.skipped is not None or outcome.dropped:
        _release(outcome)
        return outcome
    started = time.perf_counter()
    try:
        if mode is Mode.OUTPUT_DIR and output_dir is not None:
            assert outcome.target is not None  # (set by prepare)
            target = output_dir / outcome.target
            write_atomic(target, pack(outcome.codec, outcome.output))
            outcome.written = target
        elif mode is Mode.IN_PLACE and outcome.changed:
            if outcome.kind in (Format.HTML, Format.WARC):
                outcome.error = f"{outcome.kind.value.upper()} is cleaned into another format, not in place; use -o DIR"
            elif outcome.damage is not None:
                outcome.error = "only part of it could be read; left as it is"
            elif _moved(outcome.path, outcome.data):
                outcome.error = "changed while being cleaned; left as it is"
            else:
                write_atomic(outcome.path, pack(outcome.codec, outcome.output), like=outcome.path, durable=True)
                outcome.written = outcome.path
    except FormatError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = f"cannot write: {_describe(exc)}"
    _release(outcome)
    outcome.seconds += time.perf_counter() - started
    return outcome


def _release(outcome: Outcome) -> None:
    """Let go of the input once it is written (or will not be)."""
    outcome.data = outcome.plain = None
    for document in outcome.documents:
        document.record = None


def _moved(path: Path, data: bytes | None) -> bool:
    """The file no longer holds what was cleaned."""
    try:
        return data is None or path.read_bytes() != data
    except OSError:
        return True


def _describe(exc: OSError) -> str:
    message = exc.strerror or str(exc)
    return message[0].lower() + message[1:] if message else type(exc).__name__


def process(
    source: Source, config: Config, mode: Mode, output_dir: Path | None = None, data: bytes | None = None, reading: Reading = Reading()
) -> Outcome:
    """Prepare and deliver one source (no cross-file stage)."""
    return deliver(prepare(source, config, data, reading=reading), mode, output_dir)


def run(
    sources: Iterable[Source],
    config: Config,
    mode: Mode,
    output_dir: Path | None = None,
    across: Across | None = None,
    jobs: int = 1,
    templates: Templates | None = None,
    details: bool = True,
    reading: Reading = Reading(),
    roots: int | None = None,
    progress: Done | None = None,
    report: bool = False,
) -> Iterator[Outcome]:
    """Process sources in order, with ``jobs`` worker processes (1: in this
    process); outcomes come back in the order of ``sources``. Without
    ``details``, outcomes written by workers come back without their
    decisions and text (counts and sizes stay), and the documents of a JSON
    Lines or WARC file are not kept (unless the cross-file stage needs
    them). Under an output folder, an input whose output path an earlier
    input of the run holds is an error, not an overwrite (``roots``: how
    many paths the sources were found under, when known; see
    :class:`cleaner.files.Claims`). ``progress`` counts the bytes of input
    done, in whichever process does them. ``report``: the caller writes
    ``--report`` records; a file of documents not kept then brings its
    records in a spool file."""
    if mode is Mode.OUTPUT_DIR:
        sources = _claimed(sources, reading, Claims(roots))
    keep = details or across is not None
    # (The report records of files of documents, spooled as they are
    # cleaned; whatever the run leaves there, it removes.)
    spool = Path(tempfile.mkdtemp(prefix="cleaner-report-")) if report and not keep else None
    try:
        if jobs <= 1:
            tick = progress.add if progress is not None else None
            for source in sources:
                outcome = prepare(source, config, templates=templates, reading=reading, keep=keep, progress=tick, spool=spool)
                if across is not None:
                    across(outcome)
                yield deliver(outcome, mode, output_dir)
            return
        # Without a cross-file stage the workers write too, and send back
        # outcomes without the input bytes (and without the decisions,
        # unless the caller renders them).
        write_here = across is None
        state = (config, mode, output_dir, templates, write_here, keep, reading, progress, report, spool)
        for outcome in ordered(jobs, sources, _clean_job, state, _crashed, CHUNK if _in_full(keep, report, mode) else SLIM_CHUNK):
            outcome = _arrived(outcome)
            if not write_here:
                if across is not None:
                    across(outcome)
                outcome = deliver(outcome, mode, output_dir)
            yield outcome
    finally:
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)


class Done:
    """Bytes of input done, added by whichever process does them (workers
    share the counter, inherited when they start) and read by the one that
    shows them."""

    def __init__(self) -> None:
        import multiprocessing  # (a run on a terminal shows progress; others need not import it)

        self._done = multiprocessing.Value("q", 0)

    def add(self, size: int) -> None:
        with self._done.get_lock():
            self._done.value += size

    @property
    def done(self) -> int:
        return self._done.value


def _claimed(sources: Iterable[Source], reading: Reading, claims: Claims) -> Iterator[Source]:
    for source in sources:
        target = output_name(source.rel, reading.format)
        earlier = None if source.error else claims.claim(target, source.path)
        yield source if earlier is None else replace(source, error=f"its output {target} is also that of {earlier}; not written")


def learn(sources: Iterable[Source], config: Config, jobs: int = 1, reading: Reading = Reading()) -> Templates:
    """The first pass of a template run: count the lines of every file
    (files that cannot be read are left to the clean pass to report)."""
    templates = Templates()
    if jobs <= 1:
        for source in sources:
            for hashes in _hashes(source, config, reading):
                templates.add(hashes)
        return templates
    for packed in ordered(jobs, sources, _learn_job, (config, reading), lambda source: []):
        for hashes in packed:
            templates.add(set(array("Q", hashes)))
    return templates


def _hashes(source: Source, config: Config, reading: Reading) -> list[set[int]]:
    """The line hashes of each page of a source: a text or HTML file is one
    page, a JSON Lines or WARC file one page per document. Files that cannot
    be read give none, pages too large to clean count nothing, and an archive
    damaged part-way counts the documents before the damage (as the clean
    pass cleans them)."""
    if source.error:
        return []
    found = []
    try:
        _, plain, _ = unpack(source.path.read_bytes())
        kind = sniff(source.path, plain, reading.format)
        if kind in CONTAINERS:
            texts: Iterable[str | None] = (record.text for record in _records(plain, kind, reading))
        else:
            texts = [_page(plain, kind, config)[0]]
        for text in texts:
            if text is not None and len(text) <= config.max_chars:
                found.append(page_hashes(segment(text, config.split_chars)))
    except MissingExtra:
        return []
    except (OSError, DecodeError, BinaryInput, FormatError, PageTooLarge):
        return found
    return found


# What a worker process knows: set once, when it starts.
_state: tuple = ()


def _init_worker(state: tuple, parent: int) -> None:
    global _state
    _state = state
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this worker when the parent dies (Linux), so
    that a killed run leaves no worker behind still writing files."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)


def _clean_job(source: Source) -> Outcome:
    config, mode, output_dir, templates, write_here, keep, reading, progress, report, spool = _state
    tick = progress.add if progress is not None else None
    outcome = prepare(source, config, templates=templates, reading=reading, keep=keep, progress=tick, spool=spool)
    if write_here:
        outcome = deliver(outcome, mode, output_dir)
        if mode is not Mode.STDOUT:
            outcome.output = b""  # (written: the parent needs its size, not its bytes)
    if outcome.container:
        return outcome
    # Lighter to send back: the output bytes are the result's text, encoded
    # again on arrival (when wanted), and the decoded input is not needed.
    result = outcome.result
    if result is not None:
        outcome.output = b""
        source_info = None if result.source is None else replace(result.source, text="")
        if _in_full(keep, report, mode):
            outcome.result = replace(result, source=source_info)
        else:
            outcome.result = replace(result, text="", decisions=(), source=source_info)
    return outcome


def _in_full(keep: bool, report: bool, mode: Mode) -> bool:
    """Whether a worker sends back every decision and the text (kept for
    --explain, --diff or the cross-file stage, for --report records, or
    for standard output), rather than counts."""
    return keep or report or mode is Mode.STDOUT


def _arrived(outcome: Outcome) -> Outcome:
    if outcome.result is not None and outcome.result.text:
        outcome.output = outcome.result.text.encode("utf-8")
    return outcome


def _learn_job(source: Source) -> list[bytes]:
    config, reading = _state
    return [array("Q", sorted(hashes)).tobytes() for hashes in _hashes(source, config, reading)]


def _crashed(source: Source) -> Outcome:
    outcome = Outcome(source.path, source.rel)
    outcome.error = "the worker process cleaning this file died (out of memory?)"
    return outcome


def ordered(jobs: int, items: Iterable, job: Callable, state: tuple, failed: Callable, chunk: int = CHUNK) -> Iterator:
    """``job(item)`` for each item in worker processes, yielded in the
    items' order. Items travel in chunks of ``chunk`` (one round trip per
    chunk, not per file), with at most ``WINDOW * jobs`` chunks in flight.

    A worker that dies (killed for memory, say) breaks the whole pool; the
    items that were in flight then run again one at a time in a fresh pool,
    and the one that breaks it again gets ``failed(item)``.
    """
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(iter(items), chunk)
    pending: deque[tuple[list, Future]] = deque()
    pool = _pool(jobs, state)
    try:
        while True:
            while len(pending) < WINDOW * jobs:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_each, job, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                retry = chunk + [item for other, _ in pending for item in other]
                pending.clear()
                for item in retry:
                    yield _alone(item, job, state, failed)
                pool = _pool(jobs, state)
    finally:
        pool.shutdown(cancel_futures=True)


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _each(job: Callable, chunk: list) -> list:
    return [job(item) for item in chunk]


def _alone(item, job: Callable, state: tuple, failed: Callable):
    from concurrent.futures.process import BrokenProcessPool

    with _pool(1, state) as pool:
        try:
            return pool.submit(job, item).result()
        except BrokenProcessPool:
            return failed(item)


def _pool(jobs: int, state: tuple) -> ProcessPoolExecutor:
    # (The process pool is imported by the runs that start one, not by a
    # pre-commit run of one file.)
    from concurrent.futures import ProcessPoolExecutor

    steps()  # the rule catalogue compiled once here, and inherited by forked workers
    return ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(state, os.getpid()))


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
