# C declarations of boilerplate.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.chars cimport char_class, ends_with
from cleaner.features cimport Features, features
from cleaner.layout cimport Paragraph, paragraphs
from cleaner.page cimport Decision, Page
from cleaner.segment cimport Block
from cleaner.shapes cimport opens_news_item, rank
from cleaner.rules.matcher cimport Hit, RuleSet

cdef double RULE_COST, WEAK_COST, SHORT_COST, TITLE_COST, KEYWORD_COST, MIN_EXTRA, EXTRA_SHARE
cdef double BIG_EXTRA, RUN_GROWTH, MENU_UNITS, MAX_TITLE_UNITS, HEADLINE_MIN, HEADLINE_MAX
cdef Py_ssize_t TITLE_LOOKBACK, RUN_CAP, NO_CONTENT_MIN_ITEMS, COLUMN_MIN

cdef class _Notes:
    cdef public list feats, hits

cdef class _Item:
    cdef public list blocks
    cdef public Features feats
    cdef public double score
    cdef public bint wall, open
    cdef public Hit hit
    cdef public object zone
    cdef public bint opens

cdef _Item _fill_item(_Item item, list blocks, Features feats, double score, bint wall, bint open, Hit hit)
cdef _Item _item(list blocks, Features feats, double score, bint wall, bint open, Hit hit)

@cython.locals(notes=_Notes, known=dict, feats=list, block=Block, text=str, found=Features)
cpdef _Notes _notes(Page page)

cdef bint _keyword(Hit hit)

@cython.locals(before=Block)
cdef bint _may_wrap(Page page, Block block)

cdef bint _looks_only(_Item item)

cdef bint _looks_only_hit(Hit hit)

cdef bint _list_item(_Item item)

@cython.locals(block=Block)
cdef void _remove(Page page, _Item item, reason, str evidence)

@cython.locals(block=Block)
cpdef Py_ssize_t _first_index(_Item item)

@cython.locals(run=list, expected=Py_ssize_t, item=_Item, block=Block, text=str, number=Py_ssize_t)
cdef void _demote_rankings(list items)

@cython.locals(item=_Item)
cdef void _demote(list run)

cdef void _as_title(_Item item)

@cython.locals(start=Py_ssize_t, count=Py_ssize_t, number=Py_ssize_t, item=_Item, feats=Features)
cdef void _demote_headlines(list items)

cdef bint _in_columns(_Item item)

@cython.locals(above=Py_ssize_t, number=Py_ssize_t, item=_Item, titles=Py_ssize_t, calls=Py_ssize_t)
cdef void _demote_column(list items, Py_ssize_t start, Py_ssize_t stop, Py_ssize_t count)

cdef bint _runs_on(_Item item)
cdef bint _calls_out(_Item item)

@cython.locals(block=Block)
cdef str _last_line(_Item item)

@cython.locals(run=Py_ssize_t, item=_Item)
cdef void _escalate(list items)

@cython.locals(number=Py_ssize_t, item=_Item, later=_Item, hit=Hit)
cdef void _comment_zone(list items, Py_ssize_t main_end)

@cython.locals(best=double, best_start=Py_ssize_t, best_end=Py_ssize_t, total=double, start=Py_ssize_t, i=Py_ssize_t, item=_Item, dated=bint)
cpdef tuple _best(list items, Py_ssize_t lo, Py_ssize_t hi)

@cython.locals(number=Py_ssize_t, item=_Item)
cdef bint _walled(list items, Py_ssize_t start, Py_ssize_t stop)

@cython.locals(found=list, number=Py_ssize_t, item=_Item, block=Block, text=str, opener=bint, blocked=bint)
cdef list _lead_in(list items, Py_ssize_t first)

@cython.locals(found=list, step=Py_ssize_t, edge=Py_ssize_t, number=Py_ssize_t)
cdef list _adjacent_list(list items, Py_ssize_t start, Py_ssize_t end)

@cython.locals(units=double, number=Py_ssize_t, item=_Item)
cdef void _close_run(list items, list run, dict found)

@cython.locals(found=dict, run=list, number=Py_ssize_t, item=_Item)
cdef dict _title_runs(list items, set inside)

@cython.locals(found=dict, number=Py_ssize_t, item=_Item, hit=Hit)
cdef dict _after_walls(list items)

@cython.locals(notes=_Notes, shared=dict, rules=RuleSet, known=dict, strong=list, block=Block, wrapped=set, hit=Hit)
cpdef drop_rule_hits(Page page)

@cython.locals(notes=_Notes, wanted=set, found=set, para=Paragraph, lines=list, b=Block)
cdef set _wrapped_prose(Page page, list blocks)

@cython.locals(notes=_Notes, items=list, regions=list, inside=set, first=Py_ssize_t, last=Py_ssize_t, start=Py_ssize_t,
               end=Py_ssize_t, span=str, runs=dict, after_wall=dict, number=Py_ssize_t, item=_Item, block=Block, text=str, menu=str,
               what=str)
cpdef judge_context(Page page)

@cython.locals(item=_Item)
cdef bint _any_open(list items)

@cython.locals(open_items=list, near_prose=bint, item=_Item, feats=Features)
cdef void _without_prose(Page page, list items)

@cython.locals(items=list, block=Block, decision=Decision, feats=Features, cost=double, known=dict, breaks=list,
               para=Paragraph, blocks=list, first=Block, text=str, score=double, hit=Hit, decisions=list, item=_Item)
cpdef list _items(Page page, _Notes notes)

@cython.locals(score=double, start=Py_ssize_t, end=Py_ssize_t, regions=list, pending=list, lo=Py_ssize_t, hi=Py_ssize_t,
               extra=double, s=Py_ssize_t, e=Py_ssize_t)
cdef list _regions(list items)

@cython.locals(found=list, end=Py_ssize_t, start=Py_ssize_t, menu_sized=list, offset=Py_ssize_t, number=Py_ssize_t, item=_Item)
cdef list _between(list items, list regions)

cdef int CJK
cdef str _SEPARATORS

@cython.locals(separated=bint, items=Py_ssize_t, short=Py_ssize_t, length=Py_ssize_t, cjk=bint, char=Py_UCS4)
cpdef str _menu(str text, Features feats)
