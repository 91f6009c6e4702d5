# C declarations of shapes.py for the compiled core (see cleaner/compiled.py).
import cython

@cython.locals(count=Py_ssize_t)
cpdef bint starts_bullet(str text)

@cython.locals(first=Py_UCS4, count=Py_ssize_t)
cpdef bint starts_item(str text)

@cython.locals(at=Py_ssize_t)
cpdef Py_ssize_t count_leading(str text, Py_ssize_t start, bint decimal)
