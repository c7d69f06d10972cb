import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lib.uploads import DOCX_TYPE, MAX_UPLOAD_BYTES, XLSX_TYPE, check_upload, safe_original_name
from projects.models import Attachment


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def office_bytes(inner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(inner, "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("photo.png", png_bytes(), "image/png"),
    ("report.pdf", b"%PDF-1.7\n...", "application/pdf"),
    ("plan.docx", office_bytes("word/document.xml"), DOCX_TYPE[0]),
    ("money.xlsx", office_bytes("xl/workbook.xml"), XLSX_TYPE[0]),
    ("misnamed.txt", png_bytes(), "image/png"),
])
def test_it_recognises_files_by_content(name, content, mime):
    assert check_upload(SimpleUploadedFile(name, content)).mime_type == mime


@pytest.mark.parametrize(("name", "content"), [
    ("photo.jpg", b"<script>alert(1)</script>"),
    ("page.pdf", b"<html>%PDF-</html>"),
    ("archive.docx", office_bytes("other.xml")),
])
def test_it_refuses_what_is_not_what_it_claims(name, content):
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name", ["../../etc/passwd.png", "..\\evil.png", "/etc/passwd", "a\x00.png", ""])
def test_it_refuses_names_that_climb_folders(name):
    with pytest.raises(ValidationError):
        safe_original_name(name)


def test_it_refuses_files_over_10_mb():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES))


def test_staff_upload_a_file_stored_under_a_generated_name(client_as, staff, project):
    response = client_as(staff).post(
        reverse("projects:attachment_upload", args=[project.pk]), {"file": SimpleUploadedFile("现场.png", png_bytes())}
    )

    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert attachment.original_name == "现场.png" and attachment.mime_type == "image/png"
    assert "现场" not in attachment.file.name and attachment.file.name.endswith(".png")


def test_a_script_named_as_a_photo_is_refused_and_nothing_saved(client_as, staff, project):
    response = client_as(staff).post(
        reverse("projects:attachment_upload", args=[project.pk]),
        {"file": SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>")},
    )

    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Attachment.objects.exists()


def test_files_are_served_as_downloads_with_nosniff(client_as, staff, official, project):
    client_as(staff).post(
        reverse("projects:attachment_upload", args=[project.pk]), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")}
    )
    attachment = Attachment.objects.get()

    response = client_as(official).get(reverse("projects:attachment_download", args=[attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"


def test_downloads_need_a_role(client_as, outsider, staff, project):
    client_as(staff).post(
        reverse("projects:attachment_upload", args=[project.pk]), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")}
    )
    url = reverse("projects:attachment_download", args=[Attachment.objects.get().pk])

    assert client_as(outsider).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302


def test_a_milestone_photo_must_be_an_image(client_as, staff, milestone, today):
    response = client_as(staff).post(
        reverse("projects:milestone_reached", args=[milestone.pk]),
        {"actual_date": today.isoformat(), "photo": SimpleUploadedFile("p.jpg", b"%PDF-1.4 not a photo")},
    )

    milestone.refresh_from_db()
    assert response.status_code == 200 and milestone.actual_date is None


def test_a_milestone_photo_is_attached(client_as, staff, milestone, today):
    client_as(staff).post(
        reverse("projects:milestone_reached", args=[milestone.pk]),
        {"actual_date": today.isoformat(), "photo": SimpleUploadedFile("p.png", png_bytes())},
    )

    assert Attachment.objects.get().milestone == milestone


def test_missing_attachments_are_404(client_as, staff):
    assert client_as(staff).get(reverse("projects:attachment_download", args=[999999])).status_code == 404
