"""The filesystem blob store: one folder, one file per key — the one-machine default.

Writes go to a temporary file in the same folder and are renamed into place, so a reader
never sees half an object and a crash leaves at most a `.part` file (which `list` skips).
The ETag is the MD5 of the bytes, computed while writing and kept beside the object in a
`.meta` file that names the inode it describes: the meta is renamed into place before the
data, and a meta naming another inode (a crash or a reader between the two renames) is not
trusted — the ETag is then recomputed from the bytes and the meta rewritten.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from ports.outbound.blob_store import BlobMissing, BlobStore, BlobStoreUnavailable, StoredObject

CHUNK = 64 * 1024
VALID_KEY = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
VALID_SEGMENT = re.compile(r"^[A-Za-z0-9._-]+$")
META_SUFFIX, PART_SUFFIX = ".meta", ".part"
GONE = (FileNotFoundError, NotADirectoryError, IsADirectoryError)


class FilesystemBlobStore(BlobStore):
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        if not VALID_KEY.match(key) or any(p in (".", "..") for p in key.split("/")) or key.endswith(
                (META_SUFFIX, PART_SUFFIX)):
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def put(self, key, data, *, size, content_type):
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=PART_SUFFIX, delete=False)
        except OSError as error:
            raise BlobStoreUnavailable(f"cannot write {key}: {error.strerror}") from error
        try:
            with part:
                etag = _copy_exactly(data, part, size)
                inode = os.fstat(part.fileno()).st_ino
            _write_meta(path, inode, etag, content_type)
            os.replace(part.name, path)
        except OSError as error:
            _discard(part.name)
            raise BlobStoreUnavailable(f"cannot write {key}: {error.strerror}") from error
        except BaseException:
            _discard(part.name)
            raise
        return StoredObject(key=key, size=size, etag=etag, content_type=content_type)

    def open(self, key, start=0, end=None):
        _check_range(start, end)
        path = self._path(key)
        try:
            handle = path.open("rb")
        except GONE:
            raise BlobMissing(key) from None
        except OSError as error:
            raise BlobStoreUnavailable(f"cannot read {key}: {error.strerror}") from error
        return _Chunks(handle, start, end)

    def head(self, key):
        path = self._path(key)
        try:
            stat = path.stat()
            if not path.is_file():
                return None
            etag, content_type = _read_meta(path, stat.st_ino)
        except GONE:
            return None
        except OSError as error:
            raise BlobStoreUnavailable(f"cannot stat {key}: {error.strerror}") from error
        return StoredObject(key=key, size=stat.st_size, etag=etag, content_type=content_type)

    def delete(self, key):
        path = self._path(key)
        for target in (path, _meta_path(path)):  # the data first: a meta alone is never listed
            try:
                target.unlink()
            except GONE:
                pass
            except OSError as error:
                raise BlobStoreUnavailable(f"cannot delete {key}: {error.strerror}") from error

    def list(self, prefix=""):
        """In key order, like S3; `content_type` is not read (R2's listing has none either)."""
        return self._listing(prefix)

    def _listing(self, prefix: str):
        for key in self._keys(prefix):
            found = self.head(key)
            if found is not None:
                yield StoredObject(key=found.key, size=found.size, etag=found.etag)

    def _keys(self, prefix: str) -> list[str]:
        if self.root.exists() and not self.root.is_dir():
            raise BlobStoreUnavailable(f"{self.root} is not a folder")
        folders = prefix.split("/")[:-1]  # the deepest folder the prefix names
        if not all(VALID_SEGMENT.match(f) and f not in (".", "..") for f in folders):
            return []  # no valid key starts with it
        base = self.root.joinpath(*folders)

        def refuse(error: OSError) -> None:
            if not isinstance(error, GONE):
                raise BlobStoreUnavailable(f"cannot list {error.filename}: {error.strerror}") from error

        keys = [Path(folder, name).relative_to(self.root).as_posix()
                for folder, _, names in os.walk(base, onerror=refuse)
                for name in names if not name.endswith((META_SUFFIX, PART_SUFFIX))]
        return sorted(k for k in keys if k.startswith(prefix))

    def presigned_url(self, key, *, expires_s, filename=None, content_type=None):
        return None


def _check_range(start: int, end: int | None) -> None:
    if start < 0 or (end is not None and end < start):
        raise ValueError(f"not a byte range: {start}-{end}")


def _copy_exactly(data, out, size: int) -> str:
    """Copy exactly `size` bytes of `data` to `out`; the quoted MD5. A stream of another length is refused."""
    digest, written = hashlib.md5(), 0
    while written < size and (chunk := data.read(min(CHUNK, size - written))):
        out.write(chunk)
        digest.update(chunk)
        written += len(chunk)
    if written != size or data.read(1):
        raise ValueError(f"expected exactly {size} bytes, got {written if written != size else 'more'}")
    return f'"{digest.hexdigest()}"'


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + META_SUFFIX)


def _write_meta(path: Path, inode: int, etag: str, content_type: str | None, *, replace: bool = True) -> None:
    """Write the meta atomically; with replace=False only where none exists (never over a newer put's)."""
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=path.name, suffix=PART_SUFFIX,
                                     delete=False) as part:
        part.write(f"{inode}\n{etag}\n{content_type or ''}\n")
    try:
        if replace:
            os.replace(part.name, _meta_path(path))
            return
        os.link(part.name, _meta_path(path))
    except BaseException:
        _discard(part.name)
        raise
    _discard(part.name)


def _read_meta(path: Path, inode: int) -> tuple[str, str | None]:
    """(ETag, type) from the meta if it describes this inode, else recomputed from the bytes."""
    try:
        lines: list[str] | None = _meta_path(path).read_text().splitlines()
    except FileNotFoundError:
        lines = None
    if lines and len(lines) >= 2 and lines[0] == str(inode):
        return lines[1], (lines[2] if len(lines) > 2 and lines[2] else None)
    digest = hashlib.md5()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    etag = f'"{digest.hexdigest()}"'
    if lines is None:  # a file put there by hand: remember its ETag
        try:
            _write_meta(path, inode, etag, None, replace=False)
        except OSError:
            pass
    return etag, None


def _discard(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


class _Chunks:
    """[start, end] of an open file in CHUNK-sized pieces; the file closes when done or closed."""

    def __init__(self, handle, start: int, end: int | None) -> None:
        self.handle, self.remaining = handle, None if end is None else end - start + 1
        handle.seek(start)

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        size = CHUNK if self.remaining is None else min(CHUNK, self.remaining)
        chunk = self.handle.read(size) if size > 0 and not self.handle.closed else b""
        if not chunk:
            self.close()
            raise StopIteration
        if self.remaining is not None:
            self.remaining -= len(chunk)
        return chunk

    def close(self) -> None:
        self.handle.close()
