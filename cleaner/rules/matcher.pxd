# C declarations of matcher.py for the compiled core (see cleaner/compiled.py).
import cython
