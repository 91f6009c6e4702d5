# C declarations of layout.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.chars cimport char_class, ends_with, has_word_char
from cleaner.shapes cimport starts_item, trails_off
from cleaner.segment cimport Block
from cleaner.page cimport Decision, Page

cdef int UNSPACED
cdef object _KEEP, _BLANK, _SYMBOLS
cdef Py_ssize_t MAX_WRAP_WIDTH, CJK_WRAP_SLACK  # (WRAP_MIN_WIDTH, SPACING and BREAK stay Python names: other modules import them)
cdef double WRAP_SHARE, FULL_LINE, DOUBLE_SPACED_SHARE

cdef class Paragraph:
    cdef public list blocks
    cdef public bint wide

@cython.locals(paragraph=Paragraph)
cdef Paragraph _paragraph(list blocks, bint wide)

@cython.locals(out=list, run=list, gaps=bytes, breaks_paragraph=int, grouped=dict, block=Block, decisions=list)
cpdef list paragraphs(page, list breaks=*)

@cython.locals(first=Block, last=Block, key=tuple, found=list)
cdef _add_run(list run, list out, dict grouped)

@cython.locals(out=list, widest=Py_ssize_t, longest=Py_ssize_t, size=Py_ssize_t, wide=Py_ssize_t, cjk=bint, wrapped=bint, current=list, at=Py_ssize_t,
               previous=Block, width=Py_ssize_t, block=Block, continues=bint, done=bint)
cdef list _group(list run)

cdef inline bint _fills(Block block, Py_ssize_t widest, Py_ssize_t longest)

@cython.locals(cut=Py_ssize_t, block=Block)
cdef bint _cut_to_fit(list run, Py_ssize_t widest, Py_ssize_t longest)

cdef bint _bar_separated(str text)

cpdef bint _starts_lower(str text)

@cython.locals(near=double, full=Py_ssize_t, ended=Py_ssize_t, at=Py_ssize_t, block=Block)
cdef bint _wrapped(list run, Py_ssize_t widest, bint cjk)

@cython.locals(gaps=Py_ssize_t, singles=Py_ssize_t, blank=Py_ssize_t, seen=bint, block=Block)
cpdef bint double_spaced(list blocks)

@cython.locals(gaps=bytes, spacing=int, found=bytearray, blanks=Py_ssize_t, block=Block)
cpdef bytes blank_gaps(page)

@cython.locals(previous=Block, block=Block, wrapped_tail=bint)
cpdef drop_symbol_lines(Page page)

@cython.locals(pending=list, seen_text=bint, block=Block, decision=Decision, number=Py_ssize_t, blank=Block, decisions=list)
cpdef normalise_blank_lines(Page page)
