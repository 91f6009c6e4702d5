"""``--report`` records: one JSON object per input, or per document of a
JSON Lines or WARC file, saying what happened to it and why (the fields are
listed in the README).

Pure data: nothing here prints. The run may write a large file's document
records as it cleans them (:mod:`cleaner.outcome`), so that they need not be
held until the file is done.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import TYPE_CHECKING, TextIO

from . import meta
from .chars import display_width
from .page import Decision
from .pipeline import Result

if TYPE_CHECKING:
    from .outcome import Document, Original, Outcome, Verdict


SNIPPET = 200


def shorten(text: str, width: int) -> str:
    """Cut text to ``width`` terminal columns (CJK characters take two).

        >>> shorten("abcdef", 4), shorten("一二三四五", 6)
        ('abc…', '一二…')
    """
    if display_width(text) <= width:
        return text
    used = 0
    for end, char in enumerate(text):
        used += display_width(char)
        if used > width - 1:
            return text[:end] + "…"
    return text


def records(outcome: Outcome) -> list[dict]:
    """The ``--report`` records of one input: one, or for a JSON Lines or
    WARC file one per document (with ``record``: its line number or id)."""
    if not outcome.documents or outcome.error is not None:
        return [record(outcome)]
    return [document_record(outcome.path, document) for document in outcome.documents] + _damage(outcome)


def _damage(outcome: Outcome) -> list[dict]:
    """The file's own record after its documents' records, when it could
    not be read to its end (the damage is the file's, not a document's)."""
    return [record(outcome)] if outcome.damage is not None else []


def document_record(path, document: Document) -> dict:
    """The record of one document of a JSON Lines or WARC file."""
    rec: dict = {"path": str(path), "record": document.key}
    if document.url is not None:
        rec["url"] = document.url
    rec.update(cleaning(document.result, document.error))
    rec.update(_across_fields(document.verdict))
    return rec


def cleaning(result: Result | None, error: str | None = None) -> dict:
    """What the cleaning of one document did (its removals and their
    reasons), or why it could not be cleaned: the part of a document's
    record that does not say where the document is."""
    if result is None:
        return {"status": "error", "error": error}
    return {"status": "ok", **_result_fields(result), "changed": result.changed}


def record(outcome: Outcome) -> dict:
    """One ``--report`` JSON Lines record."""
    rec: dict = {"path": str(outcome.path)}
    if outcome.error is not None:
        rec.update(status="error", error=outcome.error)
        return rec
    if outcome.skipped is not None:
        rec.update(status="skipped", error=outcome.skipped)
        return rec
    rec.update(status="ok", format=outcome.format.value, **_decoding(outcome))
    rec.update(bytes_in=outcome.bytes_in, bytes_out=outcome.bytes_out, changed=outcome.changed)
    if outcome.compression:
        rec["compression"] = outcome.compression
    if outcome.result is not None:
        rec.update(_result_fields(outcome.result))
    if outcome.written is not None:
        rec["output"] = str(outcome.written)
    rec.update(_across_fields(outcome.verdict))
    if outcome.warnings:
        rec["warnings"] = list(outcome.warnings)
    if outcome.problems:  # written, but not (all) cleaned: a page copied through, a damaged file
        rec.update(status="error", error=outcome.damage if outcome.container and outcome.damage else "; ".join(outcome.problems))
    return rec


def _decoding(outcome: Outcome) -> dict:
    """How the input's bytes were read as text. JSON Lines and WARC files
    are UTF-8 (what their documents' text was declared as is each
    document's business); a text page copied through was never decoded."""
    source = outcome.result.source if outcome.result is not None else None
    if source is None:
        if outcome.format.value == "text":
            return {}
        return {"encoding": "utf-8", "confidence": 1.0, "bom": False, "lossy": False, "replaced": 0}
    return {"encoding": source.encoding, "confidence": source.confidence, "bom": bool(source.bom), "lossy": bool(source.lossy), "replaced": source.replaced}


def _across_fields(verdict: Verdict) -> dict:
    """What ``--dedup-across`` found: the earlier page this one repeats, and
    its paragraphs that earlier pages have."""
    rec: dict = {}
    if verdict.duplicate_of is not None:
        rec["duplicate_of"] = verdict.duplicate_of._asdict()
        rec["dropped"] = verdict.dropped
    if verdict.too_short:
        rec["too_short"] = True
    if verdict.repeated:
        rec["repeated"] = [{"line": line, "also_in": path, "at_line": at} for line, path, at in verdict.repeated]
    return rec


def _result_fields(result: Result) -> dict:
    return {
        "blocks": len(result.decisions),
        "removed": len(result.removed),
        "passes": result.passes,
        "counts": dict(sorted(result.counts.items())),
        "meta": meta.extract(result),
        "removals": [_removal(d, result.decisions) for d in result.removed],
    }


def _removal(decision: Decision, decisions: tuple[Decision, ...]) -> dict:
    block = decision.block
    item = {
        "line": block.line,
        "piece": block.piece,
        "start": block.start,
        "end": block.end,
        "reason": decision.reason.value,
        "evidence": decision.evidence,
        "text": shorten(block.text, SNIPPET),
    }
    if decision.ref is not None:
        item["ref_line"] = decisions[decision.ref].block.line
    return item


def to_json(outcome: Outcome) -> str:
    """The report lines of one input (several for a file of documents)."""
    return "\n".join(map(line, records(outcome)))


def line(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False)


def duplicates(outcome: Outcome) -> list[tuple[str, Original]]:
    """The pages of one input that repeat an earlier page of the run, each
    with the page it repeats. A page is the file, or a document of
    a JSON Lines or WARC file (named as in its report record's evidence)."""
    if outcome.container:
        verdicts = [(document.name(outcome.path), document.verdict) for document in outcome.documents]
    else:
        verdicts = [(str(outcome.path), outcome.verdict)]
    return [(page, verdict.duplicate_of) for page, verdict in verdicts if verdict.duplicate_of is not None]


def write_duplicates(outcome: Outcome, out: TextIO) -> None:
    """``--duplicates``: a line per page of ``outcome`` that repeats an
    earlier one, tab-separated. A tab, line break, carriage return or
    backslash in a name is written ``\\t``, ``\\n``, ``\\r``, ``\\\\``."""
    for page, original in duplicates(outcome):
        out.write(f"{_field(page)}\t{_field(original.path)}\t{original.similarity:.3f}\t{original.shared:.3f}\n")


def _field(name: str) -> str:
    return name.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write(outcome: Outcome, out: TextIO) -> None:
    """Write the report lines of one input to ``out``: those the run wrote
    as it cleaned (spool files, removed once copied), or else built here."""
    if not outcome.spools:
        out.write(to_json(outcome) + "\n")
        return
    try:
        if outcome.error is not None or not outcome.spooled:  # no document: the file's one record
            out.write(to_json(outcome) + "\n")
            return
        for spool in outcome.spools:
            with open(spool, encoding="utf-8") as spooled:
                shutil.copyfileobj(spooled, out)
        for rec in _damage(outcome):
            out.write(line(rec) + "\n")
    finally:
        for spool in outcome.spools:
            os.unlink(spool)
