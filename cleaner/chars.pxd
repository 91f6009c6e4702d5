# C declarations of chars.py for the compiled core (see cleaner/compiled.py).
cdef bytes _CLASSES
cdef tuple _HAN_ASTRAL

cpdef int char_class(Py_UCS4 char)
