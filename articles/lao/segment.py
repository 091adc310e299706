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
_LONGEST_SUPPLEMENT = 6  # most ICU segments one supplementary word is cut into


def _join_supplementary_words(segments):
    joined = []
    start = 0
    while start < len(segments):
        end = next(
            (
                end
                for end in range(min(len(segments), start + _LONGEST_SUPPLEMENT), start + 1, -1)
                if "".join(segments[start:end]) in SUPPLEMENTARY_WORDS
            ),
            start + 1,
        )
        joined.append("".join(segments[start:end]))
        start = end
    return joined


def words(text):
    """Split text into words; spaces and punctuation are segments of their own."""
    if not text:
        return []
    return _join_supplementary_words(list(WordBreaker(text, "lo")))


_CLUSTER = re.compile(
    "[\u0e81-\u0eb0\u0eb2\u0eb3\u0ebd-\u0ec6\u0ed0-\u0edf][\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]*"
)
_LAO_RUN = re.compile("[\u0e80-\u0eff]+(?:\\s+[\u0e80-\u0eff]+)*")


def clusters(text):
    """Lao letters with the vowel and tone marks written above or below them."""
    return _CLUSTER.findall(text)


def pairs(word):
    """Each pair of neighbouring clusters in a word: ສະຫຼຸບ -> ສະ, ະຫຼຸ, ຫຼຸບ."""
    return [first + second for first, second in pairwise(clusters(word))]


def cluster_pairs(text):
    """Each pair of neighbouring Lao clusters, reading across spaces inside a Lao run.

    Searching for a word as a sequence of pairs finds it wherever it is written,
    however ICU cut the surrounding text into words and even across a stray
    space (``ໂຄງ ການ``).
    """
    return [pairs(run) for run in _LAO_RUN.findall(text)]
