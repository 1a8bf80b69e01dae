"""A citizen answers a survey in a real browser (Debian's chromium through
selenium): a forgotten required question is flagged next to it with the other
answers kept, then the response is stored and shows in the statistics.

Skipped only when the browser is missing and REQUIRE_SERVICES is unset; CI
(REQUIRE_SERVICES=1) fails instead."""

import pytest

from surveys.models import SurveyResponse
from surveys.statistics import survey_stats
from tests.browser import wait_for

from .helpers import AGE, SCALE, make_survey


@pytest.mark.django_db(transaction=True)
def test_a_citizen_answers_a_survey(browser, live_server):
    from selenium.webdriver.common.by import By

    from tests.conftest import shared_unit

    unit_a = shared_unit("unit_a")
    survey = make_survey(unit_a)
    port = live_server.url.rsplit(":", 1)[1]
    browser.get(f"http://{unit_a.site.hostname}:{port}/khao-sat-y-kien/")
    browser.find_element(By.LINK_TEXT, survey.title).click()
    wait_for(browser, lambda d: d.find_element(By.ID, "phieu-khao-sat"))

    browser.find_element(By.XPATH, "//label[contains(., 'Trên 50 tuổi')]").click()
    browser.find_element(By.XPATH, "//label[contains(., 'Loa truyền thanh')]").click()
    browser.find_element(By.XPATH, "//label[contains(., 'Hội nghị, buổi tuyên truyền')]").click()
    browser.find_element(By.CSS_SELECTOR, f"input[name='q_{SCALE}'][value='5']").click()
    browser.find_element(By.XPATH, "//label[contains(., 'bao nhiêu buổi')]/following::input[1]").send_keys(
        "4"
    )
    browser.find_element(By.TAG_NAME, "textarea").send_keys("Cần thêm tài liệu bằng hình ảnh.")
    # The required short text is forgotten: refused next to it, the rest kept.
    browser.find_element(By.XPATH, "//button[contains(., 'Gửi phiếu khảo sát')]").click()
    flagged = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".survey-question.has-error"))
    assert "Vui lòng trả lời câu hỏi này." in flagged.text and "thôn, tổ dân phố" in flagged.text
    assert browser.find_element(By.CSS_SELECTOR, f"input[name='q_{AGE}'][value='Trên 50 tuổi']").is_selected()
    assert (
        browser.find_element(By.TAG_NAME, "textarea").get_attribute("value")
        == "Cần thêm tài liệu bằng hình ảnh."
    )
    assert not SurveyResponse.objects.exists()

    flagged.find_element(By.TAG_NAME, "input").send_keys("Thôn Đông")
    browser.find_element(By.XPATH, "//button[contains(., 'Gửi phiếu khảo sát')]").click()
    thanks = wait_for(browser, lambda d: d.find_element(By.ID, "survey-thanks"))
    assert "đã được ghi nhận" in thanks.text

    stats = survey_stats(survey)
    assert stats.total == 1
    age = {row.label: row.count for row in stats.questions[0].rows}
    assert age["Trên 50 tuổi"] == 1
    assert stats.questions[2].average == 5
