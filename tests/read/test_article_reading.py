"""How `mapgen extract` reads sentences, one test per class of failure seen on real articles,
on sentences written for these tests (the real articles stay in ../shared/articles)."""

from __future__ import annotations

from datetime import date

import pytest

from mapgen.read.articles import Extractor


@pytest.fixture(scope="module")
def read(gazetteer):
    extractor = Extractor(gazetteer)

    def draft(text: str, published: str):
        return extractor.extract(text, date.fromisoformat(published), source="test")

    return draft


def rows(draft) -> dict:
    return {row.place: row for row in draft.itertuples()}


# -- dates with month names, weekday-plus-day forms, relative days ---------------------------------

def test_a_night_written_with_its_dates_in_french(read):
    draft = read("Dans la nuit du lundi 14 au mardi 15 avril, des voitures ont été incendiées devant la prison de Valence.",
                 "2025-04-17")
    valence = rows(draft)["Valence prison"]
    assert (valence.date, valence.date_end, valence.category) == ("2025-04-14", "2025-04-15", "arson")


def test_a_night_written_with_its_dates_in_english(read):
    draft = read("In the night of April 13 to 14, cars were torched outside the prison in Avignon.", "2025-04-20")
    assert (rows(draft)["Avignon"].date, rows(draft)["Avignon"].date_end) == ("2025-04-13", "2025-04-14")


def test_a_day_with_its_month_wins_over_the_day_of_an_arrest(read):
    draft = read("A man was arrested on Friday after the fire at the depot in Rennes at 10.15pm on March 3.", "2025-03-14")
    rennes = rows(draft)["Rennes"]
    assert (rennes.date, rennes.time, rennes.category) == ("2025-03-03", "22:15", "arson")


def test_la_veille_is_the_day_before_the_day_just_spoken_of(read):
    draft = read("Le mardi 22 avril, une voiture a brûlé à Nîmes. La veille, un incendie avait touché un entrepôt à Arles.",
                 "2025-04-25")
    assert rows(draft)["Nîmes"].date == "2025-04-22"
    assert rows(draft)["Arles"].date == "2025-04-21"


def test_la_veille_in_a_comparison_is_not_a_date(read):
    draft = read("Le mardi 22 avril, plus calme qu'en comparaison à la veille, une voiture a brûlé à Nîmes.", "2025-04-25")
    assert rows(draft)["Nîmes"].date == "2025-04-22"


def test_last_week_and_a_month_alone(read):
    rodez = rows(read("La semaine dernière, des agriculteurs ont bloqué la rocade de Rodez.", "2025-04-23"))["Rodez"]
    dundee = rows(read("A mast in Dundee was set on fire in March.", "2025-04-23"))["Dundee"]
    assert (rodez.date, rodez.date_end, rodez.category) == ("2025-04-14", "2025-04-20", "blockade")
    assert (dundee.date, dundee.date_end, dundee.date_precision) == ("2025-03-01", "2025-03-31", "month")


def test_last_week_counts_from_the_publication_and_the_week_before_from_the_day_spoken_of(read):
    # published on Wednesday 23 April 2025; Saturday is the 19th, the week before it 7-13 April
    draft = rows(read("On Saturday a van was torched in Tilburg. Also last week in Breda, a mast was set on fire."
                      " The week before, shots were fired at a shop in Venlo.", "2025-04-23"))
    assert (draft["Tilburg"].date, draft["Tilburg"].date_end) == ("2025-04-19", "")
    assert (draft["Breda"].date, draft["Breda"].date_end) == ("2025-04-14", "2025-04-20")
    assert (draft["Venlo"].date, draft["Venlo"].date_end) == ("2025-04-07", "2025-04-13")


def test_yesterday_inside_a_quote_is_read_against_the_statement(read):
    draft = read('The mayor spoke to reporters on Monday. "Shots were fired yesterday in Toulouse," the mayor told reporters on Monday.',
                 "2025-04-17")
    assert rows(draft)["Toulouse"].date == "2025-04-13"  # the Sunday before that Monday, not the day before publication


# -- lists of places -------------------------------------------------------------------------------

def test_every_place_of_a_list_is_an_incident(read):
    draft = read("Prisons were also hit in Avignon and Marseille, Valence and Nîmes, Arles, Orange, and Nanterre.", "2025-04-15")
    assert set(rows(draft)) == {"Avignon", "Marseille", "Valence", "Nîmes", "Arles", "Orange", "Nanterre"}


def test_a_list_opening_a_sentence_and_a_misspelt_town_in_it(read):
    draft = read("Paris, Lilles, Amiens… plusieurs villes ont connu des violences dans la nuit de mercredi à jeudi.", "2023-06-29")
    places = rows(draft)
    assert {"Paris", "Lille", "Amiens"} <= set(places)
    assert "written 'Lilles'" in places["Lille"].note
    assert (places["Paris"].date, places["Paris"].date_end) == ("2023-06-28", "2023-06-29")


@pytest.mark.parametrize("text, places", [
    ("A substation near Sumner, Washington, was one of three sabotaged in east Pierce County on Monday night.",
     {"near Sumner", "near Pierce County"}),
    ("Lundi soir, l'antenne de Voiron était l'une des trois antennes incendiées en Isère, selon les gendarmes.",
     {"Voiron", "Isère"}),
])
def test_one_of_several_in_an_area_leaves_the_others_in_that_area(read, text, places):
    draft = read(text, "2025-03-12")
    assert set(rows(draft)) == places
    assert len({(row.date, row.date_end, row.category) for row in draft.itertuples()}) == 1


def test_a_county_the_lede_leaves_unnamed_is_the_one_named_after(read):
    draft = read("Thousands of homes in an Ohio county lost power after someone shot at a transformer station.\n\n"
                 "Crews worked through the weekend to restore power in Licking County, where the outage began at 9 p.m. Friday.",
                 "2025-03-10")
    [row] = list(draft.itertuples())
    assert (row.place, row.category, row.date) == ("Licking County", "shooting", "2025-03-07")


# -- relative places -------------------------------------------------------------------------------

def test_a_place_that_situates_another_is_not_an_incident(read):
    draft = read("Près de Lille, la mairie de Roubaix a été incendiée dans la nuit.", "2025-04-15")
    assert set(rows(draft)) == {"Roubaix"}


def test_near_a_town_alone_is_near_that_town(read):
    draft = read("Cars were set on fire north of Lyon on Monday.", "2025-04-15")
    assert set(rows(draft)) == {"near Lyon"}


def test_between_two_towns_is_their_midpoint_and_says_so(read):
    draft = read("Mardi 14 janvier, une opération escargot a eu lieu entre Agen et Marmande.", "2025-01-15")
    [row] = list(draft.itertuples())
    assert row.location_precision == "region" and "midpoint" in row.note
    assert 44.2 < row.latitude < 44.5 and 0.1 < row.longitude < 0.7


def test_the_masts_a_fire_hit_are_no_radio_station_and_their_towns_are_the_places(read):
    draft = read("Radio masts in Eindhoven and Nijmegen were set on fire on Monday night.", "2025-04-23")
    assert set(draft.place) == {"Eindhoven", "Nijmegen"}
    assert set(draft.category) == {"arson"}
    assert read("A radio station in Utrecht said a mast burnt on Monday.", "2025-04-23").empty  # the outlet's town is no place


def test_a_street_named_after_a_town_is_in_the_town_the_sentence_gives(read):
    draft = read("Mardi soir, deux voitures ont été incendiées rue de Toulouse, à Bordeaux.", "2025-04-23")
    assert list(draft.place) == ["rue de Toulouse, Bordeaux"]  # not Toulouse
    assert list(draft.note) == ["rue de Toulouse, in Bordeaux"]


@pytest.mark.parametrize("text, place", [
    ("Mardi soir, le péage de la sortie de la Ciotat a été incendié.", "La Ciotat"),
    ("Dans la nuit, des voitures ont brûlé au Havre.", "Le Havre"),
    ("Samedi, des magasins du Mans ont été pillés.", "Le Mans"),
])
def test_a_town_whose_name_starts_with_its_article_is_read_with_it(read, text, place):
    assert list(read(text, "2025-04-23").place) == [place]


def test_a_tower_is_not_a_village_of_that_name(read):
    draft = read("Dimanche, une antenne a brûlé sur le site de la Tour sans Venin, à Seyssinet-Pariset.", "2025-04-23")
    assert "La Tour" not in set(draft.place)


def test_gone_up_in_smoke_and_turning_on_passing_cars_are_acts(read):
    smoke = read("Mercredi soir, des parcs automobiles à Ducos sont aussi partis en fumée.", "2025-04-23")
    assert list(zip(smoke.place, smoke.category)) == [("Ducos", "arson")]
    cars = read("Dimanche, des émeutiers ont commencé à s'en prendre aux véhicules à Schaerbeek.", "2025-04-23")
    assert list(cars.place) == ["Schaerbeek"]


def test_the_day_help_was_called_to_the_place_dates_its_row(read):
    draft = rows(read("Police are investigating an arson attack at a church in Lewes. Firefighters were called to the church"
                      " late on Saturday. The front door was burnt.", "2025-10-06"))
    assert (draft["Lewes"].date, draft["Lewes"].category) == ("2025-10-04", "arson")


def test_a_fatal_attack_is_a_killing_not_the_act_the_article_is_about(read):
    draft = read("Police are investigating an arson attack at a mosque in Lewes, days after a fatal attack on a church in Leeds.",
                 "2025-10-06")
    assert rows(draft)["Leeds"].category == "killing"
    assert rows(draft)["Lewes"].category == "arson"


def test_a_town_named_in_the_possessive_is_the_town(read):
    draft = read("Police said two cars were burnt near Uppsala on Sunday. The cars were burnt in Uppsala's south on Sunday night.",
                 "2025-03-10")
    assert list(draft.place) == ["Uppsala"]  # one row: "near Uppsala" and Uppsala's south are one fire


def test_a_street_after_a_borough_of_a_city_is_in_the_borough_and_the_fire_service_is_no_place(read):
    draft = read("La série d'incendies de véhicules à Montréal s'est poursuivie mercredi soir. Vers 23 h mercredi, cinq voitures"
                 " stationnées dans l'arrondissement de Saint-Laurent, dans le nord-ouest de Montréal, ont été ravagées par le feu."
                 " Les pompiers du Service de sécurité incendie de Montréal sont intervenus sur le boulevard Marcel-Laurin.", "2023-04-27")
    [row] = list(draft.itertuples())  # the series in Montréal is summed up by its incident in the borough
    assert (row.place, row.category, row.date) == ("boulevard Marcel-Laurin, Saint-Laurent", "arson", "2023-04-26")
    assert "in Saint-Laurent" in row.note


def test_places_of_a_shared_act_share_its_day(read):
    draft = read("L'usine de textile à Vénissieux, et l'entrepôt de béton à Villeurbanne, ont brûlé dans la nuit de lundi à mardi.",
                 "2025-03-12")
    assert sorted((row.place, row.date, row.date_end) for row in draft.itertuples()) == [
        ("Villeurbanne", "2025-03-10", "2025-03-11"), ("Vénissieux", "2025-03-10", "2025-03-11")]


def test_a_series_told_town_by_town_gives_each_town_its_night(read):
    draft = read("La PJ de Lyon enquête sur une série de braquages de distributeurs à l'explosif. Vendredi, des charges explosives"
                 " ont endommagé une agence de Vienne. Et dans la nuit de dimanche à lundi, trois attaques ont eu lieu à Ecully,"
                 " à Veauche, dans la Loire, et à Trévoux dans l'Ain. Dans la Loire, les auteurs sont repartis bredouilles.",
                 "2013-03-26")
    # the investigators' city is no place of the series, a bank's branch ("une agence de Vienne") is in its town,
    # "trois attaques" are acts, the night that opens the sentence is each town's, and "la Loire" is the department
    assert sorted((row.place, row.category, row.date, row.date_end) for row in draft.itertuples()) == [
        ("Ecully", "explosion", "2013-03-24", "2013-03-25"), ("Trévoux", "explosion", "2013-03-24", "2013-03-25"),
        ("Veauche", "explosion", "2013-03-24", "2013-03-25"), ("Vienne", "explosion", "2013-03-22", "")]


def test_a_strike_at_sites_listed_with_their_departments_is_a_row_at_each(read):
    draft = read("Les raffineries à Grandpuits (Seine-et-Marne), Feyzin (Rhône) et Donges sont en grève jeudi.", "2019-12-05")
    assert sorted((row.place, row.category, row.date) for row in draft.itertuples()) == [
        ("Donges", "blockade", "2019-12-05"), ("Feyzin", "blockade", "2019-12-05")]  # Grandpuits is not in the gazetteer
    dockers = read("Dockers went on strike at the port of Antwerp on Monday.", "2019-12-05")
    assert list(zip(dockers.place, dockers.category)) == [("Antwerp", "blockade")]


def test_a_village_unknown_in_its_county_is_the_county_not_the_county_town(read):
    draft = read("After an arson attack at a centre in Rosscahill, Co. Galway, on Saturday night, ministers spoke out. Since"
                 " November 23 there have been four suspected arson attacks, in Dublin, Galway and Wexford.", "2023-12-19")
    night = [row for row in draft.itertuples() if row.date == "2023-12-16"]
    assert [row.place for row in night] == ["County Galway"]  # Rosscahill is not in the gazetteer; Galway city is 18 km off
    assert "Galway" in set(draft.place)  # the month's summary keeps its own rows


def test_burning_roadblocks_are_roadblocks_and_a_fire_with_looters_is_a_riot(read):
    draft = rows(read("Dans la nuit, des barrages incendiés bloquaient les routes à Sainte-Rose. Plus tard, un feu gigantesque était"
                      " signalé au centre-ville de Pointe-à-Pitre ainsi que des bandes de pillards.", "2021-11-19"))
    assert (draft["Sainte-Rose"].category, draft["Pointe-à-Pitre"].category) == ("blockade", "riot")


def test_a_quarter_named_after_a_day_does_not_date_the_incident(read):
    [row] = list(read("Samedi soir, des pneus ont été incendiés dans le quartier du 5 décembre, au Kram.", "2021-01-16").itertuples())
    assert (row.place, row.date, row.country) == ("quartier du 5 décembre, Le Kram", "2021-01-16", "TN")


def test_washington_dc_is_the_city_and_a_later_sentence_gives_the_day_this_week_left_loose(read):
    draft = read("A pregnancy center in Washington, D.C., was vandalized with red paint this week. Photos of the June 3 vandalism"
                 " show the door. The Archdiocese of Seattle said the same words were found elsewhere.", "2022-06-06")
    [row] = list(draft.itertuples())  # the archdiocese's city is no place of an incident
    assert (row.place, row.date) == ("Washington, D.C.", "2022-06-03")


def test_this_week_in_a_monday_paper_reaches_back_over_the_weekend(read):
    [row] = list(read("Shots were fired at a bar in Leeds this week.", "2022-06-06").itertuples())  # a Monday
    assert (row.date, row.date_end) == ("2022-05-31", "2022-06-06")
    [row] = list(read("Shots were fired at a bar in Leeds this week.", "2022-06-09").itertuples())  # a Thursday
    assert (row.date, row.date_end) == ("2022-06-06", "2022-06-09")


def test_a_building_named_after_its_town_is_in_that_town(read):
    draft = read("Vandals sprayed graffiti on a home in Bondi, Sydney, on Saturday. An hour later police were told the Newtown Synagogue on"
                 " Georgina St had also been vandalised.", "2025-01-11")
    assert len(draft) == 2 and "Bondi" in set(draft.place)
    assert any("Newtown" in place for place in draft.place) and set(draft.country) == {"AU"}


def test_each_place_of_a_list_takes_the_act_its_own_clause_tells(read):
    draft = rows(read("Trouble flared in Zwolle, Gouda, where several cars were set on fire, and Haarlem, where police were"
                      " attacked with stones, on Monday night.", "2021-01-26"))
    assert (draft["Gouda"].category, draft["Haarlem"].category) == ("arson", "riot")


@pytest.mark.parametrize("text, first, last", [
    ("Entre le 5 et le 13 mai, deux antennes ont été incendiées à Toulouse.", "2020-05-05", "2020-05-13"),
    ("Between May 5 and May 13, two masts were set on fire in Leeds.", "2020-05-05", "2020-05-13"),
    ("Du 28 au 30 décembre, des voitures ont brûlé à Lyon.", "2019-12-28", "2019-12-30"),
    ("Dans la nuit du 21 au 22 mai, un bancomat a explosé à Lausanne.", "2020-05-21", "2020-05-22"),
])
def test_two_days_sharing_a_month_are_the_span_between_them(read, text, first, last):
    [row] = list(read(text, "2020-06-19").itertuples())
    assert (row.date, row.date_end) == (first, last)


@pytest.mark.parametrize("text, category", [
    ("Samedi, le feu a détruit un hangar à Niort.", "arson"),
    ("Samedi soir, des inconnus ont ouvert le feu sur une voiture à Niort.", "shooting"),
])
def test_le_feu_is_a_fire_but_ouvrir_le_feu_is_a_shooting(read, text, category):
    assert list(read(text, "2025-03-10").category) == [category]


def test_tyres_set_alight_are_a_riot_and_a_lagoon_is_not_the_town_it_is_named_after(read):
    draft = read("Vendredi soir, des jeunes ont incendié des pneus pour fermer la route à Menzel Bourguiba.", "2021-01-16")
    assert list(zip(draft.place, draft.category)) == [("Menzel Bourguiba", "riot")]
    lagoon = read("Samedi, une raffinerie a été bloquée sur l'étang de Berre.", "2021-01-16")
    assert "Berre-l'Étang" not in set(lagoon.place) and "Berre" not in set(lagoon.place)


def test_night_troubles_are_unrest_in_each_place_listed(read):
    draft = read("La nuit de vendredi 15 à samedi 16 janvier 2021 a été marquée par des troubles nocturnes dans plusieurs"
                 " régions comme Sousse, le Kram, Kairouan et Siliana.", "2021-01-16")
    found = {row.place: (row.category, row.date) for row in draft.itertuples()}
    assert {place: found.get(place) for place in ("Le Kram", "Kairouan", "Siliana")} == {
        "Le Kram": ("riot", "2021-01-15"), "Kairouan": ("riot", "2021-01-15"), "Siliana": ("riot", "2021-01-15")}
    assert read("Il souffre de troubles du sommeil depuis son séjour à Kairouan.", "2021-01-16").empty


@pytest.mark.parametrize("words", ["spraypainted", "spray painted", "spray-painted"])
def test_spray_painted_is_vandalism_however_it_is_written(read, words):
    draft = read(f"On February 14, slogans were {words} on a temple in the town of Mississauga.", "2023-02-20")
    assert list(zip(draft.place, draft.category, draft.date)) == [("Mississauga", "vandalism", "2023-02-14")]


def test_an_area_at_the_end_of_a_list_of_towns_is_one_more_of_the_list(read):
    draft = read("Vendredi soir, des troubles nocturnes ont eu lieu à Kairouan, Menzel Bourguiba, Siliana, etc.", "2021-01-16")
    regions = {row.place: row.region for row in draft.itertuples()}
    assert regions["Menzel Bourguiba"] == ""  # not "in Siliana": the town is in Bizerte, and Siliana is one more place listed
    assert "Siliana" in regions


@pytest.mark.parametrize("text, published, day", [
    ("Gardaí fear an escalation of violence at Christmas after a shop was set on fire in Galway.", "2023-12-19", ""),
    ("A shop was looted in Dublin over Christmas.", "2024-01-03", "2023-12-25"),
])
def test_a_coming_holiday_is_no_day_of_an_incident_and_a_past_one_is(read, text, published, day):
    [row] = list(read(text, published).itertuples())
    assert (row.date == day) if day else row.date != "2022-12-25"  # not the Christmas of the year before


@pytest.mark.parametrize("text, published, place", [
    ("Arson attacks hit Galway, Wexford and Cork this month. In a second incident in the capital, rioters smashed windows"
     " on Parnell Street on Thursday.", "2023-11-25", "Parnell Street, Dublin"),
    ("Des voitures ont brûlé à Lyon et à Marseille samedi. Dans la capitale, des vitrines ont été brisées rue de Rivoli"
     " dimanche.", "2023-11-27", "rue de Rivoli in Paris"),
])
def test_the_capital_is_the_capital_of_the_article_s_country(read, text, published, place):
    assert place in set(read(text, published).place)


@pytest.mark.parametrize("text, published, first", [
    ("The protests were smaller than those of the 10,000 who turned out Nov. 2 to shut down Oakland's port.", "2011-12-13",
     "2011-11-02"),
    ("Des voitures ont été incendiées à Lyon le 3 déc. dernier.", "2011-12-13", "2011-12-03"),
])
def test_a_month_in_its_news_style_abbreviation_dates_the_row(read, text, published, first):
    [row] = list(read(text, published).itertuples())
    assert row.date == first


def test_a_route_and_an_event_venue_are_not_incidents(read):
    draft = read("A Vierzon, des agriculteurs ont bloqué l'autoroute A20 reliant Toulouse à Paris.\n"
                 "Cables were cut at a junction in Arras before the opening ceremony of the Games in Paris.", "2025-04-15")
    assert set(rows(draft)) == {"Vierzon", "Arras"}


# -- capitalised common words ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Cars were set on fire outside the town hall in Reims.",
    "Attaques contre des prisons : une voiture incendiée à Reims.",
])
def test_a_capitalised_common_word_opening_a_sentence_is_not_a_place(read, text):
    assert set(rows(read(text, "2025-04-15"))) == {"Reims"}


def test_a_small_town_opening_a_sentence_needs_its_department(read):
    assert set(rows(read("Cars (Gironde) : trois voitures incendiées dans la nuit.", "2025-04-15"))) == {"Cars"}


# -- brackets and areas bound to the word before them -----------------------------------------------

def test_each_area_is_bound_to_the_town_before_it(read):
    draft = read("À Nanterre (Hauts-de-Seine), une voiture a brûlé, et à Bobigny, en Seine-Saint-Denis, des tirs ont visé "
                 "un commissariat.", "2025-04-15")
    places = rows(draft)
    assert places["Nanterre"].region == "Hauts-de-Seine" and places["Bobigny"].region == "Seine-Saint-Denis"
    assert (places["Nanterre"].category, places["Bobigny"].category) == ("arson", "shooting")


def test_a_homonym_is_read_inside_the_area_named_after_it(read):
    draft = read("À Vienne, en Isère, des tirs ont visé une voiture dimanche soir.", "2025-06-10")
    vienne = rows(draft)["Vienne"]
    assert vienne.region == "Isère" and vienne.date == "2025-06-08"


def test_a_prefecture_named_by_its_department_is_its_town(read):
    draft = read("Lundi 25 novembre, du fumier a été déversé devant la préfecture des Ardennes.", "2025-11-26")
    assert set(rows(draft)) == {"Charleville-Mézières"}


# -- one row per place and incident ----------------------------------------------------------------

def test_a_place_listed_under_two_acts_takes_the_act_of_its_own_sentence(read):
    draft = read("Facilities in Avignon and Toulon were targeted, with vehicles burned and gunfire reported. "
                 "In Toulon, shots hit the gate of the prison.", "2025-04-15")
    toulon = [row for row in draft.itertuples() if row.place.startswith("Toulon")]
    assert len(toulon) == 1 and toulon[0].category == "shooting"


def test_the_clause_about_a_place_gives_its_category(read):
    draft = read("À Clamart, un tramway a été incendié, tandis qu'à Sarcelles des tirs ont visé des policiers.", "2025-04-15")
    assert (rows(draft)["Clamart"].category, rows(draft)["Sarcelles"].category) == ("arson", "shooting")


def test_a_headline_and_the_district_it_is_about_are_one_row(read):
    draft = read("Birmingham phone mast set on fire\n\nFirefighters were called to the blaze in Acocks Green, Birmingham, "
                 "shortly before midnight on Tuesday.", "2025-05-28")
    [row] = list(draft.itertuples())
    assert row.place == "Acocks Green" and row.date == "2025-05-27" and "part of Birmingham" in row.note


def test_the_cause_of_the_events_is_dated_before_them(read):
    draft = read("Dans la nuit du mercredi 28 au jeudi 29 juin, des violences ont éclaté en réaction à la mort d'un jeune "
                 "homme, tué par un policier à Nanterre.", "2023-06-29")
    nanterre = rows(draft)["Nanterre"]
    assert nanterre.date_end == "2023-06-27"


# -- headlines, datelines and summary lines add evidence, never rows of their own ----------------

def test_a_headline_adds_its_evidence_to_the_body_row_and_keeps_the_body_day(read):
    draft = read("Warehouse torched in Tarbes\n\nA warehouse was set on fire in Tarbes on Friday night, firefighters said.",
                 "2025-03-10")
    [row] = list(draft.itertuples())
    assert (row.place, row.date, row.date_end) == ("Tarbes", "2025-03-07", "2025-03-08")
    assert "also at characters 0-27" in row.note


def test_a_dateline_is_where_the_story_was_written_not_an_incident(read):
    draft = read("BORDEAUX, France (AFP) — Three cars were torched in Mérignac early on Sunday.", "2025-03-10")
    assert set(rows(draft)) == {"Mérignac"}


@pytest.mark.parametrize("text, published, place, day", [
    ("Heurts à Lyon\n\nLYON, 3 mars 2025 — Des heurts ont éclaté à Lyon samedi soir entre des manifestants et la police.",
     "2025-03-03", "Lyon", "2025-03-01"),
    ("Heurts à Nantes\n\nNantes, le lundi 3 mars 2025 (AFP) - Des voitures ont été incendiées samedi soir à Nantes.",
     "2025-03-03", "Nantes", "2025-03-01"),
    ("Clashes in Portland\n\nPORTLAND, Ore. (AP) — Protesters clashed with police in Portland on Saturday night.",
     "2025-03-03", "Portland", "2025-03-01"),
    ("Riot in Leeds\n\nLEEDS, March 3, 2025 (Reuters) - Rioters clashed with police in Leeds on Saturday night.",
     "2025-03-03", "Leeds", "2025-03-01"),
])
def test_a_dateline_with_its_day_on_the_first_line_is_no_row_of_its_own(read, text, published, place, day):
    [row] = list(read(text, published).itertuples())
    assert (row.place, row.date) == (place, day)


@pytest.mark.parametrize("text, place", [
    ("LYON, 3 mars 2025 — Des heurts ont éclaté à Villeurbanne samedi soir entre des manifestants et la police.", "Villeurbanne"),
    ("SEATTLE, March 3 (AP) — Protesters clashed with police in Tacoma on Saturday night.", "Tacoma"),
])
def test_the_body_s_place_wins_over_the_town_a_dateline_files_from(read, text, place):
    assert set(rows(read(text, "2025-03-03"))) == {place}


def test_a_day_heading_a_line_is_no_dateline():
    from mapgen.read.article_layout import Sentence, dateline

    for text in ("Mardi, 4 mars 2025 — Des heurts à Lyon.", "SATURDAY, March 1 - Rioters in Leeds."):
        assert dateline(Sentence(text, 0, len(text))) is None, text
    found = dateline(Sentence("NANTES, 4 mars 2025 — Des heurts.", 0, 33))
    assert (found.place, found.end) == ("Nantes", 22)


def test_a_summary_line_gives_a_row_only_for_a_place_the_body_never_names(read):
    draft = read("Night of unrest\n"
                 "• Cars burned in Rennes and shops attacked in Brest\n"
                 "Rioters set fire to cars in Rennes on Saturday night.", "2025-03-10")
    assert set(rows(draft)) == {"Rennes", "Brest"}
    assert rows(draft)["Rennes"].date == "2025-03-08"


def test_a_summary_line_about_today_is_not_the_body_row_of_last_month_at_its_place(read):
    draft = read("Dockers walk out on the coast\n"
                 "Pickets blocked the docks in Seattle and Tacoma, our live report follows\n"
                 "Strikers plan to blockade the terminals as they did last month, when a walkout shut down the port of Seattle.",
                 "2025-03-10")
    seattle = sorted((row.date, row.date_end) for row in draft.itertuples() if row.place == "Seattle")
    assert seattle == [("2025-02-01", "2025-02-28"), ("2025-03-09", "2025-03-10")]


# -- a word is a place only where the sentence uses it as one --------------------------------------

@pytest.mark.parametrize("text, place", [
    ("Rioters threw Molotov cocktails at a bus depot in Lyon on Monday.", "Lyon"),
    ("Metro stations were closed after rioters looted shops in Lille.", "Lille"),
])
def test_a_word_used_otherwise_and_a_country_are_no_places(read, text, place):
    assert set(rows(read(text, "2025-03-11"))) == {place}


def test_a_country_is_never_a_misspelt_town(read):
    draft = read("Chargers were set on fire in Austin, Texas, on Monday and a garage was torched in Lyon in France on Tuesday.",
                 "2025-03-12")
    assert set(rows(draft)) == {"Austin", "Lyon"} and rows(draft)["Lyon"].country == "FR"


def test_a_time_word_after_a_name_makes_it_a_day(read):
    draft = read("On Christmas morning, a transformer was sabotaged in Spanaway, Washington.", "2025-12-26")
    assert set(rows(draft)) == {"Spanaway"} and rows(draft)["Spanaway"].date == "2025-12-25"


def test_the_police_of_a_city_is_not_a_place(read):
    draft = read("Un objet incendiaire a été lancé lundi dans un commerce à Villeurbanne, selon le Service de police de la "
                 "Ville de Lyon.", "2025-03-08")
    assert [row.place for row in draft.itertuples()] == ["Villeurbanne"]


def test_the_ends_of_a_road_in_a_relative_clause_are_not_places_of_it(read):
    draft = read("L'autoroute, qui relie Nîmes à Montpellier, a été fermée après l'incendie d'un péage à Lunel.", "2025-03-08")
    assert [row.place for row in draft.itertuples()] == ["Lunel"]
    english = read("The motorway that links Leeds to York was closed after a fire at a toll booth in Tadcaster.", "2025-03-08")
    assert [row.place for row in english.itertuples()] == ["Tadcaster"]


# -- an area the article names settles namesakes ---------------------------------------------------

def test_a_part_of_the_city_is_no_namesake_far_from_it(read):
    draft = read("Looting spread across London on Monday night.\n\n"
                 "Shops were looted in Mitcham, in the south of the city, and in Walton in the north.", "2025-03-11")
    assert set(rows(draft)) == {"Mitcham"}



@pytest.mark.parametrize("text, place, country", [
    ("Des heurts ont éclaté à Genève samedi soir entre des manifestants et la police.", "Geneva", "CH"),
    ("Des vitrines ont été brisées à Neuchâtel et à Fribourg samedi soir lors d'une émeute.", "Neuchâtel", "CH"),
    ("Des voitures ont été incendiées à Mayenne dans la nuit de samedi à dimanche.", "Mayenne", "FR"),
    ("Protesters clashed with police in Geneva on Saturday night.", "Geneva", "CH"),
    ("Protesters clashed with police in Berlin on Saturday night.", "Berlin", "DE"),
    ("Protesters clashed with police in Hamburg on Saturday night.", "Hamburg", "DE"),
    ("Protesters clashed with police in Vienna on Saturday night.", "Vienna", "AT"),
    ("Des heurts ont éclaté à Bruxelles samedi soir entre des manifestants et la police.", "Bruxelles", "BE"),
    ("Protesters clashed with police in Madrid on Saturday night.", "Madrid", "ES"),
    ("Protesters clashed with police in Mexico City on Saturday night.", "Mexico City", "MX"),
])
def test_a_city_that_shares_its_name_with_its_canton_or_state_is_the_city(read, gazetteer, text, place, country):
    row = rows(read(text, "2025-03-03"))[place]
    assert row.country == country
    [placed] = gazetteer.candidates(row.place, region=row.region or None, country=row.country)[:1]
    assert placed.precision == "town", placed


@pytest.mark.parametrize("text, place", [
    ("Des heurts ont éclaté en Valais samedi soir entre des manifestants et la police.", "Valais"),
    ("Des voitures ont été incendiées en Mayenne dans la nuit de samedi à dimanche.", "Mayenne"),
])
def test_an_area_named_as_an_area_stays_the_area(read, gazetteer, text, place):
    row = rows(read(text, "2025-03-03"))[place]
    assert gazetteer.candidates(row.place, country=row.country)[0].precision == "region"


def test_a_state_in_the_heading_chooses_the_namesake(read):
    draft = read("Massachusetts barn fire\n\nA barn was set on fire on Main Street in Littleton on Tuesday night.", "2025-03-12")
    [littleton] = list(draft.itertuples())
    assert (littleton.place, littleton.region, littleton.country) == ("Littleton", "US-MA", "US") and "Main Street" in littleton.note


def test_an_ap_dateline_state_chooses_the_namesake(read):
    draft = read("SALEM, Ore. (AP) — Protesters set a fire outside the courthouse in Salem late Saturday.", "2025-03-09")
    assert rows(draft)["Salem"].region == "US-OR"


# -- the days of a clause are its own -----------------------------------------------------------------

def test_yesterday_belongs_to_the_clause_it_is_in(read):
    draft = read("Protests are taking place in Leeds and York, following violent scenes yesterday.", "2025-03-12")
    assert {rows(draft)["Leeds"].date, rows(draft)["York"].date} == {"2025-03-11"}  # the day or the one before, not only yesterday
    assert {rows(draft)["Leeds"].date_end, rows(draft)["York"].date_end} == {"2025-03-12"}


def test_a_day_right_after_a_place_is_that_place_s(read):
    draft = read("Il y a eu un incendie à Grasse le 2 mars puis un autre à Vence le 9 mars.", "2025-03-12")
    assert (rows(draft)["Grasse"].date, rows(draft)["Vence"].date) == ("2025-03-02", "2025-03-09")


@pytest.mark.parametrize("text, days", [
    ("Protesters clashed with police in Leeds and York on Saturday night.",
     {"Leeds": ("2025-03-01", "2025-03-02"), "York": ("2025-03-01", "2025-03-02")}),
    ("Des voitures ont été incendiées à Rennes, Brest et Lorient dans la nuit de samedi à dimanche.",
     {"Rennes": ("2025-03-01", "2025-03-02"), "Brest": ("2025-03-01", "2025-03-02"), "Lorient": ("2025-03-01", "2025-03-02")}),
    ("Des heurts ont éclaté à Lyon et à Marseille samedi soir.", {"Lyon": ("2025-03-01", ""), "Marseille": ("2025-03-01", "")}),
    ("Rioters set fire to cars in Leeds and Bradford on Saturday and in Sheffield on Sunday.",
     {"Leeds": ("2025-03-01", ""), "Bradford": ("2025-03-01", ""), "Sheffield": ("2025-03-02", "")}),
    ("Des voitures ont été incendiées à Rennes samedi, et à Brest dimanche.", {"Rennes": ("2025-03-01", ""), "Brest": ("2025-03-02", "")}),
])
def test_a_day_right_after_a_list_of_places_is_every_member_s(read, text, days):
    draft = rows(read(text, "2025-03-03"))
    assert {place: (row.date, row.date_end) for place, row in draft.items()} == days


def test_a_crosshead_day_holds_for_the_section(read):
    draft = read("Riots in the north\n\nWhat happened on Monday night\n\nRiot police clashed with rioters in Arnhem and Zwolle.",
                 "2025-03-12")
    assert (rows(draft)["Arnhem"].date, rows(draft)["Arnhem"].date_end) == ("2025-03-10", "2025-03-11")


def test_the_places_of_one_list_share_the_day_before_it(read):
    draft = read("These fires followed nine others in March, five in Lyon and four in Grenoble, the police said.", "2025-05-20")
    assert {(rows(draft)[town].date, rows(draft)[town].date_end) for town in ("Lyon", "Grenoble")} == {("2025-03-01", "2025-03-31")}
    french = read("Ces incendies font suite à trois autres en mars, deux à Lyon et un à Grenoble.", "2025-05-20")
    assert {rows(french)[town].date for town in ("Lyon", "Grenoble")} == {"2025-03-01"}


def test_an_earlier_act_told_right_after_a_place_is_a_row_of_its_own(read):
    draft = read("Des tirs ont visé dimanche le portail de l'église de Vannes, déjà victime en février dernier de tags racistes.",
                 "2025-04-08")
    vannes = sorted((row.category, row.date) for row in draft.itertuples())
    assert vannes == [("shooting", "2025-04-06"), ("vandalism", "2025-02-01")]
    english = read("Shots were fired on Sunday at the mosque in Leicester, which had already been set on fire in May.", "2025-09-09")
    assert sorted((row.category, row.date) for row in english.itertuples()) == [("arson", "2025-05-01"), ("shooting", "2025-09-07")]


def test_already_without_an_act_or_a_day_of_its_own_adds_no_row(read):
    draft = read("Des tirs ont visé dimanche l'église de Vannes, déjà fermée au public.", "2025-04-08")
    assert [(row.place, row.category) for row in draft.itertuples()] == [("Vannes", "shooting")]


def test_a_day_in_brackets_is_the_aside_s_not_the_sentence_s(read):
    draft = read("Des tags ont été découverts à Caen, au moment de l'anniversaire de l'attentat (qui avait fait deux morts le "
                 "3 mars 2015 à Lille).", "2025-03-05")
    assert (rows(draft)["Caen"].date, rows(draft)["Caen"].date_end) == ("2025-03-04", "2025-03-05")
    assert rows(draft)["Lille"].date == "2015-03-03"


def test_a_wave_that_has_lasted_weeks_is_a_row_beside_the_night_s_riot(read):
    draft = read("Rioters set fire to cars in Leeds on Friday night. Protests have continued for more than three weeks in Leeds.",
                 "2025-03-08")
    leeds = sorted((row.date, row.date_end, row.category) for row in draft.itertuples())
    assert leeds == [("2025-02-15", "2025-03-08", "protest"), ("2025-03-07", "2025-03-08", "riot")]
    french = read("Des manifestations ont lieu depuis deux mois à Rennes.", "2025-03-08")
    assert (rows(french)["Rennes"].date, rows(french)["Rennes"].date_end) == ("2025-01-07", "2025-03-08")


def test_acts_told_each_with_its_day_after_one_place_are_rows_of_their_own(read):
    draft = read("Lyon connaît souvent des violences, en témoigne l'incendie d'un bus au mois de mars, ou encore la fusillade "
                 "entendue près de la gare en janvier dernier.", "2025-05-10")
    assert sorted((row.place, row.category, row.date) for row in draft.itertuples()) == [
        ("Lyon", "arson", "2025-03-01"), ("Lyon", "shooting", "2025-01-01")]
    english = read("Leeds has seen much violence: a car bomb went off outside a bar in March, and shots were fired at a shop "
                   "in January.", "2025-05-10")
    assert sorted((row.category, row.date) for row in english.itertuples()) == [("explosion", "2025-03-01"), ("shooting", "2025-01-01")]


def test_one_act_with_a_later_day_stays_one_row(read):
    draft = read("A fire broke out at a depot in Leeds on Monday, and it was put out on Tuesday.", "2025-05-10")
    assert [(row.place, row.category) for row in draft.itertuples()] == [("Leeds", "arson")]


def test_a_day_right_after_the_act_dates_it_not_the_calm_after(read):
    draft = read("Le calme est revenu à Kolda et Tambacounda, ce samedi après les violents affrontements survenus, hier, entre "
                 "jeunes et policiers.", "2025-03-08")
    assert {rows(draft)[town].date for town in ("Kolda", "Tambacounda")} == {"2025-03-07"}
    english = read("Calm returned to Leeds and York on Saturday, after the clashes reported yesterday.", "2025-03-08")
    assert {rows(english)[town].date for town in ("Leeds", "York")} == {"2025-03-07"}


def test_the_act_of_another_place_does_not_lend_its_day(read):
    draft = read("Rioters clashed with police in Leeds on Monday, and in York cars were torched yesterday.", "2025-03-08")
    assert (rows(draft)["Leeds"].date, rows(draft)["York"].date) == ("2025-03-03", "2025-03-07")


def test_an_act_told_only_with_an_arrest_s_day_came_before_the_arrest(read):
    draft = read("A 30-year-old man from Arnhem was arrested on Tuesday in connection with an arson attack there.", "2025-03-14")
    arnhem = rows(draft)["Arnhem"]
    assert (arnhem.category, arnhem.date, arnhem.date_end) == ("arson", "2024-12-09", "2025-03-11")


def test_an_act_of_its_own_clause_at_the_city_is_a_row_at_the_town(read):
    draft = read("A bomb went off in a market in Quetta on Sunday, two days after a grenade attack near the city.", "2025-03-12")
    assert sorted((row.place, row.date) for row in draft.itertuples()) == [("Quetta", "2025-03-09"), ("near Quetta", "2025-03-07")]
    french = read("Une voiture a explosé dimanche à Lyon ; en janvier, des tirs avaient visé un bar de la ville.", "2025-03-12")
    assert sorted((row.category, row.date) for row in french.itertuples()) == [("explosion", "2025-03-09"), ("shooting", "2025-01-01")]


def test_the_city_in_a_clause_with_no_act_adds_no_row(read):
    draft = read("A bomb went off in Quetta on Sunday, and on Monday police sealed off the city.", "2025-03-12")
    assert [(row.place, row.date) for row in draft.itertuples()] == [("Quetta", "2025-03-09")]


def test_the_earlier_times_a_sentence_counts_are_rows_before_the_one_told(read):
    draft = read("On Thursday night police declared a riot in Bristol for the second time in a week.", "2025-03-14")
    assert sorted((row.date, row.date_end) for row in draft.itertuples()) == [("2025-03-06", "2025-03-12"), ("2025-03-13", "2025-03-14")]
    french = read("Mercredi, l'église de Vannes a été vandalisée pour la troisième fois en dix jours.", "2025-03-14")
    assert sorted((row.category, row.date, row.date_end) for row in french.itertuples()) == [
        ("vandalism", "2025-03-02", "2025-03-11"), ("vandalism", "2025-03-02", "2025-03-11"), ("vandalism", "2025-03-12", "")]

    again = read("Lundi, une antenne a brûlé à Crest, le deuxième incendie en moins de deux ans sur ce site.", "2025-03-12")
    assert sorted((row.date, row.date_end) for row in again.itertuples()) == [("2023-03-11", "2025-03-09"), ("2025-03-10", "")]
    assert len(read("Rioters clashed with police in Bristol on Monday, the second night in a row.", "2025-03-12")) == 1


def test_earlier_times_the_article_tells_are_not_counted_again(read):
    draft = read("Le lundi 3 mars, l'église de Vannes a été vandalisée. Mercredi, elle a été vandalisée à Vannes pour la "
                 "deuxième fois en dix jours.", "2025-03-14")
    assert sorted(row.date for row in draft.itertuples()) == ["2025-03-03", "2025-03-12"]


def test_holidays_and_spans_counted_back(read):
    draft = read("Il y a deux ans, des militants avaient incendié une antenne à Aubenas.", "2025-03-12")
    assert (rows(draft)["Aubenas"].date, rows(draft)["Aubenas"].date_end) == ("2023-01-01", "2023-12-31")
    thanksgiving = rows(read("A fence was cut at a substation in Clackamas, Ore., over the Thanksgiving holiday.", "2025-12-20"))
    assert (thanksgiving["Clackamas"].date, thanksgiving["Clackamas"].category) == ("2025-11-27", "sabotage")


# -- incidents that were missed ------------------------------------------------------------------

def test_explosions_are_incidents(read):
    draft = read("A bomb exploded outside a bank in Patras before dawn on Thursday.", "2025-03-13")
    assert (rows(draft)["Patras"].category, rows(draft)["Patras"].date) == ("explosion", "2025-03-13")


def test_every_place_of_a_shared_clause(read):
    draft = read("L'usine de Montbéliard et l'entrepôt de Sochaux ont brûlé dans la nuit de lundi à mardi.", "2025-03-12")
    assert set(rows(draft)) == {"Montbéliard", "Sochaux"}


def test_a_street_and_a_district_are_kept_with_their_town(read):
    draft = read("Des coups de feu ont été tirés rue des Lilas à Roubaix dans la nuit de samedi à dimanche.\n"
                 "Shots were fired in the Hulme district of Manchester on Monday.", "2025-03-12")
    assert "rue des Lilas" in rows(draft)["rue des Lilas, Roubaix"].note
    assert {row.place for row in draft.itertuples()} >= {"rue des Lilas, Roubaix"}
    manchester = [row for row in draft.itertuples() if row.place.endswith("Manchester")]
    assert len(manchester) == 1 and manchester[0].category == "shooting"


def test_a_one_line_article_is_read_as_its_body(read):
    draft = read("Huyton: a phone mast was set on fire overnight", "2025-03-12")
    assert set(rows(draft)) == {"Huyton"}


def test_an_article_in_a_language_not_read_is_refused_naming_those_read(tmp_path):
    from mapgen.errors import InputError
    from mapgen.read.articles import article_text

    article = tmp_path / "bericht.txt"
    article.write_text("In der Nacht wurde ein Geldautomat in der Innenstadt gesprengt. Die Polizei sucht nach den Tätern, "
                       "die mit einem Auto geflohen sind. Der Schaden ist hoch und die Ermittlungen dauern an, wie ein Sprecher "
                       "der Polizei am Morgen mitteilte.", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        article_text(article)
    assert "German" in str(refused.value) and "English and French" in str(refused.value) and str(article) in str(refused.value)


def test_a_short_article_in_a_language_not_read_is_refused_too(tmp_path):
    from mapgen.errors import InputError
    from mapgen.read.articles import article_text

    article = tmp_path / "kurz.txt"  # three sentences: a short report is still no English or French one
    article.write_text("Brandanschlag auf Funkmast in Leipzig\n\nIn der Nacht zum Samstag haben Unbekannte einen Funkmast in Leipzig"
                       " in Brand gesetzt. Die Polizei ermittelt wegen Brandstiftung.", encoding="utf-8")
    with pytest.raises(InputError, match="German"):
        article_text(article)


def test_the_extract_command_refuses_an_article_it_cannot_read(run, tmp_path):
    article = tmp_path / "noticia.txt"
    article.write_text("Los vecinos del barrio denunciaron que los contenedores fueron quemados durante la noche por un grupo "
                       "de jóvenes, según fuentes de la policía local, que investiga los hechos con las cámaras de la zona.",
                       encoding="utf-8")
    result = run("extract", article, "--published", "2025-03-12", "-o", tmp_path / "draft.csv")
    assert result.exit_code == 2 and "Spanish" in result.stderr and "English and French" in result.stderr
    assert not (tmp_path / "draft.csv").exists()


# -- merging ------------------------------------------------------------------------------------

def test_near_a_town_and_the_town_are_one_row(read):
    draft = read("Cars were burned near Nîmes on Monday night. In Nîmes, firefighters put out the burning cars.", "2025-03-12")
    [row] = list(draft.itertuples())
    assert row.place == "Nîmes"


def test_another_act_across_the_city_is_a_row_at_the_town(read):
    draft = read("Police declared a riot in Tulsa, Oklahoma, on Friday night after a fire was set at the courthouse. "
                 "Peaceful demonstrations had taken place across the city in the afternoon.", "2025-03-08")
    assert sorted((row.place, row.category) for row in draft.itertuples()) == [("Tulsa", "protest"), ("Tulsa", "riot")]


@pytest.mark.parametrize("text, place", [
    ("Entre le 3 mars et le 5 mars, des tags racistes ont été découverts sur la façade d'une mosquée.\n\n"
     "Le maire est venu jeudi constater ces tags à Dijon, avec le préfet.", "Dijon"),
    ("Between March 3 and March 5, vandals sprayed graffiti on the wall of a mosque.\n\n"
     "The mayor came on Thursday to see this graffiti in Leeds with the police.", "Leeds"),
])
def test_these_acts_at_a_place_are_the_ones_a_placeless_sentence_told(read, text, place):
    [row] = list(read(text, "2025-03-08").itertuples())
    assert (row.place, row.category, row.date, row.date_end) == (place, "vandalism", "2025-03-03", "2025-03-05")


@pytest.mark.parametrize("text, place, earlier", [
    ("Vers 4 h, une voiture a été incendiée à Roubaix, selon la police.\n\n"
     "Lundi soir, un évènement similaire s'était produit à Roubaix, selon la même source.", "Roubaix", ("2025-03-10", "")),
    ("A car was set on fire in Leeds around 4 a.m., police said.\n\n"
     "On Monday night a similar incident had happened in Leeds, the police said.", "Leeds", ("2025-03-10", "2025-03-11")),
])
def test_a_similar_event_at_a_place_is_another_incident_there(read, text, place, earlier):
    draft = read(text, "2025-03-12")
    days = sorted((row.date, row.date_end) for row in draft.itertuples() if row.place == place)
    assert days == [earlier, ("2025-03-11", "2025-03-12")]


def test_two_communes_close_together_are_two_rows(read):
    draft = read("Lundi, des voitures ont brûlé à Seyssinet-Pariset. Le même soir, un entrepôt a été incendié à Grenoble.", "2025-03-11")
    assert sorted(row.place for row in draft.itertuples()) == ["Grenoble", "Seyssinet-Pariset"]


def test_two_streets_of_one_town_told_apart_are_two_rows(read):
    draft = read("On Friday night youths threw stones at police in the Creggan area of Derry. A shop in Beechwood Avenue was "
                 "also attacked.", "2025-03-10")
    assert sorted(row.place for row in draft.itertuples()) == ["Beechwood Avenue, Derry", "Creggan area, Derry"]


def test_a_district_with_no_town_is_in_the_article_s_town_not_in_the_district_before(read):
    draft = read("Jeudi, des voitures ont été incendiées à Montréal. Un premier incendie a été signalé rue Saint-Amour, à "
                 "Saint-Laurent. Trente minutes plus tard, un autre incendie a été signalé dans l'arrondissement de Lachine.",
                 "2025-03-08")
    assert sorted(row.place for row in draft.itertuples()) == ["arrondissement de Lachine, Montréal", "rue Saint-Amour, Saint-Laurent"]


def test_a_street_named_again_shorter_is_the_same_place(read):
    draft = read("Samedi, un bancomat a explosé au centre commercial Coop de Payerne. La police a été appelée vers 3h00 au "
                 "centre commercial Coop après une explosion.", "2025-03-10")
    assert len(draft) == 1


def test_a_town_s_metropolitan_area_is_not_a_place_of_its_own(read):
    draft = read("Nouveaux incendies dans la métropole de Grenoble. Lundi, deux voitures ont brûlé à Seyssinet-Pariset.", "2025-03-11")
    assert [row.place for row in draft.itertuples()] == ["Seyssinet-Pariset"]


def test_the_acts_of_one_riot_are_one_riot_row(read):
    draft = read("Rioters set fire to cars in Rennes on Saturday night. Shops were looted in Rennes during the rioting.",
                 "2025-03-10")
    [row] = list(draft.itertuples())
    assert (row.place, row.category) == ("Rennes", "riot")


def test_damage_of_the_grid_is_sabotage(read):
    draft = read("Two substations were vandalized in Graham, Washington, on Sunday.", "2025-03-12")
    assert rows(draft)["Graham"].category == "sabotage"


def test_there_points_to_the_place_just_told_not_il_y_a(read):
    draft = read("Le samedi 8 mars, une grenade a explosé dans une rue de Schaerbeek. La nuit précédente, une maison y avait été "
                 "visée par des tirs. Il y a deux ans, il n'y avait pas eu d'incendie.", "2025-03-10")
    schaerbeek = sorted((row.category, row.date) for row in draft.itertuples())
    assert schaerbeek == [("explosion", "2025-03-08"), ("shooting", "2025-03-07")]


# -- small US towns the gazetteer lacks -----------------------------------------------------------

def test_a_small_us_town_listed_with_a_town_of_its_county_is_its_postal_town(read):
    draft = read("On Sunday substations were set on fire in Salina and Assaria.", "2025-03-12")
    assaria = rows(draft)["Assaria"]
    assert (assaria.region, assaria.category, assaria.date) == ("US-KS", "arson", "2025-03-09")
    assert "postal town of Saline County, KS" in assaria.note


def test_a_postal_town_needs_its_county_and_its_use_as_a_place(read):
    # No county named, and a name used as a modifier ("the Assaria depot"): no postal town is guessed.
    assert "Assaria" not in rows(read("On Sunday a barn was set on fire in Assaria.", "2025-03-12"))
    assert "Assaria" not in rows(read("On Sunday a shed was set on fire at the Assaria depot near Salina.", "2025-03-12"))


# -- the days and districts of a night told in several sentences --------------------------------

def test_fireworks_fired_at_police_are_an_attack_in_french_too(read):
    draft = read("Lundi soir, des feux d'artifice ont été tirés contre les policiers à Nantes.", "2025-03-11")
    assert (rows(draft)["Nantes"].category, rows(draft)["Nantes"].date) == ("attack", "2025-03-10")


@pytest.mark.parametrize("text, place", [
    ("Après une première nuit de heurts samedi soir, la situation s'est de nouveau dégradée dimanche soir à Nantes. "
     "Des poubelles ont été incendiées dans le quartier du Breil.", "quartier du Breil, Nantes"),
    ("After a first night of rioting on Saturday, the trouble started again on Sunday night, in Leicester. "
     "Bins were set on fire in the Highfields area.", "Highfields area, Leicester"),
])
def test_the_next_sentence_speaks_of_the_day_of_the_incident_told_not_of_the_night_before(read, text, place):
    [row] = list(read(text, "2025-03-11").itertuples())
    assert (row.place, row.date) == (place, "2025-03-09")


def test_a_second_district_is_in_the_town_though_its_row_took_the_first_district_s_name(read):
    draft = read("Des heurts ont éclaté dimanche soir à Nantes. Des feux d'artifice ont été tirés contre les policiers dans le "
                 "quartier des Dervallières. Plus tard, dans le quartier du Breil, des poubelles ont été incendiées.", "2025-03-11")
    assert sorted((row.place, row.date) for row in draft.itertuples()) == [
        ("quartier des Dervallières, Nantes", "2025-03-09"), ("quartier du Breil, Nantes", "2025-03-09")]


# -- background told with no place, in a datelined story -----------------------------------------

@pytest.mark.parametrize("text, earlier", [
    ("DENVER (AP) — Rioters threw rocks at police officers in Denver late Saturday. Crowds of hundreds had protested "
     "outside the state Capitol every night for two weeks in June.", ("protest", "2025-06-01", "2025-06-30")),
    ("LYON — Des voitures ont été incendiées samedi soir à Lyon. En mars, des manifestants avaient déjà affronté la police "
     "devant la préfecture.", ("riot", "2025-03-01", "2025-03-31")),
])
def test_an_earlier_act_told_with_no_place_is_a_row_at_the_dateline_s_town(read, text, earlier):
    draft = read(text, "2025-08-11")
    town = text.split()[0].title()
    assert earlier in {(row.category, row.date, row.date_end) for row in draft.itertuples() if row.place == town}
    assert len(draft) == 2
    assert any("the dateline's town" in row.note for row in draft.itertuples())


def test_without_a_dateline_an_earlier_act_with_no_place_stays_evidence(read):
    draft = read("Rioters threw rocks at police officers in Denver late Saturday. Crowds of hundreds had protested outside the "
                 "state Capitol every night for two weeks in June.", "2025-08-11")
    assert [(row.place, row.category) for row in draft.itertuples()] == [("Denver", "riot")]


@pytest.mark.parametrize("text", [
    "Police said on Thursday that a car was set on fire in Rennes last week.",
    "La police a indiqué jeudi qu'une voiture avait été incendiée la semaine dernière à Rennes.",
])
def test_what_is_said_after_that_keeps_its_own_days(read, text):
    rennes = rows(read(text, "2025-03-14"))["Rennes"]
    assert (rennes.date, rennes.date_end) == ("2025-03-03", "2025-03-09")


# -- a town named by the area it is the largest town of --------------------------------------------

def test_an_area_s_largest_city_is_the_largest_town_the_article_names_there(read):
    draft = read("Rioters set fire to cars in Columbus on Sunday night. Similar protests have shaken Ohio's largest city nightly "
                 "for nearly two weeks after the shooting of a teenager in Dayton.", "2025-08-11")
    found = {(row.place, row.category): (row.date, row.date_end) for row in draft.itertuples()}
    assert found[("Columbus", "riot")] == ("2025-08-10", "2025-08-11")
    assert found[("Columbus", "protest")] == ("2025-07-28", "2025-08-11")  # lasting, up to publication
    assert found[("Dayton", "shooting")] == ("2025-07-26", "2025-07-27")  # the cause, two weeks before


def test_la_plus_grande_ville_d_un_pays_is_the_largest_town_the_article_names_there(read):
    draft = read("Des voitures ont été incendiées samedi soir à Zurich. Des manifestations agitent la plus grande ville de Suisse "
                 "depuis deux semaines.", "2025-08-11")
    protest = next(row for row in draft.itertuples() if row.category == "protest")
    assert (protest.place, protest.date, protest.date_end) == ("Zürich", "2025-07-28", "2025-08-11")


def test_a_largest_city_the_article_names_no_town_of_is_no_place(read):
    assert len(read("Protests have shaken Ohio's largest city for a week.", "2025-08-11")) == 0


def test_an_area_named_in_a_list_of_towns_is_the_town_of_its_name(read):
    # Kédougou is a region of Senegal and its chief town: in a list of towns, the town.
    draft = read("Des heurts ont eu lieu samedi à Thiès, Kaolack et Kédougou.", "2025-08-11")
    kedougou = rows(draft)["Kédougou"]
    assert (kedougou.region, kedougou.category) == ("SN-KE", "riot")
    assert "the town, in the area of its name" in kedougou.note


# -- namesakes against the article's own country ---------------------------------------------------

@pytest.mark.parametrize("text, country, places", [
    # "York" is first a Canadian municipality and "Hull" a town of Quebec: both are English towns too
    ("Riots in Yorkshire\n\nLEEDS (Reuters) - Rioters clashed with police in Leeds and York on Saturday night, and in Hull on Sunday.",
     "GB", {"Leeds", "York", "Hull"}),
    ("Rioters clashed with police in Leeds, York and Hull on Saturday night.", "GB", {"Leeds", "York", "Hull"}),
    ("Cars were set on fire in Leeds on Saturday. On Sunday shops were looted in Boston and in Cambridge.",
     "GB", {"Leeds", "Boston", "Cambridge"}),
    # Laval is first the Quebec city, Brest the Belarusian one
    ("Nuit de violences\n\nRENNES (AFP) - Des voitures ont été incendiées à Laval samedi soir. Dimanche, des poubelles ont brûlé à Brest.",
     "FR", {"Laval", "Brest"}),
    # "Portland" is first a Jamaican parish, "Salem" an Indian city
    ("Protesters clashed with police in Portland and Salem on Saturday night, and in Eugene on Sunday.",
     "US", {"Portland", "Salem", "Eugene"}),
])
def test_namesakes_are_read_in_the_country_that_holds_the_article_s_other_places(read, text, country, places):
    draft = read(text, "2025-03-03")
    assert set(draft.place) == places
    assert set(draft.country) == {country}


def test_a_town_abroad_named_alone_keeps_its_first_reading(read):
    draft = read("Protesters clashed with police in Paris on Saturday night.", "2025-03-03")
    assert list(zip(draft.place, draft.country)) == [("Paris", "FR")]  # not Paris, Texas: a tie goes to the first reading
