"""Arrays placed against a PROT_NONE page: a read or write one element past
the end (or before the start) of an array is a segfault, not a silent pass.

``GuardedBuffer`` maps ``[guard][data pages][guard]`` with mmap and makes the
two guard pages inaccessible with mprotect (through ctypes: Python's mmap
module has no mprotect). ``place(a, at="end")`` copies ``a`` so that its last
byte is the last byte before the second guard page; ``at="start"`` puts its
first byte right after the first one. A strided view ``base[::s]`` of an array
placed at the end still ends at the guard page (its last element is the
base's last), and ``base[::-s]`` of one placed at the start begins its walk
backwards right at the first guard page.

POSIX only (Linux, macOS); tests skip where the helpers are unavailable.
"""
import ctypes
import ctypes.util
import mmap

import numpy as np

PAGE = mmap.PAGESIZE
_PROT_NONE = 0

try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    _mprotect = _libc.mprotect
    _mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    _mprotect.restype = ctypes.c_int
    AVAILABLE = hasattr(mmap, "MAP_ANONYMOUS") or hasattr(mmap, "MAP_ANON")
except (OSError, AttributeError):  # pragma: no cover - not POSIX
    AVAILABLE = False


class GuardedBuffer:
    """``data_pages`` read-write pages between two PROT_NONE pages."""

    def __init__(self, data_pages=8):
        self.size = data_pages * PAGE
        self._map = mmap.mmap(-1, self.size + 2 * PAGE)
        # The object must stay alive while NumPy views point into it; a
        # ctypes array over the mmap gives its address without copying.
        self._raw = (ctypes.c_char * (self.size + 2 * PAGE)).from_buffer(self._map)
        base = ctypes.addressof(self._raw)
        for addr in (base, base + PAGE + self.size):
            if _mprotect(addr, PAGE, _PROT_NONE) != 0:
                raise OSError(ctypes.get_errno(), "mprotect failed")
        self.data = np.frombuffer(self._raw, dtype=np.uint8)[PAGE:PAGE + self.size]

    def place(self, a, at="end"):
        """A writable copy of the 1-d contiguous array ``a`` inside the
        buffer, flush against the guard page at its ``end`` or ``start``."""
        a = np.ascontiguousarray(a)
        nbytes = a.nbytes
        if nbytes > self.size:
            raise ValueError(f"{nbytes} bytes do not fit in {self.size}")
        self.data[:] = 0xA5   # garbage around the array, not zeros
        offset = 0 if at == "start" else self.size - nbytes
        v = self.data[offset:offset + nbytes].view(a.dtype)
        v[...] = a
        return v
