"""Decode the bytes of a text file: UTF-8 first, UTF-16/UTF-8 by BOM, else a Windows code page."""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# the C0 controls but tab, line feed, vertical tab, form feed and carriage return (0x09-0x0d)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    """Share of characters that never occur in a text document (NUL and other C0 controls)."""
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def decode_text(data: bytes) -> tuple[str, str, str, list[str]]:
    """Return ``(text, encoding, problem, warnings)``; ``problem`` is non-empty when the file is unusable.

    Example:
        >>> decode_text("Brønderslev".encode("cp1252"))[1:]
        ('cp1252', '', ['not valid UTF-8; read as cp1252 (Windows Western European)'])
    """
    warnings: list[str] = []
    if not data.strip():
        return "", "", "empty file (no text)", warnings
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return "", "", f"invalid {encoding} despite its byte-order mark", warnings
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if b"\x00" in data[:4096]:
                return "", "", "binary file, not text", warnings
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
                warnings.append("not valid UTF-8; read as cp1252 (Windows Western European)")
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
                warnings.append("not valid UTF-8; read as latin-1")
    if _control_ratio(text) > 0.01:
        return "", "", "binary file, not text", warnings
    if not text.strip():
        return "", "", "empty file (no text)", warnings
    return text, encoding, "", warnings
