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
