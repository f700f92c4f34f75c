"""Blocks of a good-practice story: measured results and the photo gallery."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ResultBlock(blocks.StructBlock):
    """One measured result: 1200 litres of water saved per month."""

    value = blocks.DecimalBlock(label=_("Number"), decimal_places=2)
    unit = blocks.CharBlock(
        label=_("Unit"), max_length=40, help_text=_("For example litres, kWh, kg.")
    )
    what = blocks.CharBlock(
        label=_("What it measures"),
        max_length=200,
        help_text=_("For example “of water saved per month”."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/result_block.html"
        label = _("Result")
        description = _("A result with a number, so that other schools can compare.")
        preview_value = {
            "value": "1200",
            "unit": "litri",
            "what": "ūdens ietaupīts mēnesī",
        }


class GalleryPhotoBlock(blocks.StructBlock):
    """A photo whose description for screen readers cannot be left out."""

    image = ImageChooserBlock(label=_("Photo"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        max_length=250,
        help_text=_("Describe what the photo shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/gallery_photo_block.html"
        label = _("Photo")
        description = _("A photo of the practice with alt text and a caption.")
        preview_value = {
            "alt_text": "Skolēni pie lietus ūdens mucas",
            "caption": "Lietus ūdens muca pie siltumnīcas",
        }


class ResultsBlock(blocks.StreamBlock):
    result = ResultBlock()


class GalleryBlock(blocks.StreamBlock):
    photo = GalleryPhotoBlock()
