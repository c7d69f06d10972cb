"""Check uploaded files by what they contain, never by their name, and store them under generated names.

Uploads come from phones in the field; a file called photo.jpg may be anything. We accept only a
few kinds (images, PDF, Word and Excel documents), recognise them from their bytes, and keep the
name the user gave only as a label.
"""

import datetime
import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
THUMBNAIL_BOX = (480, 480)

IMAGE_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
DOCX_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PDF_TYPE = ("application/pdf", "pdf")


@dataclass(frozen=True)
class CheckedUpload:
    mime_type: str
    extension: str
    size: int
    original_name: str


def safe_original_name(name: str) -> str:
    """The user's file name as a label; names that try to climb folders are refused."""
    name = (name or "").replace("\\", "/")
    if not name or "\x00" in name or ".." in PurePosixPath(name).parts or name.startswith("/"):
        raise ValidationError(_("This file name is not allowed."), code="bad_name")
    return PurePosixPath(name).name[:255]


def _sniff_zip(upload) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX_TYPE
    if "xl/workbook.xml" in names:
        return XLSX_TYPE
    return None


def _sniff_image(upload) -> tuple[str, str] | None:
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(image_format)


def check_upload(upload, *, images_only: bool = False) -> CheckedUpload:
    """Raise ValidationError unless `upload` is a small image or document, recognised by content."""
    original_name = safe_original_name(upload.name)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = _sniff_image(upload)
    if kind is None and not images_only:
        if head.startswith(b"%PDF-"):
            kind = PDF_TYPE
        elif head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            kind = _sniff_zip(upload)
    upload.seek(0)
    if kind is None:
        message = _("Upload a photo (JPEG, PNG, WebP).") if images_only else _(
            "Upload a photo (JPEG, PNG, WebP), a PDF, or a Word or Excel document."
        )
        raise ValidationError(message, code="bad_type")
    return CheckedUpload(mime_type=kind[0], extension=kind[1], size=upload.size, original_name=original_name)


def generated_name(extension: str) -> str:
    """A file name nobody chose: a random uuid with the extension we recognised.

    Only the name: the field's upload_to puts it under its dated folder (attachments/YYYY/MM/).
    """
    return f"{uuid.uuid4().hex}.{extension}"


@dataclass(frozen=True)
class Photo:
    thumbnail: bytes  # a JPEG that fits THUMBNAIL_BOX, turned upright
    taken_at: datetime.datetime | None


def _exif_taken_at(exif) -> datetime.datetime | None:
    """DateTimeOriginal (else DateTime) of the camera, read as local time; None when absent or garbled."""
    value = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if not isinstance(value, str):
        return None
    try:
        taken = datetime.datetime.strptime(value.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return timezone.make_aware(taken)


def read_photo(upload) -> Photo:
    """The thumbnail and the date taken of a photo check_upload already accepted."""
    upload.seek(0)
    with Image.open(upload) as image:
        taken_at = _exif_taken_at(image.getexif())
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail(THUMBNAIL_BOX)
        buffer = io.BytesIO()
        upright.convert("RGB").save(buffer, "JPEG", quality=80, optimize=True)
    upload.seek(0)
    return Photo(thumbnail=buffer.getvalue(), taken_at=taken_at)
