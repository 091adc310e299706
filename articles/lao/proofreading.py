"""Proofreading hints for Lao text: mistakes that look right on screen.

Thai letters typed on a Thai keyboard, invisible characters, two spellings of
the same letter in one text, and a space typed inside a word all look fine to
the writer and break search, line breaking or consistency for readers. These
functions only find them; the admin shows them as warnings and never blocks.
"""

import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

from .segment import MINISTRY
from .text import INVISIBLE_CHARACTERS

CONTEXT = 8  # characters shown on each side of a finding

_THAI = re.compile("[\u0e01-\u0e5b]+")
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_SPACE_BETWEEN_LAO = re.compile("(?<=[\u0e81-\u0edf]) (?=[\u0e81-\u0edf])")
# Each pair: the single-letter spelling and its two-letter twin; both are correct Lao.
SPELLING_PAIRS = (("ຫຼ", "ຫລ"), ("ໜ", "ຫນ"), ("ໝ", "ຫມ"))
# ICU's dictionary lists a few phrases that standard Lao writes with a space.
SPACED_PHRASES = frozenset({"ນີ້ແມ່ນ"})
# The published word lists hold phrases too (ຄັ້ງນີ້ແມ່ນ), which standard Lao writes
# with spaces: a space is judged by ICU's words and the ministry's only.
words = MINISTRY.words


@dataclass(frozen=True)
class Finding:
    """One problem: what it is (a code), where it starts, and the text around it."""

    code: str
    position: int
    context: str
    detail: str = ""


def _context(text, start, end):
    """A few characters around a finding, never starting or ending inside a letter's marks."""
    start, end = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    while start > 0 and unicodedata.category(text[start]) == "Mn":
        start -= 1
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    return text[start:end].replace("\n", " ").strip()


def thai_characters(text):
    """Runs of Thai characters, which look like Lao but are not found by Lao search."""
    return [
        Finding("thai", match.start(), _context(text, match.start(), match.end()), match.group())
        for match in _THAI.finditer(text)
    ]


def invisible_characters(text):
    """Zero-width characters and soft hyphens: invisible, and they break matching."""
    return [
        Finding("invisible", match.start(), _context(text, match.start(), match.end()))
        for match in _INVISIBLE.finditer(text)
    ]


def mixed_spellings(text):
    """Both spellings of ຫຼ/ຫລ, ໜ/ຫນ or ໝ/ຫມ in one text: pick one and keep to it."""
    findings = []
    for single, double in SPELLING_PAIRS:
        first_single, first_double = text.find(single), text.find(double)
        if first_single >= 0 and first_double >= 0:
            findings.append(
                Finding(
                    "mixed",
                    first_double,
                    _context(text, first_double, first_double + len(double)),
                    f"{single} / {double}",
                )
            )
    return findings


def _split_word(line, space):
    """The dictionary word that a space at `space` in `line` cuts in two, or ''."""
    spaced_ends = set(accumulate(len(word) for word in words(line)))
    joined = line[:space] + line[space + 1 :]
    start = 0
    for word in words(joined):
        end = start + len(word)
        if start < space < end:
            # Only whole segments on both sides: a joined word that swallows part of a
            # neighbouring word (ປອດໄພ ສ -> ປອດ|ໄພສ) is ICU guessing, not a split word.
            whole = (start == 0 or start in spaced_ends) and end + 1 in spaced_ends
            return word if whole and word not in SPACED_PHRASES else ""
        start = end
    return ""


def split_words(text):
    """Spaces inside what the dictionary knows as one word, as in ``ໂຄງ ການ``."""
    findings = []
    offset = 0
    for line in text.splitlines(keepends=True):
        for match in _SPACE_BETWEEN_LAO.finditer(line):
            word = _split_word(line, match.start())
            if word:
                position = offset + match.start()
                findings.append(
                    Finding("split", position, _context(text, position, position + 1), word)
                )
        offset += len(line)
    return findings


CHECKS = (thai_characters, invisible_characters, mixed_spellings, split_words)


def proofread(text):
    """Every finding in text, in reading order."""
    return sorted(
        (finding for check in CHECKS for finding in check(text or "")),
        key=lambda finding: finding.position,
    )
