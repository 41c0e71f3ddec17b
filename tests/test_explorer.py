"""The explorer page in headless Chromium: loads cleanly, search finds a person, a click shows roles with sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkrgraph.export.html import explorer_data, write_explorer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def test_explorer_data_has_quotes(sample_kg):
    data = explorer_data(sample_kg.graph)
    per = next(n for n in data["nodes"] if n["label"] == "Per Bach-Laursen")
    roles = per["facts"]["roles"]
    assert {r["text"] for r in roles} == {"formand, Business Region North Denmark"}
    assert all("Per Bach-Laursen" in r["quote"] and r["source"].endswith(".txt") for r in roles)


def test_page_is_self_contained(sample_kg, tmp_path):
    page = write_explorer(sample_kg.graph, tmp_path).read_text("utf-8")
    assert "/*GRAPH_JSON*/" not in page and "/*EXPLORER_JS*/" not in page
    for remote in ("http://", "https://"):  # IRIs live inside the JSON data only, never as a src/href
        assert f'src="{remote}' not in page and f'href="{remote}' not in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)")
def test_explorer_in_headless_chromium(sample_kg, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    page_file = write_explorer(sample_kg.graph, tmp_path / "site")
    problems, requests = [], []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            assert page.evaluate("window.kkrExplorer.nodeCount") > 100
            page.fill("#search", "bach-laur")
            hit = page.locator("#results li", has_text="Per Bach-Laursen")
            assert hit.count() == 1
            hit.click()
            assert page.inner_text("#details h2") == "Per Bach-Laursen"
            roles = page.locator("#details section[data-group=roles]")
            assert "formand, Business Region North Denmark" in roles.inner_text()
            quote = roles.locator(".quote").first.inner_text()
            assert "Formand for BRN (Business Region North Denmark), Per Bach-Laursen" in quote
            assert "KKR Nordjylland 24-11-2023" in page.locator("#details section[data-group=meetings]").inner_text()
            shot = tmp_path / "explorer.png"
            page.screenshot(path=str(shot))
        finally:
            browser.close()
    assert problems == []
    assert all(url.startswith("file://") for url in requests), requests
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
