"""Teach Django the Lao language, which Django 5.2 does not ship.

Django raises ``KeyError: Unknown language code lo`` from ``get_language_info``
unless ``LANG_INFO`` knows the code, so settings call :func:`register_lao`
before anything asks about languages.
"""

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info

LAO_INFO = {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"}


def register_lao():
    LANG_INFO.setdefault("lo", LAO_INFO)


def field_label_in_language(verbose_name, language_code):
    """modeltranslation's label for one language's copy of a field: "title [Lao]".

    In the admin's language; its default, "title [lo]", shows a code where staff expect a word.
    """
    return f"{verbose_name} [{get_language_info(language_code)['name_translated']}]"
