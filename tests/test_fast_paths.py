"""Every shortcut the engine takes decides exactly what the long way does.

:class:`cleaner.rules.RuleSet` tries a block only on the rules whose
literals, anchors or digits it holds: the first hit must still be the
catalogue's first hit. ASCII text takes quicker expressions to its words,
tokens and comparison key: they must be the ones the general path gives.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.chars import WORD_RE, dedup_key
from cleaner.decode import decode
from cleaner.dedup import _same_numbers
from cleaner.features import features
from cleaner.rules import DEFAULT, RULES, Hit, pick
from cleaner.segment import segment

from .conftest import sample_pages


def _every_rule(text: str) -> tuple[str, str] | None:
    """The hit the catalogue gives when every rule is tried, one by one."""
    hit = pick(RULES, text, features(text), text.lower())
    return None if hit is None else (hit.rule.name, hit.found)


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


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(_matches, _around, _around)
def test_the_fast_path_agrees_on_text_the_rules_match(found, before, after):
    for text in (found, before + found, found + after, before + found + after):
        text = text.strip()
        if "\n" not in text and "\r" not in text:
            assert _fast(text) == _every_rule(text)



@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_lines_get_the_word_counts_of_the_general_path(text):
    # A trailing dash (not ASCII, not a word) changes nothing about the words
    # and function words of an ASCII line, which are those of the expression.
    fast, general = features(text), features(text + "—")
    assert (fast.words, fast.stops, fast.cjk) == (general.words, general.stops, general.cjk)
    assert fast.words == len(WORD_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_text_gets_the_tokens_and_key_of_the_general_path(text):
    from cleaner.features import count_tokens

    assert count_tokens(text) == count_tokens(text + "—")
    assert dedup_key(text) == dedup_key(text + "—")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("ＳｔｅｐAB_ \u0301\u093f\u0e31ﬁİ，。1")), max_size=40))
def test_the_comparison_key_is_what_its_definition_says(text):
    # NFKC, case-folded, then only letters, digits and combining marks.
    import unicodedata

    from cleaner.chars import MARKS

    expected = re.sub(rf"(?:[^\w{MARKS}]|_)+", "", unicodedata.normalize("NFKC", text).casefold())
    assert dedup_key(text) == expected


def test_every_plain_character_keys_as_its_definition_says_beside_others():
    # Text made only of PLAIN characters is lowered rather than normalised:
    # each of them, after a letter, before a Han character and between two
    # of them, must key as NFKC and case-folding would.
    import unicodedata

    from cleaner.chars import MARKS, PLAIN, char_class

    def defined(text: str) -> str:
        return re.sub(rf"(?:[^\w{MARKS}]|_)+", "", unicodedata.normalize("NFKC", text).casefold())

    plain = [chr(point) for point in range(0x80, 0x10000) if char_class(chr(point)) & PLAIN]
    assert len(plain) > 30_000 and "中" in plain and "，" in plain and "é" in plain and "\u0301" not in plain
    for char in plain:
        for text in ("a" + char + "中", char + char, char + "é"):
            assert dedup_key(text) == defined(text), ascii(text)


def test_the_class_table_says_what_python_says_of_letters_and_digits():
    # Every code point of the first plane, and above it every 97th and some
    # chosen (Han, a mathematical letter and digit, an emoji), read through
    # both levels of the table: the flags are str.isalnum and str.isdecimal.
    from cleaner.chars import ALNUM, DECIMAL, char_class

    points = [*range(0x10000), *range(0x10000, 0x110000, 97), 0x20000, 0x1D400, 0x1D7CE, 0x1F600]
    wrong = [hex(p) for p in points if (bool(char_class(chr(p)) & ALNUM), bool(char_class(chr(p)) & DECIMAL)) != (chr(p).isalnum(), chr(p).isdecimal())]
    assert wrong == []


def test_function_words_are_found_in_any_case_and_only_whole():
    from cleaner.features import _EN_STOP, features

    for word in _EN_STOP:
        assert features(f"{word} {word.upper()} {word.title()}").stops == 3, word
    assert features("thee tHe naïve théir Kthe").stops == 1


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(
    st.dictionaries(st.text(alphabet="ab版权所有", min_size=1, max_size=4), st.sets(st.integers(0, 9), min_size=1), max_size=12),
    st.text(alphabet="ab版权所有 c", max_size=40),
)
def test_the_literal_scan_finds_the_rules_of_every_literal_in_the_text(table, text):
    from cleaner.rules.matcher import MAX_CELLS, _Literals

    expected = {rule for word, rules in table.items() if word in text for rule in rules}
    for cells in (MAX_CELLS, 0):  # walked as a table, and through the trie's edges
        found: set[int] = set()
        _Literals(table, max_cells=cells).find(text, False, found)
        assert found == expected


_LITERAL_TABLE = st.dictionaries(st.text(alphabet="ab版权所有😀", min_size=1, max_size=4), st.sets(st.integers(0, 9), min_size=1), max_size=8)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_LITERAL_TABLE, _LITERAL_TABLE, _LITERAL_TABLE, st.text(alphabet="ab版权所有😀🙂 c", max_size=40), st.booleans())
def test_the_literal_table_finds_what_the_trie_walk_finds(table, heads, numeric, text, digits):
    from cleaner.rules.matcher import MAX_CELLS, _Literals

    found = [set(), set()]
    for out, cells in zip(found, (MAX_CELLS, 0)):
        literals = _Literals(table, heads, numeric, max_cells=cells)
        assert literals.tabulated == (cells > 0)
        literals.find(text, digits, out)
    assert found[0] == found[1]


_ENDING = ["\\d{1,2}:\\d{2}(?:\\s*[ap]m)?$", "(?:[(（]\\d+[)）]|\\d+[a-c]?)$", "x(?:ab|c\\s?)\\Z", "[-+]?\\d*[h-k]+\\b$"]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ENDING).flatmap(lambda pattern: st.tuples(st.just(pattern), st.from_regex(pattern))))
def test_a_match_that_ends_the_text_ends_with_one_of_the_ending_characters(case):
    from cleaner.rules.matcher import DIGIT, ending_chars

    pattern, text = case
    endings = ending_chars(pattern)
    match = re.search(pattern, text)
    last = match.group(0)[-1:] if match else ""
    assert endings is not None and last and (last in endings or (DIGIT in endings and last.isdecimal()))


def test_no_ending_characters_where_a_match_may_end_anywhere_or_be_empty():
    from cleaner.rules.matcher import ending_chars

    assert [ending_chars(p) for p in ("\\d+页", "a?$", "^$", "[^a]$", "\\w$")] == [None] * 5


def test_a_rule_that_ignores_case_finds_its_match_in_any_case():
    from cleaner.reasons import Reason
    from cleaner.rules import RuleSet, rule

    rules = RuleSet((rule("mine", Reason.BOILER_SPAM, "(?i)copyright"), rule("line", Reason.BOILER_SPAM, "(?i)^[a-z]{5}$")))
    assert [(hit.rule.name, hit.found) for hit in (rules.first_hit(t, features(t)) for t in ("COPYRIGHT notice", "HELLO"))] == [
        ("mine", "COPYRIGHT"),
        ("line", "HELLO"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.integers(0, 40))
def test_control_bytes_are_counted_in_one_pass_as_byte_by_byte(data, controls):
    from cleaner.decode import _BINARY_BYTES, _looks_binary, _tolerated

    sample = data + bytes([_BINARY_BYTES[controls % len(_BINARY_BYTES)]]) * controls
    assert _looks_binary(sample) == (sum(sample.count(byte) for byte in _BINARY_BYTES) > _tolerated(len(sample)))


_DIGITS_AND_NOT = st.text(alphabet=st.sampled_from("0123456789٣٤５x中.%"), max_size=12)


@settings(max_examples=500, deadline=None)
@given(_DIGITS_AND_NOT, _DIGITS_AND_NOT)
def test_numbers_are_compared_in_place_as_the_digit_runs_they_are(a, b):
    assert _same_numbers(a, b) == (re.findall(r"\d+", a) == re.findall(r"\d+", b))
    assert _same_numbers(a, a)


_KEYISH = st.text(alphabet=st.one_of(st.sampled_from("会议强调要牢记使命担当abc123"), st.characters()), min_size=1, max_size=50)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(_KEYISH, _KEYISH)
def test_the_similarity_ceiling_is_never_below_the_ratio(a, b):
    from rapidfuzz.fuzz import ratio

    from cleaner.dedup import _ratio_bound

    assert _ratio_bound(a, b) >= ratio(a, b) - 1e-9
    assert _ratio_bound(a, a) == 100.0


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("首页新闻中心关于我们联系方式 \u3000\xa0\t|｜丨·•abcHome,。1"), max_size=60))
def test_a_menu_line_is_what_its_definition_says(text):
    # Items: what is left between separators and spaces; short: no CJK
    # character (one word) or ten characters at most.
    from cleaner.boilerplate import _menu

    feats = features(text)
    items = [part for part in re.split(r"\s*[|｜丨·•]\s*|\s+", text) if part]
    short = sum(len(part) <= 10 if features(part).cjk else len(part.split()) <= 3 for part in items)
    expected = None
    if not (feats.ends_sentence or feats.clauses) and (re.search(r"[|｜丨·•]", text) or feats.cjk) and len(items) >= 3:
        if short >= 0.8 * len(items):
            expected = f"menu of {len(items)} short items"
        elif len(items) >= 6:
            expected = f"line of {len(items)} headline-like items"
    assert _menu(text, feats) == expected


def test_no_ascii_character_is_another_scripts_full_stop():
    # The sentence cutters ask the class table about a character only
    # above ASCII, where OTHER_STOPS lie.
    from cleaner.chars import OTHER_STOP, OTHER_STOPS, char_class

    assert all(ord(char) > 0x7F for char in OTHER_STOPS)
    assert not any(char_class(chr(point)) & OTHER_STOP for point in range(0x80))
