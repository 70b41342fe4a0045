"""The mod-11 check of the 9-digit Norwegian organisasjonsnummer."""

from __future__ import annotations


def is_valid_orgnr(orgnr: str) -> bool:
    """True when ``orgnr`` is 9 digits whose last digit is the mod-11 check digit of the first 8.

    Weights 3, 2, 7, 6, 5, 4, 3, 2; check digit = 11 - (weighted sum mod 11), where 11 means 0
    and 10 means the number cannot be valid.
    """
    if len(orgnr) != 9 or not orgnr.isascii() or not orgnr.isdigit():
        return False
    d = [ord(c) - 48 for c in orgnr]
    total = 3 * d[0] + 2 * d[1] + 7 * d[2] + 6 * d[3] + 5 * d[4] + 4 * d[5] + 3 * d[6] + 2 * d[7]
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == d[8]
