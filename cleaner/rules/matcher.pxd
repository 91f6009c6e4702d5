# C declarations of matcher.py for the compiled core (see cleaner/compiled.py).
import cython

ctypedef unsigned long long u64
ctypedef long long i64

cdef class RuleSet:
    cdef public tuple rules, vocabulary
    cdef public list limits, bands

    @cython.locals(at=Py_ssize_t, lowered=str, candidates=set, gate=_Gate, band=tuple)
    cpdef first_hit(self, str text, feats)

cdef class _Literals:
    cdef public i64[::1] fail, values
    cdef public i64[::1] keys
    cdef public list hits
    cdef public u64 mask

    @cython.locals(key=u64, slot=u64, found=i64)
    cpdef i64 child(self, i64 node, Py_UCS4 char)

    @cython.locals(node=i64, child=i64, char=Py_UCS4)
    cpdef find(self, str text, set out)

cdef u64 _FIBONACCI

cdef u64 _slot(u64 key, u64 mask)

cdef class _Gate:
    cdef public bint lower
    cdef public object heads, anchored, anchored_numeric, numeric
    cdef public dict head_rules
    cdef public _Literals literals
    cdef public set anchored_rules, anchored_numeric_rules, numeric_rules

    cpdef candidates(self, str subject, bint digits, set out)
