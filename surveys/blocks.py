"""The question types of a survey, as StreamField blocks.

Each block's stable ``id`` (a UUID Wagtail keeps across revisions) is the key
the answers are stored under, so editors may reorder or reword questions
without orphaning the responses already received.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
SCALE = "scale"
NUMBER = "number"
SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"

CHOICE_KINDS = (SINGLE, MULTIPLE)
# Kinds whose answers are counted per option (a scale's options are 1…5).
COUNTED_KINDS = (SINGLE, MULTIPLE, SCALE)
NUMERIC_KINDS = (SCALE, NUMBER)
TEXT_KINDS = (SHORT_TEXT, LONG_TEXT)
SCALE_VALUES = (1, 2, 3, 4, 5)


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Câu hỏi"), max_length=500)
    help_text = blocks.CharBlock(label=_("Hướng dẫn trả lời"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("Bắt buộc trả lời"), required=False, default=True)


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Phương án"), max_length=255), label=_("Các phương án"), min_num=2
    )


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Chọn một phương án")
        icon = "radio-full"


class MultipleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Chọn nhiều phương án")
        icon = "tasks"


class ScaleBlock(QuestionBlock):
    low_label = blocks.CharBlock(label=_("Nhãn mức 1"), required=False, default=_("Rất không hài lòng"))
    high_label = blocks.CharBlock(label=_("Nhãn mức 5"), required=False, default=_("Rất hài lòng"))

    class Meta:
        label = _("Thang điểm 1–5")
        icon = "pick"


class NumberBlock(QuestionBlock):
    min_value = blocks.IntegerBlock(label=_("Giá trị nhỏ nhất"), required=False)
    max_value = blocks.IntegerBlock(label=_("Giá trị lớn nhất"), required=False)

    class Meta:
        label = _("Số")
        icon = "order"


class ShortTextBlock(QuestionBlock):
    class Meta:
        label = _("Trả lời ngắn")
        icon = "pilcrow"


class LongTextBlock(QuestionBlock):
    class Meta:
        label = _("Trả lời dài")
        icon = "doc-full"


QUESTION_BLOCKS = [
    (SINGLE, SingleChoiceBlock()),
    (MULTIPLE, MultipleChoiceBlock()),
    (SCALE, ScaleBlock()),
    (NUMBER, NumberBlock()),
    (SHORT_TEXT, ShortTextBlock()),
    (LONG_TEXT, LongTextBlock()),
]
