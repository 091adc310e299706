"""Lao word segmentation with ICU's dictionary, shared by typography and search.

ICU's Lao dictionary lacks many loanwords of the ministry's field and cuts them
into syllables (``ດີ|ຈິ|ຕອນ``, ``ເຕັກ|ໂນ|ໂລ|ຊີ``). Segments that together spell a
word of :data:`SUPPLEMENTARY_WORDS` are joined again, so a line never breaks
inside "digital" or "technology" and search sees one word. Joining only removes
ICU boundaries; it never adds one.
"""

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
