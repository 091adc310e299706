"""CPU time of cutting Lao into words, before and after the word lists.

Rendering a Lao page spends most of its time in word segmentation (lao_html is
memoised for that reason), and the lists make each call do more: this says how
much more. Cuts every headline and line of the development corpus and of the seed
release (as bench/line_breaks.py lays them out) with ICU alone, the segmenter
before the lists, BUNDLED after them, and lao_html uncached with each, in one
process; --repeat rounds taking turns, the median round of each. Every figure is
per 1,000 Lao words as BUNDLED counts them, the same denominator for all.

    DJANGO_SETTINGS_MODULE=newsroom.settings.test .venv/bin/python bench/segment_cost.py
"""

import argparse
import re
import statistics
import time
from datetime import date

from icu4py.breakers import WordBreaker
from line_breaks import BeforeSegmenter, releases
from soak import machine

from articles.lao.segment import BUNDLED
from articles.lao.typography import lao_html

LAO_LETTER = re.compile("[\u0e81-\u0edf]")


def lao_words(segmenter, lines):
    return sum(1 for line in lines for word in segmenter.words(line) if LAO_LETTER.search(word))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds (default: %(default)s)")
    args = parser.parse_args()
    lines = [line for _, headline, body in releases() for line in [headline, *body]]
    before = BeforeSegmenter()
    render = lao_html.__wrapped__
    ways = {
        "ICU alone": lambda line: list(WordBreaker(line, "lo")),
        "before (ICU + 8 loanwords)": before.words,
        "after (BUNDLED)": BUNDLED.words,
        "lao_html uncached, before": lambda line: render(line, before),
        "lao_html uncached, after": lambda line: render(line, BUNDLED),
    }
    words = lao_words(BUNDLED, lines)
    rounds = {name: [] for name in ways}
    for _ in range(args.repeat + 1):  # the first round only warms up
        for name, way in ways.items():
            began = time.process_time()
            for line in lines:
                way(line)
            rounds[name].append(time.process_time() - began)

    print(f"date: {date.today().isoformat()}")
    print(f"machine: {machine()}")
    print(
        f"{len(lines):,} headlines and lines, {sum(map(len, lines)):,} characters, "
        f"{words:,} Lao words (BUNDLED); before cuts them into "
        f"{lao_words(before, lines):,} Lao words"
    )
    print(f"CPU time (process_time), median of {args.repeat} rounds after one warm-up:\n")
    print(f"{'':<28}{'ms per 1,000 words':>20}{'s per round':>13}")
    for name, seconds in rounds.items():
        median = statistics.median(seconds[1:])
        print(f"{name:<28}{median * 1000 / (words / 1000):>20.2f}{median:>13.3f}")


if __name__ == "__main__":
    main()
