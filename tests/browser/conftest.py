"""A real browser for the HTML tests: Debian's headless Chromium driven by Selenium, with the
driver named explicitly so Selenium Manager never downloads anything.

Without a browser the tests skip, loudly; with ``CI=true`` they fail instead, so a CI that lost
its browser cannot pass by skipping them (``.ci/run`` installs chromium and chromium-driver).
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("RULESET_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("RULESET_CHROMEDRIVER", "/usr/bin/chromedriver")
VIEWPORT = (1000, 1400)


def _missing() -> str | None:
    for module in ("selenium", "PIL"):
        if importlib.util.find_spec(module) is None:
            return f"Python package {module!r} is missing: pip install -e '.[browser]'"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing: apt-get install chromium chromium-driver"
    return None


def _not_available(reason: str) -> None:
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{message} (CI=true requires them)", pytrace=False)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        _not_available(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI containers run as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--disable-extensions",
        "--no-first-run",
        f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chromium = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield chromium
    finally:
        chromium.quit()


def set_viewport(browser: Any, width: int, height: int, mobile: bool = False) -> None:
    """An exact viewport, whatever the window decorations: screenshots are width × height."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def open_page(browser: Any, path: os.PathLike[str] | str) -> list[dict[str, Any]]:
    """Load a local file; returns what the page wrote to the console while loading."""
    browser.get_log("browser")  # drop what earlier pages left
    browser.get(Path(path).resolve().as_uri())
    return [entry for entry in browser.get_log("browser") if entry["level"] != "DEBUG"]
