"""A tiny embeddable view and a public form, to test the shared helpers through middleware."""

from django import forms
from django.http import HttpResponse
from django.urls import include, path

from core.forms_protection import ProtectedFormMixin
from core.framing import embeddable
from site_config import urls as site_urls


class QuestionForm(ProtectedFormMixin, forms.Form):
    rate_limit_scope = "test-question"
    question = forms.CharField()


def question_view(request):
    form = QuestionForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        return HttpResponse("Đã nhận câu hỏi.", status=201)
    return HttpResponse(
        str(form.non_field_errors()) + str(form["website_url"]), status=400 if form.errors else 200
    )


@embeddable
def widget_view(request):
    return HttpResponse("<p>Widget</p>")


urlpatterns = [
    path("test-question/", question_view),
    path("test-widget/", widget_view),
    path("", include(site_urls)),
]
