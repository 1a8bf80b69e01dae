"""Video, audio and e-lectures of the library, each with a text alternative."""

import os
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage

from ..sections import MATERIAL_SECTION_KEYS, section_key

VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}
AUDIO_EXTENSIONS = {"mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "m4a": "audio/mp4"}
YOUTUBE_ID = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)"
    r"|youtu\.be/)([A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)
TEXT_ALTERNATIVE_HELP = _(
    "Bắt buộc: lời thoại đầy đủ hoặc mô tả nội dung, để người khiếm thị, khiếm thính đọc "
    "hoặc nghe bằng phần mềm đọc màn hình, và để tìm kiếm."
)


def extension(document):
    return os.path.splitext(document.file.name)[1].lower().lstrip(".") if document else ""


def youtube_id(url):
    """The video id of a YouTube address, or None."""
    match = YOUTUBE_ID.match((url or "").strip())
    return match.group(1) if match else None


def youtube_embed_url(video_id):
    """The privacy-enhanced (no-cookie) player's address for ``video_id``."""
    return f"https://www.youtube-nocookie.com/embed/{video_id}?rel=0"


class MediaSource(models.Model):
    """An uploaded file or a YouTube address, checked together."""

    youtube_url = models.URLField(
        _("địa chỉ YouTube"),
        blank=True,
        help_text=_(
            "Thay cho tệp tải lên. Video được nhúng ở chế độ bảo vệ quyền riêng tư "
            "(youtube-nocookie.com) và chỉ tải khi người xem bấm phát."
        ),
    )

    class Meta:
        abstract = True

    @property
    def youtube_id(self):
        return youtube_id(self.youtube_url)

    @property
    def youtube_embed(self):
        video_id = self.youtube_id
        return youtube_embed_url(video_id) if video_id else ""

    def media_type(self):
        """The MIME type of the uploaded file, for the player's <source>."""
        ext = extension(self.media_file)
        return VIDEO_EXTENSIONS.get(ext) or AUDIO_EXTENSIONS.get(ext, "")

    def is_audio(self):
        return extension(self.media_file) in AUDIO_EXTENSIONS

    def clean_source(self, kinds=None):
        errors = {}
        if self.youtube_url and not self.youtube_id:
            errors["youtube_url"] = _("Địa chỉ này không phải một video YouTube.")
        allowed = kinds or {**VIDEO_EXTENSIONS, **AUDIO_EXTENSIONS}
        if self.media_file and extension(self.media_file) not in allowed:
            errors["media_file"] = _("Tệp phải có định dạng %(formats)s.") % {
                "formats": ", ".join(f".{ext}" for ext in sorted(allowed))
            }
        captions = getattr(self, "captions", None)
        if captions and extension(captions) != "vtt":
            errors["captions"] = _("Phụ đề phải là tệp WebVTT (.vtt).")
        return errors


class LibraryItem(BasePage):
    """A page of the library under the "Tài liệu phổ biến, giáo dục pháp luật"
    sections: dated, in a language, with a text alternative (required)."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    text_alternative = models.TextField(_("lời thoại / mô tả nội dung"), help_text=TEXT_ALTERNATIVE_HELP)
    language = models.CharField(
        _("ngôn ngữ"),
        max_length=100,
        default="Tiếng Việt",
        help_text=_("Ví dụ: Tiếng Việt, song ngữ Việt – Khmer, tiếng Ê Đê."),
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("text_alternative"),
        index.SearchField("language"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    section_keys = MATERIAL_SECTION_KEYS

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Only under the sections that hold the library (not under news, say)."""
        return super().can_create_at(parent) and section_key(parent) in cls.section_keys

    @property
    def text_alternative_paragraphs(self):
        return [part.strip() for part in self.text_alternative.split("\n\n") if part.strip()]


class MediaPage(MediaSource, LibraryItem):
    """A video or an audio recording (a skit, a legal case study, a talk)."""

    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp video hoặc âm thanh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Video .mp4, .webm hoặc âm thanh .mp3, .wav, .ogg, .m4a."),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("phụ đề (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration = models.CharField(_("thời lượng"), max_length=20, blank=True, help_text=_("Ví dụ: 12:30"))

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("listing_summary"),
        MultiFieldPanel(
            [
                FieldPanel("media_file"),
                FieldPanel("youtube_url"),
                FieldPanel("captions"),
                FieldPanel("poster"),
                FieldPanel("duration"),
            ],
            heading=_("Tệp phát"),
        ),
        FieldPanel("text_alternative"),
        FieldPanel("language"),
    ]
    template = "library/media_page.html"

    class Meta:
        verbose_name = _("video, âm thanh")
        verbose_name_plural = _("video, âm thanh")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = self.clean_source()
        if not self.media_file and not self.youtube_url:
            errors["media_file"] = _("Chọn một tệp video hoặc âm thanh, hoặc nhập địa chỉ YouTube.")
        if errors:
            raise ValidationError(errors)


class LecturePage(LibraryItem):
    """An e-lecture (bài giảng điện tử): lessons followed in order."""

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("listing_summary"),
        FieldPanel("text_alternative"),
        FieldPanel("language"),
        InlinePanel("lessons", heading=_("Các bài học"), label=_("Bài học"), min_num=1),
    ]
    search_fields = LibraryItem.search_fields + [
        index.RelatedFields("lessons", [index.SearchField("title"), index.SearchField("transcript")]),
    ]
    template = "library/lecture_page.html"

    class Meta:
        verbose_name = _("bài giảng điện tử")
        verbose_name_plural = _("bài giảng điện tử")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = list(self.lessons.select_related("media_file", "slides"))
        return context


class Lesson(MediaSource, Orderable):
    """One lesson of an e-lecture: a video or recording (optional), slides, and its transcript."""

    lecture = ParentalKey(LecturePage, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("tên bài học"), max_length=255)
    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp video hoặc âm thanh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bài trình chiếu, tài liệu kèm theo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = models.TextField(_("lời giảng / nội dung bài"), help_text=TEXT_ALTERNATIVE_HELP)

    panels = [
        FieldPanel("title"),
        FieldPanel("media_file"),
        FieldPanel("youtube_url"),
        FieldPanel("slides"),
        FieldPanel("transcript"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = self.clean_source()
        if errors:
            raise ValidationError(errors)
