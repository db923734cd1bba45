"""Free memory of the C heap handed back between the merge's reads, where the C library can."""

import platform

from flows import allocator


def test_free_memory_is_handed_back_where_the_c_library_can():
    assert allocator.release() == (platform.libc_ver()[0] == "glibc")
    assert allocator.release() == allocator.release()  # as often as asked
