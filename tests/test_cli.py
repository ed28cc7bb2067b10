"""The command line as a user types it, mistakes included: run as a separate process from the
project's venv, with `click` made unimportable, as on a fresh clone where typer carries its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT

MISTYPED = [
    (["build", "--bogus-option"], "No such option: --bogus-option", "mapgen build --help"),
    (["no-such-command"], "No such command 'no-such-command'", "mapgen --help"),
    (["build", "a.csv", "b.csv"], "unexpected extra argument", "mapgen build --help"),
    (["build", "--tiles"], "'--tiles' requires an argument", "mapgen build --help"),
]


@pytest.fixture(scope="module")
def without_click(tmp_path_factory):
    """A folder that, first on PYTHONPATH, makes `import click` fail as in a fresh venv."""
    folder = tmp_path_factory.mktemp("no-click")
    (folder / "click.py").write_text("raise ModuleNotFoundError(\"No module named 'click'\", name='click')\n")
    return folder


def mapgen(arguments: list[str], pythonpath) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mapgen", *arguments], capture_output=True, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(pythonpath), "HOME": str(pythonpath)})


@pytest.mark.parametrize(("arguments", "message", "hint"), MISTYPED, ids=[" ".join(a) for a, _, _ in MISTYPED])
def test_a_mistyped_command_line_is_one_line_and_exit_2(arguments, message, hint, without_click):
    done = mapgen(arguments, without_click)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0] and f"Try '{hint}'" in lines[0]
    assert "Traceback" not in done.stderr


def test_a_suggested_command_ends_its_sentence_once(without_click):
    done = mapgen(["buidl"], without_click)
    assert done.returncode == 2
    assert done.stderr.strip() == "mapgen: error: No such command 'buidl'. Did you mean 'build'? Try 'mapgen --help'."


def test_open_with_no_browser_says_so(tmp_path, cache_folder):
    """No browser can start (the one BROWSER names does not exist, and there is no display): the
    map is written and the summary says it could not be opened, and how to open it."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BROWSER": str(tmp_path / "no-such-browser"),
                   "MAPGEN_CACHE_DIR": str(cache_folder)}
    done = subprocess.run([sys.executable, "-m", "mapgen", "build", "data/incidents.csv", "-o", str(tmp_path / "map.html"), "--open"],
                          capture_output=True, text=True, cwd=ROOT, env=environment)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "map.html").is_file()
    assert f"--open: no web browser could be started on this machine; open {tmp_path / 'map.html'} by hand" in done.stdout


def test_the_readmes_first_steps_run_as_written(run, tmp_path):
    """The README names the venv's mapgen, and its reading-list commands run on the list that ships."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/mapgen" in readme and "source .venv/bin/activate" in readme
    assert "mapgen extract --list seeds/reading.csv" in readme and "mapgen build seeds/reading.csv --from-articles" in readme
    drafted = run("extract", "--list", "seeds/reading.csv", "-o", tmp_path / "draft.csv")
    assert drafted.exit_code == 0, drafted.output
    assert "6 incident(s) from 1 article" in drafted.stdout
    built = run("build", "seeds/reading.csv", "--from-articles", "-o", tmp_path / "articles.html")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "articles.html").is_file() and (tmp_path / "articles.draft.csv").is_file()
