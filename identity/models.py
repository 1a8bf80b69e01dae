"""Each site's identity, edited by its unit's administrators in the admin.

A Wagtail site setting: emblem, banner, favicon, sharing image, an accent
colour that keeps text readable, and the footer that says who is responsible
for the site's content (decree 42/2022: the responsible agency and person,
address, phone, e-mail, licence line). Empty fields fall back to the unit's
own contact details and the project's bundled emblem.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .colours import HEX_RE, MINIMUM_CONTRAST, contrast, darker

DEFAULT_ACCENT = "#a3161a"
WHITE = "#ffffff"


def _image(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="image")
class SiteIdentity(BaseSiteSetting):
    """The look and the responsible-content footer of one site."""

    emblem = _image(_("biểu trưng"), _("Hiển thị ở đầu trang; để trống dùng biểu trưng chung của Cổng."))
    banner = _image(_("ảnh nền đầu trang"), _("Ảnh ngang, nên rộng ít nhất 1600 điểm ảnh."))
    favicon = _image(_("biểu tượng trang (favicon)"), _("Ảnh vuông, ít nhất 180 × 180 điểm ảnh."))
    share_image = _image(
        _("ảnh khi chia sẻ"),
        _("Ảnh hiện khi chia sẻ trang lên mạng xã hội, nếu bài viết không có ảnh đại diện (1200 × 630)."),
    )
    accent_colour = models.CharField(
        _("màu chủ đạo"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[RegexValidator(HEX_RE, _("Nhập mã màu dạng #RRGGBB, ví dụ #a3161a."))],
        help_text=_("Mã màu dạng #RRGGBB; chữ trắng trên màu này phải đủ tương phản (tối thiểu 4,5:1)."),
    )
    responsible_agency = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm nội dung"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên và chức vụ, ví dụ: Nguyễn Văn A – Giám đốc Sở Tư pháp."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    licence = models.CharField(
        _("dòng giấy phép, bản quyền"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: số giấy phép, hoặc «Ghi rõ nguồn khi phát hành lại thông tin từ trang này»."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("emblem"), FieldPanel("banner"), FieldPanel("favicon"), FieldPanel("share_image")],
            heading=_("Hình ảnh"),
        ),
        FieldPanel("accent_colour"),
        MultiFieldPanel(
            [
                FieldPanel("responsible_agency"),
                FieldPanel("responsible_person"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("licence"),
            ],
            heading=_("Chân trang"),
        ),
    ]

    class Meta:
        verbose_name = _("nhận diện trang thông tin")
        verbose_name_plural = _("nhận diện trang thông tin")

    def __str__(self):
        return str(_("Nhận diện của %(site)s") % {"site": self.site.site_name or self.site.hostname})

    def clean(self):
        super().clean()
        if not HEX_RE.match(self.accent_colour or ""):
            return  # the field's own validator explains the format
        ratio = contrast(self.accent_colour, WHITE)
        if ratio < MINIMUM_CONTRAST:
            raise ValidationError(
                {
                    "accent_colour": _(
                        "Chữ trắng trên màu %(colour)s chỉ có độ tương phản %(ratio)s:1, chưa đạt mức "
                        "tối thiểu 4,5:1 cho người khiếm thị; hãy chọn màu đậm hơn."
                    )
                    % {"colour": self.accent_colour, "ratio": f"{ratio:.1f}".replace(".", ",")}
                }
            )

    @property
    def accent_dark(self):
        return darker(self.accent_colour)
