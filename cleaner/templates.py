"""Site templates learned from a run: lines that many files of the run share.

A site prints its menus, footers and disclaimers on every page; over a folder
of its pages, those lines are the most frequent ones there are. A first pass
(:func:`learn`) counts, for every normalised line, how many files of the
run hold it; the clean pass then treats a line held by many files as
template (``boiler.template``), with the count as evidence.

Only hashes are kept: 8 bytes of BLAKE2b of the line's comparison key (see
:func:`cleaner.chars.dedup_key`), stable across processes and runs, so the
memory grows with the number of *distinct* lines, never with their text,
and the counts do not depend on the order the files are read in.

A template hit is a *weak* signal (see :mod:`cleaner.boilerplate`): it
takes a line out of the article only where the page's own structure agrees
(outside the main run of prose, or at its edges), never from between two
paragraphs of the article. And the bar rises with the page's own
repetition: an article syndicated to twelve files has prose that twelve
files share, so on that page only lines shared by many more files than its
prose count as template. Whole repeated documents are the business of
``--dedup-across``.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import pool
from .chars import dedup_key
from .features import count_tokens
from .segment import Block, segment

if TYPE_CHECKING:
    from .files import Source
    from .formats import Reading
    from .pipeline import Config

LEARN_CHUNK = 4  # files a worker counts at a time: small, as the hashes of every line come back

MIN_FILES = 3  # a line in fewer files than this is never template
RATIO = 2.0  # ...nor one in fewer than RATIO times as many files as the page's prose
ALONE_MIN_TOKENS = 8  # shorter lines count only together with a neighbour
_MASK = (1 << 64) - 1


def line_hash(text: str) -> int:
    """A stable 64-bit hash of a line's comparison key (0 for no key).

        >>> line_hash("Contact us") == line_hash("CONTACT US!") != 0
        True
        >>> line_hash("———")
        0
    """
    key = dedup_key(text)
    if not key:
        return 0
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def _pair(first: int, second: int) -> int:
    return (first * 0x9E3779B97F4A7C15 + second + 1) & _MASK


def alone(text: str) -> bool:
    """Long enough to be recognised on its own: a short line (``Contents``,
    ``2014``, ``Travel``) is shared by many unrelated pages, so it counts
    only as part of a sequence of lines that the files share."""
    return count_tokens(text) >= ALONE_MIN_TOKENS


def shared_units(blocks: list[Block]) -> list[tuple[Block, int, tuple[int, ...]]]:
    r"""Each non-blank block with the hashes it is known by across files:
    itself, if it is long enough to stand alone (else 0), and the pairs it
    forms with the lines before and after it (a menu or a footer is a
    sequence of lines that the site repeats).

        >>> from cleaner.segment import segment
        >>> [(b.text, bool(alone), len(pairs)) for b, alone, pairs in shared_units(segment("首页\n\n新闻\n这是一句足够长的可以单独识别的话。\n"))]
        [('首页', False, 1), ('新闻', False, 2), ('这是一句足够长的可以单独识别的话。', True, 1)]
    """
    lines = [(block, line_hash(block.text)) for block in blocks if block.text]
    lines = [(block, value) for block, value in lines if value]
    out: list[tuple[Block, int, tuple[int, ...]]] = []
    for at, (block, value) in enumerate(lines):
        pairs = []
        if at > 0:
            pairs.append(_pair(lines[at - 1][1], value))
        if at + 1 < len(lines):
            pairs.append(_pair(value, lines[at + 1][1]))
        out.append((block, value if alone(block.text) else 0, tuple(pairs)))
    return out


def page_hashes(blocks: list[Block]) -> set[int]:
    """The distinct hashes of a page (see :func:`shared_units`)."""
    hashes = {value for _, alone_hash, pairs in shared_units(blocks) for value in (alone_hash, *pairs)}
    hashes.discard(0)
    return hashes


class Templates:
    r"""How many pages of a run hold each line, or pair of lines (a page is a
    file, or a document of a JSON Lines or WARC file).

        >>> from cleaner.segment import segment
        >>> t = Templates()
        >>> for page in ["首页\n新闻\n正文一。", "首页\n新闻\n正文二。", "首页\n新闻\n正文三。"]:
        ...     t.add(page_hashes(segment(page)))
        >>> [(b.text, t.most_shared(pairs)) for b, _, pairs in shared_units(segment("首页\n新闻\n正文四。"))]
        [('首页', 3), ('新闻', 3), ('正文四。', 0)]
    """

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self.pages = 0

    def add(self, hashes: set[int]) -> None:
        """Count one page's distinct hashes (a file, or a document of a JSON Lines or WARC file)."""
        self.pages += 1
        counts = self.counts
        for value in hashes:
            counts[value] = counts.get(value, 0) + 1

    def most_shared(self, hashes: tuple[int, ...] | list[int]) -> int:
        """How many pages share the most shared of these hashes."""
        counts = self.counts
        return max((counts.get(value, 0) for value in hashes), default=0)

    def __len__(self) -> int:
        return len(self.counts)


def learn(sources: Iterable[Source], config: Config, jobs: int = 1, reading: Reading | None = None) -> Templates:
    """The first pass of a template run: count the lines of every page of
    every file, with ``jobs`` worker processes (files that cannot be read
    are left to the clean pass to report)."""
    from .formats import Reading

    reading = reading or Reading()
    templates = Templates()
    if jobs <= 1:
        for source in sources:
            for hashes in _hashes(source, config, reading):
                templates.add(hashes)
        return templates
    for packed in pool.ordered(jobs, sources, _learn_job, (config, reading), lambda source: [], LEARN_CHUNK):
        for hashes in packed:
            templates.add(set(array("Q", hashes)))
    return templates


def _learn_job(source: Source) -> list[bytes]:
    config, reading = pool.worker_state()
    return [array("Q", sorted(hashes)).tobytes() for hashes in _hashes(source, config, reading)]


def _hashes(source: Source, config: Config, reading: Reading) -> list[set[int]]:
    """The line hashes of each page of a source: a text or HTML file is one
    page, a JSON Lines or WARC file one page per document. Files that cannot
    be read give none, pages too large to clean count nothing, and an archive
    damaged part-way counts the documents before the damage (as the clean
    pass cleans them)."""
    # (Reading a file is the business of the clean pass, which imports this
    # module through the pipeline: imported here, when a run learns.)
    from .decode import BinaryInput, DecodeError
    from .formats import CONTAINERS, FormatError, MissingExtra, sniff, unpack
    from .outcome import page_text, records_of
    from .pipeline import PageTooLarge

    if source.error:
        return []
    found = []
    try:
        _, plain, _ = unpack(source.path.read_bytes())
        kind = sniff(source.path, plain, reading.format)
        if kind in CONTAINERS:
            texts: Iterable[str | None] = (record.text for record in records_of(plain, kind, reading))
        else:
            texts = [page_text(plain, kind, config)[0]]
        for text in texts:
            if text is not None and len(text) <= config.max_chars:
                found.append(page_hashes(segment(text, config.split_chars)))
    except MissingExtra:
        return []
    except (OSError, DecodeError, BinaryInput, FormatError, PageTooLarge):
        return found
    return found
