# C declarations of pipeline.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.page cimport Decision, Page, decided
from cleaner.segment cimport Block, _block

@cython.locals(out=list, spans=list, size=Py_ssize_t, line=object, tail=str, decision=Decision, block=Block)
cpdef tuple assemble(decisions)

cdef object _KEEP

@cython.locals(by_reason=dict, decision=Decision)
cpdef object _counts(decisions)

@cython.locals(decision=Decision)
cpdef bint _removes(decisions)

@cython.locals(blocks=list, at=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, index=Py_ssize_t, decision=Decision, block=Block,
               stop=Py_ssize_t, part=Block)
cpdef list _resegment(str out, list spans, list final, config)

cdef bint _starts_line(str out, Py_ssize_t start)

@cython.locals(page=Page, step=object)
cdef Page _judge_page(list blocks, config, cache, templates)

@cython.locals(merged=list, starts=list, decision=Decision, origin=list, evidence=str, twin=Block, found=list, index=Py_ssize_t)
cpdef list _carry_back(list final, Page again, list spans)

@cython.locals(at=Py_ssize_t, hits=list, start=Py_ssize_t, end=Py_ssize_t, index=Py_ssize_t)
cpdef list _origins(Block block, list spans, list starts)
