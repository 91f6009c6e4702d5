"""The working state of one page: its blocks, and the decision each has so
far. A step (:data:`Step`) is a function of a page that decides some of its
undecided blocks; :mod:`cleaner.pipeline` runs the steps in order.

Decisions are only ever added, never changed, and a removed block always
has one reason and its evidence: :meth:`Page.remove` is the one way in.

    >>> from cleaner.pipeline import Config
    >>> from cleaner.segment import segment
    >>> page = Page(segment("网站首页 新闻中心\\n正文第一段。\\n"), Config())
    >>> page.remove(page.blocks[0], Reason.BOILER_NAV, "menu"), page.remove(page.blocks[0], Reason.BOILER_SPAM, "again")
    (True, False)
    >>> [block.text for block in page.open()], [d.reason.value for d in page.finish()]
    (['正文第一段。'], ['boiler.nav', 'keep'])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .reasons import Reason
from .segment import Block

if TYPE_CHECKING:
    from .pipeline import Config
    from .templates import Templates


class Decision:
    """What happened to one input block: kept, or removed for ``reason``.

    ``ref`` points at another block's index when the evidence is that block
    (the kept copy of a duplicate).
    """

    __slots__ = ("block", "reason", "evidence", "ref")

    def __init__(self, block: Block, reason: Reason, evidence: str = "", ref: int | None = None):
        _fill(self, block, reason, evidence, ref)

    @property
    def kept(self) -> bool:
        return self.reason is _KEEP

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Decision) and (self.block, self.reason, self.evidence, self.ref) == (other.block, other.reason, other.evidence, other.ref)

    def __repr__(self) -> str:
        return f"Decision(block={self.block!r}, reason={self.reason!r}, evidence={self.evidence!r}, ref={self.ref!r})"

    def __reduce__(self):
        return Decision, (self.block, self.reason, self.evidence, self.ref)


def _fill(decision: Decision, block: Block, reason: Reason, evidence: str, ref: int | None) -> Decision:
    decision.block = block
    decision.reason = reason
    decision.evidence = evidence
    decision.ref = ref
    return decision


def decided(block: Block, reason: Reason, evidence: str = "", ref: int | None = None) -> Decision:
    """A new Decision, made without a call of the class: a page decides
    thousands of blocks."""
    return _fill(Decision.__new__(Decision), block, reason, evidence, ref)


class Page:
    """The working state of one pass: blocks and their decisions so far."""

    __slots__ = ("blocks", "config", "templates", "decisions", "memo", "cache", "disabled", "article")

    def __init__(self, blocks: list[Block], config: Config, cache: dict | None = None, templates: Templates | None = None):
        self.blocks = blocks
        self.config = config
        self.templates = templates  # line counts learned over the run, if any
        self.decisions: list[Decision | None] = [None] * len(blocks)
        self.memo: dict = {}  # scratch space the steps of one pass share
        # Facts about a block's text (features, rule hits, comparison keys)
        # that hold in every pass over the same document.
        self.cache: dict = cache if cache is not None else {}
        self.disabled = frozenset(config.disable)  # (read on every removal: a field, not a call into Config)
        self.article: tuple[tuple[int, int], ...] = ()  # (first, last) block index of each run of the article's prose

    def table(self, kind: str) -> dict:
        """What is remembered for this document under ``kind``, by text."""
        table = self.cache.get(kind)
        if table is None:
            table = self.cache[kind] = {}
        return table

    def cached(self, kind: str, text: str, compute):
        """``compute(text)``, remembered for this document under ``kind``."""
        table = self.table(kind)
        value = table.get(text, _MISSING)
        if value is _MISSING:
            value = table[text] = compute(text)
        return value

    def open(self) -> list[Block]:
        """Non-blank blocks no step has decided yet."""
        found = []
        decisions = self.decisions
        for block in self.blocks:
            decision = decisions[block.index]
            if decision is None and block.text:
                found.append(block)
        return found

    def remove(self, block: Block, reason: Reason, evidence: str, ref: int | None = None) -> bool:
        """Remove ``block`` unless ``reason`` is disabled, the block is
        allowed, or it is already decided."""
        if self.decisions[block.index] is not None or reason in self.disabled:
            return False
        if self.config.allow and block.text and self.cached("allowed", block.text, self.config.allowed):
            return False
        self.decisions[block.index] = decided(block, reason, evidence, ref)
        return True

    def alive(self, block: Block) -> bool:
        """Not removed (undecided or kept)."""
        decision = self.decisions[block.index]
        return decision is None or decision.reason is _KEEP

    def finish(self) -> list[Decision]:
        return [d if d is not None else decided(b, _KEEP) for b, d in zip(self.blocks, self.decisions)]


Step = Callable[[Page], None]

_MISSING = object()
_KEEP = Reason.KEEP  # (an enum member looked up on its class costs more than the rest of a decision)
