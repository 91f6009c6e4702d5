# C declarations of pipeline.py for the compiled core (see cleaner/compiled.py).
import cython

from cleaner.page cimport Decision, Page
from cleaner.segment cimport Block

@cython.locals(out=list, spans=list, size=Py_ssize_t, line=object, tail=str, decision=Decision, block=Block)
cpdef tuple assemble(decisions)
