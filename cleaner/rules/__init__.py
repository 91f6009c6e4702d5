"""The boilerplate rule catalogue: patterns as data, each tied to one Reason.

A rule says "a block like this is page furniture" and names its category.
Rules come in two strengths:

* ``strong`` rules (an ICP number, ``扫描…二维码``, a breadcrumb, a date on
  a line of its own) remove a block wherever it is, even between two
  paragraphs of the article;
* weak rules (a short line mentioning ``版权``, a 小编 note) only remove a
  block outside the article's main run of prose; inside it they only lower
  the block's score, so a real paragraph that mentions copyright survives.

Every rule has a ``max_units`` guard (see :mod:`cleaner.features`): keyword
rules only apply to short blocks, so they cannot take a paragraph with them.
Patterns are written without nested quantifiers, so matching time stays
linear in the block's length whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..features import Features
from ..reasons import Reason


@dataclass(frozen=True)
class Rule:
    """One pattern of page furniture.

    ``name`` appears in the evidence (``copyright.icp: '渝ICP备19001440号'``);
    ``wall`` rules also end the article region: what follows a "相关阅读" or
    "Leave a reply" header is never the article's continuation.
    """

    name: str
    reason: Reason
    pattern: re.Pattern[str]
    max_units: float = 40.0
    strong: bool = True
    wall: bool = False
    min_distinct: int = 1

    def match(self, text: str, feats: Features) -> str | None:
        """The matched text, or None. With ``min_distinct`` > 1 the block
        must hold that many different matches (a vocabulary rule)."""
        if feats.units > self.max_units:
            return None
        if self.min_distinct == 1:
            found = self.pattern.search(text)
            return found.group(0) if found else None
        seen = set(self.pattern.findall(text))
        return "+".join(sorted(seen)) if len(seen) >= self.min_distinct else None


def rule(
    name: str,
    reason: Reason,
    pattern: str,
    max_units: float = 40.0,
    strong: bool = True,
    wall: bool = False,
    flags: int = 0,
    min_distinct: int = 1,
) -> Rule:
    return Rule(name, reason, re.compile(pattern, flags), max_units, strong, wall, min_distinct)


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    found: str

    @property
    def evidence(self) -> str:
        return f"{self.rule.name}: {self.found!r}"


def catalogue() -> tuple[Rule, ...]:
    """All rules, most specific first (the first hit names the reason)."""
    from . import common, en, zh

    return (*zh.RULES, *en.RULES, *common.RULES)


RULES = catalogue()


def first_hit(text: str, feats: Features, rules: tuple[Rule, ...] = RULES) -> Hit | None:
    """The first rule that matches ``text``, if any.

        >>> from cleaner.features import features
        >>> text = "渝公网安备 50010602503266号"
        >>> first_hit(text, features(text)).evidence
        "copyright.icp: '公网安备'"
        >>> text = "会议指出，要尊重版权所有人的合法权益，加强知识产权保护，营造良好的创新环境和营商环境。"
        >>> first_hit(text, features(text)) is None
        True
    """
    for candidate in rules:
        found = candidate.match(text, feats)
        if found is not None:
            return Hit(candidate, found[:40])
    return None
