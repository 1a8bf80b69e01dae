"""StreamField blocks shared by the portal's content pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ImageBlock(blocks.StructBlock):
    """An image with a mandatory text alternative for screen readers."""

    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (cho người khiếm thị)"),
        max_length=255,
        help_text=_("Mô tả ngắn nội dung ảnh; bắt buộc để trang dễ tiếp cận."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    """A link to a file in the unit's document library (PDF, DOCX…)."""

    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video (YouTube, the provincial TV…) with a title for accessibility."""

    video = EmbedBlock(label=_("Địa chỉ video"), help_text=_("Ví dụ: https://www.youtube.com/watch?v=…"))
    title = blocks.CharBlock(label=_("Tiêu đề video"), max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("Nội dung")
