# C declarations of pipeline.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.page cimport Decision, Page
from cleaner.segment cimport Block

@cython.locals(out=list, spans=list, size=Py_ssize_t, line=object, tail=str, decision=Decision, block=Block)
cpdef tuple assemble(decisions)

cdef object _KEEP

@cython.locals(by_reason=dict, decision=Decision)
cpdef object _counts(decisions)

@cython.locals(decision=Decision)
cpdef bint _removes(decisions)
