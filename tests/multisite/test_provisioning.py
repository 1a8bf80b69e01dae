"""Provisioning a unit: the whole tree in one step, idempotent, all-or-nothing."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from core.registries import iter_sections, sections
from home.models import PortalHomePage, SectionPage, UnitHomePage
from multisite.models import Unit, UnitGroup, UnitKind, UnitRole, UnitSection
from multisite.provisioning import ProvisioningError, UnitSpec, provision_unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def snapshot():
    """Row counts of everything provisioning writes."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Unit,
            Page,
            Site,
            Collection,
            Group,
            UnitGroup,
            UnitSection,
            GroupPagePermission,
            GroupCollectionPermission,
            Workflow,
            WorkflowPage,
        )
    }


def test_province_gets_portal_home_and_default_site(province):
    site = province.site
    assert site.is_default_site
    assert isinstance(site.root_page.specific, PortalHomePage)
    assert site.hostname == "tinh-thu-nghiem.portal.test"


def test_unit_gets_full_section_tree(unit_a):
    root = unit_a.site.root_page
    assert isinstance(root.specific, UnitHomePage)
    top_titles = list(root.get_children().values_list("title", flat=True))
    assert top_titles == [str(spec.title) for spec in sections]
    assert top_titles == [
        "Giới thiệu",
        "Tin tức – Sự kiện",
        "Văn bản pháp luật mới",
        "Tài liệu phổ biến, giáo dục pháp luật",
        "Tủ sách pháp luật",
        "Chỉ đạo – Điều hành",
        "Hướng dẫn nghiệp vụ",
        "Hỏi đáp – Đối thoại chính sách",
        "Khảo sát ý kiến",
        "Thi tìm hiểu pháp luật",
        "Hội đồng phối hợp PBGDPL",
        "Báo cáo viên – Tuyên truyền viên",
        "Số liệu thống kê",
        "Liên kết",
    ]
    keys = set(UnitSection.objects.filter(unit=unit_a).values_list("key", flat=True))
    assert keys == {spec.key for spec in iter_sections()}
    intro = UnitSection.objects.get(unit=unit_a, key="intro").page
    assert list(intro.get_children().values_list("title", flat=True)) == [
        "Vị trí, vai trò",
        "Cơ cấu tổ chức",
        "Đội ngũ",
    ]
    page_models = {spec.key: spec.page_model for spec in iter_sections()}
    for unit_section in UnitSection.objects.filter(unit=unit_a).select_related("page"):
        assert unit_section.page.specific._meta.label == page_models[unit_section.key]
    assert all(isinstance(p.specific, SectionPage) for p in intro.get_descendants(inclusive=True))
    assert all(p.live for p in root.get_descendants(inclusive=True))


def test_unit_gets_collection_groups_and_workflow(unit_a):
    assert unit_a.collection.get_parent() == Collection.get_first_root_node()
    roles = dict(UnitGroup.objects.filter(unit=unit_a).values_list("role", "group__name"))
    assert set(roles) == set(UnitRole.values)
    assert "Biên tập viên" in roles["editor"]

    editor_perms = set(
        GroupPagePermission.objects.filter(
            group__unit_role__unit=unit_a, group__unit_role__role="editor"
        ).values_list("permission__codename", flat=True)
    )
    assert editor_perms == {"add_page", "change_page"}
    moderator_perms = set(
        GroupPagePermission.objects.filter(
            group__unit_role__unit=unit_a, group__unit_role__role="moderator"
        ).values_list("permission__codename", flat=True)
    )
    assert "publish_page" in moderator_perms
    assert set(
        GroupPagePermission.objects.filter(group__unit_role__unit=unit_a).values_list("page_id", flat=True)
    ) == {unit_a.site.root_page_id}
    assert set(
        GroupCollectionPermission.objects.filter(group__unit_role__unit=unit_a).values_list(
            "collection_id", flat=True
        )
    ) == {unit_a.collection_id}

    workflow_page = WorkflowPage.objects.get(page=unit_a.site.root_page)
    assert workflow_page.workflow == unit_a.workflow
    task = unit_a.workflow.tasks.get().specific
    assert set(task.groups.all()) == {unit_a.group_for("moderator"), unit_a.group_for("admin")}


def test_provisioning_again_changes_nothing(unit_a):
    before = snapshot()
    result = provision_unit(
        UnitSpec(code="xa-a", name="Xã An Phú", kind="commune", parent_code="tinh-thu-nghiem")
    )
    assert result.created is False
    assert result.unit == unit_a
    assert snapshot() == before


def test_three_tier_tree_is_allowed(bare_province):
    province = bare_province
    district = UnitFactory(code="huyen-cu", name="Huyện Cũ", kind=UnitKind.DISTRICT)
    commune = UnitFactory(code="xa-trong-huyen", name="Xã Trong Huyện", parent=district)
    assert commune.parent == district
    assert district.parent == province
    assert set(province.descendant_ids()) == {district.pk, commune.pk}


@pytest.mark.parametrize(
    "spec, message",
    [
        (
            dict(code="xa-moi", name="Xã Mới", kind="commune", parent_code="khong-co"),
            "Không tìm thấy đơn vị cấp trên",
        ),
        (
            dict(code="xa-a", name="Xã Khác Tên", kind="commune", parent_code="tinh-thu-nghiem"),
            "đã được dùng",
        ),
        (
            dict(
                code="xa-moi",
                name="Xã Mới",
                kind="commune",
                parent_code="tinh-thu-nghiem",
                hostname="xa-a.portal.test",
            ),
            "đã được một trang khác sử dụng",
        ),
        (
            dict(
                code="xa-moi",
                name="Xã Mới",
                kind="commune",
                parent_code="tinh-thu-nghiem",
                hostname="xa_moi..vn",
            ),
            "Tên miền “xa_moi..vn” không hợp lệ",
        ),
        (dict(code="Xã Mới!", name="Xã Mới", kind="commune", parent_code="tinh-thu-nghiem"), "Mã đơn vị"),
        (dict(code="xa-moi", name="Xã Mới", kind="commune", parent_code="xa-a"), "không thể trực thuộc"),
        (dict(code="huyen-moi", name="Huyện Mới", kind="district", parent_code="huyen-x"), "Không tìm thấy"),
        (dict(code="xa-moi", name="Xã Mới", kind="commune"), "phải có đơn vị cấp trên"),
        (dict(code="tinh-2", name="Tỉnh Hai", kind="province"), "chỉ có một tỉnh"),
        (dict(code="xa-moi", name="Xã Mới", kind="village", parent_code="tinh-thu-nghiem"), "Cấp đơn vị"),
        (
            dict(code="xa-moi", name="   ", kind="commune", parent_code="tinh-thu-nghiem"),
            "Tên đơn vị không được để trống",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(unit_a, spec, message):
    before = snapshot()
    with pytest.raises(ProvisioningError) as error:
        provision_unit(UnitSpec(**spec))
    assert message in str(error.value)
    assert snapshot() == before


def test_failure_midway_rolls_everything_back(province, monkeypatch):
    from multisite import provisioning

    def broken_workflow(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(provisioning, "_create_workflow", broken_workflow)
    before = snapshot()
    with pytest.raises(RuntimeError):
        provision_unit(UnitSpec(code="xa-loi", name="Xã Lỗi", kind="commune", parent_code=province.code))
    assert snapshot() == before
