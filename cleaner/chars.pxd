# C declarations of chars.py for the compiled core (see cleaner/compiled.py).
import cython

cdef unsigned short[::1] _BLOCK_OF, _FLAGS, _PLANE0
cdef Py_ssize_t _BLOCK_BITS, _IN_BLOCK

@cython.locals(point=Py_ssize_t)
cpdef int char_class(Py_UCS4 char) except -1  # (flags are never -1: a caller checks the value, not for an exception)

@cython.locals(char=Py_UCS4, width=Py_ssize_t, wide=int)
cpdef Py_ssize_t display_width(str text)

@cython.locals(char=Py_UCS4, alnum=int)
cpdef bint has_word_char(str text)


cdef bytes _ASCII_KEY

@cython.locals(data=bytes, out=bytearray, table="const unsigned char*", source="const unsigned char*", target="unsigned char*",
               size=Py_ssize_t, at=Py_ssize_t, byte="unsigned char")
cdef str _ascii_key(str text)

@cython.locals(parts=list, start=Py_ssize_t, at=Py_ssize_t, char=Py_UCS4, plain=bint, kept=int, plain_flag=int)
cpdef str dedup_key(str text)

@cython.locals(flag=int, start=Py_ssize_t, end=Py_ssize_t)
cpdef str strip(str text)

@cython.locals(end=Py_ssize_t)
cpdef bint ends_with(str text, frozenset enders, str closers=*)
