import pytest
from django.utils import translation

from articles.models import Section, Topic

pytestmark = pytest.mark.django_db


def test_names_follow_the_page_language_and_addresses_stay_ascii():
    section = Section.objects.create(
        name_lo="ລັດຖະບານດີຈິຕອນ", name_en="Digital government", slug="digital-government"
    )
    topic = Topic.objects.create(name_lo="ສ ເກົາຫຼີ", name_en="Republic of Korea", slug="korea")
    for language, name in (("lo", "ລັດຖະບານດີຈິຕອນ"), ("en", "Digital government")):
        with translation.override(language):
            assert section.name == name
            assert section.get_absolute_url() == f"/{language}/sections/digital-government/"
            assert topic.get_absolute_url() == f"/{language}/topics/korea/"
    assert str(section) == "ລັດຖະບານດີຈິຕອນ" and str(topic) == "ສ ເກົາຫຼີ"


def test_sections_keep_their_editorial_order():
    Section.objects.create(name_lo="ກ", name_en="B", slug="b", position=2)
    Section.objects.create(name_lo="ຂ", name_en="A", slug="a", position=1)
    assert [section.slug for section in Section.objects.all()] == ["a", "b"]
