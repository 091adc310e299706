"""Teach Django the Lao language, which Django 5.2 does not ship.

Django raises ``KeyError: Unknown language code lo`` from ``get_language_info``
unless ``LANG_INFO`` knows the code, so settings call :func:`register_lao`
before anything asks about languages.
"""

from django.conf.locale import LANG_INFO

LAO_INFO = {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"}


def register_lao():
    LANG_INFO.setdefault("lo", LAO_INFO)
