# cython: boundscheck=False
"""How the catalogue is matched: a rule, a hit, and a rule set that tries a
block on the handful of rules that could match it rather than on all of
them (:class:`RuleSet`), with the analysis of the rules' expressions that
files each under the literals its matches start with or contain.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import cache
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
    reserved"). An ``aside`` rule's lines stand beside the text rather than
    interrupt it (who wrote a post and when, its votes and buttons): they
    go, and the text on either side of them reads on as one.

    ``source`` is the regular expression as written; :attr:`pattern`
    compiles it when first asked for (a page is tried on a few rules of the
    catalogue, and compiling them all took a fifth of the time a process
    needs to start and clean one small file).
    """

    name: str
    reason: Reason
    source: str
    max_units: float = 40.0
    strong: bool = True
    wall: bool = False
    min_distinct: int = 1
    lower: bool = False
    not_prose: bool = False
    in_prose: bool = False
    aside: bool = False

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)

    def ignores_case(self) -> bool:
        """Written to ignore case (``(?i)``, a user's rule): compiled only
        when its source holds a group of global flags with an ``i``, the
        one way the expression can."""
        return _GLOBAL_I.search(self.source) is not None and bool(self.pattern.flags & re.IGNORECASE)

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
    aside: bool = False,
) -> Rule:
    """A rule of ``pattern``, a regular expression compiled when first used
    (:class:`cleaner.Config` compiles the rules it is given, so that a
    wrong one is said at once)."""
    return Rule(name, reason, pattern, max_units, strong, wall, min_distinct, lower, not_prose, in_prose, aside)


_GLOBAL_I = re.compile(r"\(\?[aiLmsux]*i[aiLmsux]*\)")  # a group of global flags that sets IGNORECASE


SHAPE_SHARE = 0.5  # a match that opens its block and is this much of it is the block's shape


class Hit:
    """A rule that matched a block: what it found, or (``note``) what it
    knows about the block, as evidence. A ``keyword`` hit is a strong rule's
    word inside a sentence of prose: evidence only outside the article.
    ``shape``: the block begins with the match, and the match is most of it.
    ``strong``: removes the block wherever it is; ``wall``: ends the
    article's run of prose (both worked out once: steps ask them often).
    Made once and not changed: :meth:`as_keyword` and :meth:`with_rule`
    make the other forms."""

    __slots__ = ("rule", "found", "note", "keyword", "shape", "strong", "wall")

    def __init__(self, rule: Rule, found: str, note: str = "", keyword: bool = False, shape: bool = True):
        self.rule = rule
        self.found = found
        self.note = note
        self.keyword = keyword
        self.shape = shape
        self.strong = rule.strong and not keyword
        self.wall = rule.wall and not keyword

    def as_keyword(self) -> Hit:
        return Hit(self.rule, self.found, self.note, True, self.shape)

    def with_rule(self, rule: Rule) -> Hit:
        """The same hit, read as a hit of ``rule``."""
        return Hit(rule, self.found, self.note, self.keyword, self.shape)

    def in_sentence(self, feats: Features) -> bool:
        """A strong rule's word inside a sentence of prose that it does not
        make up (``记者扫描了包装上的二维码。``), where the rule is not one of
        phrases only page furniture says."""
        return self.rule.strong and not self.rule.in_prose and feats.prose and not self.shape

    @property
    def evidence(self) -> str:
        return self.note or f"{self.rule.name}: {self.found!r}"

    def _fields(self) -> tuple:
        return (self.rule, self.found, self.note, self.keyword, self.shape)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Hit(rule={self.rule.name!r}, found={self.found!r}, note={self.note!r}, keyword={self.keyword!r}, shape={self.shape!r})"


class RuleSet:
    """Rules with a fast path: most blocks are prose that no rule matches,
    and a block that some rule matches is tried on a handful of rules, not
    on the whole catalogue.

    Every alternative of every rule is filed under literals: those a match
    must start with at the start of the block (``版权所有``, ``share this``),
    or those a match must start with or contain anywhere in it
    (``.{0,10}温馨提示``, ``[\\w.+-]+@``), and when the alternative needs a
    digit (``\\d+人阅读``), only in blocks that have one. An alternative
    with no literal whose matches end the block (a date in brackets closing
    a list entry) is filed under the characters they end with; the rare one
    with neither is an expression tried on every block (or every block with
    a digit). One pass over the block and one over its lower-cased text
    (:class:`_Literals`) find which literals occur in it; only the rules
    filed under those that allow a block of its length are tried, in
    catalogue order. ``tests/test_fast_paths.py`` checks that this
    finds exactly what trying every rule finds.
    """

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        limits = [r.max_units for r in rules]
        self.limits = array("d", limits)
        self.longest = max(limits, default=0.0)
        numbered = [(number, r, _flat_alternatives(r.source)) for number, r in enumerate(rules)]
        filings = _filings(sorted({part for _, _, parts in numbered for part in parts}))
        self.gates = (_Gate(numbered, False, filings), _Gate(numbered, True, filings))

    def first_hit(self, text: str, feats: Features) -> Hit | None:
        if feats.units > self.longest:
            return None  # longer than any rule allows
        lowered = text.lower()
        candidates: set[int] = set()
        for gate in self.gates:
            gate.candidates(lowered if gate.lower else text, feats.digits > 0, candidates)
        if not candidates:
            return None  # (most blocks)
        rules = []
        for number in sorted(candidates):
            if feats.units <= self.limits[number]:  # (a rule's own guard, checked before the rule is called)
                rules.append(self.rules[number])
        return pick(rules, text, feats, lowered) if rules else None


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
    """Which rules (lower-cased or not) could match a block."""

    def __init__(self, rules: list[tuple[int, Rule, list[str]]], lower: bool, filings: dict[str, tuple[str, list[str]]]):
        """``rules``: each rule's number, the rule and its alternatives (:func:`_flat_alternatives`)."""
        self.lower = lower
        tables: dict[str, dict[str, set[int]]] = {"heads": {}, "literals": {}, "numeric_literals": {}, "endings": {}, "numeric_endings": {}}
        expressions: dict[str, list[str]] = {"anchored": [], "anchored_numeric": [], "searched": [], "numeric": []}
        tried: dict[str, set[int]] = {name: set() for name in expressions}
        # A rule written to ignore case (``(?i)``, a user's) is not filed:
        # its literals are not the text's. It is tried on every block.
        self.always = set()
        for number, candidate, parts in rules:
            if candidate.lower != lower:
                continue
            if candidate.ignores_case():
                self.always.add(number)
                continue
            for part in parts:
                where, literals = filings[part]
                if where in tables:
                    for literal in literals:
                        tables[where].setdefault(literal, set()).add(number)
                else:
                    expressions[where].append(f"(?:{part.removeprefix('^')})")
                    tried[where].add(number)
        self.literals = _Literals(tables["literals"], tables["heads"], tables["numeric_literals"])
        self.endings, self.numeric_endings = tables["endings"], tables["numeric_endings"]
        self.anchored, self.anchored_rules = _either(expressions["anchored"]), tried["anchored"]
        self.anchored_numeric, self.anchored_numeric_rules = _either(expressions["anchored_numeric"]), tried["anchored_numeric"]
        self.searched, self.searched_rules = _either(expressions["searched"]), tried["searched"]
        self.numeric, self.numeric_rules = _either(expressions["numeric"]), tried["numeric"]

    def candidates(self, subject: str, digits: bool, out: set[int]) -> None:
        """Add to ``out`` the rules that could match ``subject``."""
        self.literals.find(subject, digits, out)
        if self.always:
            out.update(self.always)
        if self.endings or (digits and self.numeric_endings):
            # (``$`` matches before a final line break too.)
            self._ending(subject[-1:], digits, out)
            if subject.endswith("\n"):
                self._ending(subject[-2:-1], digits, out)
        if self.anchored_rules and self.anchored.match(subject) is not None:
            out.update(self.anchored_rules)
        if self.searched_rules and self.searched.search(subject) is not None:
            out.update(self.searched_rules)
        if digits:
            if self.anchored_numeric_rules and self.anchored_numeric.match(subject) is not None:
                out.update(self.anchored_numeric_rules)
            if self.numeric_rules and self.numeric.search(subject) is not None:
                out.update(self.numeric_rules)

    def _ending(self, char: str, digits: bool, out: set[int]) -> None:
        """Add to ``out`` the rules of alternatives that may end with ``char``."""
        decimal = char.isdecimal()
        _add_ending(self.endings, char, decimal, out)
        if digits:
            _add_ending(self.numeric_endings, char, decimal, out)


def _add_ending(table: dict[str, set[int]], char: str, decimal: bool, out: set[int]) -> None:
    """Add to ``out`` the rules that ``table`` files under ``char`` (and
    under any digit, when it is one)."""
    found = table.get(char)
    if found is not None:
        out.update(found)
    if decimal:
        found = table.get(DIGIT)
        if found is not None:
            out.update(found)


def _filings(parts: list[str]) -> dict[str, tuple[str, list[str]]]:
    """:func:`filing` of each alternative. The analysis costs more than
    cleaning a small page, so what it found is kept between runs
    (:mod:`cleaner.cache`), for the catalogue's alternatives and for those of
    the rules a user added, together."""
    stored = cache.load("gate", __file__, "")
    known: dict[str, tuple[str, list[str]]] = {}
    if stored is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):  # (whole, but not of this code: start afresh)
            known = marshal.loads(stored)
    missing = [part for part in parts if part not in known]
    if missing:
        known.update((part, filing(part)) for part in missing)
        cache.store("gate", __file__, "", marshal.dumps(known))
    return known


def filing(part: str) -> tuple[str, list[str]]:
    """Where the gate files one alternative of a rule: under the literals a
    match starts with at the start of the block (``heads``), under literals
    it starts with or holds anywhere (``literals``, or ``numeric_literals``
    when every match has a digit), under the characters a match that ends
    the block ends with (``endings``, ``numeric_endings``), or, with none of
    these to file it under, as an expression tried at the start of every
    block or anywhere in it (with a digit if it needs one).

        >>> filing("^版权所有"), filing(r"\\d+人阅读"), filing(r"^\\d{1,2}:\\d{2}$")
        (('heads', ['版权所有']), ('numeric_literals', ['人阅读']), ('numeric_literals', [':']))
        >>> filing("^[A-Z]{5,}"), filing("[A-Z]{5,}"), filing(r"\\d{4}"), filing(r"\\d+[a-c]$")
        (('anchored', []), ('searched', []), ('numeric', []), ('numeric_endings', ['a', 'b', 'c']))
    """
    anchored = part.startswith("^")
    body = part[1:] if anchored else part
    digit = needs_digit(body)
    starts = leading_literals(body)
    if anchored and starts:
        return "heads", starts
    literals = starts or required_literals(body) or required_literals(body, 1)
    if literals:
        return ("numeric_literals" if digit else "literals"), literals
    endings = ending_chars(body)
    if endings:
        return ("numeric_endings" if digit else "endings"), endings
    if anchored:
        return ("anchored_numeric" if digit else "anchored"), []
    return ("numeric" if digit else "searched"), []


MAX_CELLS = 1 << 23  # cells of one literal table (two bytes each): the catalogue's largest has 1.5 million


class _Literals:
    """Literal strings, each filed with rules, found in one pass over a text
    (Aho–Corasick): every occurrence, overlapping ones too, adds its rules;
    ``heads`` only where the text starts with them, ``numeric`` only in a
    text with a digit. A regular expression of the same literals is tried
    at every position of the text, which on Latin text, where most letters
    start some literal, cost more than all the rest of the rule step.

    The automaton is walked as a table, one step a character: a row per
    node, a column per character that some literal holds (column 0: any
    other character, which leads back to the root), failure links folded
    in. The catalogue's table is about 3 MB; a trie so large that its table
    would pass ``max_cells``, or of more nodes than a table cell can number
    (65,535), is walked through its edges and failure links instead, which
    finds the same.

        >>> found = set()
        >>> _Literals({"版权": {1}, "版权所有": {2}, "所有": {3}, "ICP": {4}}, {"本站": {5}, "站": {6}}).find("本站版权所有", False, found)
        >>> sorted(found)
        [1, 2, 3, 5]
    """

    def __init__(
        self,
        table: dict[str, set[int]],
        heads: dict[str, set[int]] | None = None,
        numeric: dict[str, set[int]] | None = None,
        max_cells: int = MAX_CELLS,
    ):
        children: list[dict[str, int]] = [{}]  # the trie, node 0 its root
        depth = [0]
        # Per node: rules of the literals that end there (anywhere, with a
        # digit), and of the head literal that the node's string is.
        ends: list[list[set[int]]] = [[set(), set()]]
        starts: list[set[int]] = [set()]
        for kind, words in enumerate((table, numeric or {}, heads or {})):
            for word, rules in words.items():
                node = 0
                for char in word:
                    child = children[node].get(char)
                    if child is None:
                        child = children[node][char] = len(children)
                        children.append({})
                        depth.append(depth[node] + 1)
                        ends.append([set(), set()])
                        starts.append(set())
                    node = child
                if kind < 2:
                    ends[node][kind] |= rules
                else:
                    starts[node] |= rules
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
                for kind in (0, 1):
                    ends[child][kind] |= ends[self.fail[child]][kind]
                queue.append(child)
        self.depth = array("q", depth)
        self.hits = [frozenset(rules[0]) if rules[0] else None for rules in ends]
        self.numeric_hits = [frozenset(rules[1]) if rules[1] else None for rules in ends]
        self.head_hits = [frozenset(rules) if rules else None for rules in starts]
        self.reports = bytes(
            (_ANYWHERE if anywhere else 0) | (_NUMERIC if numeric else 0) | (_HEAD if head else 0)
            for anywhere, numeric, head in zip(self.hits, self.numeric_hits, self.head_hits)
        )
        self.empty = len(children) == 1
        self._tabulate(children, queue, max_cells)
        if not self.tabulated:
            self._index(children)

    def _index(self, children: list[dict[str, int]]) -> None:
        """The trie's edges for :meth:`_walk`, where no table is made."""
        # The characters of the Basic Multilingual Plane that some literal
        # holds, a bit each: any other one leads back to the root at once.
        alphabet = bytearray(0x2000)
        for branches in children:
            for char in branches:
                if ord(char) < 0x10000:
                    alphabet[ord(char) >> 3] |= 1 << (ord(char) & 7)
        self.alphabet = bytes(alphabet)
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

    def _tabulate(self, children: list[dict[str, int]], order: list[int], max_cells: int) -> None:
        """Fold the failure links into a table (``delta``) of ``width``
        columns: a node's row is its failure node's row with its own edges
        written over it. Rows are filled breadth first (``order``: every node
        but the root), so a failure node's row is complete before it is read."""
        letters = sorted({char for branches in children for char in branches})
        self.width = len(letters) + 1
        self.tabulated = len(children) <= 0xFFFF and len(children) * self.width <= max_cells
        self.columns = array("H", bytes(2 * 0x10000))  # a BMP character -> its column (0: in no literal)
        self.astral: dict[str, int] = {}  # the same, for the characters beyond it
        if not self.tabulated:
            self.delta = array("H")
            return
        for column, char in enumerate(letters, start=1):
            if ord(char) < 0x10000:
                self.columns[ord(char)] = column
            else:
                self.astral[char] = column
        width = self.width
        self.delta = array("H", bytes(2 * width * len(children)))
        delta = self.delta  # (compiled, a typed view: the rows are copied a cell at a time in C)
        for node in [0, *order]:
            row = node * width
            if node:
                below = self.fail[node] * width
                for column in range(width):
                    delta[row + column] = delta[below + column]
            for char, child in children[node].items():
                delta[row + self._column(char)] = child

    def _column(self, char: str) -> int:
        """The column of ``char``."""
        point = ord(char)
        return self.columns[point] if point < 0x10000 else self.astral.get(char, 0)

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

    def find(self, text: str, digits: bool, out: set[int]) -> None:
        """Add to ``out`` the rules of every literal that occurs in ``text``
        (of numeric ones only if ``digits``), and of the head literals it
        starts with."""
        if self.empty:
            return
        if not self.tabulated:
            self._walk(text, digits, out)
            return
        # (Compiled, the table and the columns are typed views: a character
        # costs two array reads.)
        delta, columns, width = self.delta, self.columns, self.width
        node = 0
        at_start = True  # the node's string is the text so far
        at = -1
        for char in text:  # (compiled, a loop over the string's own storage)
            at += 1
            point = ord(char)
            column = columns[point] if point < 0x10000 else self._column(char)
            if not column:
                node = 0  # (in no literal: back to the root, where nothing is reported)
                at_start = False
                continue
            node = delta[node * width + column]
            if at_start:
                at_start = self.depth[node] == at + 1
            if self.reports[node]:  # (most nodes report nothing: one byte says so)
                self._report(node, at_start, digits, out)

    def _walk(self, text: str, digits: bool, out: set[int]) -> None:
        """:meth:`find` through the trie's edges and failure links."""
        node = 0
        at_start = True
        at = -1
        for char in text:
            at += 1
            point = ord(char)
            if point < 0x10000 and not self.alphabet[point >> 3] >> (point & 7) & 1:
                node = 0
                at_start = False
                continue
            child = self.child(node, char)
            while child < 0 and node:
                node = self.fail[node]
                child = self.child(node, char)
            node = child if child >= 0 else 0
            if at_start:
                at_start = self.depth[node] == at + 1
            if self.reports[node]:
                self._report(node, at_start, digits, out)

    def _report(self, node: int, at_start: bool, digits: bool, out: set[int]) -> None:
        """Add to ``out`` the rules that reaching ``node`` finds."""
        reports = self.reports[node]
        if at_start and reports & _HEAD:
            out.update(self.head_hits[node])
        if reports & _ANYWHERE:
            out.update(self.hits[node])
        if digits and reports & _NUMERIC:
            out.update(self.numeric_hits[node])


# What a node of :class:`_Literals` reports, as bits of ``reports``.
_ANYWHERE = 1
_NUMERIC = 2
_HEAD = 4
_FIBONACCI = 0x9E3779B97F4A7C15  # 2**64 / the golden ratio


def _slot(key: int, mask: int) -> int:
    """A key's first slot in a table of ``mask + 1`` slots (Fibonacci hashing;
    compiled, the product wraps at 64 bits, which spreads keys as well)."""
    return (key * _FIBONACCI >> 29) & mask


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


def _either(parts: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(parts) if parts else "(?!)")


MAX_PREFIX = 8
MAX_PREFIXES = 256


@functools.cache  # a rule set with rules of the user's files the catalogue's alternatives again
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


@functools.cache  # a rule set with rules of the user's files the catalogue's alternatives again
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


DIGIT = "\\d"  # among a pattern's ending characters: any decimal digit
MAX_ENDINGS = 128
_SPACES = [chr(point) for point in range(0x3000 + 1) if chr(point).isspace()]  # what \s matches


@functools.cache  # (a rule set built with a user's rules analyses the catalogue's alternatives again)
def ending_chars(pattern: str) -> list[str] | None:
    """The characters one of which every match of ``pattern`` ends with
    (:data:`DIGIT` for any decimal digit), when every match ends the text
    (``…$``); None when a match may end elsewhere or with too many.

        >>> ending_chars(r"(?:[(（]\\d+[)）]|\\d{1,2}:\\d{2})$"), ending_chars(r"共\\d+页$"), ending_chars(r"\\d+页")
        ([')', '\\\\d', '）'], ['页'], None)
    """
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    if not parsed or parsed[-1] not in ((_c.AT, _c.AT_END), (_c.AT, _c.AT_END_STRING)):
        return None
    found = _last_chars(parsed[:-1])
    return sorted(found) if found is not None and len(found) <= MAX_ENDINGS else None


def _last_chars(seq: list) -> set[str] | None:
    """The characters a match of ``seq`` may end with; None if it may be
    empty or end with a character of a class too large to list."""
    if not seq:
        return None
    op, av = seq[-1]
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        found: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                found.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < MAX_ENDINGS:
                found.update(map(chr, range(value[0], value[1] + 1)))
            elif kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
                found.add(DIGIT)
            elif kind is _c.CATEGORY and value is _c.CATEGORY_SPACE:
                found.update(_SPACES)
            else:
                return None
        return found
    if op is _c.SUBPATTERN:
        return _last_chars(seq[:-1] + list(av[3]))
    if op is _c.BRANCH:
        found = set()
        for branch in av[1]:
            ends = _last_chars(seq[:-1] + list(branch))
            if ends is None:
                return None
            found |= ends
        return found
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        ends = _last_chars(seq[:-1] + list(av[2]))
        if ends is None or av[0] > 0:
            return ends
        before = _last_chars(seq[:-1])  # (repeated no time at all)
        return None if before is None else ends | before
    if op is _c.AT and av is not _c.AT_BEGINNING:
        return _last_chars(seq[:-1])  # (\b and friends match no character)
    return None


MIN_REQUIRED = 2  # a required literal shorter than this (":") is too common to filter by, if there is a longer one


@functools.cache  # a rule set with rules of the user's files the catalogue's alternatives again
def required_literals(pattern: str, minimum: int = MIN_REQUIRED) -> list[str] | None:
    """Literal strings one of which every match of ``pattern`` contains,
    found after a part that can start with a class or a repeat, or inside a
    group every match goes through; None when there are none of at least
    ``minimum`` characters.

        >>> required_literals(r".{0,10}温馨提示\\s*[:：]?$")
        ['温馨提示']
        >>> required_literals(r"(?<!\\d)\\d+\\s*人(?:阅读|浏览)")
        ['人浏览', '人阅读']
        >>> required_literals(r"\\d{1,2}:\\d{2}") is None, required_literals(r"\\d{1,2}:\\d{2}", 1)
        (True, [':'])
        >>> required_literals(r"(?:[^>»]{0,30}(?:>|»)){2,}$", 1)
        ['>', '»']
    """
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    return _contained(parsed, minimum, 1)


def _contained(parsed: list, minimum: int, first: int = 0) -> list[str] | None:
    """:func:`required_literals` of a parsed sequence, from its element ``first`` on."""
    for skip in range(first, len(parsed)):
        for short in (True, False):
            found: list[str] = []
            if _expand(parsed[skip:], "", found, short) and len(found) <= MAX_PREFIXES:
                if min(map(len, found)) >= minimum:
                    return sorted(set(found))
                break
    for op, av in parsed:  # inside a group that every match goes through
        if op is _c.SUBPATTERN and (found := _contained(list(av[3]), minimum)):
            return found
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and (found := _contained(list(av[2]), minimum)):
            return found
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
