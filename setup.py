"""Builds the compiled core: the modules listed in ``cleaner/compiled.py``,
compiled by Cython from their ``.py`` source and ``.pxd`` declarations.
Everything else about the package is in ``pyproject.toml``."""

import runpy

from Cython.Build import cythonize
from setuptools import setup
from setuptools.command.build_ext import build_ext

MODULES = runpy.run_path("cleaner/compiled.py")["MODULES"]


class BuildCore(build_ext):
    """Says in one line what is missing when the core cannot be compiled."""

    def run(self):
        try:
            super().run()
        except Exception as error:  # a missing compiler or Python headers
            raise SystemExit(
                f"cleaner: cannot compile the core ({error}). It needs a C compiler (gcc or clang) and the "
                "Python headers (Debian/Ubuntu: apt install gcc python3-dev)."
            ) from error


setup(
    ext_modules=cythonize(
        [f"cleaner/{name.replace('.', '/')}.py" for name in MODULES],
        language_level=3,
        # Types come from the .pxd files alone; annotations in the .py stay documentation.
        compiler_directives={"annotation_typing": False},
    ),
    cmdclass={"build_ext": BuildCore},
)
