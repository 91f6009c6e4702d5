"""The rule catalogue's fast path finds exactly what trying every rule finds.

:class:`cleaner.rules.RuleSet` tries a block only on the rules whose
literals, anchors or digits it holds. Whatever it skips must be a rule that
could not have matched: the first hit must be the catalogue's first hit.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.decode import decode
from cleaner.features import features
from cleaner.rules import DEFAULT, RULES, Hit
from cleaner.segment import segment

from .conftest import sample_pages


def _every_rule(text: str) -> tuple[str, str] | None:
    """The first rule of the catalogue that matches, tried one by one."""
    feats = features(text)
    lowered = text.lower()
    for candidate in RULES:
        found = candidate.match(text, feats, lowered)
        if found is not None:
            return candidate.name, found[:40]
    return None


def _fast(text: str) -> tuple[str, str] | None:
    hit: Hit | None = DEFAULT.first_hit(text, features(text))
    return None if hit is None else (hit.rule.name, hit.found)


def test_the_fast_path_agrees_on_every_line_of_the_samples():
    lines = {b.text for page in sample_pages() for b in segment(decode(page.read_bytes()).text, 60) if b.text}
    hits = 0
    for text in sorted(lines):
        expected = _every_rule(text)
        assert _fast(text) == expected, text
        hits += expected is not None
    assert hits >= 20  # the samples hold plenty of page furniture


# Text a rule matches, alone or with other text before and after it (a
# prefix hides anchored rules; a suffix hides $-anchored ones).
_matches = st.sampled_from(RULES).flatmap(lambda rule: st.from_regex(rule.pattern))
_around = st.sampled_from(["", "1 ", "2023-08-11 ", "本站", "Home » ", "“", "a"])


@settings(max_examples=400, deadline=None)
@given(_matches, _around, _around)
def test_the_fast_path_agrees_on_text_the_rules_match(found, before, after):
    for text in (found, before + found, found + after, before + found + after):
        text = text.strip()
        if "\n" not in text and "\r" not in text:
            assert _fast(text) == _every_rule(text)
