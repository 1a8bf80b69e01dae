"""Public views of a policy dialogue: the draft with its approved comments and
replies, the comment form (open dialogues only; comments wait for moderation),
and the summary after closing."""

from django import forms
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms_protection import ProtectedFormMixin

from .models import CommentStatus, DialogueComment
from .models.dialogues import COMMENT_MAX_LENGTH


class CommentForm(ProtectedFormMixin, forms.Form):
    rate_limit_scope = "dialogue-comment"

    part = forms.TypedChoiceField(
        label=gettext_lazy("Góp ý cho phần"),
        coerce=int,
        error_messages={
            "required": gettext_lazy("Vui lòng chọn phần của dự thảo bạn góp ý."),
            "invalid_choice": gettext_lazy("Phần đã chọn không có trong dự thảo."),
        },
    )
    name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        max_length=255,
        error_messages={"required": gettext_lazy("Vui lòng nhập họ và tên.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        error_messages={
            "required": gettext_lazy("Vui lòng nhập thư điện tử."),
            "invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn."),
        },
        help_text=gettext_lazy("Không được công khai."),
    )
    text = forms.CharField(
        label=gettext_lazy("Ý kiến"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": gettext_lazy("Vui lòng nhập ý kiến."),
            "max_length": gettext_lazy("Ý kiến dài quá 3.000 ký tự (hiện có %(show_value)d ký tự)."),
        },
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", _("– Chọn phần –"))] + [(part.pk, part.heading) for part in parts]


def dialogue_view(page, request):
    parts = list(page.parts.all())
    form = None
    status = 200
    if request.method == "POST":
        if not page.is_open():
            status = 403
            form = CommentForm(request.POST, parts=parts)
            form.is_valid()
            form.add_error(
                None,
                _("Đối thoại đã đóng, không nhận thêm ý kiến.")
                if page.is_closed()
                else _("Đối thoại chưa mở, chưa nhận ý kiến."),
            )
        else:
            form = CommentForm(request.POST, parts=parts, request=request)
            if form.is_valid():
                data = form.cleaned_data
                part = next(p for p in parts if p.pk == data["part"])
                DialogueComment.objects.create(
                    unit_id=page.unit_info["id"],
                    dialogue=page,
                    part=part,
                    name=data["name"],
                    email=data["email"],
                    text=data["text"],
                )
                request.session["questions:comment-sent"] = page.pk
                return redirect(page.get_url(request) + "?da-gui=1#gop-y")
            status = 400
    elif page.is_open():
        form = CommentForm(parts=parts)
    approved = list(
        DialogueComment.objects.filter(dialogue=page, status=CommentStatus.APPROVED).order_by(
            "created_at", "pk"
        )
    )
    for part in parts:
        part.approved_comments = [c for c in approved if c.part_id == part.pk]
    response = page.render(
        request,
        context_overrides={
            "parts": parts,
            "form": form,
            "sent": request.GET.get("da-gui") == "1"
            and request.session.get("questions:comment-sent") == page.pk,
            "summary_url": page.get_url(request) + page.reverse_subpage("summary"),
        },
    )
    response.status_code = status
    return response


def dialogue_summary(page):
    """Figures of a dialogue: approved comments and replies per part, participants."""
    comments = DialogueComment.objects.filter(dialogue=page)
    per_part = {
        row["part"]: row
        for row in comments.values("part").annotate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status=CommentStatus.APPROVED)),
            replied=Count("pk", filter=Q(status=CommentStatus.APPROVED) & ~Q(reply="")),
        )
    }
    parts = [
        {
            "heading": part.heading,
            "total": per_part.get(part.pk, {}).get("total", 0),
            "approved": per_part.get(part.pk, {}).get("approved", 0),
            "replied": per_part.get(part.pk, {}).get("replied", 0),
        }
        for part in page.parts.all()
    ]
    return {
        "parts": parts,
        "comments": comments.count(),
        "approved": comments.filter(status=CommentStatus.APPROVED).count(),
        "replies": comments.filter(status=CommentStatus.APPROVED).exclude(reply="").count(),
        "participants": comments.values("email").distinct().count(),
    }


def summary_view(page, request):
    return page.render(
        request,
        template="questions/dialogue_summary.html",
        context_overrides={"summary": dialogue_summary(page), "closed": page.is_closed()},
    )
