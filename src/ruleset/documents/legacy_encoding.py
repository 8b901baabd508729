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


_CP1258_TONES = frozenset(b"\xcc\xec\xd2\xde\xf2")  # combining grave, acute, hook, tilde, dot
_CP1258_VOWEL_LETTERS = frozenset(b"\xe2\xe3\xea\xf4\xf5\xfd\xc2\xc3\xca\xd4\xd5\xdd\xf0\xd0")
_ASCII_VOWELS = frozenset(b"aeiouyAEIOUY")


def guess_legacy_encoding(data: bytes) -> str | None:
    """Name the most likely legacy Vietnamese encoding of bytes that are not UTF-8, if any.

    Windows-1258 writes a vowel letter then a separate tone byte, so tone bytes follow vowels;
    VNI writes an ASCII vowel followed by a mark byte; TCVN3 (ABC) writes one precomposed byte
    per vowel, after a consonant. The guess only decides the hint of an error message.
    """
    high = [i for i in range(len(data)) if data[i] >= 0x80]
    if len(high) < 3:
        return None
    count = len(high)

    def previous(i: int) -> int:
        return data[i - 1] if i else 0

    tones_after_vowel = sum(
        1
        for i in high
        if data[i] in _CP1258_TONES
        and (previous(i) in _ASCII_VOWELS or previous(i) in _CP1258_VOWEL_LETTERS)
    )
    cp1258_bytes = sum(1 for i in high if data[i] in _CP1258_TONES | _CP1258_VOWEL_LETTERS)
    if tones_after_vowel / count >= 0.25 and cp1258_bytes / count >= 0.8:
        return "Windows-1258"
    after_vowel = sum(1 for i in high if previous(i) in _ASCII_VOWELS)
    if after_vowel / count > 0.6 and sum(data[i] in _VNI_MARKERS for i in high) / count > 0.6:
        return "VNI"
    if sum(data[i] in _TCVN3_MARKERS for i in high) / count > 0.5:
        return "TCVN3 (ABC)"
    if cp1258_bytes / count > 0.5:
        return "Windows-1258"
    return None
