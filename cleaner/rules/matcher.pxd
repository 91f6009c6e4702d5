# C declarations of matcher.py for the compiled core (see cleaner/compiled.py).
import cython

ctypedef unsigned long long u64
ctypedef long long i64

from cleaner.features cimport Features

cdef class Hit:
    cdef readonly object rule
    cdef readonly str found, note
    cdef readonly bint keyword, shape, strong, wall

    cpdef Hit as_keyword(self)
    cpdef Hit with_rule(self, rule)
    cpdef bint in_sentence(self, Features feats)
    cpdef tuple _fields(self)

@cython.locals(first=Hit, hit=Hit, subject=str, shape=bint)
cpdef Hit pick(rules, str text, Features feats, str lowered=*)

cdef class RuleSet:
    cdef public tuple rules, gates
    cdef public double[::1] limits
    cdef public double longest

    @cython.locals(lowered=str, candidates=set, gate=_Gate, rules=list, number=Py_ssize_t)
    cpdef Hit first_hit(self, str text, Features feats)

cdef class _Literals:
    cdef public i64[::1] fail, values, depth
    cdef public i64[::1] keys
    cdef public list hits, numeric_hits, head_hits
    cdef public const unsigned char[::1] reports, alphabet
    cdef public u64 mask
    cdef public bint empty, tabulated
    cdef public unsigned short[::1] delta, columns
    cdef public Py_ssize_t width
    cdef public dict astral

    @cython.locals(key=u64, slot=u64, found=i64)
    cdef inline i64 child(self, i64 node, Py_UCS4 char) noexcept

    @cython.locals(letters=list, column=Py_ssize_t, width=Py_ssize_t, delta="unsigned short[::1]", node=Py_ssize_t,
                   row=Py_ssize_t, below=Py_ssize_t, child=Py_ssize_t)
    cpdef _tabulate(self, list children, list order, Py_ssize_t max_cells)

    @cython.locals(point=Py_UCS4)
    cdef Py_ssize_t _column(self, Py_UCS4 char) except -1

    @cython.locals(node=Py_ssize_t, char=Py_UCS4, at=Py_ssize_t, at_start=bint, point=Py_UCS4, column=Py_ssize_t,
                   delta="const unsigned short[::1]", columns="const unsigned short[::1]", width=Py_ssize_t)
    cpdef find(self, str text, bint digits, set out)

    @cython.locals(node=i64, child=i64, char=Py_UCS4, at=Py_ssize_t, at_start=bint, point=long)
    cdef _walk(self, str text, bint digits, set out)

    @cython.locals(reports=int)
    cdef _report(self, Py_ssize_t node, bint at_start, bint digits, set out)

cdef u64 _FIBONACCI
cdef int _ANYWHERE, _NUMERIC, _HEAD

cdef u64 _slot(u64 key, u64 mask)

cdef class _Gate:
    cdef public bint lower
    cdef public object anchored, anchored_numeric, searched, numeric
    cdef public _Literals literals
    cdef public set anchored_rules, anchored_numeric_rules, searched_rules, numeric_rules
    cdef public dict endings, numeric_endings
    cdef public set always

    cpdef candidates(self, str subject, bint digits, set out)

    @cython.locals(decimal=bint)
    cdef void _ending(self, str char, bint digits, set out)

@cython.locals(found=set)
cdef void _add_ending(dict table, str char, bint decimal, set out)
