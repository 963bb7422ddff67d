"""Byte ranges (RFC 9110 §14) as the contract wants them: one range or the whole file, 416 when unsatisfiable."""
from __future__ import annotations

import pytest

from domain.ranges import ByteRange, Unsatisfiable, if_range_allows, parse_range

SIZE = 1000


@pytest.mark.parametrize("header, start, end", [
    ("bytes=0-0", 0, 0), ("bytes=0-499", 0, 499), ("bytes=500-", 500, 999), ("bytes=-1", 999, 999),
    ("bytes=-500", 500, 999), ("bytes=-5000", 0, 999), ("bytes=900-5000", 900, 999), ("bytes=999-999", 999, 999),
    ("Bytes= 10 - 20 ", 10, 20),
])
def test_one_range_is_served_clipped_to_the_file(header, start, end):
    assert parse_range(header, SIZE) == ByteRange(start, end)


@pytest.mark.parametrize("header", [None, "", "bytes=0-1,3-4", "bytes=abc", "bytes=", "bytes=-", "items=0-1",
                                    "bytes=5-2", "0-10", "bytes=1.5-3", "bytes 0-1"])
def test_several_ranges_or_garbage_mean_the_whole_file(header):
    assert parse_range(header, SIZE) is None


@pytest.mark.parametrize("header, size", [("bytes=1000-", SIZE), ("bytes=5000-6000", SIZE), ("bytes=-0", SIZE),
                                          ("bytes=0-", 0), ("bytes=-5", 0)])
def test_a_range_no_byte_satisfies_is_unsatisfiable(header, size):
    with pytest.raises(Unsatisfiable):
        parse_range(header, size)


def test_a_range_knows_its_length_and_content_range():
    assert ByteRange(10, 19).length == 10
    assert ByteRange(10, 19).content_range(SIZE) == "bytes 10-19/1000"


def test_if_range_keeps_the_range_only_for_the_same_strong_etag():
    assert if_range_allows(None, '"abc"')
    assert if_range_allows('"abc"', '"abc"') and if_range_allows(' "abc" ', '"abc"')
    assert not if_range_allows('"abd"', '"abc"')
    assert not if_range_allows('W/"abc"', 'W/"abc"')
    assert not if_range_allows("Wed, 21 Oct 2015 07:28:00 GMT", '"abc"')
