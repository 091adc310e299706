"""Lines that start inside a word on the Lao release page, before and after the word lists.

Lays out every release of the development corpus (shared/corpus/, 78 news articles
translated into Lao) and the seed release as the release page does (site.css, the
self-hosted Lao fonts, the page's container, one <p> a stored line) in Chromium at
phone to desktop widths, finds where each line of the headline and of each paragraph
starts, and counts the lines that start inside a word. Three ways of cutting the text
into words feed the same markup (typography.lao_html):

- before: ICU's word breaks, with eight loanwords joined again (until the lists came);
- after: segment.BUNDLED, ICU corrected by the published lists and the ministry's;
- after + names: BUNDLED also knowing the names of judge (b) that it lacks, as when
  staff add a release's names under "Lao words" in the admin.

No segmenter can judge itself, so two judges say where the words are; a line start is
inside a word when it falls strictly inside a word the judge found:

(a) LaoNLP 1.3.0 (word_tokenize: maximal matching over its dictionaries) on each run
    of Lao letters, zero-width characters left out. Only its tokens of two clusters
    or more that its dictionary knows (in our lookup form) count, not the leftovers
    it could not match. Not independent of "after": LaoNLP's dictionary includes
    Google's spellcheck list, one of our published lists. It also joins compounds
    and phrases where a line may fairly break (ການ|ພັດທະນາ, ຫຼັງ|ຈາກ): an upper bound.
(b) Hand-checked words: articles/lao/words/ministry.txt and bench/line_breaks_names.txt
    (names and loanwords of the corpus, each read against the English), found wherever
    their lookup form occurs in the text's, not inside a syllable.

    DJANGO_SETTINGS_MODULE=newsroom.settings.test .venv/bin/python bench/line_breaks.py
    .venv/bin/python bench/line_breaks.py --limit 5 --widths 320,360

Prints, per variant, the lines and the line starts inside a word by judge and width,
then examples of each judge's words broken after the change.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import django
from playwright.sync_api import sync_playwright
from soak import machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
django.setup()

from icu4py.breakers import WordBreaker  # noqa: E402
from laonlp.corpus import lao_words  # noqa: E402
from laonlp.tokenize import word_tokenize  # noqa: E402

from articles.lao.segment import (  # noqa: E402
    BUNDLED,
    MINISTRY_LIST,
    WORD_LISTS,
    _lookup_form_with_origins,
    clusters,
    lookup_form,
    read_word_list,
)
from articles.lao.typography import lao_html, paragraphs  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "ksp-closing-meeting.lo.txt"
NAMES = Path(__file__).with_name("line_breaks_names.txt")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (320, 360, 412, 768, 1280)
EXAMPLES = 15
# The page's own origin, answered by page.route: nothing leaves the machine.
ORIGIN = "http://release.test"
# The face of Lao body text, which every release page draws.
BODY_FACE = "Noto Sans Lao Looped 400"

# The words joined again before the word lists (articles/lao/segment.py until then).
OLD_JOINED_WORDS = frozenset(
    {"ດີຈິຕອນ", "ດິຈິຕອນ", "ເຕັກໂນໂລຊີ", "ອິນເຕີເນັດ", "ອີເລັກໂຕຣນິກ", "ຊອບແວ", "ອອນລາຍ", "ເວັບໄຊ"}
)
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Half the corpus puts a zero-width space between syllables, as some Lao typing
# tools do; ICU cuts the text at each, so such releases are also counted apart.
ZWSP = "\u200b"
KINDS = {True: "with ZWSP", False: "without"}
LAO_RUN = re.compile("[\u0e80-\u0eff]+")

PAGE = """<!doctype html>
<html lang="lo">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<main id="main" class="wrap">
<article class="release">
  <header class="release__header">
    <h1 class="release__title">{headline}</h1>
  </header>
  <div class="release__body">
    {body}
  </div>
</article>
</main>
</body>
</html>"""

# For the headline and each paragraph: its text, and the offset (in code points, as
# Python counts) of the first visible grapheme of each line after the first. A line
# starts where a grapheme sits lower than the line before by more than half a line.
LINE_STARTS = """() => {
  const graphemes = new Intl.Segmenter("lo", {granularity: "grapheme"});
  const range = document.createRange();
  return Array.from(document.querySelectorAll(".release__title, .release__body p"), (element) => {
    const half = parseFloat(getComputedStyle(element).lineHeight) / 2;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const starts = [];
    let offset = 0;
    let top = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const {segment, index} of graphemes.segment(node.data)) {
        range.setStart(node, index);
        range.setEnd(node, index + segment.length);
        const rect = Array.from(range.getClientRects()).find((r) => r.width > 0);
        if (rect && segment.trim()) {
          if (top === null) {
            top = rect.top;
          } else if (rect.top > top + half) {
            starts.push(offset);
            top = rect.top;
          }
        }
        offset += Array.from(segment).length;
      }
    }
    return [element.textContent, starts];
  });
}"""


class BeforeSegmenter:
    """The segmenter before the word lists: ICU's words, eight loanwords joined again."""

    def __init__(self):
        pieces = [list(WordBreaker(word, "lo")) for word in OLD_JOINED_WORDS]
        # Only at the first ICU piece of one of the words can a join start.
        self.starts = frozenset(word_pieces[0] for word_pieces in pieces)
        self.longest = max(map(len, pieces))

    def words(self, text):
        pieces = list(WordBreaker(text, "lo")) if text else []
        words = []
        start = 0
        while start < len(pieces):
            end = start + 1
            if pieces[start] in self.starts:
                stops = range(min(len(pieces), start + self.longest), start + 1, -1)
                joined = (stop for stop in stops if "".join(pieces[start:stop]) in OLD_JOINED_WORDS)
                end = next(joined, end)
            words.append("".join(pieces[start:end]))
            start = end
        return words


def releases(limit=None):
    """(name, headline, paragraphs) of the seed release, then of each corpus release."""
    fixture = json.loads((ROOT / "fixtures" / "ksp-closing-meeting.json").read_text("utf-8"))
    title = next(obj["fields"]["title_lo"] for obj in fixture if obj["model"] == "articles.article")
    found = [("seed", title, paragraphs(SEED.read_text("utf-8")))]
    for path in sorted((SHARED / "corpus").glob("*.lo.txt")):
        headline, _, body = path.read_text("utf-8").partition("\n")
        found.append((path.name.removesuffix(".lo.txt"), headline, paragraphs(body)))
    return found[:limit]


class Judges:
    """Where each judge finds words in a text: {offset strictly inside a word: word span}."""

    def __init__(self):
        self.laonlp_known = frozenset(map(lookup_form, lao_words()))
        self.ministry = read_word_list(WORD_LISTS / MINISTRY_LIST)
        self.names = read_word_list(NAMES)
        listed = set(map(lookup_form, [*self.ministry, *self.names]))
        # Each offset where a listed word starts, the longest first, and not where the
        # text goes on with a vowel or tone mark of the same syllable (or began one).
        words = "|".join(map(re.escape, sorted(listed, key=len, reverse=True)))
        self.listed = re.compile(
            f"(?<![\u0ec0-\u0ec4])(?=({words})(?![\u0eb0-\u0ebd\u0ec6\u0ec8-\u0ecd]))"
        )
        self.cache = {}

    def __call__(self, text):
        if text not in self.cache:
            self.cache[text] = (
                _insides(self.laonlp_spans(text)),
                _insides(self.listed_spans(text)),
            )
        return self.cache[text]

    def laonlp_spans(self, text):
        visible = [offset for offset, char in enumerate(text) if char not in INVISIBLE]
        shown = "".join(text[offset] for offset in visible)
        spans = []
        for run in LAO_RUN.finditer(shown):
            position = run.start()
            for token in word_tokenize(run.group()):
                end = position + len(token)
                if len(clusters(token)) >= 2 and lookup_form(token) in self.laonlp_known:
                    spans.append((visible[position], visible[end - 1] + 1))
                position = end
        return spans

    def listed_spans(self, text):
        form, origins = _lookup_form_with_origins(text)
        return [
            (origins[match.start(1)], origins[match.end(1)]) for match in self.listed.finditer(form)
        ]


def _insides(spans):
    insides = {}
    for start, end in spans:
        for offset in range(start + 1, end):
            insides.setdefault(offset, (start, end))
    return insides


def page_html(headline, body, segmenter):
    return PAGE.format(
        headline=lao_html(headline, segmenter),
        body="\n    ".join(f"<p>{lao_html(paragraph, segmenter)}</p>" for paragraph in body),
    )


def serve(pages):
    """A page.route handler: the page's HTML from `pages`, /static/ from the repository."""

    def handle(route):
        path = route.request.url.removeprefix(ORIGIN)
        if path.startswith("/static/"):
            route.fulfill(path=ROOT / path.lstrip("/"))
        elif path in pages:
            route.fulfill(body=pages[path], content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=404, body="")

    return handle


def measure(page, pages, path, html, widths):
    """{width: [(text, line starts), ...]} of one page laid out at each width."""
    pages[path] = html
    page.goto(ORIGIN + path, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => undefined)")
    faces = page.evaluate(
        "Object.fromEntries(Array.from(document.fonts,"
        " (f) => [`${f.family.replaceAll('\"', '')} ${f.weight}`, f.status]))"
    )
    if faces.get(BODY_FACE) != "loaded" or "error" in faces.values():
        raise SystemExit(f"{path}: the Lao fonts did not load: {faces}")
    lines = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        lines[width] = page.evaluate(LINE_STARTS)
    return lines


def marked(text, start, end, offset):
    """The word with | where the line broke, e.g. ລັດຖະ|ບານ; invisible characters left out."""
    word = f"{text[start:offset]}|{text[offset:end]}"
    return "".join(char for char in word if char not in INVISIBLE)


def count(variants, texts, judges):
    """Lines and line starts inside a word by variant, then by width and by kind of
    release (zero-width spaces between syllables or not); examples broken after."""
    totals = {name: defaultdict(Counter) for name in variants}
    examples = {"a": defaultdict(list), "b": defaultdict(list)}
    for (name, release), by_width in texts.items():
        spaced = any(ZWSP in text for elements in by_width.values() for text, _ in elements)
        for width, elements in by_width.items():
            tally = Counter()
            for text, starts in elements:
                by_laonlp, by_list = judges(text)
                tally["lines"] += 1 + len(starts)
                for offset in starts:
                    found = {"a": by_laonlp.get(offset), "b": by_list.get(offset)}
                    for judge, span in found.items():
                        if span:
                            tally[judge] += 1
                            if name == "after":
                                word = marked(text, *span, offset)
                                examples[judge][word].append((release, width))
                    tally["a or b"] += any(found.values())
            totals[name][width].update(tally)
            totals[name]["all"].update(tally)
            totals[name][KINDS[spaced]].update(tally)
    return totals, examples


def report(variants, totals, examples, widths):
    for name, description in variants.items():
        print(f"\n{name}: {description}")
        print(f"  {'width':>12} {'lines':>7} {'(a) LaoNLP':>12} {'(b) list':>12} {'a or b':>12}")
        for key in [*widths, "all", *KINDS.values()]:
            if totals[name][key]["lines"]:
                print(f"  {key:>12} {row(totals[name][key])}")
    for judge, title in (("a", "(a) LaoNLP"), ("b", "(b) hand-checked list")):
        found = examples[judge]
        print(f"\nafter: words of {title} broken across lines ({len(found)} different):")
        by_count = sorted(found.items(), key=lambda item: -len(item[1]))
        for word, where in by_count[:EXAMPLES]:
            release, width = where[0]
            times = f", {len(where)} times in all" if len(where) > 1 else ""
            print(f"  {word:<24} {release} at {width} px{times}")


def row(tally):
    lines = tally["lines"]
    cells = (f"{tally[judge]:>6,} {tally[judge] / lines:>5.1%}" for judge in ("a", "b", "a or b"))
    return f"{lines:>7,} " + " ".join(cells)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N releases (the seed first)")
    parser.add_argument(
        "--widths",
        type=lambda value: [int(width) for width in value.split(",")],
        default=list(WIDTHS),
        help="viewport widths in CSS px, comma-separated (default: %(default)s)",
    )
    args = parser.parse_args()
    began = time.monotonic()
    names = [name for name in read_word_list(NAMES) if lookup_form(name) not in BUNDLED.known]
    segmenters = {
        "before": (BeforeSegmenter(), "ICU's word breaks, 8 loanwords joined"),
        "after": (BUNDLED, "BUNDLED (ICU corrected by the published and ministry lists)"),
        "after + names": (
            BUNDLED.with_words(names),
            f"BUNDLED knowing the {len(names)} names of list (b) it lacks",
        ),
    }
    chosen = releases(args.limit)
    texts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        page = browser.new_page()
        pages = {}
        page.route(f"{ORIGIN}/**", serve(pages))
        for release, headline, body in chosen:
            for name, (segmenter, _) in segmenters.items():
                html = page_html(headline, body, segmenter)
                path = f"/{release}/{name.replace(' ', '')}/"
                texts[name, release] = measure(page, pages, path, html, args.widths)
        browser.close()
    variants = {name: description for name, (_, description) in segmenters.items()}
    judges = Judges()
    totals, examples = count(variants, texts, judges)

    paragraph_count = sum(1 + len(body) for _, _, body in chosen)
    spaced = sum(any(ZWSP in text for text in [headline, *body]) for _, headline, body in chosen)
    print(f"date: {date.today().isoformat()}")
    print(f"machine: {machine()}")
    print(f"chromium: {version} ({CHROMIUM}), Lao fonts from static/fonts/")
    print(
        f"{len(chosen)} releases ({', '.join(release for release, _, _ in chosen[:3])}, ...), "
        f"{paragraph_count:,} headlines and paragraphs, widths {args.widths} px"
    )
    print(
        f"judges: (a) LaoNLP's tokens of 2+ clusters among its {len(judges.laonlp_known):,} "
        f"dictionary words; (b) {len(judges.ministry)} words of {MINISTRY_LIST} and "
        f"{len(judges.names)} of {NAMES.name}"
    )
    print(f"{spaced} of the releases have zero-width spaces (U+200B), {len(chosen) - spaced} none")
    print("line starts inside a word (and their share of all lines):")
    report(variants, totals, examples, args.widths)
    print(f"\ntook {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    main()
