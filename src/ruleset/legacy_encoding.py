"""Recognise Vietnamese written in pre-Unicode encodings, to name them instead of showing mojibake."""

from __future__ import annotations

# Bytes that dominate Vietnamese text in each legacy encoding (lower-case vowels with tone marks).
_WINDOWS_1258_MARKERS = frozenset(
    b"\xe0\xe1\xe2\xe3\xe8\xe9\xea\xec\xed\xf2\xf3\xf4\xf5\xf9\xfa\xfd\xf0\xd0\xde\xec\xd2\xf2"
)
_TCVN3_MARKERS = frozenset(
    b"\xb5\xb8\xb6\xb7\xb9\xa9\xc7\xca\xcb\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xae\xad\xab\xac"
)
_VNI_MARKERS = frozenset(
    b"\xf8\xf9\xfb\xfa\xf5\xf6\xf7\xf2\xf3\xe2\xe1\xe0\xe5\xe4\xe3\xc2\xc1\xc0\xc5\xc4\xc3\xef\xd1\xf1"
)


def guess_legacy_encoding(data: bytes) -> str | None:
    """Name the most likely legacy Vietnamese encoding of bytes that are not UTF-8, if any.

    VNI writes a base ASCII vowel followed by a mark byte; TCVN3 (ABC) and Windows-1258 use
    single high bytes. The guess only decides the hint of an error message, never a decoding.
    """
    high = [b for b in data if b >= 0x80]
    if len(high) < 3:
        return None
    vowels = b"aeiouyAEIOUY"
    after_vowel = sum(1 for i in range(1, len(data)) if data[i] >= 0x80 and data[i - 1] in vowels)
    if after_vowel / len(high) > 0.6 and sum(b in _VNI_MARKERS for b in high) / len(high) > 0.6:
        return "VNI"
    tcvn = sum(b in _TCVN3_MARKERS for b in high) / len(high)
    cp1258 = sum(b in _WINDOWS_1258_MARKERS for b in high) / len(high)
    if tcvn >= cp1258 and tcvn > 0.5:
        return "TCVN3 (ABC)"
    if cp1258 > 0.5:
        return "Windows-1258"
    return None
