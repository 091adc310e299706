"""Invisible encoding fixes for stored Lao text.

Lao can be typed in several byte orders that look identical on screen. Only
the fixes that change nothing a reader sees belong here (see shared/LAO.md);
spelling variants that readers treat as equal, such as ຫຼ and ຫລ, are kept as
written and only made equal in search keys.
"""

import re
import unicodedata

INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DELETE_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARACTERS))

TONE_MARKS = "\u0ec8\u0ec9\u0eca\u0ecb"
# Vowels written above the consonant with combining class 0: NFC leaves their
# order against a tone mark alone, so a tone typed first must be moved after.
UPPER_VOWELS = "\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0ebb\u0ecd"
NIGGAHITA = "\u0ecd"  # ໍ
SARA_AA = "\u0eb2"  # າ
SARA_AM = "\u0eb3"  # ຳ

_TONE_BEFORE_UPPER_VOWEL = re.compile(f"([{TONE_MARKS}])([{UPPER_VOWELS}])")
_DECOMPOSED_AM = re.compile(f"{NIGGAHITA}([{TONE_MARKS}]?){SARA_AA}")

_LETTER_PAIRS = {
    "\u0ec0\u0ec0": "\u0ec1",  # ເເ -> ແ
    "\u0eab\u0e99": "\u0edc",  # ຫນ -> ໜ
    "\u0eab\u0ea1": "\u0edd",  # ຫມ -> ໝ
}


def clean_for_storage(text):
    """Return text in the one encoding we store, looking exactly as it did."""
    text = unicodedata.normalize("NFC", text).translate(_DELETE_INVISIBLE)
    for pair, letter in _LETTER_PAIRS.items():
        text = text.replace(pair, letter)
    text = _TONE_BEFORE_UPPER_VOWEL.sub(r"\2\1", text)
    return _DECOMPOSED_AM.sub(rf"\1{SARA_AM}", text)
