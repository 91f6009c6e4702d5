"""Keep the article, drop the page around it, from the text alone.

Two steps, with duplicate removal between them:

1. :func:`drop_rule_hits` runs the rule catalogue (:mod:`cleaner.rules`) over
   every block. Strong hits go at once; weak hits are remembered.
2. :func:`judge_context` finds the article: the run of blocks with the most
   prose in it, scored like a maximum-subarray problem. Prose blocks score
   their length; short lines cost a little, rule hits cost a lot, and "wall"
   rules (a 相关阅读 or comments header) end any run. Short headings between
   paragraphs are inside the run and stay; the title just above it stays;
   everything outside goes, named by what it looks like (a menu, a list of
   headlines, a comment thread) or simply as outside the article.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .chars import CJK, CLOSERS, char_class, ends_with
from .features import Features, features
from .page import Page
from .reasons import Reason
from .layout import WRAP_MIN_WIDTH, paragraphs
from . import templates
from .rules import Rule
from .rules.matcher import Hit
from .segment import Block
from .shapes import CALLS, RUNS_ON, opens_news_item, rank

# Region scores, in units (about one word each).
RULE_COST = 4.0
WEAK_COST = 2.0
SHORT_COST = 1.0
TITLE_COST = 1.5
KEYWORD_COST = 8.0  # a sentence holding a rule's keyword: prose, less what the keyword suggests
# A second run of prose joins the article when it is at least this big, in
# units and relative to the main run (on either side of a wall alike).
MIN_EXTRA = 25.0
EXTRA_SHARE = 0.25
BIG_EXTRA = 150.0  # a run this long is article text whatever the main run's size
TITLE_LOOKBACK = 4
RUN_GROWTH = 0.5
MENU_UNITS = 4.0  # lines shorter than this in a row are menu items, longer ones may be list entries
RUN_CAP = 4
NO_CONTENT_MIN_ITEMS = 10
MAX_TITLE_UNITS = 40.0
# A column of headlines: COLUMN_MIN or more paragraphs in a row of
# HEADLINE_MIN to HEADLINE_MAX units.
HEADLINE_MIN = 5.0
HEADLINE_MAX = 20.0
COLUMN_MIN = 6

_UNSEEN = object()
_TRANSPARENT = frozenset({Reason.DUP_EXACT, Reason.DUP_NEAR, Reason.LAYOUT_SYMBOLS})
_SEPARATORS = "|｜丨·•"  # between the items of a menu line (spaces too)
_LETTER = re.compile(r"[^\W\d_]")  # a letter or a CJK character


class _Notes:
    """The features of each block of the page, and the rule hit of each
    open one, by block index."""

    __slots__ = ("feats", "hits")

    def __init__(self, feats: list[Features | None], hits: list[Hit | None]):
        self.feats = feats
        self.hits = hits


def _notes(page: Page) -> _Notes:
    notes = page.memo.get("boilerplate")
    if notes is None:
        known = page.table("features")
        feats: list[Features | None] = []
        for block in page.blocks:
            text = block.text
            if not text:
                feats.append(None)
            else:
                found = known.get(text)
                if found is None:
                    found = known[text] = features(text)
                feats.append(found)
        notes = _Notes(feats, [None] * len(page.blocks))
        page.memo["boilerplate"] = notes
    return notes


def drop_rule_hits(page: Page) -> None:
    """Remove blocks that a strong rule matches; remember weak hits.

        >>> from cleaner.pipeline import clean_text
        >>> clean_text("渝ICP备19001440号-1\\n").text
        ''
    """
    notes = _notes(page)
    shared = _template_hits(page, notes) if page.templates is not None and page.config.enabled(Reason.BOILER_TEMPLATE) else {}
    rules = page.config.rule_set()
    known = page.table("hit")
    strong: list[Block] = []
    for block in page.open():
        found = known.get(block.text, _UNSEEN)
        if found is _UNSEEN:
            found = known[block.text] = rules.first_hit(block.text, notes.feats[block.index])
        hit = found or shared.get(block.index)
        notes.hits[block.index] = hit
        if hit is not None and hit.rule.strong:
            strong.append(block)
    wrapped = _wrapped_prose(page, [b for b in strong if _keyword(notes.hits[b.index]) and _may_wrap(page, b)])
    for block in strong:
        hit = notes.hits[block.index]
        assert hit is not None
        if hit.in_sentence(notes.feats[block.index]) or (block.index in wrapped and _keyword(hit)):
            notes.hits[block.index] = hit.as_keyword()
        else:
            page.remove(block, hit.rule.reason, hit.evidence)


def _keyword(hit: Hit | None) -> bool:
    """A strong rule's word rather than a phrase of page furniture or the shape of the whole line."""
    return hit is not None and not hit.rule.in_prose and not hit.shape


def _may_wrap(page: Page, block: Block) -> bool:
    """Whether a line can be part of a hard-wrapped paragraph at all: wide
    enough to have been wrapped, or right after a line that is (its tail)."""
    if block.piece:
        return False
    before = page.blocks[block.index - 1] if block.index else None
    return block.width >= WRAP_MIN_WIDTH or (before is not None and before.width >= WRAP_MIN_WIDTH)


def _wrapped_prose(page: Page, blocks: list[Block]) -> set[int]:
    """Which of ``blocks`` are lines of a hard-wrapped paragraph that reads
    as prose: a keyword there is a word of a sentence cut by a line break
    (…齐先生通过拨打滴滴客服电话咨 / 询…), however the line looks alone.
    (A paragraph's first line may be a byline or a header run into it: it
    counts only when a Chinese sentence ends inside it.)"""
    if not blocks:
        return set()
    notes = _notes(page)
    wanted = {block.index for block in blocks}
    found: set[int] = set()
    for para in paragraphs(page):  # (one grouping of the page, however many lines are asked about)
        if len(para.blocks) < 2:
            continue  # (not wrapped)
        lines = [b.index for b in para.blocks if b.index in wanted]
        if not lines:
            continue
        if para.blocks[0].index in wanted and not notes.feats[para.blocks[0].index].full_stops:
            lines.remove(para.blocks[0].index)
        if lines and page.cached("features", para.text, features).prose:
            found.update(lines)
    return found


TEMPLATE = Rule("template", Reason.BOILER_TEMPLATE, "(?!)", max_units=float("inf"), strong=False)
# The same, where the line's neighbours are shared too: part of a sequence
# the site repeats, not a line that happens to recur (a teaser of another
# page's first paragraph, a common heading).
TEMPLATE_RUN = replace(TEMPLATE, name="template.run")


def _template_hits(page: Page, notes: _Notes) -> dict[int, Hit]:
    """Blocks that many files of the run share, as weak hits.

    The bar: at least MIN_FILES files, and RATIO times as many as share the
    page's typical line of text (the median, by length, of lines long enough
    to stand alone), so that on an article syndicated to several files the
    article is not taken for template. Lines with no letter (``2014``,
    ``1 / 5``) are never template.
    """
    learned = page.templates
    assert learned is not None
    shared: dict[int, tuple[int, int]] = {}  # block -> (files sharing the line, files sharing it with a neighbour)
    text_lines: list[tuple[int, float]] = []  # (files, units) of the page's lines of text
    for block, alone, pairs in templates.shared_units(page.blocks):
        alone_count = learned.counts.get(alone, 0) if alone else 0
        shared[block.index] = (alone_count, learned.most_shared(pairs))
        feats = notes.feats[block.index]
        if alone and feats is not None and page.decisions[block.index] is None:
            text_lines.append((alone_count, feats.units))
    typical = 1
    half = sum(units for _, units in text_lines) / 2
    for count, units in sorted(text_lines):
        half -= units
        if half <= 0:
            typical = max(count, 1)
            break
    bar = max(templates.MIN_FILES, templates.RATIO * typical)
    hits = {}
    for block in page.open():
        alone_count, pair_count = shared.get(block.index, (0, 0))
        count = max(alone_count, pair_count)
        if count >= bar and _LETTER.search(block.text) is not None:
            rule = TEMPLATE_RUN if pair_count >= bar else TEMPLATE
            hits[block.index] = Hit(rule, block.text[:40], f"template: seen in {count} of {learned.pages} pages")
    return hits


def _trim_templates(items: list[_Item], start: int, end: int) -> tuple[int, int]:
    """A region without the site's template sequences at its two ends (a
    footer sentence right after the article reads like its last line)."""
    while start < end and items[start].hit is not None and items[start].hit.rule is TEMPLATE_RUN:
        start += 1
    while end > start and items[end].hit is not None and items[end].hit.rule is TEMPLATE_RUN:
        end -= 1
    return start, end


class _Item:
    """What the region search sees: a paragraph of undecided blocks, or a
    block already removed (which still separates, and may be a wall).
    ``zone`` is set inside a comment section; ``opens`` when the item opens
    a news item with its dateline (:func:`shapes.opens_news_item`)."""

    __slots__ = ("blocks", "feats", "score", "wall", "open", "hit", "zone", "opens")

    def __init__(self, blocks: list[Block], feats: Features, score: float, wall: bool = False, open: bool = True, hit: Hit | None = None):
        _fill_item(self, blocks, feats, score, wall, open, hit)

    @property
    def first(self) -> Block:
        return self.blocks[0]


def _fill_item(item: _Item, blocks: list[Block], feats: Features, score: float, wall: bool, open: bool, hit: Hit | None) -> _Item:
    item.blocks = blocks
    item.feats = feats
    item.score = score
    item.wall = wall
    item.open = open
    item.hit = hit
    item.zone = None
    item.opens = False
    return item


def _item(blocks: list[Block], feats: Features, score: float, wall: bool, open: bool, hit: Hit | None) -> _Item:
    """A new _Item, made without a call of the class: a page is hundreds."""
    return _fill_item(_Item.__new__(_Item), blocks, feats, score, wall, open, hit)


def judge_context(page: Page) -> None:
    """Find the article's run of prose and decide every block outside it."""
    notes = _notes(page)
    items = _items(page, notes)
    if not _any_open(items):
        return
    regions = _regions(items)
    if not regions:
        _without_prose(page, items)
        return
    if page.templates is not None:
        regions = [_trim_templates(items, start, end) for start, end in regions]
    page.article = tuple([(items[start].first.index, items[end].blocks[-1].index) for start, end in regions])
    inside: set[int] = set()
    for start, end in regions:
        inside.update(range(start, end + 1))
        inside.update(_adjacent_list(items, start, end))
    inside.update(_between(items, regions))
    inside.update(_lead_in(items, regions[0][0]))
    first, last = regions[0]
    for start, end in regions:
        first, last = min(first, start), max(last, end)
    span = f"lines {items[first].first.line}–{items[last].blocks[-1].line}"
    runs = _title_runs(items, inside)
    after_wall = _after_walls(items)
    for number, item in enumerate(items):
        if number in inside or not item.open or item.feats.opaque:
            continue  # (text the tool cannot read stays wherever it is)
        block = item.blocks[0]
        text = block.text if len(item.blocks) == 1 else None
        if not _looks_only(item):
            _remove(page, item, item.hit.rule.reason, item.hit.evidence)
        elif text is not None and (menu := _menu(text, item.feats)) is not None:
            _remove(page, item, Reason.BOILER_NAV, menu)
        elif number in after_wall:
            reason, header = after_wall[number]
            _remove(page, item, reason, f"after the {header!r} header")
        elif number in runs:
            reason, what = runs[number]
            _remove(page, item, reason, what)
        elif item.zone is not None:
            _remove(page, item, Reason.BOILER_COMMENTS, item.zone)
        elif item.hit is not None:  # what the page shows names it first; else the template does
            _remove(page, item, item.hit.rule.reason, item.hit.evidence)
        else:
            _remove(page, item, Reason.BOILER_CONTEXT, f"outside the article ({span})")


def _any_open(items: list[_Item]) -> bool:
    for item in items:
        if item.open:
            return True
    return False


def _without_prose(page: Page, items: list[_Item]) -> None:
    """No run of prose: a small page (a caption, a snippet), or one with
    something near prose or text the tool cannot read, is kept as it is, bar
    its rule hits; a page of many short lines is a menu or index page with no
    article, and goes whole."""
    open_items = [item for item in items if item.open]
    near_prose = False
    for item in open_items:
        feats = item.feats
        if item.hit is None and ((feats.clauses or feats.ends_sentence) and feats.units >= 8 or feats.opaque):
            near_prose = True
            break
    if len(items) < NO_CONTENT_MIN_ITEMS or near_prose:
        for item in open_items:
            if item.hit is not None:
                _remove(page, item, item.hit.rule.reason, item.hit.evidence)
        return
    for item in open_items:
        _remove(page, item, Reason.BOILER_NO_CONTENT, f"none of the page's {len(open_items)} paragraphs reads as prose")


def _adjacent_list(items: list[_Item], start: int, end: int) -> list[int]:
    """List items (• - + 1. 一、) directly before or after a run of prose
    belong to it: a changelog, the points of a speech."""
    found = []
    for step, edge in ((-1, start), (1, end)):
        number = edge + step
        while 0 <= number < len(items) and _list_item(items[number]):
            found.append(number)
            number += step
    return found


def _between(items: list[_Item], regions: list[tuple[int, int]]) -> list[int]:
    """What lies between two runs of the article's prose is the article's
    too (a table, a list, a discography between two sections), unless a
    wall separates them, a rule names it, it is a menu line, or it is a run
    of menu-sized items."""
    found = []
    for (_, end), (start, _) in zip(regions, regions[1:]):
        gap = range(end + 1, start)
        if _walled(items, end + 1, start):
            continue  # a related-content or comments header: two sections, not one article
        menu_sized = [items[i].open and _looks_only(items[i]) and items[i].feats.units < MENU_UNITS for i in gap]
        for offset, number in enumerate(gap):
            item = items[number]
            if not item.open or item.hit is not None or item.zone is not None:
                continue
            if len(item.blocks) == 1 and _menu(item.first.text, item.feats):
                continue
            if menu_sized[offset] and sum(menu_sized[max(0, offset - 2) : offset + 3]) >= 3:
                continue
            found.append(number)
    return found


def _looks_only(item: _Item) -> bool:
    """No rule hit, or only a template or keyword one: the item weighs as what it looks like."""
    return item.hit is None or _looks_only_hit(item.hit)


def _looks_only_hit(hit: Hit) -> bool:
    rule = hit.rule  # (by identity: a frozen dataclass's == compares every field)
    return hit.keyword or rule is TEMPLATE or rule is TEMPLATE_RUN


def _list_item(item: _Item) -> bool:
    return item.open and item.hit is None and item.feats.bullet and item.feats.units <= MAX_TITLE_UNITS


def _remove(page: Page, item: _Item, reason: Reason, evidence: str) -> None:
    for block in item.blocks:
        page.remove(block, reason, evidence)


def _items(page: Page, notes: _Notes) -> list[_Item]:
    items: list[_Item] = []
    decisions = page.decisions
    for block in page.blocks:
        decision = decisions[block.index]
        if not block.text or decision is None or decision.reason in _TRANSPARENT:
            continue
        hit = notes.hits[block.index]
        feats = notes.feats[block.index]
        if hit is not None and hit.rule.aside:
            # A post's furniture costs SHORT_COST where a rule's hit costs
            # RULE_COST (both and half the line's length): it says little of
            # where the text runs, and a thread's posts read on across it.
            cost = SHORT_COST
        else:
            cost = RULE_COST if hit is None or hit.strong else WEAK_COST
        items.append(_item([block], feats, -(cost + feats.units / 2), hit is not None and hit.wall, False, hit))
    known = page.table("hit")
    breaks = [hit is not None and not _looks_only_hit(hit) for hit in notes.hits]
    for para in paragraphs(page, breaks):
        blocks = para.blocks
        first = blocks[0]
        if len(blocks) == 1:
            text = first.text
            feats, hit = notes.feats[first.index], notes.hits[first.index]
        else:
            # Hard-wrapped lines are judged as the paragraph they make: terms
            # of service wrapped at 40 characters still read as terms.
            text = para.text
            feats = page.cached("features", text, features)
            found = known.get(text, _UNSEEN)
            if found is _UNSEEN:
                found = known[text] = page.config.rule_set().first_hit(text, feats)
            hit = found
            if hit is not None and hit.rule.strong:
                hit = hit.as_keyword() if hit.in_sentence(feats) else hit.with_rule(replace(hit.rule, strong=False, wall=False))
        if hit is not None and not _looks_only_hit(hit):
            items.append(_item(blocks, feats, -(WEAK_COST + feats.units / 2), hit.wall, True, hit))
            continue
        # A template line, or a sentence that happens to hold a rule's
        # keyword, scores as what it looks like: where the article lies is
        # the page's own call; the hit only decides what happens to the line
        # when it is outside the article.
        if (feats.prose or feats.opaque) and (len(blocks) > 1 or _menu(text, feats) is None):
            # Unfinished "prose" (a ticker of headlines, a cut-off teaser) counts half.
            score = feats.units if feats.ends_sentence else feats.units / 2
        elif feats.ends_sentence:
            # A short sentence (a line of dialogue, "同志们:") is text, not chrome.
            score = feats.units / 2
        else:
            score = -(SHORT_COST if feats.units < 3 else TITLE_COST)
        if hit is not None and hit.keyword:
            score -= KEYWORD_COST  # (so a short one does not extend the article at its ends)
        item = _item(blocks, feats, score, False, True, hit)
        item.opens = score > 0 and feats.digits > 0 and opens_news_item(text)
        items.append(item)
    items.sort(key=_first_index)
    _demote_rankings(items)
    _demote_headlines(items)
    _escalate(items)
    return items


def _demote_rankings(items: list[_Item]) -> None:
    """A ranking of hot articles: three or more paragraphs in a row
    numbered n, n+1, n+2… with the number run into the headline (1万科…,
    2全球…; lines already decided between them do not count). Its
    headlines, up to a title's length, weigh as titles however they are
    punctuated (…前350人抢走194套房，最低7.97万/平！)."""
    run: list[_Item] = []
    expected = -1
    for item in items:
        if not item.open:
            continue
        block = item.blocks[0]
        text = block.text
        number = rank(text) if text and text[0].isdecimal() else -1
        if number < 0 or number != expected and run:
            _demote(run)
            run = []
        if number >= 0:
            run.append(item)
            expected = number + 1
    _demote(run)


def _demote_headlines(items: list[_Item]) -> None:
    """A column of headlines: COLUMN_MIN or more paragraphs in a row of a
    headline's length, two thirds of them either not sentences (they score
    as titles do) or ending in ! or ?, and a third at least titles. Those
    that end so are headlines that call out (…belli oldu!, What are
    Google's AI Overviews good for?), not sentences of the article: a
    column of clickbait is a column all the same; six questions of an
    interview, with no title among them, are not. Shorter lines (a
    category label, a byline) do not end the column; a bullet or a longer
    paragraph does. A line in it or just above it that runs on into the
    next (…can help your organization:, a line of verse ending in a comma)
    makes it the article's own list or verse, and it stays as it is."""
    start = count = 0  # the column so far: where it began, how many lines
    for number in range(len(items)):
        item = items[number]
        if not _in_columns(item):
            continue
        feats = item.feats
        if feats.units <= HEADLINE_MAX and not feats.bullet:
            if not count:
                start = number
            count += 1
        elif count:
            _demote_column(items, start, number, count)
            count = 0
    if count:
        _demote_column(items, start, len(items), count)


def _in_columns(item: _Item) -> bool:
    """Whether a column of headlines sees ``item`` at all (shorter lines
    stand between its headlines without ending it)."""
    return item.open and item.feats.units >= HEADLINE_MIN


def _demote_column(items: list[_Item], start: int, stop: int, count: int) -> None:
    """Demote the headlines that call out of the column items[start:stop]
    (``count`` lines), if it is one."""
    if count < COLUMN_MIN:
        return
    above = start - 1
    while above >= 0 and not items[above].open:
        above -= 1
    if above >= 0 and _runs_on(items[above]):
        return
    titles = calls = 0
    for number in range(start, stop):
        item = items[number]
        if _in_columns(item):
            if _runs_on(item):
                return
            if item.score <= 0:
                titles += 1
            elif _calls_out(item):
                calls += 1
    if titles * 3 < count or (titles + calls) * 3 < count * 2:
        return
    for number in range(start, stop):
        item = items[number]
        if _in_columns(item) and item.score > 0 and _calls_out(item):
            _as_title(item)


def _calls_out(item: _Item) -> bool:
    return ends_with(_last_line(item), CALLS, CLOSERS)


def _runs_on(item: _Item) -> bool:
    return ends_with(_last_line(item), RUNS_ON, CLOSERS)


def _last_line(item: _Item) -> str:
    """The text of the paragraph's last line, where it ends."""
    block = item.blocks[len(item.blocks) - 1]
    return block.text


def _demote(run: list[_Item]) -> None:
    if len(run) < 3:
        return
    for item in run:
        if item.score > 0 and item.feats.units <= MAX_TITLE_UNITS:
            _as_title(item)


def _as_title(item: _Item) -> None:
    """Score a paragraph read as prose as the headline it is."""
    item.score = -TITLE_COST
    item.opens = False  # (a news item opens only with prose)


def _first_index(item: _Item) -> int:
    block = item.blocks[0]
    return block.index


def _escalate(items: list[_Item]) -> None:
    """Each further menu-sized line in a row costs more: one heading between
    two paragraphs is cheap to include, twenty menu items are a wall. Longer
    unpunctuated lines (agenda entries, table rows) keep their flat cost."""
    run = 0
    for item in items:
        if item.open and _looks_only(item) and item.score < 0 and item.feats.units < MENU_UNITS:
            item.score *= 1 + RUN_GROWTH * min(run, RUN_CAP)
            run += 1
        elif item.score > 0:
            run = 0


def _comment_zone(items: list[_Item], main_end: int) -> None:
    """A comments header after the article starts the comment section:
    nothing after it joins the article, however long the comments are."""
    for number in range(main_end + 1, len(items)):
        hit = items[number].hit
        if items[number].wall and hit is not None and hit.rule.reason is Reason.BOILER_COMMENTS:
            zone = f"in the comments after line {items[number].first.line}"
            for later in items[number:]:
                later.wall = True
                later.zone = zone
            return


def _best(items: list[_Item], lo: int, hi: int) -> tuple[float, int, int]:
    """Maximum-sum run of items[lo:hi] that crosses no wall and goes on
    into no other news item: (sum, start, end). An item that ``opens`` one
    with its dateline starts a run afresh when the run so far holds a
    dateline already, or is an article of its own without one (MIN_EXTRA
    or more); a shorter lead above a dateline (a standfirst) stays with it.
    After a news article come teasers of the next ones, a headline, a
    dateline and a first sentence each, which read like its own paragraphs."""
    best, best_start, best_end = 0.0, -1, -1
    total, start = 0.0, lo
    dated = False  # the run so far holds a dateline
    for i in range(lo, hi):
        item = items[i]
        if item.wall:
            total, start, dated = 0.0, i + 1, False
            continue
        if total <= 0 or item.opens and (dated or total >= MIN_EXTRA):
            total, start, dated = 0.0, i, False
        total += item.score
        dated = dated or item.opens
        if total > best:
            best, best_start, best_end = total, start, i
    return best, best_start, best_end


def _regions(items: list[_Item]) -> list[tuple[int, int]]:
    """The main run of prose, plus other runs big enough to be part of it."""
    score, start, end = _best(items, 0, len(items))
    if start < 0:
        return []
    _comment_zone(items, end)
    regions = [(start, end)]
    pending = [(0, start), (end + 1, len(items))]
    while pending:
        lo, hi = pending.pop()
        if hi - lo <= 0:
            continue
        extra, s, e = _best(items, lo, hi)
        if s < 0:
            continue
        # Another news item (its run opens with a dateline) is not more of the article unless it is big.
        if extra >= BIG_EXTRA or extra >= MIN_EXTRA and extra >= EXTRA_SHARE * score and not items[s].opens:
            regions.append((s, e))
            pending += [(lo, s), (e + 1, hi)]
    return sorted(regions)


def _walled(items: list[_Item], start: int, stop: int) -> bool:
    """Whether a wall stands among ``items[start:stop]``."""
    for number in range(start, stop):
        item = items[number]
        if item.wall:
            return True
    return False


def _lead_in(items: list[_Item], first: int) -> list[int]:
    """The lines that open the article just above its first paragraph: its
    title, or a salutation (同志们:) and the title above it, skipping removed
    lines between them; a menu, a rule hit or a paragraph stops the search."""
    found: list[int] = []
    for number in range(first - 1, max(-1, first - 1 - TITLE_LOOKBACK), -1):
        item = items[number]
        if not item.open:
            continue
        block = item.blocks[0]
        text = block.text
        opener = item.feats.units >= 2 or text.endswith((":", "："))
        # (A title may be another page's teaser too, a template line alone.)
        blocked = item.hit is not None and item.hit.rule is not TEMPLATE
        if blocked or item.score > 0 or not opener or item.feats.units > MAX_TITLE_UNITS or _menu(text, item.feats):
            break
        found.append(number)
        if len(found) == 2 or not text.endswith((":", "：")):
            break  # a title; above a salutation (同志们:) may stand the title
    return found


def _menu(text: str, feats: Features) -> str | None:
    """A line of menu items: three or more short items separated by spaces
    (between CJK items) or by | · •, with no sentence in it. An item is a
    run of characters between separators and spaces; one is short if it
    holds no CJK character (it is one word) or ten characters at most."""
    if feats.ends_sentence or feats.clauses:
        return None
    separated = False
    items = short = 0
    length = 0  # of the item being read
    cjk = False  # whether it holds a CJK character
    for char in text:  # (compiled, a loop over the string's own storage)
        if char in _SEPARATORS:
            separated = True
        elif not char.isspace():
            length += 1
            cjk = cjk or char_class(char) & CJK != 0
            continue
        if length:  # a separator or a space ends the item being read
            items += 1
            short += length <= 10 or not cjk
            length, cjk = 0, False
    if length:
        items += 1
        short += length <= 10 or not cjk
    if not separated and not feats.cjk or items < 3:
        return None
    if short >= 0.8 * items:
        return f"menu of {items} short items"
    if items >= 6:
        return f"line of {items} headline-like items"
    return None


def _title_runs(items: list[_Item], inside: set[int]) -> dict[int, tuple[Reason, str]]:
    """Runs of three or more short unpunctuated paragraphs outside the
    article: lists of headlines (link lists) or of tiny items (menus)."""
    found: dict[int, tuple[Reason, str]] = {}
    run: list[int] = []
    for number, item in enumerate(items):
        if item.open and number not in inside and item.score <= 0 and _looks_only(item):
            run.append(number)
        elif run:
            _close_run(items, run, found)
            run = []
    _close_run(items, run, found)
    return found


def _close_run(items: list[_Item], run: list[int], found: dict[int, tuple[Reason, str]]) -> None:
    """Name a finished run of short paragraphs, if it is long enough to be one."""
    if len(run) < 3:
        return
    units = 0.0
    for number in run:
        item = items[number]
        units += item.feats.units
    if units / len(run) >= 3:
        reason, what = Reason.BOILER_LINK_LIST, f"run of {len(run)} headline-like lines"
    else:
        reason, what = Reason.BOILER_NAV, f"run of {len(run)} short menu items"
    for number in run:
        found[number] = (reason, what)


def _after_walls(items: list[_Item]) -> dict[int, tuple[Reason, str]]:
    """Paragraphs after a related-content or comments header take its reason,
    until a long paragraph or another kind of page furniture ends the section."""
    found: dict[int, tuple[Reason, str]] = {}
    current: tuple[Reason, str] | None = None
    sections = (Reason.BOILER_RELATED, Reason.BOILER_COMMENTS)
    for number, item in enumerate(items):
        hit = item.hit
        if item.wall and hit is not None and hit.rule.reason in sections:
            current = (hit.rule.reason, hit.found)
        elif item.score > 40 or (hit is not None and hit.strong and hit.rule.reason not in sections):
            current = None
        if current is not None:
            found[number] = current
    return found
