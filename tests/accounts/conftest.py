import pytest

from tests.factories import STAFF_PASSWORD, SuperUserFactory, UnitFactory, staff_user


@pytest.fixture
def superuser(db):
    return SuperUserFactory(username="quantri")


@pytest.fixture
def district(province):
    """A district of its own (the shared portal has none), with a commune below."""
    return UnitFactory(code="huyen-d", name="Huyện Đông", kind="district")


@pytest.fixture
def commune_in_district(district):
    return UnitFactory(code="xa-d1", name="Xã Đông Một", kind="commune", parent=district)


@pytest.fixture
def other_district(province):
    return UnitFactory(code="huyen-t", name="Huyện Tây", kind="district")


@pytest.fixture
def district_admin(district):
    return staff_user(district, "admin")


@pytest.fixture
def commune_editor(commune_in_district):
    return staff_user(commune_in_district, "editor")


@pytest.fixture
def other_editor(other_district):
    return staff_user(other_district, "editor")


def login(client, username, password=STAFF_PASSWORD, **extra):
    """Sign in through Wagtail's real login form."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        HTTP_USER_AGENT=extra.pop("user_agent", "Mozilla/5.0 (pytest)"),
        REMOTE_ADDR=extra.pop("ip", "203.0.113.7"),
        **extra,
    )
