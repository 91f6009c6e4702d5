# C declarations of decode.py for the compiled core (see cleaner/compiled.py).
import cython

cdef double _LATIN
cdef tuple _KIND_VALUES

@cython.locals(kinds=bytes, good=double, total=Py_ssize_t, controls=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t,
               inside_word=bint, short=bint, previous_lower=bint, at=Py_ssize_t, ch=Py_UCS4, point=long, kind=double)
cpdef double plausibility(str text)
