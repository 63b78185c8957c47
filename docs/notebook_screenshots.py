"""Screenshots of two lesson notebooks run in JupyterLab, for docs/notebooks.md:
``.venv/bin/python -m docs.notebook_screenshots``.

Copies the notebooks to a temporary folder, starts JupyterLab there (no token, loopback),
opens each one in headless Chromium (the system's /usr/bin/chromium), runs all its cells
from the Run menu, waits for the kernel to finish, scrolls to a section and saves the
window as docs/figures/notebook-*.png. Look at the result: a figure cut off or a widget
that did not draw shows there.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parent.parent
# notebook, the heading to scroll to, the picture, pixels to scroll on past the heading
SHOTS = [("05_autodiff", "A line as a graph", "notebook-autodiff-graph.png", 14),
         ("07_gradients", "Gradient descent, live", "notebook-gradient-descent.png", 0)]
BUSY = """return Array.from(document.querySelectorAll('.jp-InputPrompt'))
    .some(e => e.textContent.includes('*'))"""
SCROLL = """const h = Array.from(document.querySelectorAll('h2'))
    .find(e => e.textContent.startsWith(arguments[0]));
h.scrollIntoView({block: 'start'});
h.closest('.jp-WindowedPanel-outer').scrollBy(0, arguments[1]);"""


def start_lab(folder: Path) -> tuple[subprocess.Popen, str]:
    """JupyterLab serving ``folder`` on a free loopback port; its process and address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lab = subprocess.Popen(
        [Path(sys.executable).parent / "jupyter", "lab", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.token=", "--ServerApp.password=",
         f"--notebook-dir={folder}"], cwd=folder, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{address}/lab", timeout=5).close()
            return lab, address
        except OSError:
            time.sleep(1)
    lab.terminate()
    raise RuntimeError("JupyterLab did not start within two minutes")


def browser() -> webdriver.Chrome:
    """Headless Chromium with a window of 1280 x 1457 pixels of page."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1600", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def run_all(driver: webdriver.Chrome, seconds: float = 300) -> None:
    """Run > Run All Cells, then wait until no cell is running (at most ``seconds``)."""
    menu = "//div[contains(@class,'{}') and text()='{}']"
    driver.find_element(By.XPATH, menu.format("lm-MenuBar-itemLabel", "Run")).click()
    time.sleep(1)
    driver.find_element(By.XPATH, menu.format("lm-Menu-itemLabel", "Run All Cells")).click()
    started = time.monotonic()
    time.sleep(10)
    while driver.execute_script(BUSY) and time.monotonic() - started < seconds:
        time.sleep(3)
    time.sleep(4)  # the last figures draw


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, *_ in SHOTS:
            shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder)
        lab, address = start_lab(Path(folder))
        driver = browser()
        try:
            for name, heading, picture, past in SHOTS:
                driver.get(f"{address}/lab/tree/{name}.ipynb")
                time.sleep(12)  # the kernel starts
                run_all(driver)
                driver.execute_script(SCROLL, heading, past)
                time.sleep(3)
                driver.save_screenshot(str(ROOT / "docs" / "figures" / picture))
                print(f"docs/figures/{picture}")
        finally:
            driver.quit()
            lab.terminate()
            lab.wait(timeout=30)


if __name__ == "__main__":
    main()
