"""Classroom mode in a real browser (the system Chromium via Selenium, never a downloaded
one): an instructor creates a class, a learner signs up with its join code in another
browser, from the keyboard alone, and practises (the live preview works with the
session's CSRF header), the instructor's page shows the learner's mistake by name, and
sign-out ends the session."""

from __future__ import annotations

import pytest

pytest.importorskip("argon2", reason="the web extra is not installed")
browser_test = pytest.importorskip("test_web_browser", reason="the browser is not available")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

from calcml.store import open_store  # noqa: E402
from calcml.store.classes import add_instructor  # noqa: E402
from calcml.store.passwords import hash_password  # noqa: E402

chromium, wait_for = browser_test.chromium, browser_test.wait_for
PASSWORD = "correct horse battery"
HOLE = "A hole in the graph taken for a limit that does not exist"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`calcml serve --classroom` on a free loopback port, with one instructor, grace."""
    database = f"sqlite:///{tmp_path_factory.mktemp('classroom-browser')}/calcml.db"
    with open_store(database) as store:
        add_instructor(store, "grace", hash_password(PASSWORD))
    yield from browser_test.serving(database, "--classroom", probe="/signin")


@pytest.fixture(scope="module")
def instructor():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def learner():
    driver = chromium()
    yield driver
    driver.quit()


def fill(driver, values: dict[str, str]) -> None:
    for field_id, value in values.items():
        box = driver.find_element(By.ID, field_id)
        box.clear()
        box.send_keys(value)


def test_sign_up_with_a_join_code_and_the_instructors_view(server, instructor, learner):
    instructor.get(server + "/teach")
    assert "/signin?next=/teach" in instructor.current_url
    fill(instructor, {"name": "grace", "password": PASSWORD})
    instructor.find_element(By.ID, "password").send_keys(Keys.ENTER)
    wait_for(instructor, lambda d: d.current_url.endswith("/teach"))
    fill(instructor, {"class-name": "Calculus 1"})
    instructor.find_element(By.ID, "class-name").send_keys(Keys.ENTER)
    wait_for(instructor, lambda d: "/teach/classes/" in d.current_url)
    code = instructor.find_element(By.CSS_SELECTOR, "strong.code").text
    assert len(code) == 9 and code[4] == "-"

    learner.get(server + "/signup")  # from the keyboard alone: code, name, password
    learner.find_element(By.ID, "code").send_keys(code.lower().replace("-", ""), Keys.TAB)
    learner.switch_to.active_element.send_keys("ada", Keys.TAB)
    learner.switch_to.active_element.send_keys(PASSWORD, Keys.TAB)
    assert learner.switch_to.active_element.text == "Sign up"
    learner.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(learner, lambda d: d.current_url.endswith("/practice"))
    assert "Signed in as ada" in learner.find_element(By.CSS_SELECTOR, ".account").text
    assert "Your class: Calculus 1" in learner.page_source.replace("<strong>", "").replace(
        "</strong>", "")

    learner.get(server + "/practice/limit-factoring")
    box = learner.find_element(By.ID, "answer")
    box.send_keys("DNE")
    preview = learner.find_element(By.ID, "answer-preview")
    wait_for(learner, lambda d: preview.find_elements(By.TAG_NAME, "math"))  # API + CSRF
    box.send_keys(Keys.ENTER)
    wait_for(learner, lambda d: "Not yet." in d.find_element(By.ID, "feedback").text)
    assert "Diagnosis: " + HOLE in learner.find_element(By.ID, "feedback").text

    instructor.refresh()
    row = instructor.find_element(By.XPATH, "//tr[th[a[.='ada']]]")
    assert f"{HOLE} ×1" in row.text and "%" in row.text
    assert "Limits by factoring and cancelling" in instructor.find_element(
        By.CSS_SELECTOR, "table.grid thead").text
    row.find_element(By.LINK_TEXT, "ada").click()
    wait_for(instructor, lambda d: "/learners/" in d.current_url)
    answers = instructor.find_element(By.CSS_SELECTOR, "table.answers").text
    assert "DNE" in answers and HOLE in answers


def test_a_learner_cannot_open_the_instructors_pages_and_signs_out(server, learner):
    learner.get(server + "/teach")
    assert "only an instructor can see this page" in learner.page_source
    learner.find_element(By.CSS_SELECTOR, "form[action='/signout'] button").click()
    wait_for(learner, lambda d: d.current_url.endswith("/signin"))
    learner.get(server + "/practice")
    assert "/signin?next=/practice" in learner.current_url
