"""What the bytes say a file is, safe names, path-like names, keys and limits (domain.files)."""
from __future__ import annotations

from uuid import UUID

import pytest

from domain.files import ALLOWED, CATEGORIES, is_path_like, limit_bytes, safe_filename, sniff, storage_key


@pytest.mark.parametrize("head, expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"GIF89a\x01\x00", "image/gif"),
    (b"GIF87a\x01\x00", "image/gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"RIFF\x24\x08\x00\x00WAVEfmt ", "audio/wav"),
    (b"fLaC\x00\x00\x00\x22", "audio/flac"),
    (b"OggS\x00\x02\x00\x00", "audio/ogg"),
    (b"ID3\x04\x00\x00\x00\x00", "audio/mpeg"),
    (b"\xff\xfb\x90\x64\x00", "audio/mpeg"),
    (b"\x00\x00\x00\x20ftypM4A \x00\x00", "audio/mp4"),
    (b"%PDF-1.7\n", "application/pdf"),
    (b"PK\x03\x04\x14\x00", "application/zip"),
    ("Grüße, plain text\n".encode(), "text/plain"),
])
def test_a_signature_names_its_type(head, expected):
    assert sniff(head) == expected


@pytest.mark.parametrize("head", [b"", b"MZ\x90\x00\x03", b"\x00\x01\x02\x03", b"\x7fELF\x02\x01", b"text\x00nul",
                                  b"RIFF\x00\x00\x00\x00AVI LIST"])
def test_bytes_that_prove_nothing_we_accept_are_none(head):
    assert sniff(head) is None


def test_text_cut_in_the_middle_of_a_character_is_still_text():
    assert sniff("é".encode() * 31 + "é".encode()[:1]) == "text/plain"


def test_every_category_allows_only_its_own_kinds():
    assert set(ALLOWED) == set(CATEGORIES)
    assert "text/plain" not in ALLOWED["image"] and "image/png" not in ALLOWED["audio"]
    assert ALLOWED["audio"] == {"audio/mpeg", "audio/wav", "audio/ogg", "audio/flac", "audio/mp4"}


@pytest.mark.parametrize("raw, expected", [
    ("holiday.png", "holiday.png"), ("Ünïcodé; x?.png", "Unicode_ x_.png"), ("", "file.png"), (None, "file.png"),
    ("...", "file.png"), (".hidden.png", "hidden.png"), ("a" * 300 + ".png", "a" * 120),
])
def test_a_display_name_is_reduced_to_safe_characters(raw, expected):
    assert safe_filename(raw, "image/png") == expected


@pytest.mark.parametrize("raw", ["../x", "a/b", "C:\\x", "c:x", "..", ".", "/etc/passwd", "a\\b", "a\x00b"])
def test_names_that_try_to_be_paths_are_path_like(raw):
    assert is_path_like(raw)


@pytest.mark.parametrize("raw", ["song.mp3", "..song.mp3", "a..b", "", None, "C major.wav"])
def test_plain_names_are_not_path_like(raw):
    assert not is_path_like(raw)


def test_keys_are_built_from_ids_only():
    user, thing = UUID(int=1), UUID(int=2)
    assert storage_key(user, "image", thing) == f"{user}/image/{thing}"


def test_limits_are_megabytes_per_category():
    assert limit_bytes("audio", {"audio": 200}) == 200 * 1024 * 1024
