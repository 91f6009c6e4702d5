"""Duplicate content inside one page.

The scraping artefact is a *run*: the whole article pasted twice, a terms
block repeated. A single paragraph that appears twice is usually meant (a
quoted post, a table header, a refrain), so it is left alone. The unit of
comparison is the paragraph: hard-wrapped lines are joined first, so a copy
is recognised whatever its line breaks, and consecutive identical paragraphs
count once, so a refrain never makes a "run".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import count_tokens, dedup_key
from .layout import paragraphs
from .pipeline import Page
from .reasons import Reason
from .segment import Block

_SENTENCE_END = re.compile(r"[。！？!?.…；;」』”\"'）)]$")
MAX_CANDIDATES = 4


@dataclass
class Unit:
    """A paragraph as compared for duplicates."""

    blocks: list[Block]
    key: str
    tokens: int


def _units(page: Page) -> list[Unit]:
    out = []
    for para in paragraphs(page):
        key, tokens = page.cached("dedup", para.text, _key_and_tokens)
        out.append(Unit(para.blocks, key, tokens))
    return out


def _key_and_tokens(text: str) -> tuple[str, int]:
    return dedup_key(text), count_tokens(text)


def drop_exact(page: Page) -> None:
    """Drop the second copy of a repeated run of paragraphs.

    A run counts when it holds at least two different paragraphs of
    ``dup_min_tokens`` tokens or more (a heading repeated with one paragraph
    is a pattern of the page, not a pasted copy) and covers whole lines or a
    long stretch of sentences; the first copy stays and every block of the
    later copy points at its twin.

        >>> from cleaner.pipeline import Config, clean_text
        >>> from cleaner.reasons import parse_reasons
        >>> only_dedup = Config(disable=parse_reasons("boiler"))
        >>> article = "会议强调,要牢记使命担当。\\n会议要求,要狠抓工作落实。\\n"
        >>> clean_text(article + "（完）\\n" + article, only_dedup).text
        '会议强调,要牢记使命担当。\\n会议要求,要狠抓工作落实。\\n（完）\\n'
        >>> refrain = "Let it be, let it be, let it be, let it be.\\n"
        >>> clean_text(refrain * 3, only_dedup).text == refrain * 3
        True
    """
    paras = [p for p in _without_repeated_lines(_units(page)) if p.key]
    # Consecutive identical paragraphs form one unit: a refrain is not a run.
    units: list[list[Unit]] = []
    for para in paras:
        if units and units[-1][0].key == para.key:
            units[-1].append(para)
        else:
            units.append([para])
    keys = [unit[0].key for unit in units]
    tokens = [unit[0].tokens for unit in units]
    seen: dict[str, list[int]] = {}
    minimum = page.config.dup_min_tokens
    j = 0
    while j < len(units):
        best_start, best_length = -1, 0
        for i in seen.get(keys[j], ()):
            length = 0
            while j + length < len(units) and i + length < j and keys[i + length] == keys[j + length]:
                length += 1
            if length > best_length:
                best_start, best_length = i, length
        if best_length >= 2 and _is_copy(page, units[j : j + best_length], minimum):
            for offset in range(best_length):
                twin = units[best_start + offset][0].blocks[0]
                for para in units[j + offset]:
                    for block in para.blocks:
                        page.remove(block, Reason.DUP_EXACT, f"repeats line {twin.position} (a run of {best_length} paragraphs)", ref=twin.index)
            j += best_length
            continue
        positions = seen.setdefault(keys[j], [])
        if len(positions) < MAX_CANDIDATES:
            positions.append(j)
        j += 1


def _is_copy(page: Page, run: list[list[Unit]], minimum: int) -> bool:
    """A repeated run that is a pasted copy rather than a pattern of the page:
    two or more different substantial paragraphs ending like sentences (a
    repeated list of titles is the boilerplate steps' business), and either whole lines
    (the copy starts and ends at line boundaries) or a long stretch of
    sentences (a one-line page pasted twice)."""
    substantial = {unit[0].key for unit in run if unit[0].tokens >= minimum and _SENTENCE_END.search(unit[0].blocks[-1].text)}
    if len(substantial) < 2:
        return False
    first, last = run[0][0].blocks[0], run[-1][-1].blocks[-1]
    whole_lines = first.piece <= 1 and _ends_line(page, last)
    return whole_lines or (len(substantial) >= 5 and sum(unit[0].tokens for unit in run) >= 10 * minimum)


def _ends_line(page: Page, block: Block) -> bool:
    following = block.index + 1
    return block.piece == 0 or following >= len(page.blocks) or page.blocks[following].line != block.line


def _without_repeated_lines(paras: list[Unit]) -> list[Unit]:
    """Drop the sentences of a split line that repeats the line just before
    it: like a refrain, an immediately repeated paragraph is left alone."""
    lines: dict[int, list[Unit]] = {}
    for para in paras:
        lines.setdefault(para.blocks[0].line, []).append(para)
    previous_key = None
    repeated: set[int] = set()
    for line, members in lines.items():
        key = "".join(p.key for p in members)
        if key == previous_key and members[0].blocks[0].piece:
            repeated.add(line)
        previous_key = key
    return [p for p in paras if p.blocks[0].line not in repeated]
