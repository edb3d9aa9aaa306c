"""Just enough of the OLE/CFB container format ([MS-CFB]) to tell an encrypted Office file from a
legacy .doc/.wps, without the `olefile` dependency.

An encrypted .docx is a CFB file holding "EncryptionInfo" and "EncryptedPackage" streams
([MS-OFFCRYPTO]); a password-protected Word 97-2003 file is a normal .doc whose FIB has the
fEncrypted bit set. Both must be reported as `encrypted`, not handed to LibreOffice (which would
stop to ask for a password). We walk the directory sector chain through the FAT; every loop is
bounded by the number of sectors in the file, so a hostile FAT cannot make us spin. If the
structure does not parse, we fall back to looking for the UTF-16LE name "EncryptedPackage" in
the first MB: the directory of a small file usually sits there, and a false "legacy" only means
LibreOffice gets a file it then fails to convert, which is reported too.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple

OleStatus = Literal["encrypted", "encrypted_doc", "plain"]

_ENCRYPTED_STREAMS = {"encryptedpackage", "encryptioninfo"}
_LAST_REGULAR_SECTOR = 0xFFFFFFFA
_ENTRY_SIZE = 128
_FALLBACK_SCAN = 1 << 20
_FIB_ENCRYPTED = 0x0100  # FibBase bit F, fEncrypted, in the 16-bit flags at offset 0x0A
_WORD_IDENT = 0xA5EC


class Entry(NamedTuple):
    name: str
    start: int
    size: int


def ole_status(path: Path) -> OleStatus:
    try:
        with path.open("rb") as stream:
            return _status(stream, path.stat().st_size)
    except (ValueError, struct.error, OSError, IndexError):
        return _fallback(path)


def _status(stream: BinaryIO, file_size: int) -> OleStatus:
    reader = _Reader(stream, file_size)
    entries = reader.directory()
    names = {entry.name.lower() for entry in entries}
    if names & _ENCRYPTED_STREAMS:
        return "encrypted"
    word = next((e for e in entries if e.name == "WordDocument"), None)
    # Version 3 files leave the high half of the size undefined; only the low 32 bits count.
    if word is not None and (word.size & 0xFFFFFFFF) >= reader.mini_cutoff:
        fib = reader.sector(word.start)[:12]
        ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 10)[0]
        if ident == _WORD_IDENT and flags & _FIB_ENCRYPTED:
            return "encrypted_doc"
    return "plain"


def _fallback(path: Path) -> OleStatus:
    try:
        with path.open("rb") as stream:
            head = stream.read(_FALLBACK_SCAN)
    except OSError:
        return "plain"
    return "encrypted" if "EncryptedPackage".encode("utf-16-le") in head else "plain"


class _Reader:
    def __init__(self, stream: BinaryIO, file_size: int) -> None:
        self.stream = stream
        header = stream.read(512)
        shift = struct.unpack_from("<H", header, 30)[0]
        if shift not in (9, 12):
            raise ValueError(f"bad CFB sector shift {shift}")
        self.sector_size = 1 << shift
        self.max_sectors = file_size // self.sector_size + 1
        self.mini_cutoff = struct.unpack_from("<I", header, 56)[0]
        self.first_directory = struct.unpack_from("<I", header, 48)[0]
        self.fat = self._fat(header)

    def sector(self, number: int) -> bytes:
        if number >= self.max_sectors:
            raise ValueError(f"sector {number} beyond end of file")
        self.stream.seek((number + 1) * self.sector_size)
        data = self.stream.read(self.sector_size)
        if len(data) < self.sector_size:
            raise ValueError("truncated CFB sector")
        return data

    def _fat(self, header: bytes) -> list[int]:
        fat_count = struct.unpack_from("<I", header, 44)[0]
        difat = list(struct.unpack_from("<109I", header, 76))
        next_difat, difat_count = struct.unpack_from("<II", header, 68)
        per_sector = self.sector_size // 4
        for _ in range(min(difat_count, self.max_sectors)):
            if next_difat >= _LAST_REGULAR_SECTOR:
                break
            values = struct.unpack(f"<{per_sector}I", self.sector(next_difat))
            difat.extend(values[:-1])
            next_difat = values[-1]
        fat: list[int] = []
        for number in difat[: min(fat_count, self.max_sectors)]:
            if number < _LAST_REGULAR_SECTOR:
                fat.extend(struct.unpack(f"<{per_sector}I", self.sector(number)))
        return fat

    def directory(self) -> list[Entry]:
        entries: list[Entry] = []
        number, seen = self.first_directory, set()
        while number < min(len(self.fat), self.max_sectors) and number not in seen:
            seen.add(number)
            data = self.sector(number)
            for offset in range(0, self.sector_size, _ENTRY_SIZE):
                entry = _entry(data[offset : offset + _ENTRY_SIZE])
                if entry is not None:
                    entries.append(entry)
            number = self.fat[number]
        return entries


def _entry(raw: bytes) -> Entry | None:
    name_length = struct.unpack_from("<H", raw, 64)[0]
    if not 2 <= name_length <= 64:
        return None
    name = raw[: name_length - 2].decode("utf-16-le", errors="replace")
    start, size = struct.unpack_from("<IQ", raw, 116)
    return Entry(name, start, size)
