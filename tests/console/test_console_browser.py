"""The HQ console in a real browser: Debian's Chromium driven by Selenium through the system
chromedriver (never a downloaded one), against a real HQ server on 127.0.0.1.

Sign in, search a Japanese two-character word (live search), open a record, download its PDF and
read it back, revoke a laptop, sign out; the month x country / policy field dashboards (a figure
opens the records it counts) and the reference data page. Screenshots of the main pages go to /tmp/console-*.png.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from console_helpers import PASSWORD
from pypdf import PdfReader

from sync.server.app import create_app
from sync.server.console import auth

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SHOTS = Path("/tmp")

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (bash .ci/run installs them)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(hq_db):
    app = create_app(hq_db)
    auth.add_user(app.state.console.db, "desk", "admin", PASSWORD, lang="en")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                        lifespan="off"))  # fmt: skip
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "HQ did not start"
        time.sleep(0.05)
    yield app, f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(20)
    app.state.store.close()


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1360,900",
                f"--user-data-dir={tmp_path / 'profile'}"):  # fmt: skip
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True,
    })  # fmt: skip
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})  # fmt: skip
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)


def _wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_desk_officer_in_chromium(server, browser):
    from selenium.webdriver.common.by import By

    app, url = server
    d = browser
    with app.state.console.db.read() as c:
        texts = [t for (t,) in c.execute("SELECT text FROM console_fts")]
    word = next(w for w in ("面談", "地熱", "協力", "支援") if any(w in t for t in texts))
    expected = sum(word in t for t in texts)

    d.get(url + "/console/")
    assert "/console/login" in d.current_url
    d.save_screenshot(str(SHOTS / "console-login.png"))
    d.find_element(By.ID, "name").send_keys("desk")
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.ID, "sign-in").click()
    _wait(d, lambda d: d.find_elements(By.ID, "sign-out"))
    d.save_screenshot(str(SHOTS / "console-dashboard.png"))
    # The month x country and month x policy field tables; a figure opens the records it counts.
    for id_ in ("month-country", "month-field"):
        table = d.find_element(By.ID, id_)
        assert table.is_displayed() and table.find_elements(By.CSS_SELECTOR, "td[data-cell] a")
        table.screenshot(str(SHOTS / f"console-dashboard-{id_}.png"))
    cell = d.find_element(By.CSS_SELECTOR, "#month-field td[data-cell] a")
    figure = cell.text
    cell.click()
    _wait(d, lambda d: d.find_elements(By.ID, "count"))
    assert d.find_element(By.ID, "count").text.split()[0] == figure

    d.get(url + "/console/admin/reference")
    assert len(d.find_elements(By.CSS_SELECTOR, "#summits tr[data-code]")) >= 5
    d.save_screenshot(str(SHOTS / "console-reference.png"))

    d.get(url + "/console/records")
    before = d.find_element(By.ID, "count").text
    box = d.find_element(By.ID, "q")
    box.send_keys(word)  # live search: the list refreshes after a pause in typing
    _wait(d, lambda d: d.find_element(By.ID, "count").text != before)
    count = d.find_element(By.ID, "count").text
    assert count.split()[0].replace(",", "") == str(expected), (count, expected)
    d.save_screenshot(str(SHOTS / "console-search.png"))

    link = d.find_element(By.CSS_SELECTOR, "#results tbody a")
    title = link.text
    link.click()
    _wait(d, lambda d: d.find_elements(By.ID, "record-title"))
    assert d.find_element(By.ID, "record-title").text == title
    d.save_screenshot(str(SHOTS / "console-record.png"))

    pdf_buttons = d.find_elements(By.ID, "pdf-en")
    if not pdf_buttons:  # a project or contact matched first: open a meeting instead
        d.get(url + "/console/records?kind=meeting&q=" + word)
        d.find_element(By.CSS_SELECTOR, "#results tbody a").click()
        _wait(d, lambda d: d.find_elements(By.ID, "pdf-en"))
        title = d.find_element(By.ID, "record-title").text
        pdf_buttons = d.find_elements(By.ID, "pdf-en")
    pdf_buttons[0].click()
    pdf = _wait(d, lambda d: next((p for p in d.downloads.glob("*.pdf")), None), 30)
    _wait(d, lambda d: pdf.stat().st_size > 0 and not list(d.downloads.glob("*.crdownload")))
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "RECORD OF CONVERSATION" in text or "MONITORING" in text.upper()
    assert title[:15] in text.replace("\n", " ")

    d.get(url + "/console/admin/devices")
    row = d.find_element(By.CSS_SELECTOR, "#devices tr[id^=device-]")
    device_id = row.get_attribute("id").removeprefix("device-")
    row.find_element(By.CSS_SELECTOR, "button.danger").click()
    _wait(d, lambda d: d.switch_to.alert).accept()
    _wait(d, lambda d: "revoked" in d.find_element(By.ID, "device-" + device_id).text)
    d.save_screenshot(str(SHOTS / "console-devices.png"))
    with app.state.console.db.read() as c:
        assert c.execute("SELECT revoked_at FROM devices WHERE id = ?", (device_id,)).fetchone()[0]

    # Japanese, chosen on the account page.
    from selenium.webdriver.support.ui import Select

    d.get(url + "/console/account")
    Select(d.find_element(By.ID, "lang")).select_by_value("ja")
    d.find_element(By.ID, "save-lang").click()
    d.get(url + "/console/records?kind=meeting&region=africa")
    assert d.find_element(By.ID, "sign-out").text == "ログアウト"
    d.save_screenshot(str(SHOTS / "console-records-ja.png"))
    d.get(url + "/console/admin/reference#countries")
    d.save_screenshot(str(SHOTS / "console-reference-ja.png"))

    d.find_element(By.ID, "sign-out").click()
    _wait(d, lambda d: d.find_elements(By.ID, "sign-in"))
    d.get(url + "/console/records")
    assert "/console/login" in d.current_url
