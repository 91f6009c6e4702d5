"""Inputs that are not one plain-text page: compressed files, JSON Lines,
WARC/WET archives and HTML.

* **Compression** (gzip, zstd) is recognised by its magic bytes and undone
  before anything else; files written back (``-o``, ``--in-place``) are
  compressed the same way, so a corpus of ``.txt.gz`` stays one.
* **JSON Lines**: one document per line; the text field (``text`` unless
  told otherwise) is cleaned, every other field is kept, and a record whose
  text does not change is written back byte for byte.
* **WARC/WET**: each ``conversion`` record (WET, Common Crawl's text
  extracts), each ``response``/``resource`` record holding HTML or plain
  text is one document; the output is JSON Lines with the record's id, URL
  and date. Needs the ``warc`` extra (warcio).
* **HTML**: turned into text with a real parser (the ``html`` extra, lxml),
  one line per block element, scripts and styles dropped; then cleaned as
  text.
"""

from __future__ import annotations

import contextlib
import enum
import gzip
import html
import importlib
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decode import DecodeError, decode


class Format(str, enum.Enum):
    AUTO = "auto"
    TEXT = "text"
    JSONL = "jsonl"
    HTML = "html"
    WARC = "warc"


CONTAINERS = frozenset((Format.JSONL, Format.WARC))  # files of many documents


@dataclass(frozen=True)
class Reading:
    """How to read inputs: their format (AUTO: by name and content) and,
    for JSON Lines, the field that holds the text."""

    format: Format = Format.AUTO
    text_field: str = "text"


class FormatError(ValueError):
    """Input that cannot be read in its format; the message says where."""


class MissingExtra(FormatError):
    """The format needs an optional dependency that is not installed."""


GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
COMPRESSED_SUFFIXES = {".gz": "gzip", ".zst": "zstd"}
SUFFIXES = {
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".warc": Format.WARC,
    ".wet": Format.WARC,
}


# Compression -------------------------------------------------------------


def unpack(data: bytes) -> tuple[str | None, bytes, str | None]:
    """``(codec, plain bytes, damage)``: codec is None for uncompressed data;
    ``damage`` says why the plain bytes stop short of the whole input (a
    download cut off, a damaged block), in which case they are what could
    be read before it.

        >>> unpack(pack("gzip", b"abc"))
        ('gzip', b'abc', None)
        >>> unpack(pack("gzip", b"abc" * 100_000)[:-200])[2]
        'damaged gzip data after 104236 bytes: the last member is cut short'
    """
    if data.startswith(GZIP_MAGIC):
        return ("gzip", *_gunzip(data))
    if data.startswith(ZSTD_MAGIC):
        return ("zstd", *_unzstd(data))
    return None, data, None


def _unzstd(data: bytes) -> tuple[bytes, str | None]:
    """Every frame of zstd data, and what stopped it short, if anything (a
    frame cut off reads without complaint, so each frame's end is checked).
    Fed a chunk at a time, as :func:`_gunzip` is."""
    zstandard = _extra("zstandard", "zstd")
    return _members(data, zstandard.ZstdDecompressor().decompressobj, zstandard.ZstdError, "zstd", "frame")


_CHUNK = 1 << 16


def _gunzip(data: bytes) -> tuple[bytes, str | None]:
    """Every member of gzip data, and what stopped it short, if anything."""
    return _members(data, lambda: zlib.decompressobj(wbits=31), zlib.error, "gzip", "member")


def _members(data: bytes, start, error: type[Exception], codec: str, unit: str) -> tuple[bytes, str | None]:
    """Everything in ``data``, a sequence of compressed members (``start``
    makes a decompressor for one), and what stopped it short. Fed a chunk at
    a time, so that what a damaged member gave before the damage is kept,
    and a file of many members (a WARC, one a record) is not copied once a
    member; zero bytes between or after members are padding."""
    parts: list[bytes] = []
    member = start()
    started = False
    for at in range(0, len(data), _CHUNK):
        piece = data[at : at + _CHUNK]
        while piece:
            if not started:
                piece = piece.lstrip(b"\0")
                if not piece:
                    break
            started = True
            try:
                parts.append(member.decompress(piece))
            except error as exc:
                return b"".join(parts), f"damaged {codec} data after {sum(map(len, parts))} bytes: {exc}"
            if not member.eof:
                break
            piece = member.unused_data  # the next member starts here
            member = start()
            started = False
    if started:
        return b"".join(parts), f"damaged {codec} data after {sum(map(len, parts))} bytes: the last {unit} is cut short"
    return b"".join(parts), None


def pack(codec: str | None, data: bytes) -> bytes:
    """Compress as ``codec`` did; gzip output carries no time stamp, so the
    same text gives the same bytes."""
    if codec == "gzip":
        return gzip.compress(data, mtime=0)
    if codec == "zstd":
        return _extra("zstandard", "zstd").ZstdCompressor().compress(data)
    return data


def _extra(module: str, extra: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"needs the '{extra}' extra: pip install 'cleaner[{extra}]'") from None


# Which format ----------------------------------------------------------------


def sniff(path: Path, plain: bytes, chosen: Format = Format.AUTO) -> Format:
    """The format of a file: ``chosen`` unless it is AUTO; else by its name
    (``.jsonl``, ``.html``, ``.warc``, ``.wet``, before any ``.gz``), else
    by its first bytes (``WARC/``; ``<!DOCTYPE html`` or ``<html``)."""
    named = by_name(path, chosen)
    if named is not Format.AUTO:
        return named
    head = plain[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return Format.WARC
    if head.startswith((b"<!doctype html", b"<html")):
        return Format.HTML
    return Format.TEXT


def by_name(path: Path, chosen: Format = Format.AUTO) -> Format:
    """The format that ``chosen`` or the file's name says; AUTO when neither does."""
    if chosen is not Format.AUTO:
        return chosen
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes.pop()
    return SUFFIXES.get(suffixes[-1], Format.AUTO) if suffixes else Format.AUTO


def output_name(rel: Path, chosen: Format = Format.AUTO) -> Path:
    """Where a cleaned file goes under ``-o``: the same name, except that
    HTML becomes ``.txt`` and a WARC becomes ``.jsonl`` (compression kept)
    when the name or ``chosen`` says so. (Only the name and the options
    decide, not the content, so that a run knows every output path before it
    reads a file.)

        >>> output_name(Path("d/x.warc.wet.gz")), output_name(Path("p.html")), output_name(Path("p"), Format.HTML)
        (PosixPath('d/x.warc.wet.jsonl.gz'), PosixPath('p.txt'), PosixPath('p.txt'))
    """
    kind = by_name(rel, chosen)
    if kind not in (Format.HTML, Format.WARC):
        return rel
    compressed = "".join(s for s in rel.suffixes[-1:] if s.lower() in COMPRESSED_SUFFIXES)
    stem = rel.name[: len(rel.name) - len(compressed)] if compressed else rel.name
    if kind is Format.HTML:
        stem = stem.rsplit(".", 1)[0] + ".txt" if "." in stem else stem + ".txt"
    else:
        stem = stem + ".jsonl"
    return rel.with_name(stem + compressed)


# JSON Lines ------------------------------------------------------------------


@dataclass
class Record:
    """One document of a container: where it is (``key``: the line number of
    a JSON Lines file, the record id of a WARC), its text, and for WARC
    records, their headers. A record that cannot be read has ``error`` set
    and no text; it is written back as it was (a JSON line byte for byte, a
    WARC record with ``"text": null``)."""

    key: str
    text: str | None
    raw: bytes = b""  # the JSON line as read, written back when the text is unchanged
    fields: dict | None = None
    url: str | None = None
    date: str | None = None
    error: str | None = None
    size: int = 0  # bytes of the input it spans


def read_jsonl(plain: bytes, field: str, first: int = 1) -> Iterator[Record]:
    """The documents of a JSON Lines file, one a line (numbered from
    ``first``: a part of a file, see :func:`cuts`, is numbered as in the
    file). A line that is not UTF-8, not JSON, or has no string ``field`` is
    a record with ``error`` (a shard's last line cut short costs that line,
    not the shard). Lines are split at ``\\n`` only: JSON strings may hold
    U+2028 and friends.

        >>> [(r.key, r.text, r.error) for r in read_jsonl(b'{"text": "a"}\\n\\n{"text": "b', "text")]
        [('1', 'a', None), ('3', None, 'line 3: not valid JSON: Unterminated string starting at')]
    """
    if first == 1:
        plain = plain.removeprefix(b"\xef\xbb\xbf")
    for number, raw in enumerate(_lines(plain), first):
        if not raw.strip():
            continue
        key, size = str(number), len(raw) + 1
        try:
            fields = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Record(key, None, raw, error=f"line {number}: not UTF-8 (byte {exc.start} of the line)", size=size)
            continue
        except json.JSONDecodeError as exc:
            yield Record(key, None, raw, error=f"line {number}: not valid JSON: {exc.msg}", size=size)
            continue
        value = fields.get(field) if isinstance(fields, dict) else None
        if not isinstance(value, str):
            fields = fields if isinstance(fields, dict) else None
            yield Record(key, None, raw, fields, error=f"line {number}: no string {field!r} field", size=size)
            continue
        yield Record(key, value, raw, fields, size=size)


def _lines(data: bytes) -> Iterator[bytes]:
    """The lines of ``data`` split at ``\\n``, one at a time (a shard is not copied whole into a list)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        yield data[start:end]
        start = end + 1


def write_jsonl(record: Record, field: str, cleaned: str | None) -> bytes:
    """One output line: the input line itself when nothing changed (or the
    record could not be read), the text ending as the input's did.

        >>> record = next(read_jsonl(b'{"text": "clean"}', "text"))
        >>> write_jsonl(record, "text", "clean\\n")
        b'{"text": "clean"}\\n'
    """
    if cleaned is not None and record.text is not None:
        cleaned = ending_as(record.text, cleaned)
    if cleaned is None or cleaned == record.text:
        return record.raw + b"\n" if record.raw else _dump(record, field, record.text)
    return _dump(record, field, cleaned)


def ending_as(text: str, cleaned: str) -> str:
    """A document's cleaned text, ending as its text did: the cleaner ends
    every page with a line break, which a document without one does not get.

        >>> ending_as("no break", "no break\\n"), ending_as("a break\\n", "a break\\n")
        ('no break', 'a break\\n')
    """
    return cleaned if text.endswith("\n") else cleaned.removesuffix("\n")


def _dump(record: Record, field: str, text: str | None) -> bytes:
    if record.fields is not None:
        fields = dict(record.fields)
        fields[field] = text
    else:
        fields = {"id": record.key, "url": record.url, "date": record.date, field: text}
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


# WARC / WET ------------------------------------------------------------------


def read_warc(plain: bytes, first: int = 1) -> Iterator[Record]:
    """The documents of a WARC or WET file: conversion records (text), and
    response or resource records whose payload is HTML or plain text
    (records numbered from ``first``, as :func:`read_jsonl` lines are).

    A record whose payload cannot be read as text, or that was cut short, is
    a record with ``error``. An archive damaged past some record (a cut
    download) gives the records before the damage, then raises
    :class:`FormatError` saying where reading stopped. (warcio ends quietly
    at a record cut off in its headers, so where the last record ended is
    checked against the end of the data.)
    """
    archive = _extra("warcio.archiveiterator", "warc")
    records = archive.ArchiveIterator(io.BytesIO(plain), arc2warc=True)
    end = 0
    last = None
    try:
        for number, item in enumerate(records, first):
            if item.rec_headers.get_header("Content-Length") is None:
                # Every WARC record has one; warcio reads a record cut off
                # in its headers, or junk, without complaint.
                raise ValueError(f"record #{number} has no Content-Length")
            record = _warc_record(item, number)
            start, end = end, records.get_record_offset() + records.get_record_length()
            if record is not None:
                record.size = end - start
                yield record
                last = record.key
    except MissingExtra:
        raise
    except Exception as exc:  # warcio raises several kinds on damaged archives
        if last is None:
            raise FormatError(f"not a readable WARC file: {exc}") from None
        raise FormatError(f"the archive is damaged after record {last}; the rest cannot be read: {exc}") from None
    if plain[end:].strip():
        where = f"after record {last}" if last is not None else "before its first text record"
        raise FormatError(f"the archive is damaged {where}: its last {len(plain) - end} bytes are not a whole record")


def cuts(plain: bytes, kind: Format, size: int) -> list[tuple[int, int, int]]:
    """Where to cut a JSON Lines or WARC file into parts of about ``size``
    bytes or more, between documents, for workers to clean side by side:
    (start, end, the number of the part's first line or record). Raises
    :class:`FormatError` for a WARC file that cannot be read to its end (it
    is read whole, and its damage told as such).

        >>> cuts(b'{"text": "a"}\\n\\n{"text": "b"}\\n{"text": "c"}', Format.JSONL, 16)
        [(0, 29, 1), (29, 42, 4)]
    """
    if kind is Format.JSONL:
        starts, start, number = [], 0, 1
        while start < len(plain):
            starts.append((start, number))
            end = plain.find(b"\n", start + size - 1)
            end = len(plain) if end < 0 else end + 1
            number += plain.count(b"\n", start, end)
            start = end
    else:
        starts = _warc_starts(plain, size)
    ends = [start for start, _ in starts[1:]] + [len(plain)]
    return [(start, end, number) for (start, number), end in zip(starts, ends)]


def _warc_starts(plain: bytes, size: int) -> list[tuple[int, int]]:
    """Where the WARC records that begin parts start, and their numbers. An
    archive warcio has to warn about (a record whose length is wrong, junk
    between records) is not cut: its warnings would be told once a part,
    and a part could end in the junk."""
    archive = _extra("warcio.archiveiterator", "warc")
    records = archive.ArchiveIterator(io.BytesIO(plain), arc2warc=True)
    told = io.StringIO()
    try:
        with contextlib.redirect_stderr(told):  # (warcio writes its warnings there)
            starts, end = _record_starts(records, plain, size)
    except MissingExtra:
        raise
    except Exception as exc:
        raise FormatError(f"not readable to its end: {exc}") from None
    if told.getvalue() or plain[end:].strip():
        raise FormatError("not readable to its end without warnings")
    return starts or [(0, 1)]


def _record_starts(records, plain: bytes, size: int) -> tuple[list[tuple[int, int]], int]:
    starts: list[tuple[int, int]] = []
    end = 0
    for number, item in enumerate(records, 1):
        if item.rec_headers.get_header("Content-Length") is None:
            raise ValueError("a record has no Content-Length")
        records.read_to_end(item)
        offset = records.get_record_offset()
        if plain[end:offset].strip():
            raise ValueError(f"bytes between records before record #{number}")
        if not starts or offset - starts[-1][0] >= size:
            starts.append((offset, number))
        end = offset + records.get_record_length()
    return starts, end


def _warc_record(item, number: int) -> Record | None:
    """A WARC record as a document (keyed by its record id, or ``#number``
    when it has none), or None for a record that holds no text."""
    kind = item.rec_type
    if kind not in ("conversion", "response", "resource"):
        return None
    headers = item.rec_headers
    media = (item.http_headers.get_header("Content-Type") if item.http_headers else None) or headers.get_header("Content-Type") or ""
    payload = item.content_stream().read()
    if not (kind == "conversion" or media.startswith("text/plain") or "html" in media):
        return None
    key = headers.get_header("WARC-Record-ID") or f"#{number}"
    text: str | None = None
    error = None
    if getattr(item.raw_stream, "limit", 0):  # (shorter than its Content-Length: warcio does not complain)
        error = f"record {key}: cut short ({len(payload)} bytes of its content read)"
    else:
        try:
            text = html_text(payload) if "html" in media and kind != "conversion" else decode(payload).text
        except MissingExtra:
            raise
        except (DecodeError, FormatError) as exc:
            error = f"record {key}: cannot be read as text: {exc}"
    return Record(key, text, url=headers.get_header("WARC-Target-URI"), date=headers.get_header("WARC-Date"), error=error)


# HTML ------------------------------------------------------------------------

# Elements that start a new line of text; everything else flows inline.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol option "
    "p pre section summary table tbody tfoot thead title tr ul".split()
)
CELL_TAGS = frozenset(("td", "th"))
SKIP_TAGS = frozenset("script style template svg math head iframe object embed canvas select button input textarea".split())
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# A browser reads on past </body> and </html> wherever they stand (real pages
# close them early, before the article); libxml2 would stop there.
_EARLY_END = re.compile(r"</\s*(?:body|html)\s*>", re.IGNORECASE)
# What <noscript> holds in the body is read as a browser without JavaScript
# reads it, as markup (libxml2 keeps it as raw text): some pages hold their
# whole article there; most hold a tracking pixel, which has no text. (In the
# head it holds styles and links, and goes with the head.)
# (The content may not hold another noscript tag, so an unclosed one costs a scan to the next, not to the end.)
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>((?:[^<]|<(?!/?\s*noscript\b))*)</\s*noscript\s*>", re.IGNORECASE)
_BODY = re.compile(r"<body\b", re.IGNORECASE)


def _noscript_as_markup(found: re.Match) -> str:
    inner = found.group(1)
    if "<" not in inner and "&lt;" in inner:  # saved by a tool that escaped it: the markup is one unescape away
        inner = html.unescape(inner)
    return f"<div>{inner}</div>"


def html_text(data: bytes) -> str:
    """The text of an HTML page, one line per block element.

        >>> print(html_text(b"<html><head><title>t</title><script>x()</script></head>"
        ...       b"<body><nav><a>Home</a> | <a>News</a></nav><p>First <b>para</b>.</p><p>Second</p></body></html>"))
        Home | News
        First para.
        Second
    """
    lxml_html = _extra("lxml.html", "html")
    from lxml import etree
    source = _EARLY_END.sub("", _XML_DECLARATION.sub("", decode(data).text))
    body = _BODY.search(source)
    at = body.start() if body is not None else 0
    source = _NOSCRIPT.sub("", source[:at]) + _NOSCRIPT.sub(_noscript_as_markup, source[at:])
    if not source.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(source)
    except Exception as exc:  # lxml's ParserError and friends
        raise FormatError(f"not readable as HTML: {exc}") from None
    lines: list[str] = []
    current: list[str] = []

    def newline() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    skipping = pre = 0  # depth inside skipped elements, inside <pre>
    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):  # no text of their own, but what follows them is
            if not skipping and element.tail:
                _add(element.tail, pre > 0, current, lines)
            continue
        tag = element.tag
        skipped = tag in SKIP_TAGS
        if event == "start":
            if skipped:
                skipping += 1
            elif not skipping:
                if tag in BLOCK_TAGS:
                    newline()
                elif tag in CELL_TAGS:
                    current.append(" ")  # cells of a row share its line
                pre += tag == "pre"
                if element.text:
                    _add(element.text, pre > 0, current, lines)
            continue
        if skipped:
            skipping -= 1
        elif not skipping:
            if tag in BLOCK_TAGS:
                newline()
            pre -= tag == "pre"
        if not skipping and element.tail:
            _add(element.tail, pre > 0, current, lines)
    newline()
    return "\n".join(lines) + ("\n" if lines else "")


def _add(text: str, pre: bool, current: list[str], lines: list[str]) -> None:
    if not pre or "\n" not in text:
        current.append(text)
        return
    first, *rest = text.split("\n")
    current.append(first)
    for part in rest:
        line = "".join(current).strip()
        if line:
            lines.append(line)
        current.clear()
        current.append(part)
