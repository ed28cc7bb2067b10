"""One table from several articles (mapgen extract A B ..., --list, build --from-articles), on
short articles written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from mapgen.read.reading_list import dateline

FIRST = ("Cars were set on fire outside the prison in Valence on Monday night, around 1am. "
         "Investigators counted 15 bullet impacts on the gate of the prison in Toulon.")
SECOND = ("Dans la nuit du lundi 14 au mardi 15 avril, des voitures ont été incendiées devant la prison de Valence, vers 00h40.\n"
          "Le portail de la prison de Toulon porte sept impacts de balles.")
THIRD = "Mardi 8 avril, des voitures ont été incendiées devant la prison de Valence."


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "third.txt").write_text(THIRD, encoding="utf-8")
    (tmp_path / "reading.csv").write_text(
        "path,published,source,url\n"
        "first.txt,2025-04-15,Daily One,https://one.example/a\n"
        "second.txt,2025-04-15,Le Second,https://second.example/b\n"
        "third.txt,2025-04-10,Le Troisième,https://third.example/c\n", encoding="utf-8")
    return tmp_path


def drafted(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_a_reading_list_gives_one_row_per_incident_with_every_source(run, articles):
    output = articles / "draft.csv"
    result = run("extract", "--list", articles / "reading.csv", "-o", output)
    assert result.exit_code == 0, result.output
    assert "from 3 article(s)" in result.output and "2 reported by two or more" in result.output
    table = drafted(output)
    valence = table[table["place"].str.startswith("Valence") & (table["date"] == "2025-04-14")]
    assert len(valence) == 1
    row = valence.iloc[0]
    assert row["source"] == "Daily One | Le Second"
    assert row["source_url"] == "https://one.example/a | https://second.example/b"
    assert (row["date"], row["date_end"]) == ("2025-04-14", "2025-04-15")  # the narrowest span both allow
    assert "time: 01:00 (Daily One) vs 00:40 (Le Second)" in row["note"]
    assert row["evidence"].startswith("Daily One: ") and " | Le Second: " in row["evidence"]


def test_reports_that_disagree_on_a_count_say_so(run, articles):
    output = articles / "draft.csv"
    assert run("extract", "--list", articles / "reading.csv", "-o", output).exit_code == 0
    toulon = drafted(output)[lambda t: t["place"].str.startswith("Toulon")]
    assert len(toulon) == 1 and "impacts: 15 (Daily One) vs 7 (Le Second)" in toulon.iloc[0]["note"]


def test_the_same_place_on_other_days_is_another_incident(run, articles):
    output = articles / "draft.csv"
    assert run("extract", "--list", articles / "reading.csv", "-o", output).exit_code == 0
    valence = drafted(output)[lambda t: t["place"].str.startswith("Valence")]
    assert sorted(valence["date"]) == ["2025-04-08", "2025-04-14"]


def test_articles_on_the_command_line_take_their_day_from_the_page(run, tmp_path):
    (tmp_path / "a.html").write_text(
        '<html><head><meta property="article:published_time" content="2025-04-15T10:53:00+02:00"></head>'
        f"<body><p>{FIRST}</p></body></html>", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-04-15"}</script></head>'
        f"<body><p>{SECOND}</p></body></html>", encoding="utf-8")
    result = run("extract", tmp_path / "a.html", tmp_path / "b.html", "-o", tmp_path / "draft.csv")
    assert result.exit_code == 0, result.output
    assert "from 2 article(s)" in result.output
    valence = drafted(tmp_path / "draft.csv")[lambda t: t["place"].str.startswith("Valence")]
    assert len(valence) == 1 and valence.iloc[0]["source"] == "a.html | b.html"


def test_a_dateline_gives_the_day():
    assert str(dateline("Mis à jour le 15/04/2025 à 19:27 Publié le 15/04/2025 à 10:53\nLe centre...")) == "2025-04-15"
    assert str(dateline("Published 16 April 2025\nCars were...")) == "2025-04-16"
    assert dateline("Cars were set on fire on 16 April 2025.") is None  # a date in the story is not the dateline


def test_an_article_with_no_day_anywhere_is_named(run, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    result = run("extract", tmp_path / "a.txt", "-o", tmp_path / "draft.csv")
    assert result.exit_code == 2 and "a.txt" in result.output and "--published" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "draft.csv").exists()


def test_a_wrong_line_of_a_reading_list_is_named(run, articles):
    (articles / "bad.csv").write_text("path,published,source,url\nfirst.txt,15/04/2025,A,\nmissing.txt,,B,\n", encoding="utf-8")
    result = run("extract", "--list", articles / "bad.csv", "-o", articles / "draft.csv")
    assert result.exit_code == 2
    assert "line 2" in result.output and "YYYY-MM-DD" in result.output and "line 3" in result.output and "missing.txt" in result.output


def test_build_drafts_merges_and_maps_a_reading_list(run, articles):
    output = articles / "map.html"
    result = run("build", articles / "reading.csv", "--from-articles", "-o", output)
    assert result.exit_code == 0, result.output
    assert output.is_file() and (articles / "map.draft.csv").is_file()
    assert "from 3 article(s)" in result.output
