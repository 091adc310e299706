"""Read rendered pages the way a reader does: visible text, by language."""

import re
from html.parser import HTMLParser

VOID_ELEMENTS = {"meta", "link", "br", "wbr", "img", "input", "hr", "source"}
READ_ALOUD_ATTRIBUTES = ("alt", "aria-label", "title")
# <link title> names a feed for feed readers; no screen reader reads <head>.
UNREAD_ELEMENTS = {"link", "meta"}
BLOCK_ELEMENTS = {"title", "p", "h1", "h2", "h3", "li", "dt", "dd", "div", "figcaption", "nav"}


class _LanguageText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.fragments = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or (self.stack[-1][1] if self.stack else None)
        for name in READ_ALOUD_ATTRIBUTES:
            if attrs.get(name) and tag not in UNREAD_ELEMENTS:
                self.fragments.append((language, attrs[name]))
        if tag in BLOCK_ELEMENTS:
            self.fragments.append((language, "\n"))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, language))

    def handle_endtag(self, tag):
        if tag in BLOCK_ELEMENTS:
            self.fragments.append((None, "\n"))
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] not in {"script", "style"}:
            self.fragments.append((self.stack[-1][1], data))


_WORD_MARK = re.compile(r'<span (?:class="w"|lang="en")>((?:[^<]|<wbr>)*)</span>')


def unmarked(html):
    """The page without the marking of Lao text: runs of words, <wbr> between, English runs."""
    return _WORD_MARK.sub(lambda run: run.group(1).replace("<wbr>", ""), html)


def text_by_language(html):
    """Visible and read-aloud text of a page as (language, text) pairs."""
    parser = _LanguageText()
    parser.feed(html)
    return parser.fragments


def visible_text(html):
    """The page's text as a reader sees it: tags removed, blocks apart, spaces collapsed."""
    return re.sub(r"\s+", " ", "".join(text for _language, text in text_by_language(html)))


def latin_words_outside_english(html):
    return [
        text
        for language, text in text_by_language(html)
        if language != "en" and re.search("[A-Za-z]", text)
    ]
