"""Bytes to text: the encodings screenplay files come in, and a clear refusal of binary files."""

from __future__ import annotations

import re

from closedset.breakdown.errors import ScriptError

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or a packaged file?)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program, not a document"),
    (b"ID3", "an audio file"),
    (b"OggS", "an audio file"),
    (b"\x00\x00\x00\x18ftyp", "a video file"),
    (b"\x00\x00\x00\x20ftyp", "a video file"),
    (b"\x00\x00\x00\x1cftyp", "a video file"),
)

# Control characters that never occur in a text file (tab, line feed, form feed and
# carriage return are fine; the rest is a sign of binary data).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_NEWLINE_RE = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_OTHER_NEWLINE_RE = re.compile(r"[\x85\u2028\u2029]")
# Line ends other than CR and LF, and the two non-characters the general path rejects.
_UTF8_SPECIAL = ("\x85", "\u2028", "\u2029", "\ufffe", "\uffff")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_RATIO = 0.002


def binary_kind(data: bytes) -> str | None:
    """A short description of a known binary file type, or None."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None


def decode(data: bytes) -> str:
    """Decode a screenplay file to text with `\\n` line ends.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised; anything else
    is read as Windows-1252, falling back to Latin-1. Binary data raises ScriptError.
    """
    if not data or data.isspace():
        raise ScriptError("the file is empty")
    kind = binary_kind(data)
    if kind is not None:
        raise ScriptError(f"this is {kind}, not a screenplay")
    if b"\x00" not in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        fast = _decode_utf8(data)
        if fast is not None:
            return fast
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_utf16(data)
    elif b"\x00" in data:
        guessed = _guess_utf16(data)
        if guessed is None:
            raise ScriptError("this file contains binary data, not screenplay text")
        text = guessed
    else:
        text = _decode_8bit(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text or _OTHER_NEWLINE_RE.search(text):
        text = _NEWLINE_RE.sub("\n", text)
    text = text.rstrip("\x1a")
    controls = len(_CONTROL_RE.findall(text)) if _CONTROL_RE.search(text) else 0
    return _checked(text, controls)


def _decode_utf8(data: bytes) -> str | None:
    """UTF-8 (or ASCII) without the rare characters that need the general path, checked
    without a regex over the text. None when the general path must decide."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if any(special in text for special in _UTF8_SPECIAL):
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.rstrip("\x1a")
    # In UTF-8 a byte below 0x80 is always that character: count the controls on the bytes.
    body = data.rstrip(b"\x1a")
    return _checked(text, len(body) - len(body.translate(None, _CONTROL_BYTES)))


def _checked(text: str, controls: int) -> str:
    """Refuse binary data; blank out the few stray control characters a text file can have."""
    if controls:
        if controls > max(2, len(text) * _MAX_CONTROL_RATIO):
            raise ScriptError("this file contains binary data, not screenplay text")
        text = _CONTROL_RE.sub(" ", text)
    if not text or text.isspace():
        raise ScriptError("the file has no text")
    return text


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise ScriptError("this file claims to be UTF-16 text but is damaged") from None


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text with a NUL in every other byte."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.9 * half and even_nuls == 0:
        encoding = "utf-16-le"
    elif even_nuls > 0.9 * half and odd_nuls == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
