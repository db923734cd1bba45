"""Free memory of the C heap handed back between the merge's reads, where the C library can."""

import platform

from flows import allocator


def test_free_memory_is_handed_back_where_the_c_library_can():
    assert allocator.release() == (platform.libc_ver()[0] == "glibc")
    assert allocator.release() == allocator.release()  # as often as asked


def test_what_arrow_holds_stays_when_its_free_pages_are_handed_back():
    import pyarrow as pa

    table = pa.table({"x": list(range(100_000))})
    pa.table({"y": list(range(1_000_000))})  # made and freed: its pages are free in Arrow's allocator
    held = pa.total_allocated_bytes()
    allocator.release()
    assert pa.total_allocated_bytes() == held and table["x"][99_999].as_py() == 99_999
