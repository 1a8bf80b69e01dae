"""End to end in a real browser (Debian's chromium and chromium-driver through selenium):
a citizen asks on the provincial portal → the Department of Justice routes the question
to a commune → the commune's editor answers → its moderator publishes → the status page
shows "answered" and the answer is found by the site search.

Skipped only when the browser is missing and REQUIRE_SERVICES is unset; CI
(REQUIRE_SERVICES=1) fails instead."""

import pytest
from wagtail.search.backends import get_search_backend

from questions.models import Question, QuestionAnswerPage, QuestionStatus
from tests.browser import wait_for
from tests.conftest import search_engine_is_external
from tests.factories import STAFF_PASSWORD, staff_user

QUESTION = "Gia đình tôi muốn tách thửa đất nông nghiệp để chia cho các con, thủ tục tách thửa cần những gì?"
ANSWER = (
    "Hồ sơ tách thửa gồm đơn đề nghị tách thửa và giấy chứng nhận quyền sử dụng đất (Khoanhvungtachthua)."
)


def sign_in(driver, base, user):
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(base + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys(user.username)
    driver.find_element(By.ID, "id_password").send_keys(STAFF_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(driver, lambda d: "/admin/login/" not in d.current_url)


@pytest.mark.django_db(transaction=True)
def test_citizen_asks_doj_routes_commune_answers_moderator_publishes(browser, live_server, django_db_blocker):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tests.conftest import shared_staff, shared_unit

    province, unit_a = shared_unit("province"), shared_unit("unit_a")
    doj = staff_user(province, "admin", "sotuphap.e2e")
    editor, moderator = shared_staff("editor_a"), shared_staff("moderator_a")
    port = live_server.url.rsplit(":", 1)[1]
    portal = f"http://{province.site.hostname}:{port}"

    # 1. The citizen asks on the provincial portal.
    browser.get(portal + "/hoi-dap-doi-thoai-chinh-sach/")
    browser.find_element(By.ID, "id_asker_name").send_keys("Phạm Văn Dân")
    browser.find_element(By.ID, "id_email").send_keys("dan.e2e@example.vn")
    Select(browser.find_element(By.ID, "id_field")).select_by_visible_text("Đất đai")
    browser.find_element(By.ID, "id_text").send_keys(QUESTION)
    browser.find_element(By.ID, "id_consent_to_publish").click()
    browser.find_element(By.CSS_SELECTOR, ".question-form button[type=submit]").click()
    code = wait_for(browser, lambda d: d.find_element(By.ID, "tracking-code")).text
    question = Question.objects.get(tracking_code=code)
    assert question.unit == province

    # 2. The Department of Justice routes it to the commune.
    sign_in(browser, portal, doj)
    browser.get(portal + f"/admin/snippets/questions/question/route/{question.pk}/")
    Select(browser.find_element(By.ID, "id_unit")).select_by_visible_text(unit_a.name)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(browser, lambda d: "/route/" not in d.current_url)
    question.refresh_from_db()
    assert question.unit == unit_a and question.status == QuestionStatus.ROUTED

    # 3. The commune's editor finds it in the inbox, drafts the answer and submits it for moderation.
    sign_in(browser, portal, editor)
    browser.get(portal + "/admin/snippets/questions/question/")
    assert code in browser.page_source
    browser.get(portal + f"/admin/snippets/questions/question/answer/{question.pk}/")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(browser, lambda d: "/admin/pages/" in d.current_url and "/edit/" in d.current_url)
    page = QuestionAnswerPage.objects.get(question=question)
    editor_box = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".public-DraftEditor-content"))
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", editor_box
    )
    editor_box.click()
    ActionChains(browser).send_keys(ANSWER).perform()
    wait_for(
        browser, lambda d: "Khoanhvungtachthua" in d.find_element(By.ID, "id_answer").get_attribute("value")
    )
    browser.execute_script("document.querySelector('button[name=\"action-submit\"]').click()")
    wait_for(browser, lambda d: QuestionAnswerPage.objects.get(pk=page.pk).workflow_in_progress, timeout=20)

    # 4. The commune's moderator approves: the answer is published.
    sign_in(browser, portal, moderator)
    browser.get(portal + f"/admin/pages/{page.pk}/edit/")
    browser.execute_script("document.querySelector('[data-workflow-action-name=\"approve\"]').click()")
    wait_for(browser, lambda d: QuestionAnswerPage.objects.get(pk=page.pk).live, timeout=20)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED

    # 5. The citizen's status page shows the answer; the site search finds it.
    browser.delete_all_cookies()
    browser.get(portal + f"/hoi-dap-doi-thoai-chinh-sach/tra-cuu/?ma={code}&lien_he=dan.e2e@example.vn")
    assert browser.find_element(By.ID, "question-status").text == "Đã trả lời"
    assert browser.find_element(By.ID, "answer-link").text == page.title
    if search_engine_is_external():
        get_search_backend().refresh_indexes()  # the engine's refresh interval is not waited for
    browser.get(portal + "/search/?q=Khoanhvungtachthua")
    assert page.title in browser.page_source
