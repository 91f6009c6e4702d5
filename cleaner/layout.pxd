# C declarations of layout.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.chars cimport char_class, count_leading, has_word_char
from cleaner.segment cimport Block

cdef int UNSPACED
cdef Py_ssize_t MAX_WRAP_WIDTH  # (WRAP_MIN_WIDTH stays a Python name: other modules import it)
cdef double WRAP_SHARE, FULL_LINE, DOUBLE_SPACED_SHARE

cdef class Paragraph:
    cdef public list blocks
    cdef public bint wide

@cython.locals(out=list, run=list, spaced=bint, blanks=Py_ssize_t, block=Block)
cpdef list paragraphs(page, breaks=*)

@cython.locals(widths=list, widest=Py_ssize_t, size=Py_ssize_t, cjk=bint, wrapped=bint, current=list,
               previous=Block, width=Py_ssize_t, block=Block, continues=bint, done=bint)
cdef _group(list run, list out)

@cython.locals(first=Py_UCS4, count=Py_ssize_t)
cpdef bint _starts_item(str text)

cpdef bint _starts_lower(str text)
