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

import enum
import gzip
import importlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decode import BinaryInput, DecodeError, decode


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


def unpack(data: bytes) -> tuple[str | None, bytes]:
    """``(codec, plain bytes)``; codec is None for uncompressed data.

        >>> unpack(pack("gzip", b"abc"))
        ('gzip', b'abc')
    """
    if data.startswith(GZIP_MAGIC):
        try:
            return "gzip", gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise FormatError(f"damaged gzip data: {exc}") from None
    if data.startswith(ZSTD_MAGIC):
        zstandard = _extra("zstandard", "zstd")
        try:
            with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
                return "zstd", reader.read()
        except zstandard.ZstdError as exc:
            raise FormatError(f"damaged zstd data: {exc}") from None
    return None, data


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
        raise FormatError(f"needs the '{extra}' extra: pip install 'cleaner[{extra}]'") from None


# Which format ----------------------------------------------------------------


def sniff(path: Path, plain: bytes, chosen: Format = Format.AUTO) -> Format:
    """The format of a file: ``chosen`` unless it is AUTO; else by its name
    (``.jsonl``, ``.html``, ``.warc``, ``.wet``, before any ``.gz``), else
    by its first bytes (``WARC/``; ``<!DOCTYPE html`` or ``<html``)."""
    if chosen is not Format.AUTO:
        return chosen
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes.pop()
    if suffixes and suffixes[-1] in SUFFIXES:
        return SUFFIXES[suffixes[-1]]
    head = plain[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return Format.WARC
    if head.startswith((b"<!doctype html", b"<html")):
        return Format.HTML
    return Format.TEXT


def output_name(rel: Path, kind: Format) -> Path:
    """Where a cleaned file goes under ``-o``: the same name, except that
    HTML becomes ``.txt`` and a WARC becomes ``.jsonl`` (compression kept)."""
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
    a JSON Lines file, the record id of a WARC), its text (None: nothing to
    clean, written back as it was), and for WARC records, their headers."""

    key: str
    text: str | None
    raw: bytes = b""  # the JSON line as read, written back when the text is unchanged
    fields: dict | None = None
    url: str | None = None
    date: str | None = None


def read_jsonl(plain: bytes, field: str) -> Iterator[Record]:
    try:
        text = plain.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"JSON Lines must be UTF-8: byte {exc.start} is not") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"line {number}: not valid JSON: {exc.msg}") from None
        value = fields.get(field) if isinstance(fields, dict) else None
        yield Record(str(number), value if isinstance(value, str) else None, line.encode("utf-8"), fields)


def write_jsonl(record: Record, field: str, cleaned: str | None) -> bytes:
    """One output line: the input line itself when nothing changed."""
    if cleaned is None or cleaned == record.text:
        return record.raw + b"\n" if record.raw else _dump(record, field, record.text or "")
    return _dump(record, field, cleaned)


def _dump(record: Record, field: str, text: str) -> bytes:
    if record.fields is not None:
        fields = dict(record.fields)
        fields[field] = text
    else:
        fields = {"id": record.key, "url": record.url, "date": record.date, field: text}
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


# WARC / WET ------------------------------------------------------------------


def read_warc(plain: bytes) -> Iterator[Record]:
    """The documents of a WARC or WET file: conversion records (text), and
    response or resource records whose payload is HTML or plain text."""
    archive = _extra("warcio.archiveiterator", "warc")
    try:
        for item in archive.ArchiveIterator(io.BytesIO(plain), arc2warc=True):
            kind = item.rec_type
            if kind not in ("conversion", "response", "resource"):
                continue
            headers = item.rec_headers
            media = (item.http_headers.get_header("Content-Type") if item.http_headers else None) or headers.get_header("Content-Type") or ""
            payload = item.content_stream().read()
            if not (kind == "conversion" or media.startswith("text/plain") or "html" in media):
                continue
            try:
                text: str | None = html_text(payload) if "html" in media and kind != "conversion" else decode(payload).text
            except (DecodeError, BinaryInput, FormatError) as exc:
                if "extra" in str(exc):
                    raise
                text = None  # one unreadable record costs that record, not the file
            yield Record(
                headers.get_header("WARC-Record-ID") or "",
                text,
                url=headers.get_header("WARC-Target-URI"),
                date=headers.get_header("WARC-Date"),
            )
    except FormatError:
        raise
    except Exception as exc:  # warcio raises several kinds on damaged archives
        raise FormatError(f"not a readable WARC file: {exc}") from None


# HTML ------------------------------------------------------------------------

# Elements that start a new line of text; everything else flows inline.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol option "
    "p pre section summary table tbody tfoot thead title tr ul".split()
)
CELL_TAGS = frozenset(("td", "th"))
SKIP_TAGS = frozenset("script style noscript template svg math head iframe object embed canvas select button input textarea".split())
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


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
    source = _XML_DECLARATION.sub("", decode(data).text)
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
