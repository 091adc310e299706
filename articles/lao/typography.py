"""HTML for Lao text that browsers wrap only between words.

Chromium's own line breaking splits Lao dictionary words (``ລັດຖະ|ບານ``), so
each run of Lao words is wrapped in a ``<span class="w">`` that CSS keeps on
one line, with ``<wbr>`` (which Chromium honours inside ``nowrap``) at every
ICU word boundary: lines break between words and nowhere else.
Latin runs inside Lao text are marked ``lang="en"`` for screen readers.
"""

import re
from functools import lru_cache
from html import unescape

from django.utils.html import escape

from .segment import BUNDLED

# A word longer than this is left to the browser, which may break it; kept
# whole it could overflow a phone's line.
LONGEST_UNBROKEN_WORD = 24

_LAO_LETTER = re.compile("[\u0e81-\u0edf]")
_LATIN_RUN = re.compile(r"[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*)*", re.ASCII)
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def paragraphs(text):
    """Split stored text into paragraphs at line breaks, dropping empty lines."""
    return [part for part in _PARAGRAPH_BREAK.split(text.strip("\n")) if part.strip()]


def _lao_words_html(text, segmenter):
    """Each run of touching Lao words becomes one unbreakable span with <wbr> between words."""
    html = []
    run = []

    def close_run():
        if run:
            html.append(f'<span class="w">{"<wbr>".join(run)}</span>')
            run.clear()

    for word in segmenter.words(text):
        if _LAO_LETTER.search(word) and len(word) <= LONGEST_UNBROKEN_WORD:
            run.append(escape(word))
        else:
            close_run()
            html.append(escape(word))
    close_run()
    return "".join(html)


# Pages show the same titles, names and paragraphs again and again, and word
# segmentation is the costliest step of rendering a Lao page. A paragraph and
# its HTML take about 10 KB, so the memo holds at most about 10 MB per worker.
# A segmenter that knows new words is a new key: nothing stale is served.
@lru_cache(maxsize=1024)
def lao_html(text, segmenter=BUNDLED):
    """Escape Lao text, keeping each word whole on a line and marking English runs."""
    html = []
    position = 0
    for run in _LATIN_RUN.finditer(text):
        html.append(_lao_words_html(text[position : run.start()], segmenter))
        html.append(f'<span lang="en">{escape(run.group())}</span>')
        position = run.end()
    html.append(_lao_words_html(text[position:], segmenter))
    return "".join(html)


# Elements whose text is not HTML (scripts, styles, a textarea's value) or cannot
# hold markup (a page title, a select's options), comments, and tags: passed on as
# they are. What lies between them is text.
_UNMARKABLE = re.compile(
    r"<(script|style|textarea|title|select|option)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)


def mark_lao_words_in_page(page, segmenter=BUNDLED):
    """A whole HTML page with every text that holds Lao kept whole word by word.

    For pages whose text comes from many places (the admin's own templates, its
    catalogues, staff's data) rather than from one field a template can mark.
    """
    marked = []
    position = 0
    for match in _UNMARKABLE.finditer(page):
        marked.append(_mark_text(page[position : match.start()], segmenter))
        marked.append(match.group())
        position = match.end()
    marked.append(_mark_text(page[position:], segmenter))
    return "".join(marked)


def _mark_text(text, segmenter):
    if not _LAO_LETTER.search(text):
        return text
    return lao_html(unescape(text), segmenter)
