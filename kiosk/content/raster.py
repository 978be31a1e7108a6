"""PNG and JPEG read for real, without Qt and with no image library: a PNG's chunks checked
and its picture data inflated whole, a JPEG walked marker by marker to its end; and the
budgets of a picture's size (`MAX_IMAGE_SIDE` px on a side, `MAX_PIXELS` pixels: what a
decoded picture costs in memory). `pictures` checks every picture file with these.
"""

from __future__ import annotations

import struct
import zlib

MAX_IMAGE_SIDE = 4096
"""The most pixels a PNG or JPEG may have on a side (a 4K screen is 3840 wide)."""
MAX_PIXELS = 4096 * 4096
"""The most pixels a PNG or JPEG may hold (64 MB once decoded), embedded in an SVG or not."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
"""The JPEG "start of frame" markers, which hold the picture's size."""
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
"""The seven passes of an interlaced PNG: first column, first row, column step, row step."""
_INFLATE_CHUNK = 1024 * 1024


class UnreadableImageError(ValueError):
    """A PNG or JPEG that cannot be read; the message says why, after 'cannot be read as a
    picture: '."""


def raster_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG or JPEG from its header. Raises `UnreadableImageError`."""
    if data[:8] == PNG_SIGNATURE:
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise UnreadableImageError("its PNG header is broken")
        width, height = struct.unpack(">II", data[16:24])
    elif data[:2] == b"\xff\xd8":
        width, height = _jpeg_walk(data, header_only=True)
    else:
        raise UnreadableImageError("its first bytes are not those of a PNG or JPEG file")
    if width == 0 or height == 0:
        raise UnreadableImageError(f"its header gives a size of {width} x {height} px")
    return width, height


def size_problem(width: int, height: int) -> str | None:
    if max(width, height) > MAX_IMAGE_SIDE:
        return (
            f"is {width} x {height} px; a picture can be at most {MAX_IMAGE_SIDE} px on a side"
            " (scale it down)"
        )
    if width * height > MAX_PIXELS:
        return (
            f"is {width} x {height} px; a picture can hold at most {MAX_PIXELS:,} pixels"
            " (scale it down)"
        )
    return None


def raster_problem(data: bytes) -> str | None:
    """A PNG or JPEG read to its end: sizes within budget, every byte of picture data there."""
    try:
        width, height = raster_size(data)
        problem = size_problem(width, height)
        if problem is not None:
            return problem
        if data[:8] == PNG_SIGNATURE:
            _png_decode(data)
        else:
            _jpeg_walk(data, header_only=False)
    except UnreadableImageError as unreadable:
        return f"cannot be read as a picture: {unreadable}"
    return None


def _png_decode(data: bytes) -> None:
    """Every chunk's checksum, then the picture data inflated whole (in pieces, never held):
    exactly the bytes its size needs, each row with a known filter."""
    pos = 8
    header: tuple[int, int, int, int, int] | None = None
    inflater = zlib.decompressobj()
    expected = produced = 0
    stride = 0
    has_palette = False
    seen_data = ended = False

    def take(out: bytes) -> None:
        nonlocal produced
        if stride:  # not interlaced: each row starts with its filter type, 0 to 4
            first = (-produced) % stride
            if first < len(out) and max(out[first::stride]) > 4:
                raise UnreadableImageError("its picture data is damaged (an unknown row filter)")
        produced += len(out)
        if produced > expected:
            raise UnreadableImageError("it holds more picture data than its size needs")

    while pos < len(data):
        if pos + 12 > len(data):
            raise UnreadableImageError("the file is cut short (its last chunk is incomplete)")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            name = kind.decode("latin-1", "replace")
            raise UnreadableImageError(f"the file is cut short (in its {name} chunk)")
        body = data[pos + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[pos + 4 : end]) != crc:
            name = kind.decode("latin-1", "replace")
            raise UnreadableImageError(f"it is damaged (the checksum of its {name} chunk is wrong)")
        pos = end + 4
        if header is None:
            if kind != b"IHDR" or length != 13:
                raise UnreadableImageError("its PNG header is broken")
            width, height, depth, colour, compression, filtering, interlace = struct.unpack(
                ">IIBBBBB", body
            )
            if depth not in _PNG_DEPTHS.get(colour, ()) or compression or filtering:
                raise UnreadableImageError("its PNG header is broken (an unknown kind of PNG)")
            if interlace > 1:
                raise UnreadableImageError("its PNG header is broken (an unknown interlace)")
            header = (width, height, depth, colour, interlace)
            bits = _PNG_CHANNELS[colour] * depth
            if interlace:
                expected = sum(
                    rows * (1 + (cols * bits + 7) // 8)
                    for x0, y0, dx, dy in _ADAM7
                    if (cols := (width - x0 + dx - 1) // dx) > 0
                    and (rows := (height - y0 + dy - 1) // dy) > 0
                )
            else:
                stride = 1 + (width * bits + 7) // 8
                expected = height * stride
        elif kind == b"PLTE":
            has_palette = True
        elif kind == b"IDAT":
            if header[3] == 3 and not has_palette:
                raise UnreadableImageError("it has no colour palette before its picture data")
            seen_data = True
            try:
                piece = body
                while piece and not inflater.eof:
                    take(inflater.decompress(piece, _INFLATE_CHUNK))
                    piece = inflater.unconsumed_tail
                while not inflater.eof and (out := inflater.decompress(b"", _INFLATE_CHUNK)):
                    take(out)
            except zlib.error:
                raise UnreadableImageError("its picture data is damaged") from None
        elif kind == b"IEND":
            ended = True
            break
    if header is None:
        raise UnreadableImageError("its PNG header is broken")
    if not seen_data:
        raise UnreadableImageError("it has no picture data")
    if not inflater.eof or produced < expected:
        raise UnreadableImageError("its picture data is cut short")
    if not ended:
        raise UnreadableImageError("the file is cut short (it has no end chunk)")


def _jpeg_walk(data: bytes, *, header_only: bool) -> tuple[int, int]:
    """Walk a JPEG's segments: to its size (header_only) or through every scan to its end."""
    pos = 2
    size: tuple[int, int] | None = None
    scans = 0
    for _ in range(1_000_000):
        if pos >= len(data) or data[pos] != 0xFF:
            break
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= len(data):
            break
        code = data[pos]
        pos += 1
        if code == 0x01 or 0xD0 <= code <= 0xD8:  # markers without a length
            continue
        if code == 0xD9:  # end of image
            if size is None or scans == 0:
                break
            return size
        if pos + 2 > len(data):
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            break
        if code in JPEG_SOF:
            if length < 7:
                break
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            size = (width, height)
            if header_only:
                return size
        if code == 0xDA:
            if size is None:
                break
            scans += 1
            pos = _jpeg_scan_end(data, pos + length)
            continue
        pos += length
    if header_only or size is None:
        raise UnreadableImageError("its JPEG header is broken or cut short")
    if scans == 0:
        raise UnreadableImageError("it has no picture data")
    raise UnreadableImageError("the file is cut short or damaged (its end marker is missing)")


def _jpeg_scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data of a scan ends: the next marker that is not a stuffed
    0xFF00 or a restart marker."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos
