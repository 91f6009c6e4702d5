"""How the catalogue is matched: a rule, a hit, and a rule set that tries a
block on the handful of rules that could match it rather than on all of
them (:class:`RuleSet`), with the analysis of the rules' expressions that
files each under the literals its matches start with or contain.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..features import Features
from ..reasons import Reason

try:  # the regular-expression parser: public as sre_parse up to 3.10
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]


@dataclass(frozen=True)
class Rule:
    """One pattern of page furniture.

    ``name`` appears in the evidence (``copyright.icp: '渝ICP备19001440号'``);
    ``wall`` rules also end the article region: what follows a "相关阅读" or
    "Leave a reply" header is never the article's continuation. A strong
    rule's match inside a sentence of prose is only a word the sentence
    happens to contain (``记者扫描了包装上的二维码``, "Copyright lawyers
    say…"), unless the rule is ``in_prose``: a phrase that only page
    furniture says, sentence or not (``如有侵权请联系删除``, "All rights
    reserved").
    """

    name: str
    reason: Reason
    pattern: re.Pattern[str]
    max_units: float = 40.0
    strong: bool = True
    wall: bool = False
    min_distinct: int = 1
    lower: bool = False
    not_prose: bool = False
    in_prose: bool = False

    def match(self, text: str, feats: Features, lowered: str | None = None) -> str | None:
        """The matched text, or None. ``lower`` rules are written in lower
        case and see the lower-cased text (faster than re.IGNORECASE). With
        ``min_distinct`` > 1 the block must hold that many different matches
        (a vocabulary rule)."""
        if feats.units > self.max_units or (self.not_prose and feats.prose):
            return None
        if self.lower:
            text = lowered if lowered is not None else text.lower()
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
    min_distinct: int = 1,
    lower: bool = False,
    not_prose: bool = False,
    in_prose: bool = False,
) -> Rule:
    return Rule(name, reason, re.compile(pattern), max_units, strong, wall, min_distinct, lower, not_prose, in_prose)


SHAPE_SHARE = 0.5  # a match that opens its block and is this much of it is the block's shape


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that matched a block: what it found, or (``note``) what it
    knows about the block, as evidence. A ``keyword`` hit is a strong rule's
    word inside a sentence of prose: evidence only outside the article."""

    rule: Rule
    found: str
    note: str = ""
    keyword: bool = False
    shape: bool = True  # the block begins with the match, and the match is most of it

    def in_sentence(self, feats: Features) -> bool:
        """A strong rule's word inside a sentence of prose that it does not
        make up (``记者扫描了包装上的二维码。``), where the rule is not one of
        phrases only page furniture says."""
        return self.rule.strong and not self.rule.in_prose and feats.prose and not self.shape

    @property
    def evidence(self) -> str:
        return self.note or f"{self.rule.name}: {self.found!r}"

    @property
    def strong(self) -> bool:
        """Removes the block wherever it is."""
        return self.rule.strong and not self.keyword

    @property
    def wall(self) -> bool:
        """Ends the article's run of prose."""
        return self.rule.wall and not self.keyword


BANDS = (12.0, 20.0, 40.0)  # block lengths (units) where the set of applicable rules is cut


class RuleSet:
    """Rules with a fast path: most blocks are prose that no rule matches,
    and a block that some rule matches is tried on a handful of rules, not
    on the whole catalogue.

    Every alternative of every rule is filed under what a match must start
    with: the literal strings it begins with (``版权所有``, ``share this``),
    anchored at the start of the block or anywhere in it; failing that,
    under the literals every match must contain (``.{0,10}温馨提示``); failing
    that, the alternative sits at the start of the block or needs a digit
    (``\\d{1,2}:\\d{2}``), and is only tried on blocks that have one. Rules
    are banded by their ``max_units`` guard (a long block is scanned for
    fewer literals), and for each band one pass over the block
    (:class:`_Literals`) finds which literals occur in it, and an expression
    of the block-start literals which one it begins with; only the rules
    filed under those (and the digit or anchored ones when their expression
    matches) are tried, in catalogue order. ``tests/test_fast_paths.py`` checks
    that this finds exactly what trying every rule finds.
    """

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self.vocabulary = tuple(n for n, r in enumerate(rules) if r.min_distinct > 1)
        longest = max((r.max_units for r in rules if r.min_distinct == 1), default=0.0)
        self.limits = [limit for limit in BANDS if limit < longest] + [longest]
        self.bands = []
        floor = 0.0
        for limit in self.limits:
            # A block of (floor, limit] units: the rules that allow more than floor.
            plain = [(n, r) for n, r in enumerate(rules) if r.min_distinct == 1 and r.max_units > floor]
            self.bands.append(tuple(_Gate(plain, lower) for lower in (False, True)))
            floor = limit

    def first_hit(self, text: str, feats: Features) -> Hit | None:
        at = bisect.bisect_left(self.limits, feats.units)
        lowered = None
        candidates: set[int] = set(self.vocabulary)
        if at < len(self.bands):
            lowered = text.lower()
            for gate in self.bands[at]:
                gate.candidates(lowered if gate.lower else text, feats.digits > 0, candidates)
        return pick([self.rules[number] for number in sorted(candidates)], text, feats, lowered)


def pick(rules: Iterable[Rule], text: str, feats: Features, lowered: str | None = None) -> Hit | None:
    """The hit of the first of ``rules`` that matches ``text``; but where that
    is only a word of a sentence (:meth:`Hit.in_sentence`), a later strong
    rule that finds more (a phrase of page furniture, the block's shape)
    names the block instead."""
    first = None
    for candidate in rules:
        found = candidate.match(text, feats, lowered)
        if found is None:
            continue
        subject = (lowered if lowered is not None else text.lower()) if candidate.lower else text
        shape = len(found) >= SHAPE_SHARE * len(text) and subject.startswith(found)
        hit = Hit(candidate, found[:40], shape=shape)
        if not hit.in_sentence(feats):
            return hit if first is None or hit.strong else first
        first = first or hit
    return first


class _Gate:
    """Which rules (of one band, lower-cased or not) could match a block."""

    def __init__(self, rules: list[tuple[int, Rule]], lower: bool):
        self.lower = lower
        heads: dict[str, set[int]] = {}  # literal -> rules with an anchored alternative starting so
        literals: dict[str, set[int]] = {}  # the same, anywhere in the block
        anchored: list[str] = []
        anchored_numeric: list[str] = []  # anchored alternatives that need a digit
        numeric: list[str] = []
        self.anchored_rules: set[int] = set()
        self.anchored_numeric_rules: set[int] = set()
        self.numeric_rules: set[int] = set()
        for number, candidate in rules:
            if candidate.lower != lower:
                continue
            for part in _flat_alternatives(candidate.pattern.pattern):
                if part.startswith("^"):
                    if starts := leading_literals(part[1:]):
                        for start in starts:
                            heads.setdefault(start, set()).add(number)
                    elif inner := required_literals(part[1:]):
                        # (An anchored ``.{0,10}温馨提示``: found by its literal, anywhere.)
                        for word in inner:
                            literals.setdefault(word, set()).add(number)
                    elif needs_digit(part[1:]):
                        anchored_numeric.append(f"(?:{part[1:]})")
                        self.anchored_numeric_rules.add(number)
                    else:
                        anchored.append(f"(?:{part[1:]})")
                        self.anchored_rules.add(number)
                elif starts := leading_literals(part) or required_literals(part):
                    for start in starts:
                        literals.setdefault(start, set()).add(number)
                else:
                    numeric.append(f"(?:{part})")
                    self.numeric_rules.add(number)
        self.heads, self.head_rules = _trie_index(heads)
        self.literals = _Literals(literals)
        self.anchored = _either(anchored)
        self.anchored_numeric = _either(anchored_numeric)
        self.numeric = _either(numeric)

    def candidates(self, subject: str, digits: bool, out: set[int]) -> None:
        """Add to ``out`` the rules that could match ``subject``."""
        found = self.heads.match(subject)
        if found is not None:
            out.update(self.head_rules[found.group()])
        if self.anchored_rules and self.anchored.match(subject) is not None:
            out.update(self.anchored_rules)
        if digits and self.anchored_numeric_rules and self.anchored_numeric.match(subject) is not None:
            out.update(self.anchored_numeric_rules)
        self.literals.find(subject, out)
        if digits and self.numeric_rules and self.numeric.search(subject) is not None:
            out.update(self.numeric_rules)


class _Literals:
    """Literal strings, each filed with rules, found in one pass over a text
    (Aho–Corasick): every occurrence, overlapping ones too, adds its rules.
    A regular expression of the same literals is tried at every position of
    the text, which on Latin text, where most letters start some literal,
    cost more than all the rest of the rule step.

        >>> found = set()
        >>> _Literals({"版权": {1}, "版权所有": {2}, "所有": {3}, "ICP": {4}}).find("本站版权所有", found)
        >>> sorted(found)
        [1, 2, 3]
    """

    def __init__(self, table: dict[str, set[int]]):
        children: list[dict[str, int]] = [{}]  # the trie, node 0 its root
        ends: list[set[int]] = [set()]  # rules of the literals that end at a node
        for word, rules in table.items():
            node = 0
            for char in word:
                child = children[node].get(char)
                if child is None:
                    child = children[node][char] = len(children)
                    children.append({})
                    ends.append(set())
                node = child
            ends[node] |= rules
        # Failure links, breadth first: the longest proper suffix of a node's
        # string that is in the trie; a node also reports what its suffix does.
        self.fail = array("q", [0]) * len(children)
        queue = list(children[0].values())
        for node in queue:  # (the list grows as it is read)
            for char, child in children[node].items():
                suffix = self.fail[node]
                while suffix and char not in children[suffix]:
                    suffix = self.fail[suffix]
                self.fail[child] = children[suffix].get(char, 0) if node else 0
                ends[child] |= ends[self.fail[child]]
                queue.append(child)
        self.hits = [frozenset(rules) if rules else None for rules in ends]
        # The edges as an open-addressing table: (node, character) -> child.
        size = 2
        edges = sum(map(len, children))
        while size < 2 * edges:
            size *= 2
        self.mask = size - 1
        self.keys = array("q", [-1]) * size
        self.values = array("q", [0]) * size
        for node, branches in enumerate(children):
            for char, child in branches.items():
                key = node << 21 | ord(char)
                slot = _slot(key, self.mask)
                while self.keys[slot] != -1:
                    slot = (slot + 1) & self.mask
                self.keys[slot] = key
                self.values[slot] = child

    def child(self, node: int, char: str) -> int:
        """Where ``char`` leads from ``node``, or -1."""
        key = node << 21 | ord(char)
        slot = _slot(key, self.mask)
        while True:
            found = self.keys[slot]
            if found == key:
                return self.values[slot]
            if found == -1:
                return -1
            slot = (slot + 1) & self.mask

    def find(self, text: str, out: set[int]) -> None:
        """Add to ``out`` the rules of every literal that occurs in ``text``."""
        node = 0
        for char in text:
            child = self.child(node, char)
            while child < 0 and node:
                node = self.fail[node]
                child = self.child(node, char)
            node = child if child >= 0 else 0
            if self.hits[node] is not None:
                out.update(self.hits[node])


_FIBONACCI = 0x9E3779B97F4A7C15  # 2**64 / the golden ratio


def _slot(key: int, mask: int) -> int:
    """A key's first slot in a table of ``mask + 1`` slots (Fibonacci hashing;
    compiled, the product wraps at 64 bits, which spreads keys as well)."""
    return (key * _FIBONACCI >> 29) & mask


def _trie_index(table: dict[str, set[int]]) -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    """One expression matching any of the literals, and for each literal the
    rules to try when it is found. The expression stops at the shortest
    literal of a family (``版权`` before ``版权所有``), so a literal also
    answers for the longer ones it begins.

        >>> pattern, rules = _trie_index({"版权": {1}, "版权所有": {2}, "ICP": {3}})
        >>> found = pattern.search("本站版权所有")
        >>> found.group(), sorted(rules[found.group()])
        ('版权', [1, 2])
    """
    words = sorted(table)
    rules: dict[str, frozenset[int]] = {}
    for at, word in enumerate(words):
        covered = set(table[word])
        for longer in words[at + 1 :]:
            if not longer.startswith(word):
                break
            covered |= table[longer]
        rules[word] = frozenset(covered)
    return _either([_trie(set(words))] if words else []), rules


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth)`` of each ``(``, ``)`` and ``|`` that is syntax
    (not escaped, not in a class); ``depth`` counts the groups open before it."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif char in "()|":
            if char == ")":
                depth -= 1
            yield i, char, depth
            if char == "(":
                depth += 1
        i += 1


def alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level ``|``.

        >>> alternatives(r"^a(?:b|c)|[|x]|d\\|e")
        ['^a(?:b|c)', '[|x]', 'd\\\\|e']
    """
    cuts = [i for i, char, depth in _syntax(pattern) if char == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)])]


def _flat_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``, and those of a group that
    makes up a whole alternative (with its ``^`` if it has one), so that
    each can be filed under its own literals.

        >>> _flat_alternatives(r"^(?:ab|\\d+c)|(?:x|y)z|(?:p|q)")
        ['^ab', '^\\\\d+c', '(?:x|y)z', 'p', 'q']
    """
    out = []
    for part in alternatives(pattern):
        anchor = "^" if part.startswith("^") else ""
        body = part[len(anchor) :]
        closing = next((i for i, char, depth in _syntax(body) if char == ")" and depth == 0), -1)
        if body.startswith("(?:") and closing == len(body) - 1:
            out += [anchor + inner for inner in _flat_alternatives(body[3:-1])]
        else:
            out.append(part)
    return out


def _trie(words: set[str]) -> str:
    """An alternation of literals as a trie, so the engine tries one branch
    per distinct next character instead of one per word.

        >>> _trie({"share", "shift", "sign"})
        's(?:h(?:are|ift)|ign)'
    """
    if "" in words:
        return ""  # a shorter literal already matches: longer ones add nothing
    heads: dict[str, set[str]] = {}
    for word in words:
        heads.setdefault(word[0], set()).add(word[1:])
    branches = []
    for head, rest in sorted(heads.items()):
        tail = _trie(rest)
        branches.append(re.escape(head) + (f"(?:{tail})" if "|" in tail else tail))
    return "|".join(branches)


def _either(parts: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(parts) if parts else "(?!)")


MAX_PREFIX = 8
MAX_PREFIXES = 256


@functools.cache  # each band's gates file the same alternatives
def leading_literals(pattern: str) -> list[str] | None:
    """Literal strings one of which every match of ``pattern`` starts with,
    or None when a match can start with a class, a digit or nothing.

        >>> sorted(leading_literals("(?:请|您)?登录后"))
        ['您登录后', '登录后', '请登录后']
        >>> leading_literals(r"\\d+页") is None
        True
        >>> leading_literals("(?:下面|以下)(?:是|为)?.{0,24}(?:为|给)(?:大家|您|你|各位).{0,8}(?:整理|收集|搜集|带来|分享|推荐|精选|准备)")
        ['下面', '以下']
    """
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    found: list[str] = []
    if not _expand(parsed, "", found, False) or len(found) > MAX_PREFIXES:
        # Too many ways through the optional parts: stop at the first one.
        found = []
        if not _expand(parsed, "", found, True) or len(found) > MAX_PREFIXES:
            return None
    return sorted(set(found))


@functools.cache  # each band's gates file the same alternatives
def needs_digit(pattern: str) -> bool:
    """Whether every match of ``pattern`` holds a digit (so a block without
    one need not be tried).

        >>> needs_digit(r".{0,30}\\d{4}年"), needs_digit(r"(?:\\d+|第)页"), needs_digit(r"\\d*页")
        (True, False, False)
    """
    try:
        return _needs_digit(list(_parser.parse(pattern)))
    except re.error:
        return False


def _needs_digit(seq: list) -> bool:
    for op, av in seq:
        if op is _c.IN and all(kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT for kind, value in av):
            return True
        if op is _c.LITERAL and chr(av).isdigit():
            return True
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and _needs_digit(list(av[2])):
            return True
        if op is _c.SUBPATTERN and _needs_digit(list(av[3])):
            return True
        if op is _c.BRANCH and all(_needs_digit(list(branch)) for branch in av[1]):
            return True
    return False


MIN_REQUIRED = 2  # a required literal shorter than this (":") is too common to filter by


@functools.cache  # each band's gates file the same alternatives
def required_literals(pattern: str) -> list[str] | None:
    """Literal strings one of which every match of ``pattern`` contains,
    found after a part that can start with a class or a repeat; None when
    there are none of at least MIN_REQUIRED characters.

        >>> required_literals(r".{0,10}温馨提示\\s*[:：]?$")
        ['温馨提示']
        >>> required_literals(r"(?<!\\d)\\d+\\s*人(?:阅读|浏览)")
        ['人浏览', '人阅读']
        >>> required_literals(r"\\d{1,2}:\\d{2}") is None
        True
    """
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    for skip in range(1, len(parsed)):
        for short in (True, False):
            found: list[str] = []
            if _expand(parsed[skip:], "", found, short) and len(found) <= MAX_PREFIXES:
                if min(map(len, found)) >= MIN_REQUIRED:
                    return sorted(set(found))
                break
    return None


def _expand(seq: list, prefix: str, out: list[str], short: bool) -> bool:
    if len(prefix) >= MAX_PREFIX or not seq:
        if prefix:
            out.append(prefix)
        return bool(prefix) and len(out) <= MAX_PREFIXES
    op, av = seq[0]
    rest = seq[1:]
    if op is _c.LITERAL:
        return _expand(rest, prefix + chr(av), out, short)
    if op is _c.BRANCH:
        return all(_expand(list(branch) + rest, prefix, out, short) for branch in av[1])
    if op is _c.SUBPATTERN:
        return _expand(list(av[3]) + rest, prefix, out, short)
    if op is _c.IN and len(av) <= 8 and all(kind is _c.LITERAL for kind, _ in av):
        return all(_expand(rest, prefix + chr(char), out, short) for _, char in av)
    if op is _c.AT and av is not _c.AT_BEGINNING:
        return _expand(rest, prefix, out, short)  # \\b and friends match no character
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, item = av
        if short and low == 0 and prefix:  # optional from here: what came before is enough
            out.append(prefix)
            return len(out) <= MAX_PREFIXES
        taken = _expand(list(item) + rest, prefix, out, short)
        return taken and (low > 0 or _expand(rest, prefix, out, short))
    if prefix:
        out.append(prefix)
        return True
    return False
