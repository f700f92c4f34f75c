"""Files for the sharing form: real images and documents, and fakes."""

import io
import random
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png(name="photo.png", size=(40, 30), noise=False):
    image = Image.new("RGB", size, (30, 120, 60))
    if noise:
        # Random pixels do not compress: the file is as large as the picture.
        pixels = random.Random(7).randbytes(size[0] * size[1] * 3)
        image = Image.frombytes("RGB", size, pixels)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg(name="photo.jpg", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 200, 220)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fake_jpeg(name="photo.jpg"):
    """Text with an image's name and content type."""
    return SimpleUploadedFile(
        name, b"<html>not a photo</html>" * 20, content_type="image/jpeg"
    )


def pdf(name="darba-lapa.pdf"):
    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="instrukcija.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def exe(name="programma.exe"):
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200)


def text_named_pdf(name="atskaite.pdf"):
    return SimpleUploadedFile(
        name, b"Just some text.\n", content_type="application/pdf"
    )
