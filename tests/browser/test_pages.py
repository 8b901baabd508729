"""The HTML report and the batch dashboard in a real browser: no console error, the text is
there, the filters work, A4 printing, a phone-width layout, and screenshots that still look like
the ones in docs/ (``UPDATE_SCREENSHOTS=1`` rewrites those)."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest

from ruleset.batch import run_batch
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.model import Report, Status
from ruleset.reporters import render
from ruleset.rules.ruleset import RuleSet
from tests.browser.conftest import VIEWPORT, open_page, set_viewport
from tests.conftest import EXAMPLES_DIR, ROOT, RULES_DIR
from tests.reporters.html_checks import IMAGE, SCRIPT, write_batch_inputs

DOCS = ROOT / "docs"
DAK_HA = "examples/kontum-ubnd-huyen-dak-ha-2021q4.yaml"
DASHBOARD_VIEWPORT = (1200, 1500)


@pytest.fixture(scope="module")
def report_page(rule_set: RuleSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cwd = os.getcwd()
    os.chdir(ROOT)  # the report names the submission by the path it was given
    try:
        report = check_submission(rule_set, load_submission(DAK_HA, rule_set))
    finally:
        os.chdir(cwd)
    page = tmp_path_factory.mktemp("report") / "bao-cao.html"
    page.write_text(render(report, "html", "vi"), encoding="utf-8")
    return page


def _batch(root: Path, hostile: bool) -> Path:
    write_batch_inputs(root / "nop", hostile=hostile)
    cwd = os.getcwd()
    os.chdir(root)  # relative paths, as an officer would type them
    try:
        run_batch(
            ["nop"], str(RULES_DIR), out_dir="out", summary_format="html", report_format="html"
        )
    finally:
        os.chdir(cwd)
    return root / "out" / "summary.html"


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _batch(tmp_path_factory.mktemp("batch"), hostile=False)


@pytest.fixture(scope="module")
def examples(rule_set: RuleSet) -> list[Report]:
    return [
        check_submission(rule_set, load_submission(str(path), rule_set))
        for path in sorted(EXAMPLES_DIR.iterdir())
    ]


def _problems(log: list[dict[str, Any]]) -> list[str]:
    return [entry["message"] for entry in log if entry["level"] in ("SEVERE", "WARNING")]


def _coarse(png: bytes) -> bytes:
    """The picture as 10 × 14 grey blocks (each the mean of its area): the layout, not the pixels."""
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("L").resize((10, 14), Image.BOX).tobytes()


def _compare_with_docs(png: bytes, name: str, size: tuple[int, int]) -> None:
    """Right size, not blank, coloured, and laid out like docs/NAME within a loose tolerance
    (an unstyled page is about 8 grey levels away on average, this page about 1)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == size
    data = image.tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    assert sum(1 for p in pixels if min(p) < 235) > 0.05 * len(pixels)  # not blank
    assert sum(1 for p in pixels if max(p) - min(p) > 80) > 0.005 * len(pixels)  # status colours
    stored = DOCS / name
    if os.environ.get("UPDATE_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        small = image.resize((size[0] * 3 // 5, size[1] * 3 // 5), Image.LANCZOS)
        small.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(stored, optimize=True)
    assert stored.exists(), f"no {stored}; run with UPDATE_SCREENSHOTS=1"
    ours, theirs = _coarse(png), _coarse(stored.read_bytes())
    distance = sum(abs(a - b) for a, b in zip(ours, theirs, strict=True)) / len(ours)
    assert distance < 4, f"{name} looks different from docs/{name} ({distance:.1f} grey levels)"


def _visible_rows(browser: Any, table: str) -> int:
    from selenium.webdriver.common.by import By

    rows = browser.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")
    return sum(1 for row in rows if row.is_displayed())


def test_report_renders_its_text_without_console_errors(browser: Any, report_page: Path) -> None:
    from selenium.webdriver.common.by import By

    set_viewport(browser, *VIEWPORT)
    assert _problems(open_page(browser, report_page)) == []
    assert browser.find_element(By.TAG_NAME, "h1").text == "Báo cáo rà soát tự đánh giá"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Ủy ban nhân dân huyện Đăk Hà" in body and "19.2/100" in body
    assert f"{DAK_HA}:42:19" in body and "Tuyệt đối không tham gia bình luận" in body
    badges = browser.find_elements(By.CSS_SELECTOR, "article .badge")
    assert [b.text for b in badges][:2] == ["✗ Không đạt", "? Khai báo nhưng thiếu minh chứng"]
    colour = badges[0].value_of_css_property("color")
    assert colour in ("rgba(166, 27, 16, 1)", "rgb(166, 27, 16)")  # "not met" is red
    _compare_with_docs(browser.get_screenshot_as_png(), "report.png", VIEWPORT)


def test_report_prints_on_a4_pages(browser: Any, report_page: Path) -> None:
    open_page(browser, report_page)
    pdf = base64.b64decode(
        browser.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
        )["data"]
    )
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert len(boxes) >= 2  # several pages
    for width, height in boxes:  # A4 is 595.3 × 841.9 points
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2


@pytest.mark.parametrize("page", ["report", "dashboard"])
def test_a_phone_needs_no_sideways_scrolling(
    browser: Any, report_page: Path, dashboard: Path, page: str
) -> None:
    set_viewport(browser, 390, 844, mobile=True)
    try:
        assert _problems(open_page(browser, report_page if page == "report" else dashboard)) == []
        widths = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert widths[0] <= widths[1]
    finally:
        set_viewport(browser, *VIEWPORT)


def test_dashboard_renders_without_console_errors(
    browser: Any, dashboard: Path, examples: list[Report]
) -> None:
    from selenium.webdriver.common.by import By

    set_viewport(browser, *DASHBOARD_VIEWPORT)
    assert _problems(open_page(browser, dashboard)) == []
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tổng hợp rà soát tự đánh giá"
    assert browser.find_element(By.ID, "filters").is_displayed()  # the script ran
    assert _visible_rows(browser, "ranking-table") == len(examples)
    assert _visible_rows(browser, "matrix-table") == len(examples)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "hong.yaml:2:1" in body  # the unreadable file, with its reason
    assert len(browser.find_elements(By.CSS_SELECTOR, "#by_obligation svg rect")) > 10
    _compare_with_docs(browser.get_screenshot_as_png(), "dashboard.png", DASHBOARD_VIEWPORT)


def test_dashboard_filters_by_province_status_and_name(
    browser: Any, dashboard: Path, examples: list[Report]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, dashboard)
    province = Select(browser.find_element(By.ID, "f-province"))
    status = Select(browser.find_element(By.ID, "f-status"))
    query = browser.find_element(By.ID, "f-query")
    shown = browser.find_element(By.CSS_SELECTOR, "output.shown")

    def expect(count: int) -> None:
        assert _visible_rows(browser, "ranking-table") == count
        assert _visible_rows(browser, "matrix-table") == count
        assert shown.text == str(count)

    province.select_by_value("kon-tum")
    expect(sum(r.agency.province == "kon-tum" for r in examples))
    province.select_by_value("")
    status.select_by_value("missing")
    with_missing = sum(r.counts()[Status.MISSING] > 0 for r in examples)
    assert 0 < with_missing < len(examples)
    expect(with_missing)
    other = browser.find_element(By.CSS_SELECTOR, "#matrix-table td.c:not(.st-missing)")
    assert float(other.value_of_css_property("opacity")) < 0.5  # other statuses dimmed
    status.select_by_value("")
    query.send_keys("dak ha")  # no diacritics, any case
    expect(1)
    query.clear()
    query.send_keys("HỘI NHÀ BÁO")
    expect(sum("Hội Nhà báo" in r.agency.name for r in examples))
    province.select_by_value("national")
    expect(1)
    query.clear()
    province.select_by_value("")
    expect(len(examples))


def test_a_dashboard_link_opens_the_agencys_report(browser: Any, dashboard: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, dashboard)
    browser.find_element(By.LINK_TEXT, "Ủy ban nhân dân huyện Đăk Hà").click()
    assert browser.current_url.endswith("kontum-ubnd-huyen-dak-ha-2021q4.yaml.html")
    assert "19.2/100" in browser.find_element(By.TAG_NAME, "body").text


def test_markup_in_submissions_runs_nothing(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    summary = _batch(tmp_path_factory.mktemp("hostile"), hostile=True)
    report = next((summary.parent / "c").glob("*.html"))
    for page in (summary, report):
        assert _problems(open_page(browser, page)) == []
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.accept()
        assert browser.find_elements(By.TAG_NAME, "img") == []
        body = browser.find_element(By.TAG_NAME, "body").text
        assert f"{SCRIPT} Ủy ban {IMAGE}" in body
