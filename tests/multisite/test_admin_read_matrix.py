"""No staff role of one unit can read another unit's data through any admin URL.

The URL list comes from the URL resolver, so a new admin view is walked without
editing this module: its object kwargs are filled from the view's model (or the
kwarg's name) with unit B's objects, and a pattern that cannot be filled fails
the test until it is added to ``NOT_FILLED`` with a reason. Every role of unit A
(and the admin of a district, whose branch does not hold B) then GETs every
URL, with chooser and report query strings, and no response may show any of
B's secrets (titles, people, editors' names).
"""

import datetime
import html
import re
import time
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    Page,
    Site,
    Task,
    UploadedFile,
    Workflow,
)

from contests import services as contest_services
from contests.models import ContestPage, ContestQuestion, ContestRound
from feeds.models import FeedSource
from identity.models import SiteIdentity
from legal_docs.models import DocumentListing, DocumentListingRule
from multisite.models import Unit, UnitLink, UnitOwned
from portal_sync.models import OutboundDelivery, SyncedCopy
from questions.models import DialogueComment, DialoguePage, DialoguePart, Question
from reporters.models import ImportJob, ImportStatus
from statistics_reports.models import (
    Indicator,
    IndicatorValue,
    ReportAttachment,
    ReportForm,
    ReportingPeriod,
    UnitReport,
)
from statistics_reports.services import open_period
from surveys import services as survey_services
from surveys.demo import demo_questions, survey_section
from surveys.models import SurveyPage
from tests.factories import (
    UnitFactory,
    article,
    legal_document,
    person,
    reporter_activity,
    section,
    staff_user,
)
from tests.library.helpers import publication as library_publication
from tests.media import document_in, image_in

# Every secret of unit B carries one of these (compared case-insensitively): a
# made-up word, since "bí mật" (secret) is ordinary admin text (two-factor set-up, legal fields).
MARKERS = ("kín7b", "kin7b")
# What listings are searched for: in every searchable text of B, but not a marker
# (a search box shows the query back).
SEARCH = "đơn vị B"

# URL names (or routes of unnamed patterns) the walk does not fill, and why.
# Anything else with a kwarg the walk cannot fill fails the test.
NOT_REQUESTED = {
    "wagtailadmin_logout": "signs the user out",
    "wagtailadmin_error_test": "raises on purpose",
}

NOT_FILLED = {
    # Sync's actions take POST only (a GET answers 405); their isolation is tested
    # in tests/portal_sync/test_push.py. Their lists are walked like every list.
    "portal_sync_resolve": "POST only",
    "portal_sync_retry": "POST only",
    # Password reset links carry a token for an e-mail address, not an object.
    "wagtailadmin_password_reset_confirm": "token link, no object",
    # Task types and tag vocabularies are global, not owned by a unit.
    "wagtailadmin_workflows:add_task": "takes a task type (global), no object",
    "wagtailadmin_tag_model_autocomplete": "tags are a global vocabulary",
    # Locales and promoted search queries are global (system administrators only).
    "wagtaillocales:edit": "global object",
    "wagtaillocales:delete": "global object",
    "wagtaillocales:history": "global object",
    "wagtaillocales:history_results": "global object",
    "wagtaillocales:usage": "global object",
    "wagtaillocales:copy": "global object",
    "wagtailsearchpromotions:edit": "global object",
    "wagtailsearchpromotions:delete": "global object",
    # wagtail-localize's translation editor needs a second content locale with a
    # translation in progress; the portal publishes in Vietnamese only.
    "wagtail_localize:update_translations": "no translations exist",
    "wagtail_localize:edit_string_translation": "no translations exist",
    "wagtail_localize:edit_override": "no translations exist",
    "wagtail_localize:download_pofile": "no translations exist",
    "wagtail_localize:upload_pofile": "no translations exist",
    "wagtail_localize:machine_translate": "no translations exist",
    "wagtail_localize:preview_translation": "no translations exist",
    "wagtail_localize:stop_translation": "no translations exist",
    # Shared vocabularies (document types, issuing bodies, legal fields) are
    # global snippets: one list for the whole province, not owned by a unit.
    **{
        f"wagtailsnippets_{label}:{view}": "global snippet"
        for label in (
            "legal_docs_documenttype",
            "legal_docs_issuingbody",
            "core_legalfield",
            "questions_routingrule",
            "search_dictionaryentry",
        )
        for view in ("edit", "delete", "usage", "history", "history_results", "copy")
    },
    **{
        f"wagtailsnippetchoosers_{label}:chosen": "global snippet"
        for label in (
            "legal_docs_documenttype",
            "legal_docs_issuingbody",
            "core_legalfield",
            "questions_routingrule",
            "search_dictionaryentry",
        )
    },
    # Wagtail's catch-all 404 for unknown admin URLs.
    "admin/^.*/$": "catch-all, no view",
}

# Views whose model is not what their ``pk`` names (the workflow usage view lists pages).
PK_MODELS = {
    "wagtailadmin_api:pages": Page,
    "wagtailadmin_workflows:usage": Workflow,
    "wagtailadmin_workflows:enable": Workflow,
    "wagtailadmin_workflows:disable": Workflow,
    "wagtailadmin_workflows:edit_task": Task,
    "wagtailadmin_workflows:enable_task": Task,
    "wagtailadmin_workflows:disable_task": Task,
    "accounts_unlock": AccessAttempt,
}


def _route(prefix, pattern):
    return prefix + str(pattern.pattern)


def _kwargs_of(pattern):
    if isinstance(pattern.pattern, RoutePattern):
        return set(pattern.pattern.converters)
    return set(pattern.pattern.regex.groupindex)


def admin_patterns():
    """(url name or route, route, kwarg names, view model) of every pattern under /admin/."""

    def walk(resolver, prefix, namespace, kwargs):  # noqa: C901
        for item in resolver.url_patterns:
            names = kwargs | _kwargs_of(item)
            if isinstance(item, URLResolver):
                ns = namespace
                if item.namespace:
                    ns = f"{namespace}:{item.namespace}" if namespace else item.namespace
                yield from walk(item, _route(prefix, item), ns, names)
            elif isinstance(item, URLPattern):
                route = _route(prefix, item)
                if not route.startswith("admin/"):
                    continue
                name = f"{namespace}:{item.name}" if namespace and item.name else item.name
                yield name or route, route, names, _view_model(item.callback)

    return list(walk(get_resolver(), "", None, set()))


def _view_model(callback):
    initkwargs = getattr(callback, "view_initkwargs", None) or getattr(callback, "initkwargs", None) or {}
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if isinstance(model, str):
        from django.apps import apps

        model = apps.get_model(model)
    return model if isinstance(model, type) else None


def build_world():
    """Units A, B, district D with commune D1, the five roles and B's objects."""
    province = Unit.objects.filter(kind="province").first() or UnitFactory(
        code="tinh-ma-tran", name="Tỉnh Ma Trận", kind="province"
    )
    unit_a = UnitFactory(code="xa-mt-a", name="Xã Ma Trận A", parent=province)
    unit_b = UnitFactory(code="xa-mt-b", name="Xã Ma Trận B", parent=province)
    district = UnitFactory(code="huyen-mt", name="Huyện Ma Trận", kind="district", parent=province)
    UnitFactory(code="xa-mt-d1", name="Xã Ma Trận D1", kind="commune", parent=district)

    roles = {
        "unit admin": staff_user(unit_a, "admin", "mt-a.quantri"),
        "moderator": staff_user(unit_a, "moderator", "mt-a.kiemduyet"),
        "editor": staff_user(unit_a, "editor", "mt-a.bientap"),
        "reporting officer": staff_user(unit_a, "reporter", "mt-a.baocao"),
        "district admin": staff_user(district, "admin", "mt-d.quantri"),
    }
    editor_b = staff_user(unit_b, "editor", "kin7b.bientap")
    moderator_b = staff_user(unit_b, "moderator", "kin7b.kiemduyet")
    for user, last in ((editor_b, "Kín7B Biên Tập"), (moderator_b, "Kín7B Kiểm Duyệt")):
        user.first_name, user.last_name = "Trần", last
        user.save()

    live = article(unit_b, title="KÍN7B đơn vị B – tin đã đăng")
    draft = article(unit_b, title="KÍN7B đơn vị B – bản nháp", publish=False)
    moderated = article(unit_b, title="KÍN7B đơn vị B – đang chờ duyệt", publish=False)
    for page in (live, draft, moderated):
        revision = page.save_revision(user=editor_b, log_action=True)
        log(instance=page, action="wagtail.edit", user=editor_b, revision=revision)
    workflow_state = moderated.get_workflow().start(moderated, editor_b)
    locked = article(unit_b, title="KÍN7B đơn vị B – bị khóa", publish=False)
    Page.objects.filter(pk=locked.pk).update(locked=True, locked_by=moderator_b, locked_at=timezone.now())
    old = article(unit_b, title="KÍN7B đơn vị B – tin cũ", date=datetime.date(2020, 1, 1))
    Page.objects.filter(pk=old.pk).update(last_published_at=timezone.now() - datetime.timedelta(days=900))

    image = image_in(unit_b.collection, title="KÍN7B ảnh của đơn vị B")
    document = document_in(unit_b.collection, title="KÍN7B tài liệu của đơn vị B")
    people = [
        person(unit_b, full_name="Kín7B Người Một", agency="UBND đơn vị B"),
        person(
            unit_b,
            full_name="Kín7B Người Thu Hồi",
            status="withdrawn",
            status_date=datetime.date(2026, 1, 5),
            status_reason="Chuyển công tác",
            agency="UBND đơn vị B",
        ),
    ]
    activity = reporter_activity(people[0], topic="KÍN7B hoạt động của đơn vị B")
    question = Question.objects.create(
        unit=unit_b,
        asked_at=unit_b,
        asker_name="Kín7B Người Hỏi",
        email="kin7b@example.vn",
        text="KÍN7B câu hỏi của người dân gửi đơn vị B",
        consent_to_publish=False,
    )
    log(instance=question, action="questions.receive", data={"unit": unit_b.name})
    dialogue = DialoguePage(
        title="Đối thoại chính sách của đơn vị",
        topic="<p>Dự thảo quy định</p>",
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 12, 31),
        parts=[DialoguePart(heading="Điều 1", text="<p>Phạm vi điều chỉnh</p>")],
    )
    section(unit_b, "qa").add_child(instance=dialogue)
    DialogueComment.objects.create(
        unit=unit_b,
        dialogue=dialogue,
        part=dialogue.parts.first(),
        name="Kín7B Người Góp Ý",
        email="kin7b@example.vn",
        text="KÍN7B ý kiến về dự thảo của đơn vị B",
    )
    survey = survey_section(unit_b).add_child(
        instance=SurveyPage(
            title="KÍN7B khảo sát của đơn vị B",
            questions=demo_questions(),
            opens_on=datetime.date(2026, 1, 1),
            closes_on=datetime.date(2026, 12, 31),
        )
    )
    survey_services.submit(
        survey,
        unit_b,
        survey.question_list(),
        {demo_questions()[4]["id"]: "KÍN7B ý kiến khảo sát của người dân đơn vị B"},
        contact={"name": "Kín7B Người Trả Lời"},
    )
    link = UnitLink.objects.create(
        unit=unit_b, title="KÍN7B liên kết của đơn vị B", url="https://kin7b.example.vn"
    )
    shared_law = legal_document(province, "31/2024/QH15", "Luật Đất đai (kho dùng chung)", level="central")
    DocumentListing.objects.create(
        unit=unit_b, document=shared_law, note="KÍN7B ghi chú niêm yết của đơn vị B"
    )
    FeedSource.objects.create(
        unit=unit_b, title="KÍN7B nguồn tin của đơn vị B", url="https://kin7b.example.vn/rss"
    )
    DocumentListingRule.objects.create(
        unit=unit_b, title="KÍN7B quy tắc niêm yết của đơn vị B", level="central"
    )
    SyncedCopy.objects.create(
        unit=unit_b,
        origin="https://pbgdpl.example.vn",
        resource="legal-documents",
        remote_id="7",
        title="KÍN7B bản đồng bộ của đơn vị B",
        status=SyncedCopy.Status.CONFLICT,
    )
    OutboundDelivery.objects.create(
        unit=unit_b, title="KÍN7B lượt gửi Cổng quốc gia của đơn vị B", resource="legal-documents", payload={}
    )
    ImportJob.objects.create(
        unit=unit_b,
        user=editor_b,
        filename="kin7b-danh-sach.xlsx",
        status=ImportStatus.DONE,
        result={"created": 1, "existing": 0, "errors": [[3, ["Kín7B Người Lỗi: thiếu loại."]]]},
    )
    uploads = [
        UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(type(media)),
            uploaded_by_user=editor_b,
            file=ContentFile(b"kin7b", name="kin7b.txt"),
        )
        for media in (image, document)
    ]
    session = EditingSession.objects.create(
        user=editor_b,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(draft.pk),
        last_seen_at=timezone.now(),
    )
    redirect = Redirect.objects.create(old_path="/kin7b-cu", site=unit_b.site, redirect_page=live)
    contest_round = contest_of(unit_b)
    lock = AccessAttempt.objects.create(
        username=editor_b.username, ip_address="203.0.113.9", user_agent="x", failures_since_start=9
    )

    # A library item (issue 15): its page type's edit, preview and history views too.
    publication = library_publication(
        unit_b,
        title="KÍN7B đơn vị B – sổ tay pháp luật",
        text_alternative="KÍN7B mô tả sổ tay của đơn vị B",
        pdf=document_in(unit_b.collection, title="KÍN7B sổ tay PDF của đơn vị B"),
    )
    report_form = ReportForm.objects.create(title="Biểu ma trận", code="bieu-ma-tran", unit_kinds=["commune"])
    remark = Indicator.objects.create(form=report_form, code="1", name="Kiến nghị", kind="text")
    period = ReportingPeriod.objects.create(
        form=report_form,
        kind="six_monthly",
        title="Kỳ ma trận",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 15),
    )
    open_period(period)
    report_b = UnitReport.objects.get(period=period, unit=unit_b)
    report_b.review_comment = "KÍN7B ý kiến trả lại báo cáo của đơn vị B"
    report_b.save()
    IndicatorValue.objects.create(report=report_b, indicator=remark, text="KÍN7B kiến nghị của đơn vị B")
    report_attachment = ReportAttachment.objects.create(
        report=report_b,
        title="KÍN7B tệp báo cáo của đơn vị B",
        file=ContentFile(b"kin7b", name="kin7b-bc.txt"),
    )
    SiteIdentity.objects.update_or_create(
        site=unit_b.site, defaults={"responsible_person": "Kín7B Người Chịu Trách Nhiệm", "phone": "0200 777"}
    )

    pages = [live, draft, moderated, locked, unit_b.root_page, section(unit_b)]
    b_users = [editor_b, moderator_b]
    return SimpleNamespace(
        unit_a=unit_a,
        unit_b=unit_b,
        roles=roles,
        pages=pages,
        library_pages=[publication],
        live=live,
        moderated=moderated,
        survey=survey,
        image=image,
        people=people,
        workflow_state=workflow_state,
        task_state=workflow_state.current_task_state,
        objects={
            Page: pages[:3] + [publication],
            type(image): [image],
            type(document): [document],
            type(people[0]): people,
            type(activity): [activity],
            UnitLink: [link],
            get_user_model(): b_users,
            Group: [g.group for g in unit_b.groups.select_related("group")],
            Workflow: [unit_b.workflow],
            Task: [task.specific for task in unit_b.workflow.tasks.all()],
            Collection: [unit_b.collection],
            Unit: [unit_b],
            Site: [unit_b.site],
            UploadedFile: uploads,
            EditingSession: [session],
            Redirect: [redirect],
            AccessAttempt: [lock],
            ContestRound: [contest_round],
            ReportForm: [report_form],
            ReportingPeriod: [period],
            ReportAttachment: [report_attachment],
        },
    )


def contest_of(unit):
    """A contest of ``unit`` with a round, a question and a contestant's attempt, all secret."""
    now = timezone.now()
    page = ContestPage(
        title="Cuộc thi của đơn vị",
        rounds=[
            ContestRound(
                title="KÍN7B đợt thi của đơn vị B",
                opens_at=now - datetime.timedelta(days=1),
                closes_at=now + datetime.timedelta(days=1),
                questions_per_attempt=1,
            )
        ],
    )
    section(unit, "contests").add_child(instance=page)
    page.save_revision().publish()
    contest_round = ContestRound.objects.get(page=page)
    ContestQuestion.objects.create(
        unit=unit,
        round=contest_round,
        text="KÍN7B câu hỏi thi của đơn vị B",
        option_a="a",
        option_b="b",
        option_c="c",
        option_d="d",
        correct="A",
    )
    attempt = contest_services.start(
        contest_round,
        {"full_name": "Kín7B Người Dự Thi", "birth_date": datetime.date(1990, 1, 1), "phone": "0912000777"},
    )
    contest_services.submit(attempt, {}, 1)
    return contest_round


def objects_for(world, model):
    """B's objects of ``model`` (page types and unit-owned models included)."""
    if model is None:
        return []
    for known, objects in world.objects.items():
        if issubclass(model, known):
            return [obj for obj in objects if isinstance(obj, model)]
    if issubclass(model, UnitOwned):
        return list(model._default_manager.filter(unit=world.unit_b))
    return []


def _model_by_label(app_label, model_name):
    from django.apps import apps

    return apps.get_model(app_label, model_name)


def fill(world, name, kwargs, model):
    """Every kwargs dict worth trying for one pattern ([] when it cannot be filled)."""
    w = world
    page_ids = [p.pk for p in w.pages[:3] + w.library_pages]
    task_ids = [t.pk for t in w.objects[Task]]
    simple = {
        "page_id": page_ids,
        "parent_page_id": [w.unit_b.root_page.pk, section(w.unit_b).pk] + page_ids[1:],
        "page_to_move_id": page_ids,
        "page_pk": page_ids,
        "destination_id": [section(w.unit_b).pk],
        "image_id": [o.pk for o in objects_for(w, _model_by_label("wagtailimages", "image"))],
        "document_id": [o.pk for o in objects_for(w, _model_by_label("wagtaildocs", "document"))],
        "doc_id": [o.pk for o in objects_for(w, _model_by_label("wagtaildocs", "document"))],
        "collection_id": [w.unit_b.collection_id],
        "uploaded_file_id": [o.pk for o in w.objects[UploadedFile]],
        "workflow_pk": [w.unit_b.workflow_id],
        "redirect_id": [o.pk for o in w.objects[Redirect]],
        "session_id": [o.pk for o in w.objects[EditingSession]],
        "task_id": task_ids,
        "filter_spec": ["original"],
        "survey_id": [w.survey.pk],
        "report_id": [o.pk for o in objects_for(w, UnitReport)],
    }
    if kwargs & {"revision_id", "revision_id_a", "task_state_id", "workflow_state_id"}:
        page = w.moderated
        revision = page.latest_revision
        values = {
            "page_id": page.pk,
            "pk": page.pk,
            "revision_id": revision.pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "task_state_id": w.task_state.pk,
            "workflow_state_id": w.workflow_state.pk,
        }
        if "action_name" in kwargs:
            rows = [{**values, "action_name": action} for action in ("approve", "reject")]
            return [{k: row[k] for k in kwargs} for row in rows]
        if kwargs <= set(values):
            return [{k: values[k] for k in kwargs}]
        return []
    if {"app_label", "model_name", "action"} <= kwargs:
        bulk_action_registry._scan_for_bulk_actions()
        combos = []
        for app_label, models in bulk_action_registry.actions.items():
            for model_name, actions in models.items():
                ids = [o.pk for o in objects_for(w, _model_by_label(app_label, model_name))]
                if ids:
                    for action in actions:
                        combos.append(
                            ({"app_label": app_label, "model_name": model_name, "action": action}, ids)
                        )
        return combos
    if kwargs == {"app_label", "model_name", "object_id", "session_id"}:
        session = w.objects[EditingSession][0]
        return [
            {
                "app_label": "wagtailcore",
                "model_name": "page",
                "object_id": session.object_id,
                "session_id": session.pk,
            }
        ]
    if name.startswith("wagtailsettings:") and kwargs <= {"app_name", "model_name", "pk"}:
        row = {"app_name": "identity", "model_name": "siteidentity", "pk": w.unit_b.site_id}
        return [{k: row[k] for k in kwargs}]
    if kwargs & {"app_label", "model_name", "content_type_app_name", "content_type_model_name"}:
        if name.startswith("wagtailadmin_pages:") or name == "wagtailadmin_pages:choose_parent":
            page_kwargs = sorted(kwargs & {"content_type_app_name", "app_label"}) + sorted(
                kwargs & {"content_type_model_name", "model_name"}
            )
            rest = kwargs - set(page_kwargs)
            rows = []
            for page in w.pages[:3] + w.library_pages + [w.unit_b.root_page]:
                specific = page.specific
                row = {page_kwargs[0]: specific._meta.app_label, page_kwargs[1]: specific._meta.model_name}
                if rest == {"parent_page_id"}:
                    row["parent_page_id"] = page.get_parent().pk
                elif rest:
                    return []
                rows.append(row)
            return rows
        if kwargs in ({"app_label", "model_name"}, {"app_label", "model_name", "pk"}) and name.startswith(
            "wagtail_localize:"
        ):
            rows = []
            for model_cls in (UnitLink, type(w.objects[UnitLink][0])) + tuple(
                m for m in w.objects if issubclass(m, UnitOwned)
            ):
                for obj in objects_for(w, model_cls):
                    row = {"app_label": model_cls._meta.app_label, "model_name": model_cls._meta.model_name}
                    if "pk" in kwargs:
                        row["pk"] = obj.pk
                    rows.append(row)
            return rows
        return []
    if kwargs in ({"pk"}, {"object_id"}):
        key = next(iter(kwargs))
        model = next((m for prefix, m in PK_MODELS.items() if name.startswith(prefix)), model)
        return [{key: obj.pk} for obj in objects_for(w, model)]
    if kwargs == {"pk", "action_name"} and name.startswith("wagtailadmin_api:pages"):
        return [{"pk": p.pk, "action_name": "copy"} for p in w.pages]
    if kwargs == {"parent_page_id"} or kwargs <= set(simple):
        keys = sorted(kwargs)
        if not all(simple[k] for k in keys):
            return []
        if len(keys) == 1:
            return [{keys[0]: value} for value in simple[keys[0]]]
        first = simple[keys[0]]
        return [{keys[0]: value, **{k: simple[k][0] for k in keys[1:]}} for value in first]
    return []


def query_variants(world, name, route, model):
    """Query strings for URLs without kwargs: choosers get ``id``s, listings a search,
    reports B's values for each filter, the admin API B's tree and collection."""
    w = world
    variants = [""]
    if name.endswith("chosen_multiple"):
        ids = [o.pk for o in objects_for(w, model)] or [p.pk for p in w.pages]
        variants.append(urlencode([("id", i) for i in ids]))
    if name.endswith(
        ("index", "index_results", "list", "list_results", "search", "search_results", "choose")
    ) or (name.endswith("choose_results") or "/reports/" in route):
        variants.append(urlencode({"q": SEARCH}))
    if "/reports/" in route and not name.endswith("_results"):
        editor_b = w.objects[get_user_model()][0]
        article_ct = ContentType.objects.get_for_model(type(w.live)).pk
        variants += [
            urlencode(query)
            for query in (
                {"unit": w.unit_b.pk},
                {"user": editor_b.pk},
                {"requested_by": editor_b.pk},
                {"locked_by": editor_b.pk},
                {"site": w.unit_b.site_id},
                {"page_type": article_ct},
                {"content_type": article_ct},
                {"workflow": w.unit_b.workflow_id},
            )
        ]
    if name.startswith("wagtailadmin_api:") and name.endswith("listing"):
        root = w.unit_b.root_page.pk
        variants += [
            urlencode(query)
            for query in (
                {"child_of": root},
                {"descendant_of": root},
                {"search": SEARCH},
                {"collection_id": w.unit_b.collection_id},
                {"for_explorer": 1, "child_of": root},
                {"id": w.live.pk},
            )
        ]
    return variants


def build_requests(world):
    """(url name, url) pairs to GET, and the names of patterns that could not be filled."""
    requests, not_filled = [], set()
    for name, route, kwargs, model in admin_patterns():
        if name in NOT_REQUESTED:
            continue
        if not kwargs:
            try:
                base = reverse(name)
            except NoReverseMatch:
                if name != route or not route.endswith("/") or "^" in route:
                    not_filled.add(name)
                    continue
                base = "/" + route
            requests += [
                (name, f"{base}?{query}" if query else base)
                for query in query_variants(world, name, route, model)
            ]
            continue
        rows = fill(world, name, kwargs, model)
        urls = []
        for row in rows:
            row, ids = row if isinstance(row, tuple) else (row, None)
            try:
                url = reverse(name, kwargs=row)
            except NoReverseMatch:
                continue
            if ids:
                url += "?" + urlencode([("id", i) for i in ids])
            urls.append((name, url))
        if urls:
            requests += urls
        else:
            not_filled.add(name)
    return requests, not_filled


def readable(body):
    """The response text with JSON \\u escapes and HTML entities decoded, lower case."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), body)
    return html.unescape(text).lower()


def leaks_of(client, url):
    """None if the response shows nothing of B, else a short description."""
    response = client.get(url, HTTP_ACCEPT="text/html,application/json")
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode("utf-8", "replace")
    else:
        body = response.content.decode("utf-8", "replace")
    if response.status_code in {301, 302}:
        body += " " + response["Location"]
    text = readable(body)
    found = [marker for marker in MARKERS if marker in text]
    return f"{response.status_code} {found}" if found else None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """B's objects, built once for the module and rolled back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            data = build_world()
            yield data
            transaction.set_rollback(True)


def walk(world, users):
    requests, not_filled = build_requests(world)
    leaks, errors = [], []
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for name, url in requests:
            try:
                leak = leaks_of(client, url)
            except Exception as error:  # noqa: BLE001 - a crash is reported, not hidden
                errors.append(f"{role} GET {url}: {type(error).__name__}: {error}")
                continue
            if leak:
                leaks.append(f"{role} GET {url} ({name}): {leak}")
        assert client.get(reverse("wagtailadmin_home")).status_code == 200, f"{role} was signed out"
    return requests, not_filled, leaks, errors


@pytest.mark.django_db
def test_no_role_reads_another_units_data(world):
    started = time.monotonic()
    requests, not_filled, leaks, errors = walk(world, world.roles)
    names = {name for name, _url in requests}
    print(
        f"\nadmin read matrix: {len(world.roles)} roles × {len(names)} URL patterns × "
        f"{len(requests)} URL variants with B's objects = {len(world.roles) * len(requests)} GETs, "
        f"{len(leaks)} leaks, {time.monotonic() - started:.1f} s"
    )
    allowed = set(NOT_FILLED)
    assert not_filled == allowed, (
        f"cannot fill: {sorted(not_filled - allowed)}; filled although allow-listed: {sorted(allowed - not_filled)}"
    )
    assert not errors, "\n".join(errors[:50])
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks)


@pytest.mark.django_db
def test_the_matrix_sees_what_a_system_administrator_sees(world):
    """The markers do show up where B's data is legitimately shown, so a leak would be caught."""
    from tests.factories import SuperUserFactory

    client = Client()
    client.force_login(SuperUserFactory(username="quantri-ma-tran"))
    draft = world.pages[1]
    seen = {
        "chosen-multiple": reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={draft.pk}",
        "page chooser": reverse("wagtailadmin_choose_page_child", args=[section(world.unit_b).pk]),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "person chooser": reverse("wagtailsnippetchoosers_reporters_person:chosen_multiple")
        + "?"
        + urlencode([("id", p.pk) for p in world.people]),
        "image API": reverse("wagtailadmin_api:images:detail", args=[world.image.pk]),
        "user usage": reverse("wagtailusers_users:usage", args=[world.objects[get_user_model()][0].pk]),
        "survey results": reverse("surveys_admin:results", args=[world.survey.pk]),
        "survey export": reverse("surveys_admin:export_csv", args=[world.survey.pk]),
        "site identity": reverse(
            "wagtailsettings:edit", args=["identity", "siteidentity", world.unit_b.site_id]
        ),
    }
    for label, url in seen.items():
        assert leaks_of(client, url), f"{label}: {url} shows none of B's markers to a system administrator"
