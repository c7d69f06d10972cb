"""Site photos and documents: uploaded from the project, problem and meeting pages, shown on the photo wall."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from lib.uploads import THUMBNAIL_BOX
from projects.models import Attachment
from projects.services import attachment_create


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(*, taken: str | None = None, size=(1600, 1200), upright_turn: bool = False) -> bytes:
    exif = Image.Exif()
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    if upright_turn:
        exif[ExifTags.Base.Orientation] = 6  # the camera was held on its side: turn 90° to show upright
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(name="现场.jpg", content=None):
    return SimpleUploadedFile(name, content if content is not None else jpeg())


def test_a_photo_gets_a_thumbnail_and_the_date_it_was_taken(project, staff):
    attachment = attachment_create(project=project, upload=upload(content=jpeg(taken="2025:04:03 09:08:07")),
                                   user=staff, caption=" 主体厂房封顶 ")

    with attachment.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert thumbnail.width <= THUMBNAIL_BOX[0] and thumbnail.height <= THUMBNAIL_BOX[1]
    assert timezone.localtime(attachment.taken_at).replace(tzinfo=None) == datetime.datetime(2025, 4, 3, 9, 8, 7)
    assert attachment.caption == "主体厂房封顶"


def test_the_thumbnail_is_turned_upright(project, staff):
    attachment = attachment_create(project=project, upload=upload(content=jpeg(size=(1600, 1200), upright_turn=True)),
                                   user=staff)

    with attachment.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.height > thumbnail.width


def test_a_photo_without_exif_has_no_date_taken_and_shows_its_upload_date(project, staff):
    attachment = attachment_create(project=project, upload=upload(), user=staff)

    assert attachment.taken_at is None and attachment.shown_date == attachment.uploaded_at


def test_a_document_gets_no_thumbnail(project, staff):
    attachment = attachment_create(project=project, upload=SimpleUploadedFile("批复.pdf", b"%PDF-1.4 x"), user=staff)

    assert not attachment.thumbnail and attachment.mime_type == "application/pdf"


def test_staff_upload_a_site_photo_from_the_project_page(client_as, staff, project):
    page = client_as(staff).get(project.get_absolute_url()).content.decode()
    upload_url = reverse("projects:attachment_upload", args=[project.pk]) + "?kind=photo"
    assert upload_url in page

    form_page = client_as(staff).get(upload_url).content.decode()
    response = client_as(staff).post(upload_url, {"file": upload(), "caption": "基坑开挖"})

    assert 'accept="image/*"' in form_page and 'capture="environment"' in form_page
    assert response.status_code == 302 and response["Location"].endswith("#photos")
    assert Attachment.objects.get().caption == "基坑开挖"


def test_the_photo_form_refuses_a_document_and_stores_nothing(client_as, staff, project):
    response = client_as(staff).post(
        reverse("projects:attachment_upload", args=[project.pk]) + "?kind=photo",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")},
    )

    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Attachment.objects.exists()


def test_the_wall_shows_photos_newest_taken_first_with_captions(client_as, staff, official, project):
    older = attachment_create(project=project, upload=upload(content=jpeg(taken="2024:01:01 08:00:00")), user=staff,
                              caption="旧照片")
    newer = attachment_create(project=project, upload=upload(content=jpeg(taken="2025:06:01 08:00:00")), user=staff,
                              caption="新照片")
    attachment_create(project=project, upload=SimpleUploadedFile("批复.pdf", b"%PDF-1.4 x"), user=staff)

    response = client_as(official).get(project.get_absolute_url())
    content = response.content.decode()

    assert [p.pk for p in response.context["page"].photos] == [newer.pk, older.pk]
    assert content.index("新照片") < content.index("旧照片")
    assert reverse("projects:attachment_thumbnail", args=[newer.pk]) in content
    assert reverse("projects:attachment_download", args=[newer.pk]) in content
    assert "2025-06-01" in content
    assert [d.original_name for d in response.context["page"].documents] == ["批复.pdf"]


def test_officials_see_the_original_and_the_thumbnail_of_a_photo(client_as, staff, official, project):
    attachment = attachment_create(project=project, upload=upload(), user=staff)

    original = client_as(official).get(reverse("projects:attachment_download", args=[attachment.pk]))
    thumbnail = client_as(official).get(reverse("projects:attachment_thumbnail", args=[attachment.pk]))

    assert original["Content-Type"] == "image/jpeg" and original["Content-Disposition"].startswith("inline")
    assert thumbnail["Content-Type"] == "image/jpeg" and thumbnail["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in original["Content-Security-Policy"]


def test_a_document_has_no_thumbnail_url(client_as, staff, official, project):
    attachment = attachment_create(project=project, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), user=staff)

    assert client_as(official).get(reverse("projects:attachment_thumbnail", args=[attachment.pk])).status_code == 404


def test_officials_get_no_upload_buttons(client_as, official, project):
    content = client_as(official).get(project.get_absolute_url()).content.decode()

    assert reverse("projects:attachment_upload", args=[project.pk]) not in content


def test_problem_attachments_show_as_links_with_thumbnails(client_as, staff, official, problem):
    client_as(staff).post(reverse("projects:problem_attach", args=[problem.pk]),
                          {"file": upload("缺口.jpg"), "caption": "资金缺口说明"})
    attachment = Attachment.objects.get(problem=problem)

    content = client_as(official).get(problem.get_absolute_url()).content.decode()

    assert f'href="{reverse("projects:attachment_download", args=[attachment.pk])}"' in content
    assert reverse("projects:attachment_thumbnail", args=[attachment.pk]) in content
    assert "资金缺口说明" in content


def test_staff_attach_files_to_a_meeting_from_its_page(client_as, staff, official, meeting):
    upload_url = reverse("meetings:attachment_upload", args=[meeting.pk])
    assert upload_url in client_as(staff).get(meeting.get_absolute_url()).content.decode()

    response = client_as(staff).post(upload_url + "?kind=photo", {"file": upload("签到.jpg"), "caption": "现场座谈"})

    attachment = Attachment.objects.get()
    assert response.status_code == 302 and attachment.meeting == meeting and attachment.project is None
    content = client_as(official).get(meeting.get_absolute_url()).content.decode()
    assert "现场座谈" in content and upload_url not in content


def test_officials_cannot_upload_to_a_meeting(client_as, official, meeting):
    response = client_as(official).post(reverse("meetings:attachment_upload", args=[meeting.pk]), {"file": upload()})

    assert response.status_code == 403 and not Attachment.objects.exists()


def test_a_photo_reported_with_a_reached_milestone_reaches_the_wall(client_as, staff, official, project, milestone):
    client_as(staff).post(reverse("projects:milestone_reached", args=[milestone.pk]), {
        "actual_date": timezone.localdate().isoformat(), "photo": upload("封顶.jpg"),
    })

    photos = client_as(official).get(project.get_absolute_url()).context["page"].photos

    assert [p.milestone for p in photos] == [milestone.name]
