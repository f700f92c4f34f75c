"""Body content blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _(
            "A heading that structures the page for readers and screen readers."
        )
        preview_value = {"text": "Ūdens mūsu skolā", "level": "h2"}


class FigureBlock(blocks.StructBlock):
    # ImageBlock carries the alt text and the "decorative" switch; the editor
    # cannot save an informative image without alt text.
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        label = _("Image")
        description = _(
            "A photo or illustration with alt text and an optional caption."
        )
        preview_value = {"caption": "Skolēni pēta Daugavas ūdeni"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation from a pupil, teacher or partner.")
        preview_value = {
            "text": "Katrs piliens ir svarīgs.",
            "attribution": "Ekopadome",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document")
        description = _("A downloadable file such as minutes, a report or worksheets.")
        preview_value = {"title": "Ekopadomes sēdes protokols"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        description=_("Text with simple formatting and links."),
        preview_value="<p>Ekoskolas rīcības plāns ir skolas kopīgs darbs.</p>",
    )
    figure = FigureBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    embed = EmbedBlock(
        label=_("Video or other embed"),
        icon="media",
        template="blocks/embed_block.html",
        # No preview value: rendering one would fetch from the provider's server.
        description=_("A video or post from a link (YouTube, Vimeo...)."),
    )
