"""Uploads are stored once under their dated folder; files stored under the doubled folder are moved."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects.models import Attachment
from tests.staff.test_uploads import png_bytes

move_doubled_files = import_module("projects.migrations.0007_attachments_single_dated_folder").move_doubled_files


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_upload_is_stored_once_under_this_months_folder(client_as, staff, project, tmp_path):
    client_as(staff).post(reverse("projects:attachment_upload", args=[project.pk]),
                          {"file": SimpleUploadedFile("现场.png", png_bytes())})

    attachment = Attachment.objects.get()
    month = timezone.localdate().strftime("%Y/%m")
    assert re.fullmatch(rf"attachments/{month}/[0-9a-f]{{32}}\.png", attachment.file.name), attachment.file.name
    stored = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    # The photo and its thumbnail, each once, under the month's folder.
    assert stored == sorted([attachment.file.name, attachment.thumbnail.name])
    assert all(re.fullmatch(rf"attachments/{month}/[0-9a-f]{{32}}\.(png|jpg)", name) for name in stored), stored


def _stored(project, staff, name: str, content: bytes) -> Attachment:
    default_storage.save(name, ContentFile(content))
    return Attachment.objects.create(project=project, file=name, original_name="a.png", mime_type="image/png",
                                     size=len(content), uploaded_by=staff)


def test_the_migration_moves_files_out_of_the_doubled_folder(project, staff, tmp_path):
    doubled = _stored(project, staff, "attachments/2026/11/attachments/2026/11/aa.png", b"doubled")
    single = _stored(project, staff, "attachments/2026/10/bb.png", b"single")
    missing = Attachment.objects.create(project=project, file="attachments/2026/09/attachments/2026/09/cc.png",
                                        original_name="c.png", mime_type="image/png", size=1)

    move_doubled_files(apps, None)

    doubled.refresh_from_db(), single.refresh_from_db(), missing.refresh_from_db()
    assert doubled.file.name == "attachments/2026/11/aa.png"
    assert (tmp_path / "attachments/2026/11/aa.png").read_bytes() == b"doubled"
    assert not (tmp_path / "attachments/2026/11/attachments/2026/11/aa.png").exists()
    assert single.file.name == "attachments/2026/10/bb.png" and (tmp_path / single.file.name).exists()
    # A row whose file is gone is left as it was, for an operator to look at.
    assert missing.file.name == "attachments/2026/09/attachments/2026/09/cc.png"


def test_the_migration_keeps_both_files_when_the_single_path_is_taken(project, staff, tmp_path):
    taken = _stored(project, staff, "attachments/2026/11/aa.png", b"first")
    doubled = _stored(project, staff, "attachments/2026/11/attachments/2026/11/aa.png", b"second")

    move_doubled_files(apps, None)

    doubled.refresh_from_db(), taken.refresh_from_db()
    assert doubled.file.name != taken.file.name and doubled.file.name.startswith("attachments/2026/11/aa")
    assert doubled.file.read() == b"second" and taken.file.read() == b"first"
