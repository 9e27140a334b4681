"""Pure detectors for personal information in text (contracts.md "Personal-information scan").

Design choices, each tested in tests/pii/test_rules.py:

* Width folding keeps offsets: full-width digits, letters and ``＋－（）＠．`` and the ideographic
  space are folded one character to one character (what NFKC does for them), dash look-alikes become
  ``-``. The patterns run on the folded text; offsets and ``Finding.text`` refer to the original.
* A match never starts or ends inside a longer run of digits or ASCII letters, so a valid ID number
  embedded in a longer digit run, or the digits of ``yishuiljqz2322108``, are not findings. Decimals
  (``1234567.89``) and index-number tails (``…/2023-0000352``) are excluded the same way.
* Each kind adds its own check: ID numbers a province code, a real birth date and the GB 11643 check
  digit; bank cards the Luhn check (18-digit strings that are valid unified social credit codes,
  GB 32100, are left out); landlines a real area-code shape. Anything inside a URL is ignored.
* Overlaps are resolved by kind priority: an 18-digit valid ID number that also passes Luhn is
  reported once, as ``id_card``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

ID_CARD = "id_card"
MOBILE = "mobile"
LANDLINE = "landline"
BANK_CARD = "bank_card"
EMAIL = "email"

# The contract's kinds, in the priority used when two findings overlap.
CONTRACT_KINDS: tuple[str, ...] = (ID_CARD, BANK_CARD, MOBILE, LANDLINE, EMAIL)


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


def _fold_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII block
    table[0x3000] = " "  # ideographic space
    for cp in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63):
        table[cp] = "-"
    return table


FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """Full-width → ASCII, one character for one, so offsets in the result are offsets in ``text``."""
    return text.translate(FOLD_TABLE)


# --- Check digits -------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of GB/T 2260 province-level codes (71 Taiwan, 81/82 Hong Kong/Macao, 83 the
# code printed on residence permits for Taiwan residents).
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of a resident ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


# Why an ID number fails, in the order checked; foi words these for the applicant.
ID_LENGTH, ID_FORMAT, ID_PROVINCE, ID_BIRTH_DATE, ID_FUTURE, ID_CHECK_DIGIT = (
    "length", "format", "province", "birth_date", "future", "check_digit")


def id_number_defect(value: str, *, today: date | None = None) -> str | None:
    """None for a valid 18-character resident ID (GB 11643), else the first defect found.

    Valid means: 17 digits and a check character (digit or X, either case), a GB/T 2260 province
    code, a real birth date from 1900 on and not in the future, and the right check character.
    This is the one definition: the scanner and the request forms both use it.
    """
    if len(value) != 18:
        return ID_LENGTH
    if not value[:17].isdigit() or value[17] not in "0123456789Xx" or not value.isascii():
        return ID_FORMAT
    if value[:2] not in _PROVINCES:
        return ID_PROVINCE
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return ID_BIRTH_DATE
    if born.year < 1900:
        return ID_BIRTH_DATE
    if born > (today or date.today()):
        return ID_FUTURE
    if id_check_char(value[:17]) != value[17].upper():
        return ID_CHECK_DIGIT
    return None


def is_valid_id_number(value: str, *, today: date | None = None) -> bool:
    """18-character resident ID: province code, a real birth date not in the future, check digit."""
    return id_number_defect(value, today=today) is None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


CREDIT_FORMAT, CREDIT_CHECK_DIGIT = "format", "check_digit"


def credit_code_defect(value: str) -> str | None:
    """None for a valid 统一社会信用代码 (GB 32100), else why not.

    18 characters of the code alphabet (no I, O, S, V, Z), the 6-digit administrative division code
    in positions 3-8, and the mod-31 check character. Lower case is accepted.
    """
    value = value.upper()
    if len(value) != 18 or any(c not in _USCC_ALPHABET for c in value) or not value[2:8].isdigit():
        return CREDIT_FORMAT
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    if _USCC_ALPHABET[(31 - total % 31) % 31] != value[17]:
        return CREDIT_CHECK_DIGIT
    return None


def is_valid_credit_code(value: str) -> bool:
    """统一社会信用代码 (GB 32100): see ``credit_code_defect``."""
    return credit_code_defect(value) is None


# --- Patterns (run on folded text) ----------------------------------------------------------------

# Not inside a longer run of digits/letters, not the fraction of a decimal number. Each pattern
# opens with a look-ahead for its first character, which lets the regex engine skip ahead quickly
# (measured 3x faster on the seed documents than starting with the look-behinds).
_B = r"(?<![0-9A-Za-z])(?<![0-9]\.)"
_E = r"(?![0-9A-Za-z])(?!\.[0-9])"
_NOT_INDEX_TAIL = r"(?!/[0-9]{4}-[0-9])"  # 索引号: <code>/<year>-<sequence>
# Separators are matched in their full-width forms too, so text whose digits are all ASCII need not
# be folded at all (folding maps these same characters to "-", " ", "(" and ")").
_DASH = "\\-\uff0d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_SEP = f"[{_DASH} \u3000]"
_OPEN, _CLOSE = "[(\uff08]", "[)\uff09]"

_ID_RE = re.compile(r"(?=[0-9])" + _B + r"[0-9]{17}[0-9Xx]" + _E + _NOT_INDEX_TAIL)
_BANK_RE = re.compile(
    r"(?=[0-9])" + _B + r"(?:[0-9]{16,19}|[0-9]{4}(?: [0-9]{4}){3}(?: [0-9]{1,3})?)" + _E + _NOT_INDEX_TAIL
)
_MOBILE_RE = re.compile(
    r"(?=[+0-9])" + _B + rf"(?:(?:\+|00)?86{_SEP}?)?1[3-9][0-9](?P<sep>{_SEP}?)[0-9]{{4}}(?P=sep)[0-9]{{4}}" + _E
)
# Area codes: 010 and 02x have three digits, all others 0[3-9]xx four; local numbers have 7-8
# digits and never start with 0. Without a separator the first local digit must be 2-9.
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
_EXT = rf"(?:(?:[{_DASH}]|转|分机|ext\.? ?)[0-9]{{1,6}})?"
_LANDLINE_RE = re.compile(
    r"(?=[0(\uff08])"
    + _B
    + rf"(?:{_OPEN}{_AREA}{_CLOSE}{_SEP}?[1-9][0-9]{{6,7}}|{_AREA}{_SEP}[1-9][0-9]{{6,7}}|{_AREA}[2-9][0-9]{{6,7}})"
    + _EXT
    + _E
)
_EMAIL_RE = re.compile(
    r"(?=[A-Za-z0-9])(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)
_URL_RE = re.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)
# Full-width characters that can be part of a finding; only text containing one is folded.
NEEDS_FOLD = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20\uff0b]")


# A digit run written as money is an amount, not a phone or card number: 总投资13812345678元, ￥6222…
_AMOUNT_AFTER = re.compile(r"\s?(?:元|万元|亿元|万|亿|美元|人民币|块)")
_AMOUNT_BEFORE = ("¥", "￥", "RMB", "人民币")


def _is_amount(folded: str, start: int, end: int) -> bool:
    return bool(_AMOUNT_AFTER.match(folded, end)) or folded[max(0, start - 3):start].endswith(_AMOUNT_BEFORE)


def _candidates(folded: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for m in _ID_RE.finditer(folded):
        if is_valid_id_number(m.group()):
            found.append((ID_CARD, m.start(), m.end()))
    for m in _BANK_RE.finditer(folded):
        digits = m.group().replace(" ", "")
        if len(set(digits)) == 1:  # 0000 0000 0000 0000 and the like: placeholders in forms
            continue
        if luhn_ok(digits) and not (len(digits) == 18 and is_valid_credit_code(digits)):
            found.append((BANK_CARD, m.start(), m.end()))
    if "@" in folded:
        found.extend((EMAIL, m.start(), m.end()) for m in _EMAIL_RE.finditer(folded))
    found.extend((MOBILE, m.start(), m.end()) for m in _MOBILE_RE.finditer(folded))
    found.extend((LANDLINE, m.start(), m.end()) for m in _LANDLINE_RE.finditer(folded))
    return [f for f in found if f[0] in (ID_CARD, EMAIL) or not _is_amount(folded, f[1], f[2])]


def resolve_overlaps(spans: list[tuple[str, int, int]], priority: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """Keep the highest-priority (then longest, then leftmost) span wherever spans overlap."""
    rank = {kind: i for i, kind in enumerate(priority)}
    starts: list[int] = []  # the kept spans, which never overlap, ordered by position
    kept: list[tuple[str, int, int]] = []
    for span in sorted(spans, key=lambda s: (rank.get(s[0], len(rank)), s[1] - s[2], s[1])):
        _kind, start, end = span
        i = bisect_right(starts, start)
        if (i and kept[i - 1][2] > start) or (i < len(kept) and kept[i][1] < end):
            continue
        starts.insert(i, start)
        kept.insert(i, span)
    return kept


def scan_text(text: str) -> list[Finding]:
    """Personal information in ``text``: findings of the contract kinds, sorted by start offset."""
    if not text:
        return []
    folded = fold(text) if NEEDS_FOLD.search(text) else text
    spans = _candidates(folded)
    if not spans:
        return []
    if "://" in folded or "www." in folded.lower():
        urls = [(m.start(), m.end()) for m in _URL_RE.finditer(folded)]
        spans = [s for s in spans if not any(s[1] < ue and s[2] > us for us, ue in urls)]
    return [Finding(kind, start, end, text[start:end]) for kind, start, end in resolve_overlaps(spans, CONTRACT_KINDS)]


# --- Contact numbers typed into forms (requests, messages): one check for every public form ---

_FORM_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_FORM_LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s（）()]", "", value.strip()).removeprefix("+86").removeprefix("0086")


def phone_error(value: str) -> str | None:
    """None for a mainland mobile number or a landline with area code (e.g. 0539-2251234)."""
    phone = normalize_phone(value)
    if _FORM_MOBILE_RE.match(phone) or _FORM_LANDLINE_RE.match(phone):
        return None
    return "请填写11位手机号码或带区号的固定电话（如0539-2251234）。"
