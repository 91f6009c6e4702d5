# C declarations of matcher.py for the compiled core (see cleaner/compiled.py).
import cython

cdef class RuleSet:
    cdef public tuple rules, vocabulary
    cdef public list limits, bands

    @cython.locals(at=Py_ssize_t, lowered=str, candidates=set, gate=_Gate, band=tuple)
    cpdef first_hit(self, str text, feats)

cdef class _Gate:
    cdef public bint lower
    cdef public object heads, literals, anchored, anchored_numeric, numeric
    cdef public dict head_rules, literal_rules
    cdef public set anchored_rules, anchored_numeric_rules, numeric_rules

    cpdef candidates(self, str subject, bint digits, set out)
