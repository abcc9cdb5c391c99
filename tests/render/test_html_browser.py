"""The review page in headless Chromium (Debian's chromium + chromium-driver, driven by Selenium):
clicking a claim highlights exactly its evidence span, and the corrections toggle hides and shows
the fixes. Saves a screenshot to tests/artifacts/review.png."""

import shutil
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.ingest import ingest
from pipeline.render import html
from pipeline.run import process

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver")
if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
    pytest.skip("Debian's chromium and chromium-driver are not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,900", f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"):
        opts.add_argument(flag)
    drv = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    doc = ingest(ROOT / "samples" / "beijing-internet3.txt")
    notes = process(doc, load_settings(config_path=None))
    out = tmp_path_factory.mktemp("page") / "review.html"
    out.write_text(html.render(notes, doc), encoding="utf-8")
    return notes, out


def test_click_claim_highlights_its_source_span(browser, page):
    from selenium.webdriver.common.by import By

    notes, path = page
    browser.get(path.as_uri())
    claim = notes.claims[len(notes.claims) // 2]
    rows = browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
    assert len(rows) == len(notes.claims)
    row = rows[len(notes.claims) // 2]
    browser.execute_script("arguments[0].scrollIntoView()", row)
    row.click()
    lit = browser.find_elements(By.CSS_SELECTOR, "#transcript .t.hl")
    assert lit
    starts = [int(e.get_attribute("data-s")) for e in lit]
    ends = [int(e.get_attribute("data-e")) for e in lit]
    assert min(starts) == claim.evidence.start and max(ends) == claim.evidence.end
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    browser.save_screenshot(str(artifacts / "review.png"))


def test_toggle_hides_and_shows_corrections(browser, page):
    from selenium.webdriver.common.by import By

    _, path = page
    browser.get(path.as_uri())
    ins = browser.find_elements(By.CSS_SELECTOR, "#transcript ins.edit")
    assert ins and ins[0].value_of_css_property("display") != "none"
    browser.find_element(By.ID, "toggle-edits").click()
    assert ins[0].value_of_css_property("display") == "none"
    browser.find_element(By.ID, "toggle-edits").click()
    assert ins[0].value_of_css_property("display") != "none"


def test_filter_claims_by_who(browser, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    notes, path = page
    browser.get(path.as_uri())
    Select(browser.find_element(By.ID, "filter-who")).select_by_value("speaker")
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr") if r.is_displayed()]
    assert len(shown) == sum(1 for c in notes.claims if c.attributed_to == "speaker" and not c.speaker)


def _lit(browser):
    from selenium.webdriver.common.by import By

    lit = browser.find_elements(By.CSS_SELECTOR, "#transcript .t.hl")
    assert lit
    return min(int(e.get_attribute("data-s")) for e in lit), max(int(e.get_attribute("data-e")) for e in lit)


def test_mind_map_tab_draws_a_node_per_section_and_clicks_highlight_their_spans(browser, page):
    from selenium.webdriver.common.by import By

    notes, path = page
    browser.get(path.as_uri())
    mindmap = browser.find_element(By.ID, "mindmap")
    assert not mindmap.is_displayed()
    browser.find_element(By.CSS_SELECTOR, '.tab[data-tab="mindmap"]').click()
    assert mindmap.is_displayed() and not browser.find_element(By.ID, "notes-list").is_displayed()
    nodes = browser.find_elements(By.CSS_SELECTOR, "#mindmap .mm-section")
    assert [n.text for n in nodes] == [f"{i + 1}. {s.title}" for i, s in enumerate(notes.outline.sections)]
    assert all(n.size["width"] > 20 and n.size["height"] > 10 for n in nodes)  # drawn, not collapsed
    xs = {n.location["x"] for n in nodes}
    assert len(xs) == 1  # one column of sections, right of the title
    root = browser.find_element(By.CSS_SELECTOR, "#mindmap .mm-root")
    assert root.location["x"] + root.size["width"] <= min(xs)
    segs = {s.index: s for s in notes.segments}
    k = len(nodes) // 2
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", nodes[k])
    nodes[k].click()
    seg = segs[notes.outline.sections[k].segment]
    assert _lit(browser) == (seg.start, seg.end)
    line = notes.outline.sections[k].summary
    summary = browser.find_elements(By.CSS_SELECTOR, "#mindmap .mm-summary")[k]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert _lit(browser) == (line.start, line.end)
    assert "picked" in summary.get_attribute("class")
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    browser.save_screenshot(str(artifacts / "mindmap.png"))
    browser.find_element(By.CSS_SELECTOR, '.tab[data-tab="notes-list"]').click()
    assert not mindmap.is_displayed() and browser.find_element(By.ID, "notes-list").is_displayed()
