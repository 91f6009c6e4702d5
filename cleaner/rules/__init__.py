"""The boilerplate rule catalogue: patterns as data, each tied to one Reason.

A rule says "a block like this is page furniture" and names its category.
Rules come in two strengths:

* ``strong`` rules (an ICP number, ``扫描…二维码``, a breadcrumb, a date on
  a line of its own) remove a block wherever it is, even between two
  paragraphs of the article;
* weak rules (a short line mentioning ``公众号``, a courtesy line) only
  remove a block outside the article's main run of prose; inside it they
  only lower the block's score.

Every rule has a ``max_units`` guard (see :mod:`cleaner.features`): keyword
rules only apply to short blocks, so they cannot take a paragraph with them.
Rules on words that real sentences also use (``博彩``, ``主办单位``) are
``not_prose``: they never apply to a block that reads as a sentence.
Patterns are written without nested quantifiers, so matching time stays
linear in the block's length whatever the input.
"""

from __future__ import annotations

import functools

from ..features import Features
from ..reasons import Reason, parse_reasons, split_codes
from .matcher import Hit, Rule, RuleSet, alternatives, leading_literals, needs_digit, pick, required_literals, rule

__all__ = ["DEFAULT", "RULES", "Hit", "Rule", "RuleSet", "alternatives", "catalogue", "first_hit", "leading_literals",
           "needs_digit", "parse_disable", "pick", "required_literals", "rule", "rule_id", "rule_set"]


def catalogue() -> tuple[Rule, ...]:
    """All rules, most specific first (the first hit names the reason)."""
    from . import common, en, zh

    return (*zh.RULES, *en.RULES, *common.RULES)


RULES = catalogue()
DEFAULT = RuleSet(RULES)


@functools.lru_cache(maxsize=16)
def rule_set(extra: tuple[Rule, ...] = (), without: frozenset[str] = frozenset()) -> RuleSet:
    """The catalogue with ``extra`` rules tried first, and ``without`` the
    rules of these names (compiled once per set)."""
    if not extra and not without:
        return DEFAULT
    return RuleSet(tuple(found for found in (*extra, *RULES) if found.name not in without))


def rule_id(found: Rule) -> str:
    """A catalogue rule's id: its reason code and its own name.

        >>> rule_id(RULES[0])
        'boiler.docsite.shared'
    """
    return f"{found.reason.value}.{found.name.split('.', 1)[1]}"


def parse_disable(codes: list[str]) -> tuple[frozenset[Reason], frozenset[str]]:
    """What ``--disable`` turns off: reasons (codes, or prefixes such as
    ``dup``), and rules of the catalogue by id (``boiler.copyright.icp``),
    as the names of the rules.

        >>> reasons, rules = parse_disable(["dup.exact", "boiler.copyright.icp"])
        >>> sorted(reasons), sorted(rules)
        ([<Reason.DUP_EXACT: 'dup.exact'>], ['copyright.icp'])
    """
    reasons: set[Reason] = set()
    names: set[str] = set()
    for code in split_codes(codes):
        try:
            reasons |= parse_reasons(code)
        except ValueError as exc:
            hits = [found.name for found in RULES if rule_id(found) == code]
            if not hits:
                raise ValueError(f"{exc}; or a rule id such as boiler.copyright.icp (see --explain)") from None
            names.update(hits)
    return frozenset(reasons), frozenset(names)


def first_hit(text: str, feats: Features, rules: RuleSet = DEFAULT) -> Hit | None:
    """The first rule that matches ``text``, if any.

        >>> from cleaner.features import features
        >>> text = "渝公网安备 50010602503266号"
        >>> first_hit(text, features(text)).evidence
        "copyright.icp: '公网安备'"
        >>> text = "会议指出，要尊重版权所有人的合法权益，加强知识产权保护，营造良好的创新环境和营商环境。"
        >>> first_hit(text, features(text)) is None
        True
    """
    return rules.first_hit(text, feats)
