"""A deterministic zip written from members prepared and compressed by several processes at once (no MkDocs here).

Python's zipfile compresses each member in the process that writes the archive; preparing the offline copy's pages
(rewriting their links) and compressing them is most of the time the copy takes. Here forked helpers each take
every n-th member, prepare and deflate it, and hand back the compressed bytes; the main process does its own share
and then writes the archive in member order. The bytes do not depend on how many processes took part: the same
members, timestamps and permissions give the same zip.

The archive is the classic zip format (no ZIP64): under 65,535 members and 4 GB, which FAT32 USB sticks, where the
offline copy is carried, could not hold anyway. Beyond that `ZipTooLarge` says so.
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

STORED, DEFLATED = 0, 8
_VERSION = 20  # 2.0: deflate, folders (what zipfile writes)
_UNIX = 3  # the system that "made" the members: the same bytes on every system
_MODE = 0o100644 << 16  # a regular file, rw-r--r--
_UTF8 = 0x800  # the name is UTF-8
_LIMIT = 0xFFFFFFFF


class ZipTooLarge(ValueError):
    """The archive would need ZIP64."""


@dataclass(frozen=True)
class Packed:
    method: int
    crc: int
    size: int  # bytes unpacked
    data: bytes  # as stored in the archive


def pack(data: bytes, store: bool, level: int) -> Packed:
    if store:
        return Packed(STORED, zlib.crc32(data), len(data), data)
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as inside a zip
    return Packed(DEFLATED, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def _dos_time(day: date) -> tuple[int, int]:
    year = max(day.year, 1980)
    return 0, ((year - 1980) << 9) | (day.month << 5) | day.day


def _pack_share(count: int, share: int, shares: int, prepare: Callable[[int], tuple[bytes, bool]],
                level: int, done: Mapping[int, Packed]) -> dict[int, Packed]:
    packed = {}
    for n in range(share, count, shares):
        if n not in done:
            data, store = prepare(n)
            packed[n] = pack(data, store, level)
    return packed


def _fork_share(count: int, share: int, shares: int, prepare: Callable[[int], tuple[bytes, bool]], level: int,
                done: Mapping[int, Packed], folder: Path) -> tuple[int, Path] | None:
    """A forked helper packing one share into a file of `folder`; None when this system cannot fork."""
    if not hasattr(os, "fork"):
        return None
    handle, name = tempfile.mkstemp(prefix=".share-", dir=folder)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(_pack_share(count, share, shares, prepare, level, done), out, pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)  # nothing of the main process (its atexit handlers, open files) is touched here
    os.close(handle)
    return pid, Path(name)


def _collect(pid: int, path: Path) -> dict[int, Packed]:
    _, status = os.waitpid(pid, 0)
    try:
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            with path.open("rb") as share:
                return pickle.load(share)
        return {}
    finally:
        path.unlink(missing_ok=True)


def pack_all(count: int, prepare: Callable[[int], tuple[bytes, bool]], *, level: int, jobs: int = 1,
             work: Path, packed: Mapping[int, Packed] | None = None) -> list[Packed]:
    """Every member, packed: `prepare(n)` gives member n's bytes and whether to store it uncompressed, unless
    `packed` already holds it. `jobs` processes share the work (the main one included); a helper that fails
    leaves its share to the main process."""
    done: Mapping[int, Packed] = packed or {}
    shares = max(1, jobs)
    helpers = [started for share in range(1, shares)
               if (started := _fork_share(count, share, shares, prepare, level, done, work)) is not None]
    members = {**done, **_pack_share(count, 0, shares, prepare, level, done)}
    for pid, path in helpers:
        members.update(_collect(pid, path))
    for n in range(count):  # what no helper delivered
        if n not in members:
            data, store = prepare(n)
            members[n] = pack(data, store, level)
    return [members[n] for n in range(count)]


def write_zip(target: Path, names: Sequence[str], members: Sequence[Packed], day: date) -> None:
    """The archive of `members` under `names`, every member dated `day` at midnight."""
    if len(names) > 0xFFFF:
        raise ZipTooLarge(f"{len(names)} tệp")
    time, day_bits = _dos_time(day)
    central = bytearray()
    with open(target, "wb") as out:
        offset = 0
        for name, member in zip(names, members, strict=True):
            encoded = name.encode("utf-8")
            flags = 0 if encoded.isascii() else _UTF8
            header = struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, flags, member.method, time, day_bits,
                                 member.crc, len(member.data), member.size, len(encoded), 0)
            central += struct.pack("<IBBHHHHHIIIHHHHHII", 0x02014B50, _VERSION, _UNIX, _VERSION, flags,
                                   member.method, time, day_bits, member.crc, len(member.data), member.size,
                                   len(encoded), 0, 0, 0, 0, _MODE, offset)
            central += encoded
            out.write(header)
            out.write(encoded)
            out.write(member.data)
            offset += len(header) + len(encoded) + len(member.data)
            if offset > _LIMIT or member.size > _LIMIT:
                raise ZipTooLarge(f"hơn {_LIMIT // 1_000_000_000} GB")
        out.write(central)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names), len(names), len(central), offset, 0))
