"""End to end in a real browser (Debian's chromium through selenium): a commune's
reporting officer opens the report, sees a pre-filled figure, types the others,
gets a Vietnamese message for a wrong value, corrects it and submits."""

import pytest

from statistics_reports.models import ReportStatus
from tests.browser import wait_for
from tests.factories import STAFF_PASSWORD, person, staff_user

from .conftest import make_form, make_period
from .helpers import report_of


def submit(browser):
    """Press "Gửi báo cáo" (scrolled into view first: the admin's footer may cover it)."""
    from selenium.webdriver.common.by import By

    button = browser.find_element(By.CSS_SELECTOR, "button[value=submit]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", button)
    button.send_keys("\n")


@pytest.mark.django_db(transaction=True)
def test_an_officer_fills_and_submits_a_report(browser, live_server):
    from selenium.webdriver.common.by import By

    from tests.conftest import shared_unit

    province, unit_a = shared_unit("province"), shared_unit("unit_a")
    officer = staff_user(unit_a, "reporter", "xaa.baocao.e2e")
    person(unit_a, full_name="Lê Thị Báo Cáo")
    period = make_period(make_form())
    report = report_of(period, unit_a)
    port = live_server.url.rsplit(":", 1)[1]
    portal = f"http://{province.site.hostname}:{port}"

    browser.get(portal + "/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys(officer.username)
    browser.find_element(By.ID, "id_password").send_keys(STAFF_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(browser, lambda d: "/admin/login/" not in d.current_url)

    browser.get(portal + "/admin/thong-ke/")
    browser.find_element(By.LINK_TEXT, unit_a.name).click()
    wait_for(browser, lambda d: "/bao-cao/" in d.current_url)
    indicators = {i.code: i.pk for i in period.requested_indicators()}
    prefilled = browser.find_element(By.ID, f"id_v{indicators['1.1']}")
    assert prefilled.get_attribute("value") == "1"
    browser.find_element(By.ID, f"id_v{indicators['2.1']}").send_keys("mười hai")
    browser.find_element(By.ID, f"id_v{indicators['3.1']}").send_keys("Cần thêm tài liệu phổ biến")
    submit(browser)
    error = wait_for(
        browser, lambda d: d.find_element(By.XPATH, "//*[contains(text(), 'không phải là một số')]")
    )
    assert "mười hai" in error.text
    assert (
        browser.find_element(By.ID, f"id_v{indicators['3.1']}").get_attribute("value")
        == "Cần thêm tài liệu phổ biến"
    )

    field = browser.find_element(By.ID, f"id_v{indicators['2.1']}")
    field.clear()
    field.send_keys("12")
    submit(browser)
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, "[data-status=submitted]"))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.values.get(indicator__code="2.1").number == 12
