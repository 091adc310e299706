"""Lao word segmentation with ICU's dictionary, shared by typography and search."""

from icu4py.breakers import WordBreaker


def words(text):
    """Split text into ICU word segments; spaces and punctuation are segments of their own."""
    if not text:
        return []
    return list(WordBreaker(text, "lo"))
