"""The web app in a real browser (the system Chromium, driven by Selenium; never a
downloaded browser): type a derivative and see its steps, move the Δx slider and see the
slope change, see the live preview's caret for bad input, and use a calculator with the
keyboard alone and with JavaScript off."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
if not (os.path.exists(CHROMIUM) and shutil.which(CHROMEDRIVER)):
    pytest.skip("the system Chromium and chromedriver are missing; install them with "
                "`make system` (scripts/system-packages.sh)", allow_module_level=True)

from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,800"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serving(database: str, *options: str, probe: str = "/lessons/3"):
    """`calcml serve` with ``options`` on a free loopback port, in its own process, until
    ``probe`` answers; yields the base address and stops the server afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from calcml.cli import main; main()", "serve", *options,
         "--port", str(port), "--database", database], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env={**os.environ, "MPLBACKEND": "Agg"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + probe, timeout=30)
            break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"calcml serve {' '.join(options)} did not answer within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`calcml serve` on a free loopback port, in its own process, with its own store."""
    yield from serving(f"sqlite:///{tmp_path_factory.mktemp('browser')}/calcml.db")


def chromium(javascript: bool = True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    # An explicit driver path: selenium-manager never runs, so nothing is downloaded.
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def wait_for(driver, condition, seconds: float = 30):
    """Wait until ``condition`` holds; an element the page replaced while it was being read
    (stale) is looked up again on the next try."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,)
                         ).until(lambda d: condition(d))


def test_type_a_derivative_and_see_the_steps(server, browser):
    browser.get(server + "/lessons/4")
    box = browser.find_element(By.ID, "diff-expr")
    box.clear()
    box.send_keys("x^3 sin(x)")
    browser.find_element(By.CSS_SELECTOR, "#diff form button").click()
    # the page's own example is a product too: wait for the address the new result sets
    wait_for(browser, lambda d: "expr=x%5E3+sin%28x%29" in d.current_url)
    result = browser.find_element(By.ID, "diff-result")
    assert "Product rule" in result.text and "Power rule" in result.text
    assert result.find_elements(By.TAG_NAME, "math")


def test_moving_the_delta_x_slider_moves_q_toward_p(server, browser):
    browser.get(server + "/lessons/3")
    result = browser.find_element(By.ID, "delta-result")
    assert "the slope of PQ is 9" in result.text
    slider = browser.find_element(By.ID, "delta-dx")
    slider.send_keys(Keys.HOME)
    wait_for(browser, lambda d: "the slope of PQ is 6.001" in result.text)
    assert browser.find_element(By.ID, "delta-dx-value").text == "0.001"


def test_the_live_preview_shows_the_caret_for_bad_input(server, browser):
    browser.get(server + "/lessons/2")
    box = browser.find_element(By.ID, "limit-expr")
    preview = browser.find_element(By.ID, "limit-expr-preview")
    wait_for(browser, lambda d: preview.find_elements(By.TAG_NAME, "math"))
    box.send_keys(Keys.END, " + * 2")
    wait_for(browser, lambda d: preview.find_elements(By.TAG_NAME, "pre"))
    lines = preview.find_element(By.TAG_NAME, "pre").text.splitlines()
    assert lines[1].strip() == "(x^2 - 1)/(x - 1) + * 2"
    assert lines[2].rstrip().endswith("^")
    assert lines[2].index("^") == lines[1].index("*")


def test_a_calculator_works_from_the_keyboard_alone(server, browser):
    browser.get(server + "/lessons/8")
    box = browser.find_element(By.ID, "integrate-expr")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("2x", Keys.TAB)  # to the variable
    for value in ("3", "4"):  # from, to
        browser.switch_to.active_element.send_keys(Keys.TAB)
        browser.switch_to.active_element.send_keys(Keys.CONTROL, "a")
        browser.switch_to.active_element.send_keys(value)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Compute"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    result = browser.find_element(By.ID, "integrate-result")
    wait_for(browser, lambda d: "Fundamental theorem" in result.text and "7" in result.text)


def test_the_forms_work_without_javascript(server):
    driver = chromium(javascript=False)
    try:
        driver.get(server + "/lessons/3")
        box = driver.find_element(By.ID, "diff-expr")
        box.clear()
        box.send_keys("x^5", Keys.ENTER)
        wait_for(driver, lambda d: "calc=diff" in d.current_url)
        assert "x^5" in driver.find_element(By.ID, "diff-expr").get_attribute("value")
        assert "5" in driver.find_element(By.ID, "diff-result").text
        assert "Power rule" in driver.find_element(By.ID, "diff-result").text
    finally:
        driver.quit()


def test_practice_wrong_then_right_by_keyboard_and_the_progress_is_kept(server, browser):
    browser.get(server + "/practice/limit-factoring")
    box = browser.find_element(By.ID, "answer")
    box.send_keys("DNE", Keys.ENTER)
    wait_for(browser, lambda d: "Not yet." in d.find_element(By.ID, "feedback").text)
    assert "Diagnosis:" in browser.find_element(By.ID, "feedback").text
    hints = browser.find_element(By.CSS_SELECTOR, "details.hints summary")
    hints.send_keys(Keys.ENTER)  # a <details> opens from the keyboard
    assert browser.find_element(By.CSS_SELECTOR, "details.hints").get_attribute("open")
    worked = browser.find_element(By.CSS_SELECTOR, "details.worked")
    worked.find_element(By.TAG_NAME, "summary").send_keys(Keys.ENTER)
    right = worked.find_element(By.TAG_NAME, "code").text
    box = browser.find_element(By.ID, "answer")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(right, Keys.ENTER)
    wait_for(browser, lambda d: "Right." in d.find_element(By.ID, "feedback").text)
    browser.get(server + "/practice")
    browser.refresh()
    row = browser.find_element(By.XPATH, "//tr[th[starts-with(., 'Limits by factoring')]]")
    assert "2 (1)" in row.text and "learning" in row.text
