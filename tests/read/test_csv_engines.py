"""A regular CSV goes through Arrow's reader, anything else through pandas' parser and the csv
module: whichever reads it, the cells, their row numbers and the notes are the same."""

from __future__ import annotations

import pytest

from mapgen.errors import InputError
from mapgen.read import files

HEADER = "date,category,place,description\n"
TABLES = {
    "plain": HEADER + "2025-04-14,arson,Agen,two cars burnt\n2025-04-15,shooting,Toulon,shots at the gate\n",
    "quoted comma and quote": HEADER + '2025-04-14,arson,"Agen, Lot-et-Garonne","a ""molotov"" thrown"\n',
    "line break in a cell": HEADER + '2025-04-14,arson,Agen,"first line\nsecond line"\n2025-04-15,arson,Nîmes,x\n',
    "semicolons": HEADER.replace(",", ";") + "14/04/2025;incendie;Agen;voiture brûlée\n",
    "tabs": HEADER.replace(",", "\t") + "2025-04-14\tarson\tAgen\tx\n",
    "blank line inside": HEADER + "2025-04-14,arson,Agen,x\n\n2025-04-15,arson,Nîmes,y\n",
    "empty cells": HEADER + "2025-04-14,,Agen,\n,,,\n2025-04-15,arson,Nîmes,y\n",
    "ragged row": HEADER + "2025-04-14,arson,Agen,x,extra\n2025-04-15,arson,Nîmes,y\n",
    "short row": HEADER + "2025-04-14,arson,Agen\n2025-04-15,arson,Nîmes,y\n",
    "repeated name": "date,place,place\n2025-04-14,Agen,Nîmes\n",
    "blank name": "date,,place\n2025-04-14,x,Agen\n",
    "no final line break": HEADER + "2025-04-14,arson,Agen,x",
    "windows line ends": HEADER.replace("\n", "\r\n") + "2025-04-14,arson,Agen,x\r\n",
    "padded cells": HEADER + " 2025-04-14 , arson ,  Agen ,x \n",
    "note below": HEADER + "2025-04-14,arson,Agen,x\nSource: our own count,,,\n",
}


def _read(path, arrow: bool, monkeypatch):
    with monkeypatch.context() as patch:
        if not arrow:
            patch.setattr(files, "_arrow_frame", lambda text, delimiter: None)
        try:
            cells = files.read_cells(path)
        except InputError as error:
            return "refused", str(error)
    return cells.frame.to_dict("list"), cells.numbers, cells.notes, cells.unit


@pytest.mark.parametrize("name", TABLES)
def test_both_readers_give_the_same_cells(name, tmp_path, monkeypatch):
    path = tmp_path / "incidents.csv"
    path.write_text(TABLES[name], encoding="utf-8")
    assert _read(path, True, monkeypatch) == _read(path, False, monkeypatch)


def test_a_regular_table_is_read_by_arrow_and_an_irregular_one_is_not():
    assert files._arrow_frame(TABLES["line break in a cell"], ",")["description"].tolist() == ["first line\nsecond line", "x"]
    assert files._arrow_frame(TABLES["blank line inside"], ",")["place"].tolist() == ["Agen", "", "Nîmes"]  # set aside later
    for name in ("ragged row", "short row", "repeated name", "blank name"):
        assert files._arrow_frame(TABLES[name], ",") is None, name
