"""End to end in a real browser (Debian's chromium and chromium-driver through selenium):
a citizen registers on a unit's contest page, answers against the countdown, and the
page's script submits the attempt through the JSON API and shows the score.

Skipped only when the browser is missing and REQUIRE_SERVICES is unset; CI
(REQUIRE_SERVICES=1) fails instead."""

import pytest

from contests.models import Attempt, AttemptStatus, ContestQuestion
from tests.browser import wait_for
from tests.contests.helpers import contest_page


@pytest.mark.django_db(transaction=True)
def test_citizen_takes_one_attempt(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tests.conftest import shared_unit

    unit_a = shared_unit("unit_a")
    page = contest_page(unit_a)
    port = live_server.url.rsplit(":", 1)[1]
    browser.get(f"http://{unit_a.site.hostname}:{port}{page.relative_url(unit_a.site)}")

    browser.find_element(By.ID, "id_full_name").send_keys("Trần Thị Dự Thi")
    browser.find_element(By.ID, "id_birth_date").send_keys("02/09/1995")
    browser.find_element(By.ID, "id_phone").send_keys("0987654321")
    Select(browser.find_element(By.ID, "id_home_unit")).select_by_visible_text(unit_a.name)
    browser.find_element(By.CSS_SELECTOR, ".contest-registration button[type=submit]").click()

    wait_for(browser, lambda d: "luot-thi/" in d.current_url)
    assert "Còn lại 14:" in browser.find_element(By.CSS_SELECTOR, ".contest-countdown").text
    attempt = Attempt.objects.get()
    correct = dict(ContestQuestion.objects.values_list("pk", "correct"))
    for pk, order in attempt.drawn:
        letter = "ABCD"[order.index(correct[pk])]
        browser.find_element(By.CSS_SELECTOR, f"label[for='q{pk}-{letter}']").click()
    browser.find_element(By.ID, "prediction").send_keys("25")
    browser.find_element(By.CSS_SELECTOR, ".contest-attempt button[type=submit]").click()

    # The script submitted through the API and shows the score in place.
    message = browser.find_element(By.CSS_SELECTOR, ".contest-message")
    wait_for(browser, lambda d: "Đã nộp bài" in message.text)
    assert "trả lời đúng 5/5 câu" in message.text
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.correct_count == 5 and attempt.prediction == 25
    assert attempt.home_unit_id == unit_a.pk
