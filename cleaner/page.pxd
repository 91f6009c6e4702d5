# C declarations of page.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.segment cimport Block

cdef object _KEEP

cdef class Decision:
    cdef public Block block
    cdef public object reason, ref
    cdef public str evidence

cdef Decision _fill(Decision decision, Block block, reason, str evidence, ref)

cpdef Decision decided(Block block, reason, str evidence=*, ref=*)

cdef class Page:
    cdef public list blocks, decisions
    cdef public object config, templates
    cdef public dict memo, cache
    cdef public frozenset disabled
    cdef public tuple article

    @cython.locals(table=dict)
    cpdef dict table(self, str kind)
    @cython.locals(found=list, block=Block, decision=Decision, decisions=list)
    cpdef list open(self)
    @cython.locals(table=dict)
    cpdef object cached(self, str kind, str text, compute)
    cpdef bint remove(self, Block block, reason, str evidence, ref=*)
    @cython.locals(decision=Decision)
    cpdef bint alive(self, Block block)

