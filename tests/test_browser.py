"""The map in real headless Chromium (Debian's package), with every non-file request blocked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TILE_HOSTS = ("tile.openstreetmap.org",)


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#mapgen-list .mapgen-row", "rows => rows.map(r => r.dataset.id)")


def marker_count(page, category: str) -> int:
    """Markers and clustered markers of a category drawn on the map now."""
    return page.evaluate(
        """key => {
            let n = document.querySelectorAll('.mapgen-marker.mapgen-cat-' + key).length;
            document.querySelectorAll('.mapgen-cluster.mapgen-cat-' + key).forEach(c => n += +c.textContent);
            return n;
        }""",
        category,
    )


def test_offline_page_shows_markers_and_legend_without_errors(seed_map, open_map, tmp_path):
    opened = open_map(seed_map)
    page = opened.page
    assert page.is_visible("#mapgen-legend")
    legend = page.inner_text("#mapgen-legend")
    assert "Arson" in legend and "Shooting" in legend
    counts = page.eval_on_selector_all(".mapgen-legend-count", "nodes => nodes.map(n => n.textContent)")
    assert counts == ["5", "1"]
    assert marker_count(page, "arson") == 5 and marker_count(page, "shooting") == 1
    assert opened.errors == []
    assert all(any(host in url for host in TILE_HOSTS) for url in opened.blocked), opened.blocked
    page.screenshot(path=str(tmp_path / "desktop.png"))


def test_unticking_a_category_hides_its_markers_and_rows(seed_map, open_map):
    page = open_map(seed_map).page
    assert len(visible_rows(page)) == 6
    page.uncheck("input[data-category=arson]")
    assert marker_count(page, "arson") == 0
    assert marker_count(page, "shooting") == 1
    assert visible_rows(page) == ["toulon-2025-04-15"]
    page.check("input[data-category=arson]")
    assert marker_count(page, "arson") == 5


def test_time_filter_hides_incidents_outside_the_range(seed_map, open_map):
    page = open_map(seed_map).page
    last_day = page.get_attribute("#mapgen-time-to", "max")
    page.eval_on_selector("#mapgen-time-from", "(input, day) => { input.value = day; input.dispatchEvent(new Event('input')); }", last_day)
    # 16 April: Tarascon, and the two overnight incidents of 15 to 16 April.
    assert sorted(visible_rows(page)) == ["aix-luynes-union-home-2025-04-15", "tarascon-2025-04-16", "villenoy-2025-04-15"]
    assert page.inner_text("#mapgen-time-label") == "16 April 2025"
    assert marker_count(page, "shooting") == 0


def test_clicking_a_marker_opens_its_popup(seed_map, open_map):
    page = open_map(seed_map).page
    page.click(".mapgen-marker.mapgen-cat-shooting")
    popup = page.inner_text(".leaflet-popup-content")
    assert "Toulon-La Farlède prison" in popup
    assert "15 April 2025, 00:40" in popup
    assert "approximate: town centre" in popup
    assert "Toulon prosecutor via Le Figaro" in popup


def test_clicking_a_row_in_the_list_opens_the_right_popup(seed_map, open_map):
    opened = open_map(seed_map)
    page = opened.page
    page.click("#mapgen-list .mapgen-row[data-id='nanterre-2025-04-14']")
    page.wait_for_selector(".leaflet-popup-content")
    popup = page.inner_text(".leaflet-popup-content")
    assert "Nanterre prison" in popup and "exact position" in popup
    assert "over the span" in popup  # the night of 14 to 15 April is not a false exact day
    assert opened.errors == []


def test_phone_view_folds_the_list_behind_a_button(seed_map, open_map, tmp_path):
    page = open_map(seed_map, width=375, height=740).page
    assert not page.is_visible("#mapgen-panel")
    assert page.is_visible("#mapgen-panel-open") and page.is_visible("#mapgen-legend")
    page.screenshot(path=str(tmp_path / "phone.png"))
    page.click("#mapgen-panel-open")
    assert page.is_visible("#mapgen-panel")
    page.click("#mapgen-list .mapgen-row[data-id='tarascon-2025-04-16']")
    page.wait_for_selector(".leaflet-popup-content")
    assert "Tarascon prison" in page.inner_text(".leaflet-popup-content")
