import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

from articles.management.commands.build_lao_fonts import NAME_IDS, PACKAGES, trim

FONTS = settings.BASE_DIR / "static" / "fonts"
FILES = [name for names in PACKAGES.values() for name in names]
# Every Lao letter, vowel, tone mark and digit Unicode has assigned up to Unicode 15.
LAO = {*range(0x0E81, 0x0E83), 0x0E84, *range(0x0E86, 0x0E8B), *range(0x0E8C, 0x0EA4), 0x0EA5}
LAO |= {*range(0x0EA7, 0x0EBE), *range(0x0EC0, 0x0EC5), 0x0EC6, *range(0x0EC8, 0x0ECE)}
LAO |= {*range(0x0ED0, 0x0EDA), *range(0x0EDC, 0x0EE0)}


def scripts(font, table):
    return {record.ScriptTag for record in font[table].table.ScriptList.ScriptRecord}


@pytest.mark.parametrize("name", FILES)
def test_the_fonts_keep_every_lao_character_and_every_scripts_shaping(name):
    """Without the Latin and default records Chromium placed Lao tone marks differently."""
    font = TTFont(FONTS / name)
    assert set(font.getBestCmap()) >= LAO
    for table in ("GSUB", "GPOS"):
        assert scripts(font, table) == {"DFLT", "cyrl", "dev2", "grek", "lao ", "latn"}
    assert {record.nameID for record in font["name"].names} <= set(NAME_IDS)
    assert "STAT" not in font


@pytest.mark.parametrize("name", FILES)
def test_trimming_is_reproducible(tmp_path, name):
    """The committed files are the command's output: trimming them again changes no byte."""
    trim(FONTS / name, tmp_path / name)
    assert (tmp_path / name).read_bytes() == (FONTS / name).read_bytes()
