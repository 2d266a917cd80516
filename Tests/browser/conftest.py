"""Browser tests of Kerta's pages: pytest + selenium driving Debian's chromium headless.

KERTA_BASE_URL is a running Kerta with the demo; KERTA_SCREENSHOTS the folder for screenshots."""
import json
import os
import pathlib
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE = os.environ.get("KERTA_BASE_URL", "http://127.0.0.1:8080").rstrip("/")
SHOTS = pathlib.Path(os.environ.get("KERTA_SCREENSHOTS", "test-artifacts/screenshots"))
SIZES = {"phone": (390, 844), "desktop": (1366, 900)}


def make_driver(size="desktop", javascript=True, language="id"):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={SIZES[size][0]},{SIZES[size][1]}",
                 f"--lang={language}", "--disable-gpu", "--hide-scrollbars"]:
        options.add_argument(flag)
    if size == "phone":
        # A phone's viewport (desktop windows cannot be narrower than about 500 px).
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2},
                                                            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36"})
    prefs = {"intl.accept_languages": language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    # The browser's console (script errors, failed loads, Content-Security-Policy violations) for console_errors().
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    driver.implicitly_wait(0)
    return driver


@pytest.fixture
def browser():
    drivers = []

    def open_browser(size="desktop", javascript=True, language="id"):
        driver = make_driver(size, javascript, language)
        drivers.append(driver)
        return driver

    yield open_browser
    for driver in drivers:
        driver.quit()


def shot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def api(path, token=None, data=None):
    request = urllib.request.Request(BASE + path, data=json.dumps(data).encode() if data is not None else None,
                                     headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
                                     method="POST" if data is not None else "GET")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def token(email):
    return api("/api/v1/auth/token", data={"email": email, "password": "kerta-demo"})["token"]


def console_errors(driver):
    """The browser console's errors since the last call: a script that failed, a file that did not load
    (404 of a script or style), a Content-Security-Policy violation. Reading the log empties it."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
