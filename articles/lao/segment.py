"""Lao word segmentation: ICU's dictionary, corrected by larger word lists.

ICU's Lao dictionary lacks many words of real news text and cuts them into
pieces (``ບຸກ|ຄະລາ|ກອນ``, ``ການຄົ້ນ|ຄວ້າ``, ``ເອກ|ອັກ|ຄະ|ຣາ|ຊະ|ທູດ``). A
:class:`Segmenter` reads the text as ICU cuts it and also as words of its lists
(see ``words/README.md``: two published lists, the ministry's own, and the
words staff add in the admin), then keeps the reading that leaves the fewest
letters outside a known word, with the fewest words. Runs of pieces that no list
knows (a name, a new loanword) are kept together up to :data:`LONGEST_UNKNOWN_RUN`.

Words are looked up on a normalised copy of the text, where spellings that
readers take for the same letters are made equal (ຫລ/ຫຼ, ຫນ/ໜ, ໍາ/ຳ, ຣ/ລ,
invisible characters); boundaries found there are mapped back, and the text
itself is never changed.
"""

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from icu4py.breakers import WordBreaker

from .text import INVISIBLE_CHARACTERS

WORD_LISTS = Path(__file__).parent / "words"
PUBLISHED_LISTS = ("google-spellcheck.txt", "egov-dictionary.txt")
MINISTRY_LIST = "ministry.txt"
# A word of a list longer than this is a phrase that could not fit a phone's line.
LONGEST_LISTED_WORD = 24
# Names and pieces no list knows are kept together up to this many letters: about
# half of the narrowest phone's line, so a name still leaves room around it.
LONGEST_UNKNOWN_RUN = 16
# Only short pieces no list knows are taken for parts of a name: ICU cuts what its
# dictionary lacks into syllables, while a longer piece is a word of ICU's own.
LONGEST_UNKNOWN_PIECE = 4

# Spellings made equal for lookup, each a run of the original text and what it
# becomes. Longer runs first: ຫລ must win over ລ.
_LOOKUP_SPELLINGS = {
    **dict.fromkeys(INVISIBLE_CHARACTERS, ""),
    "\u0eab\u0ea5": "\u0eab\u0ebc",  # ຫລ -> ຫຼ
    "\u0eab\u0e99": "\u0edc",  # ຫນ -> ໜ
    "\u0eab\u0ea1": "\u0edd",  # ຫມ -> ໝ
    "\u0ecd\u0eb2": "\u0eb3",  # ໍ + າ -> ຳ
    "\u0ea3": "\u0ea5",  # ຣ -> ລ, the old spelling of ລ in words like ຣາຊະ
    # ລ written below another consonant: ນິວເຄຼຍ = ນິວເຄລຍ (ຫຼ stays, above).
    **{f"{letter}\u0ebc": f"{letter}\u0ea5" for letter in "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢລວຮ"},
}
_LOOKUP_SPELLING = re.compile("|".join(sorted(map(re.escape, _LOOKUP_SPELLINGS), key=len)[::-1]))
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_LAO_LETTER = re.compile("[\u0e81-\u0edf]")
_LAO_WORD_PIECE = re.compile("[\u0e81-\u0edd]+")
# Where a word may begin or end: not before a mark or vowel written after its
# consonant (ະ ັ າ ຳ ິ ... ຼ ຽ ໆ and the tone marks), nor right after a vowel written
# before it (ເ ແ ໂ ໃ ໄ).
_EDGE = re.compile("(?<![\u0ec0-\u0ec4])(?=[^\u0eb0-\u0ebd\u0ec6\u0ec8-\u0ecd])")


def lookup_form(text):
    """text with the spellings readers take for the same letters made equal."""
    return _LOOKUP_SPELLING.sub(lambda match: _LOOKUP_SPELLINGS[match.group()], text)


def _lookup_form_with_origins(text, spelling=_LOOKUP_SPELLING):
    """lookup_form(text), and for each of its offsets the offset in text it comes from."""
    form, origins, position = [], [], 0
    for match in spelling.finditer(text):
        form.append(text[position : match.start()])
        origins.extend(range(position, match.start()))
        replacement = _LOOKUP_SPELLINGS[match.group()]
        form.append(replacement)
        origins.extend([match.start()] * len(replacement))
        position = match.end()
    form.append(text[position:])
    origins.extend(range(position, len(text) + 1))
    return "".join(form), origins


def read_word_list(path):
    """The words of a list file: one a line; blank lines and # comments are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [word for line in lines if (word := line.split("#")[0].strip())]


def _icu_ends(text):
    ends, position = [], 0
    for piece in WordBreaker(text, "lo"):
        position += len(piece)
        ends.append(position)
    return ends


class Segmenter:
    """Cuts text into words, knowing the words of its lists besides ICU's."""

    def __init__(self, known_words, join_unknown_pieces=True):
        self.join_unknown_pieces = join_unknown_pieces
        self.known = frozenset(
            form
            for word in known_words
            if 2 <= len(form := lookup_form(word)) <= LONGEST_LISTED_WORD
        )

    def with_words(self, extra_words):
        """A segmenter that also knows extra_words."""
        segmenter = Segmenter((), self.join_unknown_pieces)
        segmenter.known = self.known | Segmenter(extra_words).known
        return segmenter

    def words(self, text):
        """Split text into words; spaces and punctuation are segments of their own."""
        if not text:
            return []
        if not _LAO_LETTER.search(text):
            return list(WordBreaker(text, "lo"))
        form, origins = _lookup_form_with_origins(text)
        # ICU reads the text as written, less invisible characters, which it takes
        # for word ends; an end inside a spelling made one letter in the lookup form
        # (ຫ|ລ) has no place there and is dropped.
        visible, visible_origins = _lookup_form_with_origins(text, _INVISIBLE)
        in_form = {origin: position for position, origin in reversed(list(enumerate(origins)))}
        icu_ends = [
            in_form[origin]
            for end in _icu_ends(visible)
            if (origin := visible_origins[end]) in in_form
        ]
        ends = dict.fromkeys(origins[end] for end in self._ends(form, icu_ends))
        return [text[start:end] for start, end in pairwise([0, *ends]) if end > start]

    def _ends(self, form, ends):
        """ICU's word ends in form, less those inside a word of the lists or a name."""
        inside = set()
        taken = []  # the words of the lists kept whole, none overlapping another
        for start, end in sorted(self._listed_words_across(form, ends), key=_longest_first):
            # Overlapping words would chain into a phrase (ມັກຈະ + ຈະບໍ່ + ບໍ່ລົງ...).
            place = bisect_left(taken, (start, end))
            if (place and taken[place - 1][1] > start) or (
                place < len(taken) and taken[place][0] < end
            ):
                continue
            before = bisect_right(ends, start) - 1
            while before >= 0 and ends[before] in inside:
                before -= 1
            after = bisect_left(ends, end)
            while after < len(ends) and ends[after] in inside:
                after += 1
            kept_before = ends[before] if before >= 0 else 0
            kept_after = ends[after] if after < len(ends) else len(form)
            if kept_after - kept_before <= LONGEST_LISTED_WORD:
                inside.update(e for e in ends[before + 1 : after] if start < e < end)
                taken.insert(place, (start, end))
        kept = [end for end in ends if end not in inside]
        return self._join_names(form, kept) if self.join_unknown_pieces else kept

    def _listed_words_across(self, form, ends):
        """(start, end) of each word of the lists that ICU cut, with at least one of its
        ends where ICU has one: a word found only between ICU's ends is a guess."""
        edges = [0, *_edges(form), len(form)]
        at_edge = frozenset(edges)
        known, beginnings, endings = self.known, self._beginnings, self._endings
        for start, icu_end in pairwise([0, *ends]):
            # Words that begin where ICU begins a piece and run past its end.
            if start in at_edge:
                for index in range(bisect_right(edges, icu_end), len(edges)):
                    end = edges[index]
                    word = form[start:end]
                    if word in known:
                        yield start, end
                    if hash(word) not in beginnings:
                        break
            # Words that end where ICU ends a piece and begin before it.
            for index in range(bisect_left(edges, start) - 1, -1, -1):
                word_start = edges[index]
                word = form[word_start:icu_end]
                if word in known:
                    yield word_start, icu_end
                if hash(word) not in endings:
                    break

    # Hashes, not strings, of the beginnings and endings of the known words: they only
    # tell when to stop looking, so a rare collision costs a look, and they take a third
    # of the memory.
    @cached_property
    def _beginnings(self):
        return frozenset(hash(word[:end]) for word in self.known for end in range(2, len(word)))

    @cached_property
    def _endings(self):
        return frozenset(
            hash(word[start:]) for word in self.known for start in range(1, len(word) - 1)
        )

    def _join_names(self, form, ends):
        """Names and new loanwords, which ICU can only cut into syllables, stay whole.

        A short run of Lao set off by spaces or punctuation and cut into syllables
        only (ທ່ານ ກິມ|ຈົງ|ອຶນ ໄດ້) is one name; inside longer text, syllables that
        no list knows are joined with their neighbours that no list knows either.
        """
        joined = []
        for run in _lao_runs(form, ends):
            lengths = [end - start for start, end in pairwise(run)]
            if (
                len(run) > 2
                and run[-1] - run[0] <= LONGEST_UNKNOWN_RUN
                and (max(lengths) <= LONGEST_UNKNOWN_PIECE)
            ):
                joined.append(run[-1])
            else:
                joined += self._join_unknown_pieces(form, run)
        return joined

    def _join_unknown_pieces(self, form, run):
        joined = []
        run_start = None
        for start, end in pairwise(run):
            piece = form[start:end]
            unknown = len(piece) <= LONGEST_UNKNOWN_PIECE and piece not in self.known
            if unknown and run_start is not None and end - run_start <= LONGEST_UNKNOWN_RUN:
                joined[-1] = end
                continue
            run_start = start if unknown else None
            joined.append(end)
        return joined


def _lao_runs(form, ends):
    """The ends grouped into runs of Lao pieces, each run with the end before it; any
    other piece (a space, punctuation, Latin) is a run of its own."""
    run = [0]
    for start, end in pairwise([0, *ends]):
        if not _LAO_WORD_PIECE.fullmatch(form, start, end):
            if len(run) > 1:
                yield run
            yield [start, end]
            run = [end]
        else:
            run.append(end)
    if len(run) > 1:
        yield run


def _edges(form):
    """Positions inside form where a word may begin or end."""
    return [match.start() for match in _EDGE.finditer(form, 1)]


def _longest_first(span):
    start, end = span
    return start - end, start


def bundled_words():
    """The words of the published lists and the ministry's list, as shipped."""
    names = (*PUBLISHED_LISTS, MINISTRY_LIST)
    return [word for name in names for word in read_word_list(WORD_LISTS / name)]


BUNDLED = Segmenter(bundled_words())
# ICU's words and the ministry's, without the published lists' phrases; with so
# few words known, every piece would look like part of a name.
MINISTRY = Segmenter(read_word_list(WORD_LISTS / MINISTRY_LIST), join_unknown_pieces=False)


def words(text, segmenter=BUNDLED):
    """Split text into words; spaces and punctuation are segments of their own."""
    return segmenter.words(text)


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
