"""Reading the content's files: only regular files, and never more than a stated number of bytes.

A content file or a picture may be anything the file system holds: a named pipe (FIFO) that
blocks a reader until someone writes to it, a device such as `/dev/zero` that never ends, a
socket, a folder. Each is refused before a byte is read, with words a clinic can act on; a
regular file is read to at most `limit` bytes, whatever its size claims.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1024 * 1024

FileReader = Callable[[Path, int], bytes]
"""Reads a file of at most so many bytes: `read_regular`, or a snapshot's reader."""


class FileError(Exception):
    """Why a file cannot be read; `message` is worded to follow the file's name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingFileError(FileError):
    def __init__(self) -> None:
        super().__init__("does not exist")


class FileTooBigError(FileError):
    """Larger than the limit; `size` is at least `limit + 1` (a growing file may be larger)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"is larger than {megabytes(limit)}")
        self.size = size
        self.limit = limit


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in plain words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes.

    Never blocks on a FIFO, never reads a device, never holds more than `limit + 1` bytes.
    Raises `FileError` (`MissingFileError`, `FileTooBigError`) with the reason.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise MissingFileError() from None
    except IsADirectoryError:
        raise FileError("is a folder, not a file") from None
    except OSError as error:
        try:  # a socket cannot be opened (ENXIO): say what it is
            kind = kind_of(os.stat(path).st_mode)
        except (OSError, ValueError):
            kind = None
        if kind is not None:
            raise FileError(f"is {kind}") from None
        raise FileError(f"cannot be read ({error.strerror or error})") from None
    except ValueError:  # a name the system cannot hold (a NUL byte)
        raise MissingFileError() from None
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise FileError(f"is {kind}")
        if info.st_size > limit:
            raise FileTooBigError(info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooBigError(total, limit)
        return b"".join(chunks)
    except FileError:
        raise
    except OSError as error:
        raise FileError(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
