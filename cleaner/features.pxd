# C declarations of features.py for the compiled core (see cleaner/compiled.py).
import cython

ctypedef long long i64

from cleaner.chars cimport char_class
from cleaner.shapes cimport cut_off, starts_bullet

cdef class Features:
    cdef public Py_ssize_t chars, cjk, words, digits, clauses, stops, full_stops, foreign
    cdef public bint ends_sentence, bullet, asks, prose, opaque
    cdef public double units

cdef int ALNUM, DECIMAL, CJK, CLAUSE, CLOSER, FULL_STOP, LATIN, MARK, ZH_STOP
cdef unsigned short[::1] _FIRST_PLANE
cdef double CJK_PER_UNIT, OPAQUE_UNITS, HEADLINE_UNITS, TICKER_UNITS
cdef Py_ssize_t PHRASE_LETTERS, LETTERS_PER_WORD

@cython.locals(length=Py_ssize_t, cjk=Py_ssize_t, words=Py_ssize_t, stops=Py_ssize_t, digits=Py_ssize_t,
               clauses=Py_ssize_t, in_numbers=Py_ssize_t, zh_stops=Py_ssize_t, full_stops=Py_ssize_t,
               foreign=Py_ssize_t, letters=Py_ssize_t, word_start=Py_ssize_t, foreign_start=Py_ssize_t,
               at=Py_ssize_t, char=Py_UCS4, flags=int, alnum=bint, decimal=bint, units=double, end=Py_ssize_t, ends=bint,
               last=Py_UCS4, found=Features, packed=i64)
cpdef Features features(str text)


cdef Py_ssize_t MAX_STOP_CHARS
cdef i64[::1] _STOP_TABLE
cdef i64 _FIBONACCI_32, _STOP_MASK

@cython.locals(slot=i64)
cdef int _is_stop(str text, Py_ssize_t start, Py_ssize_t end, i64 packed)

@cython.locals(key=i64, at=Py_ssize_t)
cdef i64 _packed(str text, Py_ssize_t start, Py_ssize_t end)

cdef i64 _pack(i64 key, i64 point) noexcept

cdef i64 _stop_slot(i64 key) noexcept

cpdef bint _opaque(Features found)

@cython.locals(tokens=Py_ssize_t)
cpdef bint _prose(Features found)
