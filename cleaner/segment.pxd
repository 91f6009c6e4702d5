# C declarations of segment.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.chars cimport char_class, display_width, has_word_char, strip

cdef int CLAUSE, CLOSER, FULL_STOP, OTHER_STOP, STRIP, UNSPACED, _MAY_END

cdef class Block:
    cdef public Py_ssize_t index, line, start, end, piece, width
    cdef public str text, tail
    cpdef tuple _fields(self)

cdef Block _fill(Block block, Py_ssize_t index, Py_ssize_t line, Py_ssize_t start, Py_ssize_t end, str text, Py_ssize_t piece, str tail,
                 Py_ssize_t width)

cpdef Block _block(Py_ssize_t index, Py_ssize_t line, Py_ssize_t start, Py_ssize_t end, str text, Py_ssize_t piece=*, str tail=*,
                  Py_ssize_t width=*)

@cython.locals(lead=Py_ssize_t)
cdef Py_ssize_t _lead(str text)

@cython.locals(blocks=list, offset=Py_ssize_t, number=Py_ssize_t, start=Py_ssize_t, raw=str, body=str)
cpdef list segment(str text, Py_ssize_t split_chars=*)

@cython.locals(cuts=list, bounds=list, piece=Py_ssize_t, left=Py_ssize_t, right=Py_ssize_t, chunk=str, sentence=str,
               last=Block, merged=str, text=str, lead=Py_ssize_t, tail=str, at=Py_ssize_t)
cdef _split(list blocks, Py_ssize_t number, Py_ssize_t start, str body)

@cython.locals(length=Py_ssize_t, cuts=list, at=Py_ssize_t, resume=Py_ssize_t, char=Py_UCS4, end=Py_ssize_t)
cpdef list sentence_ends(str text, bint every_mark=*)

@cython.locals(length=Py_ssize_t, end=Py_ssize_t, dots=Py_ssize_t, run=Py_ssize_t, after=Py_ssize_t)
cdef inline Py_ssize_t _prose_end(str body, Py_ssize_t at, Py_UCS4 char)

@cython.locals(length=Py_ssize_t, end=Py_ssize_t)
cdef inline Py_ssize_t _mark_end(str text, Py_ssize_t at, Py_UCS4 char)

@cython.locals(length=Py_ssize_t, end=Py_ssize_t, char=Py_UCS4)
cdef inline Py_ssize_t _stops_end(str text, Py_ssize_t at, bint every_mark)

cdef bint _ascii_alnum(Py_UCS4 char)
