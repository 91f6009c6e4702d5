# C declarations of shapes.py for the compiled core (see cleaner/compiled.py).
import cython
from cleaner.chars cimport char_class

cdef str _BULLETS, _NUMBER_MARKS, _OPEN_BRACKETS, _CLOSE_BRACKETS, _ZH_NUMERALS
cdef str _ITEM_BULLETS, _ITEM_DASHES, _ITEM_NUMBER_MARKS, _ZH_NUMERAL_MARKS

@cython.locals(count=Py_ssize_t)
cpdef bint starts_bullet(str text)

@cython.locals(first=Py_UCS4, count=Py_ssize_t)
cpdef bint starts_item(str text)

cdef bint _word_start(Py_UCS4 first)

@cython.locals(at=Py_ssize_t)
cpdef Py_ssize_t count_leading(str text, Py_ssize_t start, bint decimal)

cdef object _DATELINE
cdef str _BEFORE_DATELINE

@cython.locals(found=object, char=Py_UCS4)
cpdef bint opens_news_item(str text)

cdef str _ELLIPSIS
cdef tuple _INNER_STOPS

@cython.locals(stop=Py_ssize_t)
cdef Py_ssize_t _ellipsis_start(str text, Py_ssize_t end)

@cython.locals(stop=Py_ssize_t, marks=Py_ssize_t)
cpdef bint trails_off(str text)

@cython.locals(stop=Py_ssize_t, body=str, mark=str)
cpdef bint cut_off(str text, Py_ssize_t end, Py_ssize_t clauses)

cdef str _COUNTERS
cdef int CJK

@cython.locals(digits=Py_ssize_t, after=Py_UCS4)
cpdef Py_ssize_t rank(str text)
