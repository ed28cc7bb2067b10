"""The rooms of mapgen import one way: read -> place -> draw -> write, util and errors for all."""

from __future__ import annotations

import ast

import pytest

from tests.helpers import ROOT

ORDER = ["util", "read", "place", "draw", "write"]  # errors and defaults: for every room


def imported_rooms(path) -> set[str]:
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if node.level == 2 or (node.level == 0 and parts[0] == "mapgen" and len(parts) > 1):
                rooms.add(parts[0] if node.level == 2 else parts[1])
    return rooms


@pytest.mark.parametrize("room", ORDER)
def test_no_room_imports_a_room_further_along(room):
    later = set(ORDER[ORDER.index(room) + 1:]) | {"pipeline", "cli"}
    for path in (ROOT / "mapgen" / room).rglob("*.py"):
        assert not imported_rooms(path) & later, f"{path.relative_to(ROOT)} imports {imported_rooms(path) & later}"
