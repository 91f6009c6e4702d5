# C declarations of dedup.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.chars cimport char_class, dedup_key
from cleaner.layout cimport Paragraph, blank_gaps, paragraphs
from cleaner.page cimport Page
from cleaner.segment cimport Block, sentence_ends

cdef int BREAK, DECIMAL, SPACING

cdef class Sentence:
    cdef public str key, text
    cdef public tuple edges
    cdef public Py_ssize_t paragraph, counted
    cdef public bint ended
    cdef public tuple blocks

@cython.locals(sentence=Sentence)
cdef Sentence _sentence(str key, tuple edges, str text, Py_ssize_t paragraph, bint ended, tuple blocks)

cdef class _Copy:
    cdef public Py_ssize_t start, stop, source, source_stop
    cdef public list pairs

cdef Py_ssize_t MAX_CANDIDATES, MAX_MERGE, RESYNC, FUZZY_MIN_CHARS, EDGE, PATTERN_TIMES
cdef double EDITED_MIN

cdef Py_ssize_t _tokens(Sentence sentence)

cdef double _threshold(Py_ssize_t length)

cdef double _similar(Sentence a, Sentence b)

@cython.locals(shorter=Py_ssize_t, score=double, cutoff=double)
cdef double _similar_text(str a, str b)

cdef object _rapidfuzz_ratio

cdef double _ratio(str a, str b, double cutoff=*) except? -1

@cython.locals(counts="long[64]", char=Py_UCS4, differ=Py_ssize_t, bucket=Py_ssize_t)
cpdef double _ratio_bound(str a, str b)

cdef _Copy _paired(list seq, _Copy copy, bint same_paragraph)

@cython.locals(matched=Py_ssize_t, a=Py_ssize_t, b=Py_ssize_t, original=Sentence, copy=Sentence, score=double,
               longer=Py_ssize_t, taken=Py_ssize_t, after=double, t=Py_ssize_t)
cdef _Copy _extend(list seq, Py_ssize_t i, Py_ssize_t j, bint same_paragraph=*, list pairs=*)

@cython.locals(joined=str, count=Py_ssize_t, index=Py_ssize_t)
cdef Py_ssize_t _merge(list seq, Py_ssize_t start, Py_ssize_t stop, str target)

@cython.locals(best=tuple, da=Py_ssize_t, db=Py_ssize_t, sentence=Sentence, later=Sentence)
cdef tuple _resync(list seq, Py_ssize_t a, Py_ssize_t b, Py_ssize_t j)

@cython.locals(sentence=Sentence, earlier=Sentence, best=_Copy, copy=_Copy, i=Py_ssize_t)
cdef _Copy _longest(list seq, Py_ssize_t j, list candidates)

@cython.locals(merged=list, i=Py_ssize_t, j=Py_ssize_t)
cdef list _candidates(list same_key, list same_start, list same_end)

cdef bint _joins(str whole, str head, str tail)

cdef class _Tally:
    cdef Py_ssize_t mask
    cdef list strings
    cdef long long[::1] count

    @cython.locals(at=Py_ssize_t, found=object)
    cdef Py_ssize_t slot(self, str text) except -1
    @cython.locals(slot=Py_ssize_t)
    cdef void tally(self, str text) except *
    cdef Py_ssize_t times(self, str text) except -1

cdef class _Filing(_Tally):
    cdef long long[::1] first, last, after

    cdef bint holds(self, Py_ssize_t slot)
    @cython.locals(out=list, j=Py_ssize_t)
    cdef list filed(self, Py_ssize_t slot)
    cdef void file(self, Py_ssize_t slot, str text, Py_ssize_t j)

@cython.locals(often=Py_ssize_t, at=Py_ssize_t, sentence=Sentence)
cdef bint _pattern(list seq, _Copy copy, _Tally said)

@cython.locals(out=list, start=Py_ssize_t, end=Py_ssize_t, piece=str, key=str, edges=tuple)
cpdef list _pieces(str text)

@cython.locals(out=list, flow=list, gaps=bytes, gap=int, paragraph_of="long[::1]", line_paragraph=dict, number=Py_ssize_t,
               para=Paragraph, b=Block, block=Block, tail=bint, decisions=list)
cpdef list sentences(Page page)

cdef str _FLOW_ENDERS
cdef Py_ssize_t WRAP_MIN_WIDTH  # (from layout, read as a C int)

@cython.locals(end=Py_ssize_t)
cdef bint _ends(str text)

@cython.locals(text=str, parts=Py_ssize_t, inside=bint, char=Py_UCS4)
cdef bint _runs_on(Block block)

@cython.locals(index=Py_ssize_t, paragraph=Py_ssize_t, text=str, spans=list, at=Py_ssize_t, block=Block,
               first=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, blocks=list, key=str, edges=tuple, piece=str)
cdef _cut(Page page, list flow, list out, long[::1] paragraph_of)

@cython.locals(decimal=int, i=Py_ssize_t, j=Py_ssize_t)
cpdef bint _same_numbers(str a, str b)

cdef set _refrains(Page page, list seq)

@cython.locals(first=Block)
cdef Py_ssize_t _group(Page page, Sentence sentence, bint by_line)

@cython.locals(repeated=set, before=Py_ssize_t, before_stop=Py_ssize_t, before_length=Py_ssize_t, start=Py_ssize_t,
               stop=Py_ssize_t, group=Py_ssize_t, length=Py_ssize_t, sentence=Sentence)
cdef set _repeating(Page page, list seq, bint by_line)

@cython.locals(sentence=Sentence, keys=list, number=Py_ssize_t)
cdef str _joined(list seq, Py_ssize_t start, Py_ssize_t stop)

@cython.locals(seq=list, copies=list, end=Py_ssize_t, half=_Copy, head=list, repeats=set, said=_Tally, by_key=_Filing,
               by_start=_Filing, by_end=_Filing, patterns=bint, j=Py_ssize_t, edges=tuple, sentence=Sentence, other=Sentence, found=_Copy,
               key_slot=Py_ssize_t, start_slot=Py_ssize_t, end_slot=Py_ssize_t, candidates=list)
cdef bint _drop_copies_once(Page page)

@cython.locals(minimum=Py_ssize_t, sentence=Sentence, first=Sentence, tries=Py_ssize_t, j=Py_ssize_t, copy=_Copy)
cdef _Copy _second_half(Page page, list seq)

@cython.locals(original=list, minimum=Py_ssize_t, texts=dict, substantial=Py_ssize_t, sentence=Sentence, tokens=Py_ssize_t)
cdef bint _is_copy(Page page, list seq, _Copy copy)

@cython.locals(covered=dict, touching=dict, removed=bint, copy=_Copy, b=Py_ssize_t, a=Py_ssize_t, score=double,
               sentence=Sentence, block_index=Py_ssize_t, pairs=list, twin_sentence=Py_ssize_t,
               twin=Py_ssize_t, worst=double)
cdef bint _remove(Page page, list seq, list copies)
