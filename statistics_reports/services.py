"""What happens to periods and reports: opening, pre-filling, saving, the
review up the tree, and the roll-up of figures. Every step is logged."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import registries
from multisite.models import Unit

from . import log_actions
from .models import (
    COUNTED_STATUSES,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    PeriodKind,
    ReportForm,
    ReportStatus,
    UnitReport,
)
from .tables import period_version


def target_units(period):
    """The units that must report in ``period``."""
    if period.kind == PeriodKind.AD_HOC:
        return Unit.objects.filter(pk__in=period.units.values("pk"))
    return Unit.objects.filter(kind__in=period.form.unit_kinds or [])


def open_period(period, user=None):
    """Create the reports of every unit that must report (idempotent); returns how many are new."""
    existing = set(period.reports.values_list("unit_id", flat=True))
    new = [
        UnitReport(period=period, unit_id=unit_id)
        for unit_id in target_units(period).values_list("pk", flat=True)
        if unit_id not in existing
    ]
    UnitReport.objects.bulk_create(new, ignore_conflicts=True)
    period_version(period.pk).bump()
    log(instance=period, action=log_actions.OPEN_PERIOD, user=user, data={"reports": len(new)})
    return len(new)


def prefill(report):
    """Create the values the portal can count (registered sources) for a report
    that has none yet; the officer may then correct them with a note."""
    if not report.is_editable:
        return
    period = report.period
    known = set(report.values.values_list("indicator_id", flat=True))
    values = []
    for indicator in period.requested_indicators():
        source = registries.report_indicator_sources.get(indicator.source) if indicator.source else None
        if source is None or indicator.pk in known or indicator.kind == IndicatorKind.TEXT:
            continue
        number = Decimal(source.count(report.unit, period.start, period.end) or 0)
        values.append(IndicatorValue(report=report, indicator=indicator, number=number, prefilled=number))
    IndicatorValue.objects.bulk_create(values, ignore_conflicts=True)


def save_values(report, data, user):
    """Store the values of a valid form: ``data`` is {indicator: (number, text, note)}."""
    current = {value.indicator_id: value for value in report.values.all()}
    changed, created = [], []
    for indicator, (number, text, note) in data.items():
        value = current.get(indicator.pk)
        if value is None:
            created.append(
                IndicatorValue(
                    report=report, indicator=indicator, number=number, text=text, correction_note=note
                )
            )
        elif (value.number, value.text, value.correction_note) != (number, text, note):
            value.number, value.text, value.correction_note = number, text, note
            changed.append(value)
    with transaction.atomic():
        IndicatorValue.objects.bulk_create(created)
        IndicatorValue.objects.bulk_update(changed, ["number", "text", "correction_note"])
        report.save(update_fields=["updated_at"])
        period_version(report.period_id).bump()
        log(instance=report, action=log_actions.SAVE, user=user, data={"values": len(created) + len(changed)})


def missing_required(report):
    """The required indicators of ``report`` that have no value yet."""
    values = {value.indicator_id: value for value in report.values.all()}
    return [
        indicator
        for indicator in report.period.requested_indicators()
        if indicator.required and (indicator.pk not in values or values[indicator.pk].is_empty)
    ]


def submit(report, user):
    missing = missing_required(report)
    if missing:
        raise ValidationError(
            _("Chưa nhập các chỉ tiêu bắt buộc: %(codes)s.")
            % {"codes": ", ".join(f"{i.code}. {i.name}" for i in missing)}
        )
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    period_version(report.period_id).bump()
    log(instance=report, action=log_actions.SUBMIT, user=user, data={"late": report.is_late})


def review(report, user, accept, comment=""):
    """The parent accepts the report, or returns it with a comment (required)."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Chỉ xem xét được báo cáo đã gửi."))
    if not accept and not comment.strip():
        raise ValidationError(_("Ghi rõ lý do trả lại để đơn vị sửa báo cáo."))
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.reviewed_at, report.reviewed_by, report.review_comment = timezone.now(), user, comment.strip()
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    action = log_actions.ACCEPT if accept else log_actions.RETURN
    period_version(report.period_id).bump()
    log(instance=report, action=action, user=user, data={"comment": comment.strip()})


def reopen(report, user, comment):
    """An accepted report is locked; only its parent reopens it, with a reason."""
    if report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Chỉ mở lại được báo cáo đã tiếp nhận."))
    if not comment.strip():
        raise ValidationError(_("Ghi rõ lý do mở lại báo cáo."))
    report.status = ReportStatus.RETURNED
    report.reopened_count += 1
    report.review_comment = comment.strip()
    report.save(update_fields=["status", "reopened_count", "review_comment", "updated_at"])
    period_version(report.period_id).bump()
    log(instance=report, action=log_actions.REOPEN, user=user, data={"comment": comment.strip()})


def new_version(form, user=None):
    """A copy of ``form`` with the next version number, which periods to come will use."""
    latest = ReportForm.objects.filter(code=form.code).order_by("-version").first()
    with transaction.atomic():
        copy = ReportForm.objects.create(
            title=form.title,
            code=form.code,
            version=latest.version + 1,
            description=form.description,
            unit_kinds=form.unit_kinds,
        )
        indicators = list(form.indicators.all())
        for indicator in indicators:
            indicator.pk = None
            indicator.form = copy
        Indicator.objects.bulk_create(indicators)
        log(instance=copy, action=log_actions.NEW_VERSION, user=user, data={"from": form.version})
    return copy


# Roll-up ------------------------------------------------------------------------


def rollup(period, unit_ids, statuses=COUNTED_STATUSES):
    """{indicator id: {"sum", "count", "mean"}} over the counted reports of ``unit_ids``:
    one aggregate query. Percentages are read by their mean, numbers by their sum."""
    rows = (
        IndicatorValue.objects.filter(
            report__period=period,
            report__unit_id__in=unit_ids,
            report__status__in=statuses,
            number__isnull=False,
        )
        .order_by()
        .values_list("indicator_id")
        .annotate(total=Sum("number"), n=Count("pk"))
    )
    return {
        indicator_id: {"sum": total, "count": n, "mean": (total / n if n else None)}
        for indicator_id, total, n in rows
    }


def figure(indicator, aggregate):
    """The roll-up's figure for one indicator: a sum, or a mean for a percentage."""
    if aggregate is None:
        return None
    if indicator.kind == IndicatorKind.PERCENTAGE:
        mean = aggregate["mean"]
        return mean.quantize(Decimal("0.01")) if mean is not None else None
    return aggregate["sum"]
