import datetime
import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import check_for_language, get_language_info

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "lo" / "LC_MESSAGES"


def render_date(value, language, fmt="DATE_FORMAT"):
    with translation.override(language):
        return Template(f'{{{{ value|date:"{fmt}" }}}}').render(Context({"value": value}))


def test_django_knows_lao():
    info = get_language_info("lo")
    assert (info["name"], info["name_local"], info["bidi"]) == ("Lao", "ລາວ", False)
    assert check_for_language("lo")
    assert dict(settings.LANGUAGES) == {"lo": "ລາວ", "en": "English"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("lo", "24 ສິງຫາ 2022"), ("en", "24 August 2022")],
)
def test_long_dates(language, expected):
    assert render_date(datetime.date(2022, 8, 24), language) == expected


def test_every_lao_month_and_weekday_name():
    months = [render_date(datetime.date(2022, month, 1), "lo", "F") for month in range(1, 13)]
    assert months == (
        [
            "ມັງກອນ",
            "ກຸມພາ",
            "ມີນາ",
            "ເມສາ",
            "ພຶດສະພາ",
            "ມິຖຸນາ",
            "ກໍລະກົດ",
            "ສິງຫາ",
            "ກັນຍາ",
            "ຕຸລາ",
            "ພະຈິກ",
            "ທັນວາ",
        ]
    )
    # 2022-08-22 was a Monday.
    weekdays = [render_date(datetime.date(2022, 8, day), "lo", "l") for day in range(22, 29)]
    assert weekdays == ["ວັນຈັນ", "ວັນອັງຄານ", "ວັນພຸດ", "ວັນພະຫັດ", "ວັນສຸກ", "ວັນເສົາ", "ວັນອາທິດ"]
    assert render_date(datetime.date(2022, 8, 24), "lo", "N") == "ສ.ຫ."
    assert render_date(datetime.date(2022, 8, 24), "lo", "E") == "ສິງຫາ"
    assert render_date(datetime.date(2022, 8, 24), "lo", "D") == "ພຸດ"
    assert render_date(datetime.date(2022, 8, 24), "lo", "SHORT_DATE_FORMAT") == "24/8/2022"


def test_catalogue_is_complete():
    with (CATALOGUE / "django.po").open("rb") as source:
        catalogue = read_po(source)
    messages = [message for message in catalogue if message.id]
    assert len(messages) > 100
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        assert not message.fuzzy, message.id


def test_compiled_catalogue_matches_its_source():
    """The committed .mo must be rebuilt whenever the .po changes."""
    with (CATALOGUE / "django.po").open("rb") as source:
        catalogue = read_po(source)
    with (CATALOGUE / "django.mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple):
            continue
        if message.context:
            assert compiled.pgettext(message.context, message.id) == message.string
        else:
            assert compiled.gettext(message.id) == message.string
