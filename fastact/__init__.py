"""fastact: neural-network activations as NumPy ufuncs with SIMD inner loops.

The best SIMD target for this CPU is chosen once, at import; set the
environment variable ``FASTACT_SIMD`` (scalar, sse2, avx2, avx512, neon) to cap
it. ``show_config()`` tells what was compiled, what the CPU supports and what
was chosen.
"""
try:
    from fastact._build_info import BUILD as _BUILD, __version__, require_numpy as _require_numpy
    _require_numpy()   # before _core: an older NumPy gets a clear message
    from fastact import _core
except ImportError as exc:  # pragma: no cover - depends on how it was run
    import glob
    import os
    # The source folder holds _core.pyx but no compiled _core.*.so/.pyd.
    here = os.path.dirname(__file__)
    if not [p for p in glob.glob(os.path.join(here, "_core.*")) if not p.endswith(".pyx")]:
        raise ImportError(
            "fastact is being imported from its source folder, which has no "
            "compiled extension. Install it (pip install .) and run from another "
            "directory, or use `python -P -m fastact` / `pytest` (which keep the "
            "current directory off sys.path).") from exc
    raise

from typing import TypedDict as _TypedDict

from fastact._table import UFUNCS as _UFUNCS

# Every ufunc of the table (fastact/_table.py), as a module attribute.
__all__ = [*_UFUNCS, "show_config"]
globals().update(_core.ufuncs)


class ShowConfig(_TypedDict):
    """What ``show_config(mode="dicts")`` returns (for type annotations)."""
    version: str
    chosen: str
    requested: str | None
    compiled: list[str]
    supported: list[str]
    cpu_features: list[str]
    build_python: str
    build_numpy: str
    build_compiler: str


def get_include():
    """The directory to put on Cython's include path for fastact's Cython API.

    It holds the ``fastact`` package folder, whose ``cython_api.pxd`` declares
    ``nogil`` functions over contiguous buffers (see the *Cython API* page):
    ``cythonize(..., include_path=[fastact.get_include()])`` or
    ``cython -I <dir>``. Cython also searches ``sys.path``, so a build that
    runs the Python fastact is installed in finds it without this.

    Examples
    --------
    >>> import os, fastact
    >>> os.path.isfile(os.path.join(fastact.get_include(), "fastact", "cython_api.pxd"))
    True
    """
    import os
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def show_config(mode="stdout"):
    """Show the SIMD targets: compiled, supported by this CPU, and chosen.

    Parameters
    ----------
    mode : {"stdout", "dicts"}
        ``"stdout"`` prints a short report; ``"dicts"`` returns the same facts
        as a dict with keys ``version``, ``chosen``, ``requested`` (the value
        of ``FASTACT_SIMD`` or None), ``compiled``, ``supported``,
        ``cpu_features``, and ``build_python``, ``build_numpy``,
        ``build_compiler`` (what built the extension).

    Examples
    --------
    >>> import fastact
    >>> cfg = fastact.show_config(mode="dicts")
    >>> cfg["chosen"] in cfg["compiled"]
    True
    """
    info = {"version": __version__, **_core.config, **_BUILD}
    if mode == "dicts":
        return {k: list(v) if isinstance(v, list) else v for k, v in info.items()}
    if mode != "stdout":
        raise ValueError(f"show_config: mode must be 'stdout' or 'dicts', not {mode!r}")
    print(f"fastact {info['version']}")
    print(f"  compiled targets : {', '.join(info['compiled'])}")
    print(f"  CPU supports     : {', '.join(info['supported'])}")
    print(f"  CPU features     : {' '.join(info['cpu_features']) or '-'}")
    print(f"  FASTACT_SIMD     : {info['requested'] or '(not set)'}")
    print(f"  chosen           : {info['chosen']}")
    print(f"  built with       : {info['build_python']}, NumPy {info['build_numpy']}, "
          f"{info['build_compiler']}")
