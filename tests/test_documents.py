import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Attachment
from tests.conftest import PDF_BYTES, pdf_upload, publish
from tests.pages import unmarked
from tests.test_admin import release_form


@pytest.mark.django_db
def test_size_is_recorded_and_names_are_our_own():
    document = Attachment.objects.create(
        article=publish(), language="lo", title="ຂໍ້ຕົກລົງ", file=pdf_upload("ຂໍ້ຕົກລົງ.pdf")
    )
    assert document.size == len(PDF_BYTES)
    assert document.file.name.startswith("documents/") and document.file.name.isascii()


def inline(**fields):
    form = {
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    form.update({f"attachments-0-{name}": value for name, value in fields.items()})
    return form


@pytest.fixture
def staff_client(client, db):
    client.force_login(User.objects.create_superuser("publisher", "p@example.org", "x"))
    return client


def test_admin_attaches_a_pdf_to_a_release(staff_client):
    form = release_form(**inline(language="en", title="Decision", file=pdf_upload()))
    response = staff_client.post("/admin/articles/article/add/", form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    (document,) = Attachment.objects.all()
    assert (document.language, document.title, document.size) == ("en", "Decision", len(PDF_BYTES))


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Upload a PDF document. This file is not one."),
        ("lo", "ກະລຸນາອັບໂຫຼດເອກະສານ PDF. ໄຟລ໌ນີ້ບໍ່ແມ່ນ PDF."),
    ],
)
def test_admin_refuses_a_file_that_is_not_a_pdf_in_the_editors_language(
    staff_client, language, message
):
    fake = SimpleUploadedFile(
        "decision.pdf", b"<html>phishing</html>", content_type="application/pdf"
    )
    form = release_form(**inline(language="lo", title="ຂໍ້ຕົກລົງ", file=fake))
    response = staff_client.post(
        "/admin/articles/article/add/", form, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert message in unmarked(response.text)
    assert not Attachment.objects.exists()


def test_admin_refuses_a_file_not_named_pdf(staff_client):
    upload = pdf_upload("decision.exe")
    form = release_form(**inline(language="lo", title="ຂໍ້ຕົກລົງ", file=upload))
    response = staff_client.post("/admin/articles/article/add/", form, HTTP_ACCEPT_LANGUAGE="lo")
    assert response.status_code == 200
    assert "ຊື່ໄຟລ໌ລົງທ້າຍດ້ວຍ “.exe” ແຕ່ໄຟລ໌ນີ້ແມ່ນ PDF." in unmarked(response.text)
