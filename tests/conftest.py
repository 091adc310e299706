from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

SEED_PK = 1
SEED_URL_LO = "/lo/news/2022/08/1-meeting-concludes-digital-government-policy-research/"
SEED_URL_EN = "/en/news/2022/08/1-meeting-concludes-digital-government-policy-research/"


@pytest.fixture
def seed_article(db):
    """The first real release, loaded from fixtures/ as `make run` loads it."""
    call_command("load_initial_data", stdout=StringIO())
    return Article.objects.get(pk=SEED_PK)
