# C declarations of minhash.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.chars cimport char_class, dedup_key

cdef int CJK
cdef unsigned long long _MULTIPLIER, _MASK, _MIX_1, _MIX_2
cdef unsigned int _EMPTY

cpdef object signature(str text, Py_ssize_t bins=*)

@cython.locals(key=str, size=Py_ssize_t, gram=Py_ssize_t, count=Py_ssize_t, view="unsigned int[::1]",
               start=Py_ssize_t, at=Py_ssize_t, h="unsigned long long", slot=Py_ssize_t)
cpdef tuple sketch(str text, Py_ssize_t bins=*)

cdef inline unsigned long long _mix(unsigned long long h)

@cython.locals(view="unsigned int[::1]", bins=Py_ssize_t, count=Py_ssize_t, i=Py_ssize_t, step=Py_ssize_t, borrowed="unsigned long long")
cdef void _densify(object sig)

@cython.locals(same=Py_ssize_t, i=Py_ssize_t, x="const unsigned short[::1]", y="const unsigned short[::1]")
cpdef double similarity(object a, object b)

@cython.locals(key=str, gram=Py_ssize_t, start=Py_ssize_t)
cpdef set shingles(str text)

@cython.locals(dense=Py_ssize_t, char=Py_UCS4, gram=Py_ssize_t)
cdef Py_ssize_t _gram(str key)
