"""The summit brief page in Chromium: from the menu to TICAD 9, a section per taking-part
country with its requests, and the PDF download (one real browser check; HTTP tests cover the
rest in test_console_summits.py)."""

from __future__ import annotations

from console_helpers import PASSWORD
from pypdf import PdfReader
from test_console_browser import SHOTS, _wait, browser, server  # noqa: F401 - fixtures

from fieldkit.core.reference import reference


def test_summit_brief_page_in_chromium(server, browser):  # noqa: F811 - fixtures
    from selenium.webdriver.common.by import By

    _app, url = server
    d = browser
    d.get(url + "/console/login")
    d.find_element(By.ID, "name").send_keys("desk")
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.ID, "sign-in").click()
    _wait(d, lambda d: d.find_elements(By.ID, "sign-out"))
    d.find_element(By.ID, "nav-summits").click()
    _wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#summits tr[data-code='ticad9'] a"))
    d.find_element(By.CSS_SELECTOR, "#summits tr[data-code='ticad9'] a").click()
    _wait(d, lambda d: d.find_elements(By.ID, "summit-title"))
    sections = d.find_elements(By.CSS_SELECTOR, "section.country")
    codes = {s.get_attribute("id").removeprefix("country-") for s in sections}
    assert {"KE", "TZ"} <= codes <= reference().summit_countries("ticad9")
    kenya = d.find_element(By.ID, "country-KE")
    assert kenya.is_displayed() and kenya.find_elements(By.CSS_SELECTOR, "table.requests tr")
    d.save_screenshot(str(SHOTS / "console-summit-brief.png"))
    d.find_element(By.ID, "pdf-en").click()
    _wait(d, lambda d: [p for p in d.downloads.glob("*.pdf")] and not list(
        d.downloads.glob("*.crdownload")))  # fmt: skip
    pdf = next(d.downloads.glob("*.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Kenya (KE)" in text
