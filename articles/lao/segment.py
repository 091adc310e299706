"""Lao word segmentation with ICU's dictionary, shared by typography and search.

ICU's Lao dictionary lacks many loanwords of the ministry's field and cuts them
into syllables (``ດີ|ຈິ|ຕອນ``, ``ເຕັກ|ໂນ|ໂລ|ຊີ``). Segments that together spell a
word of :data:`SUPPLEMENTARY_WORDS` are joined again, so a line never breaks
inside "digital" or "technology" and search sees one word. Joining only removes
ICU boundaries; it never adds one.
"""

import re
from itertools import pairwise

from icu4py.breakers import WordBreaker

SUPPLEMENTARY_WORDS = frozenset(
    {
        "ດີຈິຕອນ",  # digital
        "ດິຈິຕອນ",  # digital, other spelling
        "ເຕັກໂນໂລຊີ",  # technology
        "ອິນເຕີເນັດ",  # internet
        "ອີເລັກໂຕຣນິກ",  # electronic
        "ຊອບແວ",  # software
        "ອອນລາຍ",  # online
        "ເວັບໄຊ",  # website
    }
)


def _icu_words(text):
    return list(WordBreaker(text, "lo"))


# The first ICU segment of each supplementary word: only there can a join start.
_SUPPLEMENT_STARTS = frozenset(_icu_words(word)[0] for word in SUPPLEMENTARY_WORDS)
_LONGEST_SUPPLEMENT = max(len(_icu_words(word)) for word in SUPPLEMENTARY_WORDS)


def _join_supplementary_words(segments):
    joined = []
    start = 0
    while start < len(segments):
        end = start + 1
        if segments[start] in _SUPPLEMENT_STARTS:
            for stop in range(min(len(segments), start + _LONGEST_SUPPLEMENT), start + 1, -1):
                if "".join(segments[start:stop]) in SUPPLEMENTARY_WORDS:
                    end = stop
                    break
        joined.append("".join(segments[start:end]))
        start = end
    return joined


def words(text):
    """Split text into words; spaces and punctuation are segments of their own."""
    if not text:
        return []
    return _join_supplementary_words(_icu_words(text))


_CLUSTER = (
    "[\u0e81-\u0eb0\u0eb2\u0eb3\u0ebd-\u0ec6\u0ed0-\u0edf]"  # a letter or spacing vowel
    "[\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]*+"  # with all its vowel and tone marks
)
_CLUSTERS = re.compile(_CLUSTER)
# Overlapping pairs of neighbouring clusters, also across spaces between Lao
# words; a cluster that no Lao cluster follows stands alone.
_PAIRS = re.compile(f"(?=({_CLUSTER})\\s*({_CLUSTER}))|({_CLUSTER})(?!\\s*{_CLUSTER})")


def clusters(text):
    """Lao letters with the vowel and tone marks written above or below them."""
    return _CLUSTERS.findall(text)


def pairs(word):
    """Each pair of neighbouring clusters in a word: ສະຫຼຸບ -> ສະ, ະຫຼຸ, ຫຼຸບ."""
    return [first + second for first, second in pairwise(clusters(word))]


def cluster_pairs(text):
    """Each pair of neighbouring Lao clusters in text, in order, reading across spaces.

    Searching for a word as a sequence of pairs finds it wherever it is written,
    however ICU would cut the surrounding text into words and even across a
    stray space (``ໂຄງ ການ``). The last cluster before other text or the end
    also stands alone, so a one-cluster word there is found too.
    """
    return [first + second or alone for first, second, alone in _PAIRS.findall(text)]
