"""Checks on files that people outside the network upload with a story.

Types are decided by the content, never by the file name: an image must open and
verify in Pillow, a document must look inside like what its extension says.
"""

import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
DOCUMENT_TYPES = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
# Members that only the real Office Open XML files have.
OOXML_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def max_image_bytes():
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def max_image_pixels():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)


def max_document_bytes():
    return getattr(settings, "STORIES_MAX_DOCUMENT_SIZE", 20 * 1024 * 1024)


def _check_size(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files up to %(limit)s are accepted.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="file_too_large",
        )


def validate_image(upload):
    """Refuse anything that is not a JPEG, PNG, GIF or WebP photo of sane size.

    Returns the file extension that matches the content.
    """
    _check_size(upload, max_image_bytes())
    not_an_image = ValidationError(
        _(
            "“%(name)s” is not a photo we can use. Upload a JPEG, PNG, GIF or "
            "WebP image."
        )
        % {"name": upload.name},
        code="not_an_image",
    )
    too_many_pixels = ValidationError(
        _(
            "“%(name)s” has too many pixels (more than %(limit)s million). "
            "Make the photo smaller and upload it again."
        )
        % {"name": upload.name, "limit": f"{max_image_pixels() / 1_000_000:g}"},
        code="too_many_pixels",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, above its own pixel limit (its guard
            # against decompression bombs); both are a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > max_image_pixels():
                    raise too_many_pixels
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many types on broken files
        raise not_an_image from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise not_an_image
    return IMAGE_FORMATS[image_format]


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like(extension, head, upload):
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in OOXML_MEMBERS or extension in ODF_MIMETYPES:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if extension in OOXML_MEMBERS:
                    return OOXML_MEMBERS[extension] in names
                return (
                    "mimetype" in names
                    and archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
                )
        except (zipfile.BadZipFile, KeyError, OSError):
            return False
    if extension in ("csv", "txt"):
        sample = upload.read(64 * 1024)
        if b"\x00" in sample:
            return False
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine.
            return error.start >= len(sample) - 3
        return True
    return False


def validate_document(upload):
    """Refuse documents of other types, or whose content does not match the name."""
    _check_size(upload, max_document_bytes())
    extension = _extension(upload.name)
    allowed = ", ".join(kind.upper() for kind in DOCUMENT_TYPES)
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a document type we accept. Accepted: %(types)s.")
            % {"name": upload.name, "types": allowed},
            code="document_type",
        )
    upload.seek(0)
    try:
        head = upload.read(8)
        upload.seek(0)
        matches = _looks_like(extension, head, upload)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "“%(name)s” is not really a %(type)s file. Save it again as "
                "%(type)s, or upload it in another accepted type: %(types)s."
            )
            % {"name": upload.name, "type": extension.upper(), "types": allowed},
            code="document_content",
        )
    return extension
