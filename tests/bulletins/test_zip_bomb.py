"""A .docx that expands to far more than it weighs is refused from its directory, before it is inflated."""

import io
import random
import resource
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.models import ImportJob
from bulletins.pipeline import BulletinReadError, read_document
from bulletins.pipeline.reading import MAX_BULLETIN_BYTES

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
PARAGRAPH = b"<w:p><w:r><w:t>" + "开发区重大项目调度".encode() * 20 + b"</w:t></w:r></w:p>"


def _blank_docx() -> zipfile.ZipFile:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return zipfile.ZipFile(buffer)


def bomb(expanded_mb: int) -> bytes:
    """A valid docx whose word/document.xml expands to `expanded_mb` MB, written in pieces to stay small here."""
    buffer = io.BytesIO()
    with _blank_docx() as blank, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry in blank.infolist():
            if entry.filename != "word/document.xml":
                archive.writestr(entry, blank.read(entry))
        with archive.open("word/document.xml", "w", force_zip64=True) as document:
            document.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                           b"<w:body>")
            chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
            for _ in range(expanded_mb):
                document.write(chunk)
            document.write(b"</w:body></w:document>")
    return buffer.getvalue()


def many_parts(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for index in range(count):
            archive.writestr(f"word/media/{index}.xml", "<x/>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb_200mb():
    data = bomb(200)
    assert len(data) < MAX_BULLETIN_BYTES  # small enough to pass the upload's own size check
    return data


def test_a_zip_bomb_is_refused_at_once_with_little_memory(bomb_200mb):
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(BulletinReadError) as refused:
            read_document(bomb_200mb, "bulletin.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert refused.value.code in ("docx_expands", "docx_ratio")
    assert "MB" in refused.value.message or "压缩" in refused.value.message
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    assert time.monotonic() - started < 2


def test_a_highly_compressed_part_under_the_size_limit_is_refused_by_its_ratio():
    with pytest.raises(BulletinReadError) as refused:
        read_document(bomb(20), "bulletin.docx")

    assert refused.value.code == "docx_ratio"


def test_an_archive_of_thousands_of_parts_is_refused():
    with pytest.raises(BulletinReadError) as refused:
        read_document(many_parts(1500), "bulletin.docx")

    assert refused.value.code == "docx_entries"


def test_a_document_whose_text_passes_2_mb_is_refused_like_a_text_file():
    import docx

    # Varied text, as a real bulletin compresses: only a crafted file shrinks a hundredfold.
    rng = random.Random(15)
    document = docx.Document()
    for _ in range(MAX_BULLETIN_BYTES // 3000 + 10):
        document.add_paragraph("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(1000)))
    buffer = io.BytesIO()
    document.save(buffer)

    with pytest.raises(BulletinReadError) as refused:
        read_document(buffer.getvalue(), "bulletin.docx")

    assert refused.value.code == "text_too_large"


@pytest.mark.django_db
def test_the_import_page_refuses_the_bomb_writes_nothing_and_stays_small(admin, client_as, bomb_200mb):
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB, the process's high-water mark

    response = client_as(admin).post(reverse("admin:bulletins_bulletin_import"), {
        "file": SimpleUploadedFile("bulletin.docx", bomb_200mb), "issued_on": "2026-11-20",
    })

    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert ImportJob.objects.count() == 0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mb < 50, f"the request raised the process's peak memory by {grown_mb:.0f} MB"
