"""Release search: one pipeline turns documents and queries into the same lexemes.

Lao is written without spaces between words, and ICU's dictionary does not cut
a release the way it cuts a query typed alone (``ການຄົ້ນ|ຄວ້າ`` in the seed
release, ``ຄົ້ນຄວ້າ`` in a query). So a document is indexed by each pair of
neighbouring Lao clusters, and a query is cut into words by ICU, each Lao word
becoming a phrase of its pairs: it is found wherever it is written, however
the text around it would be cut, even across a stray space. Latin words are
stemmed as English.

On PostgreSQL the lexemes are written as a tsvector literal into
``Article.search_vector``, read into a GIN-indexed tsvector, and queries are
tsquery literals, so its parser (which cannot split Lao) never sees Lao text.
On SQLite the same column holds the same lexemes as a stream of tokens in
their order, which triggers copy into an FTS5 index (migration 0009); queries
become FTS5 phrases of the same lexemes, so both databases find the same
releases without reading them all.
"""

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from . import fulltext
from .lao.segment import cluster_pairs, clusters, pairs, words
from .lao.text import search_key

# Fields and the tsvector weight of each: title A, summary B, the rest D.
FIELD_WEIGHTS = {"title": "A", "summary": "B", "body": "D", "source": "D", "image_caption": "D"}
# A release ranks by where each word of the query stands: 0.1 for standing in
# it at all, and 1 more in the title (weight A), 0.4 more in the summary (B),
# after the defaults of PostgreSQL's ts_rank. Both databases compute it from
# the same yes-or-no answers, so they rank alike; ties stay newest first.
RANK_OF_WEIGHT = {"A": 1.0, "B": 0.4}
RANK_OF_A_MATCH = 0.1
LONGEST_QUERY = 200
MOST_TERMS = 12
# Ranking reads each match's lexemes, so a word found in tens of thousands of
# releases would take seconds: only the newest candidates are ranked and
# shown, and the page says when older ones were left out.
RESULT_WINDOW = 200
# Candidates hold every lexeme but not always in a row (ລາວ's pairs are in most
# releases): up to this many are checked to fill the window.
CANDIDATE_LIMIT = 1000

_LATIN_WORD = re.compile(r"[a-z0-9]+")
_LAO_LETTER = re.compile("[\u0e81-\u0edf]")
# PostgreSQL's English stop words that carry no meaning in a news search.
ENGLISH_STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in"}
    | {"is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were"}
    | {"will", "with"}
)
_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def _stem(word):
    return _stemmer.stemWord(word)


def _latin_lexemes(segment):
    return [_stem(word) for word in _LATIN_WORD.findall(segment) if word not in ENGLISH_STOP_WORDS]


_LAO = re.compile("[\u0e80-\u0eff]+")


class _Positions:
    """Lexemes with positions and weights, written out as a tsvector literal or a stream.

    Body text carries PostgreSQL's default weight D, which the literal leaves
    unwritten: most positions are then bare numbers. PostgreSQL itself clamps
    positions past 16383 and keeps the first 256 positions of a lexeme.
    """

    def __init__(self):
        self.entries = defaultdict(list)
        self.runs = []
        self.position = 0

    def add(self, lexemes, weight):
        if not lexemes:
            return
        entries = self.entries
        start = self.position + 1
        if weight == "D":
            for position, lexeme in enumerate(lexemes, start):
                entries[lexeme].append(position)
        else:
            for position, lexeme in enumerate(lexemes, start):
                entries[lexeme].append(f"{position}{weight}")
        self.runs.append((weight, lexemes))
        # A gap, so no phrase runs from one stream or field into the next.
        self.position = start + len(lexemes)

    def literal(self):
        # Lexemes are Lao clusters and [a-z0-9] stems: none needs escaping.
        return " ".join(
            [f"'{lexeme}':{','.join(map(str, places))}" for lexeme, places in self.entries.items()]
        )

    def stream(self):
        """The lexemes of each run in order, each run led by a marker of its weight (``_a``).

        The marker is the gap between runs: no query lexeme can match it, so
        no phrase crosses it. Runs come by weight, title first, so that the
        ranking finds each weight's runs in one stretch; every lexeme has a
        space on either side, so a needle finds it at either end of a run.
        """
        runs = sorted(self.runs, key=lambda run: _WEIGHT_ORDER.index(run[0]))
        return "".join(f"{_marker(weight)}{' '.join(lexemes)} " for weight, lexemes in runs)


# The weights documents use, title first; a stream holds its runs in this order.
_WEIGHT_ORDER = sorted(set(FIELD_WEIGHTS.values()))


def _marker(weight):
    """Starts each run of a stream; lexemes are Lao letters and [a-z0-9], never "_"."""
    return f"_{weight.lower()} "


def _quote(lexeme):
    if "'" in lexeme or "\\" in lexeme:
        lexeme = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{lexeme}'"


def _positions(texts):
    positions = _Positions()
    for weight, text in texts:
        if text:
            key = search_key(text)
            positions.add(_latin_lexemes(_LAO.sub(" ", key)), weight)
            positions.add(cluster_pairs(key), weight)
    return positions


def document(texts):
    """The tsvector literal for (weight, text) pairs: stemmed Latin words, then Lao pairs."""
    return _positions(texts).literal()


def stream(texts):
    """The same lexemes as document(), in order, for SQLite's FTS5 index."""
    return _positions(texts).stream()


def article_document(article, vendor):
    """What search reads of a release, in the form the vendor's database indexes.

    Every translated text field, in every language.
    """
    texts = (
        (weight, getattr(article, f"{name}_{code}") or "")
        for name, weight in FIELD_WEIGHTS.items()
        for code, _language in settings.LANGUAGES
    )
    return document(texts) if vendor == "postgresql" else stream(texts)


@dataclass(frozen=True)
class Term:
    """One word of a query: its search-key text and the lexemes that must stand in a row.

    A Lao word of one cluster has no pair of its own: it matches as the first
    half of any pair (a prefix lexeme).
    """

    text: str
    lexemes: tuple
    prefix: bool = False

    def tsquery(self, weight=""):
        """The term as a tsquery; with a weight, only where it stands in fields of that weight."""
        if self.prefix:
            return f"{_quote(self.lexemes[0])}:*{weight}"
        restrict = f":{weight}" if weight else ""
        return "(" + " <-> ".join(f"{_quote(lexeme)}{restrict}" for lexeme in self.lexemes) + ")"

    def candidate_tsquery(self):
        """Every lexeme, in any order: the index answers this alone, without reading rows."""
        if self.prefix:
            return self.tsquery()
        return " & ".join(_quote(lexeme) for lexeme in self.lexemes)

    def fts(self):
        """The lexemes in a row as an FTS5 phrase, or the prefix: the twin of tsquery()."""
        if self.prefix:
            return f"{_fts_quote(self.lexemes[0])} *"
        return _fts_quote(" ".join(self.lexemes))

    def fts_candidate(self):
        """Every lexeme, in any order, for FTS5: the twin of candidate_tsquery()."""
        if self.prefix:
            return self.fts()
        return " AND ".join(_fts_quote(lexeme) for lexeme in self.lexemes)

    def needle(self):
        """What stands in a run of a stream where the term stands (see score)."""
        if self.prefix:
            return f" {self.lexemes[0]}"
        return f" {' '.join(self.lexemes)} "

    def pattern(self):
        """Where the term stands in a search key; a Lao word may cross stray spaces."""
        if _LAO_LETTER.search(self.text):
            return r"\s*".join(re.escape(letter) for letter in clusters(self.text))
        # Match the typed word's stem as a prefix: "sharing" marks "share" and "shared".
        stem = self.lexemes[0]
        shared = next(
            (n for n, (a, b) in enumerate(zip(self.text, stem, strict=False)) if a != b),
            min(len(self.text), len(stem)),
        )
        return rf"\b{re.escape(self.text[: max(shared, 1)])}\w*"


@dataclass(frozen=True)
class Query:
    """A parsed query: every term must match somewhere in the release."""

    terms: tuple

    def tsquery(self):
        return " & ".join(term.tsquery() for term in self.terms)

    def candidate_tsquery(self):
        return " & ".join(term.candidate_tsquery() for term in self.terms)

    def weighted_tsqueries(self):
        """Each term in fields of each weight, in the order weigh() reads their answers."""
        return [term.tsquery(weight) for term in self.terms for weight in RANK_OF_WEIGHT]

    def fts(self):
        return " AND ".join(term.fts() for term in self.terms)

    def fts_candidate(self):
        return " AND ".join(f"({term.fts_candidate()})" for term in self.terms)


def _fts_quote(text):
    return '"' + text.replace('"', '""') + '"'


def _query_terms(segment):
    if _LAO_LETTER.search(segment):
        word = segment.strip()
        word_pairs = tuple(pairs(word))
        return [Term(word, word_pairs) if word_pairs else Term(word, (word,), prefix=True)]
    return [
        Term(word, (_stem(word),))
        for word in _LATIN_WORD.findall(segment)
        if word not in ENGLISH_STOP_WORDS
    ]


def parse_query(text):
    """The Query for what a reader typed, or None when it holds nothing to search for."""
    key = search_key(text[:LONGEST_QUERY])
    terms = [term for segment in words(key) for term in _query_terms(segment)]
    unique = tuple(dict.fromkeys(terms))[:MOST_TERMS]
    return Query(unique) if unique else None


class TsQueryLiteral(SearchQuery):
    """A tsquery given as a literal: lexemes go to PostgreSQL untouched by its parser."""

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[-1])
        return f"{sql}::tsquery", params


def _newest(queryset):
    """Newest first, unpublished drafts (no date) before all, the same on every database."""
    return queryset.order_by(F("published_at").desc(nulls_first=True), "-pk")


@dataclass(frozen=True)
class Ranking:
    """The matching releases, best first, and whether older ones were left unranked."""

    pks: tuple
    older_matches: bool = False

    def releases(self, queryset):
        """queryset narrowed to the ranked releases, in their order."""
        if not self.pks:
            return queryset.none()
        order = Case(
            *(When(pk=pk, then=Value(index)) for index, pk in enumerate(self.pks)),
            output_field=IntegerField(),
        )
        return queryset.filter(pk__in=self.pks).order_by(order)

    def pages(self, queryset):
        """The ranked releases as a sequence a Paginator slices; each slice is one query.

        Cheaper than releases() for a page of results: ordering by a CASE of
        200 branches cost more to build than the search itself.
        """
        return RankedReleases(queryset, self.pks)


class RankedReleases(Sequence):
    """Releases of queryset in the order of pks, read only when sliced."""

    def __init__(self, queryset, pks):
        self.queryset, self.pks = queryset, pks

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        pks = self.pks[index]
        found = self.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]


def _fill_window(checked):
    """The Ranking from candidates checked newest first, as (pk, rank or None, more).

    rank is None where the words do not stand in a row; more says whether
    another candidate follows. Reading stops at the window's last match.
    """
    matches, older = [], False
    for pk, rank, more in checked:
        older = more
        if rank is not None:
            matches.append((pk, rank))
            if len(matches) == RESULT_WINDOW:
                break
    # A stable sort of newest-first matches: equal ranks stay newest first.
    best_first = sorted(matches, key=lambda match: -match[1])
    return Ranking(tuple(pk for pk, _rank in best_first), older)


# The candidates are kept apart (MATERIALIZED) so that PostgreSQL reads them in
# order, newest first, and stops at the window's last match: left to itself it
# would check the words in a row through the GIN index, whose estimate for a
# phrase is far too low, reading every release that holds the lexemes. Rows
# flow through without a sort, so the candidates themselves are only read as
# far as needed. Besides the matches comes the last candidate checked when it
# is not one, so that the caller knows where checking stopped; "more" says
# whether another candidate follows a row.
_CHECK_CANDIDATES = """
WITH candidates AS MATERIALIZED ({candidates}),
numbered AS (
    SELECT pk, search_vector,
           row_number() OVER () AS position, lead(pk) OVER () IS NOT NULL AS more
    FROM candidates
),
checked AS (
    SELECT pk, search_vector, position, more, search_vector @@ %s::tsquery AS matches
    FROM numbered
    WHERE position <= %s
)
SELECT pk, CASE WHEN matches THEN (
    SELECT ARRAY[{presence}]
    FROM (SELECT ts_filter(search_vector, '{{a,b}}') AS headline OFFSET 0) AS heading
) END, more
FROM checked
WHERE matches OR position = %s OR NOT more
LIMIT %s
"""


def _rank_postgresql(queryset, query):
    """The GIN index finds the candidates alone; only the newest are read, checked and ranked."""
    candidates = (
        _newest(queryset.filter(search_vector=TsQueryLiteral(Value(query.candidate_tsquery()))))
        .values_list("pk", "search_vector")[: CANDIDATE_LIMIT + 1]
        .query.sql_with_params()
    )
    weighted = query.weighted_tsqueries()
    # Asked of the title's and summary's lexemes alone, filtered once a match.
    presence = ", ".join(["headline @@ %s::tsquery"] * len(weighted))
    sql = _CHECK_CANDIDATES.format(candidates=candidates[0], presence=presence)
    # Matches come before the one row that says where checking stopped, so the
    # window's size bounds the rows.
    check = [query.tsquery(), CANDIDATE_LIMIT, *weighted, CANDIDATE_LIMIT, RESULT_WINDOW]
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*candidates[1], *check])
        return _fill_window(
            (pk, None if found is None else weigh(query, found), more)
            for pk, found, more in cursor.fetchall()
        )


def weigh(query, presence):
    """The rank of a release every term of query stands in, from whether each stands in
    fields of each weight: presence, term by term, in the order of RANK_OF_WEIGHT."""
    answers = iter(presence)
    return sum(
        RANK_OF_A_MATCH + sum(RANK_OF_WEIGHT[weight] for weight in RANK_OF_WEIGHT if next(answers))
        for _term in query.terms
    )


def _stretches(stream):
    """{weight: (start, end)} of the stretch of the stream that holds that weight's runs."""
    starts = {}
    for weight in _WEIGHT_ORDER:
        at = stream.find(_marker(weight))
        if at != -1:
            starts[weight] = at
    ends = [*list(starts.values())[1:], len(stream)]
    return {weight: (start, end) for (weight, start), end in zip(starts.items(), ends, strict=True)}


def _presence(query, stream):
    """Whether each term stands in each weight's stretch of a stream it stands in."""
    stretches = _stretches(stream)
    return [
        weight in stretches and stream.find(term.needle(), *stretches[weight]) != -1
        for term in query.terms
        for weight in RANK_OF_WEIGHT
    ]


def score(query, stream):
    """The rank of a stream, as weigh() ranks PostgreSQL's answers; 0 if a term stands nowhere."""
    stream = stream or ""
    if not all(term.needle() in stream for term in query.terms):
        return 0.0
    return weigh(query, _presence(query, stream))


_FTS_NEWEST = (
    f"SELECT rowid FROM {fulltext.TABLE} WHERE {fulltext.TABLE} MATCH %s "
    "AND rowid {bound} %s ORDER BY rowid DESC"
)


def _listed(ids):
    """ids as one JSON parameter SQLite reads as rows: Django spent more building a
    parameter for each of 1,000 ids than SQLite took to find them."""
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def _sqlite_candidates(cursor, queryset, query):
    """The first CANDIDATE_LIMIT + 1 releases of queryset holding every lexeme, newest first,
    as (index key, pk): FTS5 reads its matches in key order (fulltext.py) and stops early."""
    candidates, below = [], 2**63 - 1
    while len(candidates) <= CANDIDATE_LIMIT:
        cursor.execute(
            f"{_FTS_NEWEST.format(bound='<')} LIMIT %s",
            [query.fts_candidate(), below, CANDIDATE_LIMIT + 1],
        )
        found = [(key, fulltext.release_id(key)) for (key,) in cursor.fetchall()]
        ids = [pk for _key, pk in found]
        wanted = set(queryset.filter(pk__in=_listed(ids)).values_list("pk", flat=True))
        candidates += [(key, pk) for key, pk in found if pk in wanted]
        if len(found) <= CANDIDATE_LIMIT:
            break
        below = found[-1][0]
    return candidates[: CANDIDATE_LIMIT + 1]


def _rank_sqlite(queryset, query):
    """FTS5 finds the candidates newest first, then which of them hold the words in a row;
    only the window's matches are read, to be ranked.

    The second look is bounded by the last candidate's key, so FTS5 checks
    phrases in the newest candidates alone, as PostgreSQL does.
    """
    with connections[queryset.db].cursor() as cursor:
        candidates = _sqlite_candidates(cursor, queryset, query)
        checked = candidates[:CANDIDATE_LIMIT]
        in_a_row = set()
        if checked:
            cursor.execute(_FTS_NEWEST.format(bound=">="), [query.fts(), checked[-1][0]])
            in_a_row = {index_key for (index_key,) in cursor.fetchall()}
    window = [pk for key, pk in checked if key in in_a_row][:RESULT_WINDOW]
    streams = dict(
        queryset.model.objects.using(queryset.db)
        .filter(pk__in=_listed(window))
        .values_list("pk", "search_vector")
    )
    return _fill_window(
        (
            pk,
            weigh(query, _presence(query, streams[pk])) if key in in_a_row else None,
            position < len(candidates),
        )
        for position, (key, pk) in enumerate(checked, start=1)
    )


def rank(queryset, query):
    """The Ranking of releases in queryset that match every term of a parsed query.

    A release is a candidate when it holds every lexeme of the query. Newest
    first, candidates are checked for the words standing in a row until
    RESULT_WINDOW match or CANDIDATE_LIMIT were checked; those matches are
    ranked, and older_matches tells the reader when older candidates were left.
    None (nothing to search for) ranks nothing.
    """
    if query is None:
        return Ranking(())
    if connections[queryset.db].vendor == "postgresql":
        return _rank_postgresql(queryset, query)
    return _rank_sqlite(queryset, query)


def search(queryset, text):
    """Releases in queryset that match every term of text, best first; none for an empty query."""
    return rank(queryset, parse_query(text)).releases(queryset)


def matches(text, query):
    """(start, end) of every place in stored text where a query term stands, in order."""
    key = search_key(text)
    if len(key) != len(text):
        return []
    pattern = re.compile("|".join(f"(?:{term.pattern()})" for term in query.terms))
    return [match.span() for match in pattern.finditer(key) if match.end() > match.start()]


SNIPPET_LENGTH = 220
_SNIPPET_LEAD = 60


def _pieces(text, spans, start, end):
    """text[start:end] cut into (piece, is_match) pairs at the match spans."""
    pieces = []
    position = start
    for match_start, match_end in spans:
        match_start, match_end = max(match_start, position), min(match_end, end)
        if match_start >= match_end:
            continue
        pieces.append((text[position:match_start], False))
        pieces.append((text[match_start:match_end], True))
        position = match_end
    pieces.append((text[position:end], False))
    return [(piece, is_match) for piece, is_match in pieces if piece]


def highlight(text, query):
    """The whole text as (piece, is_match) pairs."""
    return _pieces(text, matches(text, query), 0, len(text))


def snippet(text, query):
    """A stretch of text around its first match, cut at spaces, as (piece, is_match) pairs."""
    spans = matches(text, query)
    first_start, first_end = spans[0] if spans else (0, 0)
    start = max(0, first_start - _SNIPPET_LEAD)
    if start:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space > first_end else end
    pieces = _pieces(text, spans, start, end)
    return ([("…", False)] if start else []) + pieces + ([("…", False)] if end < len(text) else [])
