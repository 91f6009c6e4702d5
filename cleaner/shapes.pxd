# C declarations of shapes.py for the compiled core (see cleaner/compiled.py).
import cython

cdef str _BULLETS, _NUMBER_MARKS, _OPEN_BRACKETS, _CLOSE_BRACKETS, _ZH_NUMERALS
cdef str _ITEM_BULLETS, _ITEM_DASHES, _ITEM_NUMBER_MARKS, _ZH_NUMERAL_MARKS

@cython.locals(count=Py_ssize_t)
cpdef bint starts_bullet(str text)

@cython.locals(first=Py_UCS4, count=Py_ssize_t)
cpdef bint starts_item(str text)

cdef bint _word_start(Py_UCS4 first)

@cython.locals(at=Py_ssize_t)
cpdef Py_ssize_t count_leading(str text, Py_ssize_t start, bint decimal)
