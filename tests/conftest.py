"""Shared fixtures: a gazetteer index built once per run, the CLI run in-process, and a real
headless Chromium (Debian's package) that may load nothing but local files."""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from mapgen.draw import contract
from tests.helpers import CHROMIUM_ARGS, ROOT, SEED_INCIDENTS, SEED_PLACES, chromium_path

# Property tests: a few examples each under `make test`, many under `make fuzz` (HYPOTHESIS_PROFILE=fuzz).
settings.register_profile("test", max_examples=25)
settings.register_profile("fuzz", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "test"))


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory):
    """Every test shares one cache folder, so the gazetteer index is built at most once per run;
    the user's own cache is never written. An index the user's cache already holds for the same
    data and layout is linked in, read-only, instead of being built again (15 s)."""
    folder = Path(os.environ.get("MAPGEN_TEST_CACHE_DIR") or tmp_path_factory.mktemp("mapgen-cache"))
    _link_built_index(folder)
    os.environ["MAPGEN_CACHE_DIR"] = str(folder)
    os.environ.pop("MAPGEN_USER_AGENT", None)
    return folder


def _link_built_index(folder: Path) -> None:
    from mapgen.place.index import data_version
    from mapgen.util.paths import cache_dir

    name = f"gazetteer-{data_version()}.sqlite"
    built, target = cache_dir() / name, folder / name
    if built.is_file() and not target.exists():
        target.symlink_to(built)


@pytest.fixture(scope="session")
def gazetteer(cache_folder):
    from mapgen.place.gazetteer import OfflineGazetteer

    return OfflineGazetteer()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def run(monkeypatch):
    """Run the mapgen command in-process, as a user would type it, from the project folder."""
    from mapgen.cli import main

    def invoke(*args: str, cwd: Path = ROOT) -> Result:
        monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["mapgen", *map(str, args)])
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main()
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        return Result(code, out.getvalue(), err.getvalue())

    return invoke


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=CHROMIUM_ARGS,
        )
        yield instance
        instance.close()


@dataclass
class Page:
    page: object
    errors: list
    blocked: list


@pytest.fixture
def open_map(browser):
    """Open a built map with every non-file request blocked; collect page errors and blocked URLs."""
    pages = []

    def opener(path: Path, width: int = 1280, height: int = 800, *, expose: bool = False, before: str = "") -> Page:
        """expose: the page's state as contract.STATE, a hook that only tests turn on; before: a
        script run in the page before its own."""
        page = browser.new_page(viewport={"width": width, "height": height})
        if expose:
            page.add_init_script(contract.hook_script(contract.EXPOSE_HOOK))
        if before:
            page.add_init_script(before)
        errors, blocked = [], []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))

        def route(request_route):
            url = request_route.request.url
            if url.startswith(("file:", "data:", "about:")):
                request_route.continue_()
            else:
                blocked.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_selector(contract.READY_SELECTOR, timeout=30000)
        pages.append(page)
        return Page(page, errors, blocked)

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def seed_located(cache_folder):
    """The seed incidents, placed as `make map` places them."""
    import mapgen

    return mapgen.locate(mapgen.load_incidents(SEED_INCIDENTS), places=SEED_PLACES)


@pytest.fixture(scope="session")
def seed_map(tmp_path_factory, seed_located):
    """The seed map, built once through the library as `make map` builds it, but in English (`make
    map` gives French, the incidents being in France): the tests read its words."""
    import mapgen

    output = tmp_path_factory.mktemp("seed") / "map.html"
    html = mapgen.map_html(mapgen.render_map(seed_located, title="Attacks on French prisons, April 2025", lang="en"))
    output.write_text(html, encoding="utf-8")
    return output
