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
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")

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
    text = unicodedata.normalize("NFC", text)
    if _INVISIBLE.search(text):
        text = text.translate(_DELETE_INVISIBLE)
    for pair, letter in _LETTER_PAIRS.items():
        text = text.replace(pair, letter)
    text = _TONE_BEFORE_UPPER_VOWEL.sub(r"\2\1", text)
    return _DECOMPOSED_AM.sub(rf"\1{SARA_AM}", text)


# Readers treat these as the same letters; search keys make them equal. Every
# mapping replaces one character with one, so a key lines up with its text.
_HO_LO = re.compile("\u0eab\u0ea5")  # ຫລ, spelled with two letters -> ຫຼ
_DIGITS = {ord("໐") + n: str(n) for n in range(10)} | {ord("๐") + n: str(n) for n in range(10)}
# Thai letters typed on a Thai keyboard inside a Lao word: vowels, tone marks and
# the consonants both scripts share; each Lao twin sits 0x80 above the Thai one.
_THAI_TWINS = "กขคงจชดตถทนบปผฝพฟมรลวสหอฮ" + "ะัาำิีึืุู" + "เแโใไ" + "่้๊๋" + "ํๆ"
_THAI_TO_LAO = {ord(thai): ord(thai) + 0x80 for thai in _THAI_TWINS}
_LAO_AND_THAI_RUN = re.compile("[\u0e01-\u0e4f\u0e81-\u0edf]+")
_THAI = re.compile("[\u0e01-\u0e5b]")
_OTHER_DIGITS = re.compile("[\u0e50-\u0e59\u0ed0-\u0ed9]")
_LAO_LETTER = re.compile("[\u0e81-\u0edf]")


def _thai_to_lao(run):
    word = run.group()
    return word.translate(_THAI_TO_LAO) if _LAO_LETTER.search(word) else word


def search_key(text):
    """Text as search compares it, with spellings readers treat as equal made equal.

    For text already cleaned for storage the key has the same length, character
    for character, so a match in the key is a match at the same place in the text.
    """
    key = _HO_LO.sub("\u0eab\u0ebc", clean_for_storage(text))
    if _THAI.search(key):
        key = _LAO_AND_THAI_RUN.sub(_thai_to_lao, key)
    if _OTHER_DIGITS.search(key):
        key = key.translate(_DIGITS)
    lowered = key.lower()
    return lowered if len(lowered) == len(key) else key
