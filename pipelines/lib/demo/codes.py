"""Check-digit schemes for the identifiers the demo world writes.

- LEI: ISO 17442, check digits by ISO 7064 MOD 97-10 (the IBAN algorithm).
- Unified Social Credit Code (China, GB 32100-2015): 18 characters over a
  31-symbol alphabet; the embedded organisation code carries its own GB 11714
  check character.
- PRC resident ID number (GB 11643-1999): ISO 7064 MOD 11-2 check character.
"""

from __future__ import annotations

import random
import string

_ALNUM = string.digits + string.ascii_uppercase
# GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def _mod97(text: str) -> int:
    return int("".join(str(_ALNUM.index(c)) for c in text)) % 97


def lei_check_digits(base18: str) -> str:
    """The two ISO 7064 MOD 97-10 check digits for an 18-character LEI base."""
    return f"{98 - _mod97(base18 + '00'):02d}"


def is_valid_lei(lei: str) -> bool:
    return len(lei) == 20 and all(c in _ALNUM for c in lei) and _mod97(lei) == 1


def make_lei(rng: random.Random, prefix: str) -> str:
    """``<LOU prefix>00<12 random>`` plus check digits, like most issued LEIs."""
    body = "".join(rng.choice(_ALNUM) for _ in range(12))
    base = f"{prefix}00{body}"
    return base + lei_check_digits(base)


def _org_code(body8: str) -> str:
    """GB 11714-1997 organisation code: 8 characters plus a check character."""
    total = sum(_ALNUM.index(c) * w for c, w in zip(body8, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body8 + {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    return len(code) == 18 and uscc_check_char(code[:17]) == code[17]


def make_uscc(rng: random.Random, division: str) -> str:
    """``91`` (market regulator, enterprise) + division + organisation code + check."""
    if rng.random() < 0.6:  # codes issued since 2015 start with "MA"
        body = "MA" + "".join(rng.choice(_USCC_ALPHABET) for _ in range(6))
    else:
        body = "".join(rng.choice(string.digits) for _ in range(8))
    first17 = "91" + division + _org_code(body)
    if any(c not in _USCC_ALPHABET for c in first17):  # GB 11714 "X" is fine; retry rare others
        return make_uscc(rng, division)
    return first17 + uscc_check_char(first17)


def make_cn_resident_id(rng: random.Random, division: str, dob: str) -> str:
    """18-character PRC resident ID: division, YYYYMMDD, sequence, MOD 11-2 check."""
    first17 = division + dob + f"{rng.randrange(1000):03d}"
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]
