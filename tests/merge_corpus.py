"""Hand-written article records for the merge tests: three events, several languages.

* ``strike``: a dock strike in Antwerp (3-4 Nov 2025) in English (translated), French and
  German (untranslated: ``text_en`` is null), and Dutch (no entities at all);
* ``summit``: the same Belgian prime minister the same week, on another subject (frozen Russian
  assets): shares a person and a country with ``strike``, not the event;
* ``strike_2024``: last year's dock strike in Antwerp, same people and places, a year earlier.
"""

from __future__ import annotations

from typing import Any

from normalizer.record import Article, Entity, LanguageInfo, TranslationInfo


def article(
    ident: str, language: str, published: str | None, title: str, text: str,
    entities: list[str], *, english: bool = False, site: str = "example.org",
) -> Article:
    return Article(
        id=ident, url=f"https://{site}/{ident}", site=site, title=title,
        title_en=title if english else None, published=published,
        language=LanguageInfo(code=language, confidence=0.99),
        text=text, text_en=text if english else None,
        translation=TranslationInfo(status="not_needed" if language == "en" else "disabled"),
        entities=[Entity(canonical=name, type="MISC", count=1) for name in entities],
    )


STRIKE = [
    article(
        "strike-en", "en", "2025-11-03T08:10:00+01:00",
        "Antwerp dockers walk out for 48 hours over pension plan",
        "About 12,000 dock workers at the port of Antwerp stopped work on 3 November for 48 "
        "hours, protesting against the pension reform of Prime Minister Bart De Wever.\n\n"
        "The port authority said 250 ships were waiting at anchor and that 35% of container "
        "traffic would be diverted to Rotterdam. The ACV union said a second strike would follow "
        "if the government did not reopen talks.",
        ["Antwerp", "Bart De Wever", "Rotterdam", "ACV", "Belgium"], english=True,
        site="harbourdaily.example",
    ),
    article(
        "strike-fr", "fr", "2025-11-03T11:30:00+01:00",
        "Grève de 48 heures au port d'Anvers contre la réforme des pensions",
        "Quelque 12 000 dockers du port d'Anvers ont cessé le travail le 3 novembre pour 48 "
        "heures, contre la réforme des pensions du Premier ministre Bart De Wever.\n\n"
        "Selon l'autorité portuaire, 250 navires attendent au mouillage et 35 % du trafic de "
        "conteneurs sera détourné vers Rotterdam. Le syndicat ACV menace d'une nouvelle grève.",
        ["Antwerp", "Bart De Wever", "Rotterdam", "ACV", "Belgium"], site="lequai.example",
    ),
    article(
        "strike-de", "de", "2025-11-04T07:45:00+01:00",
        "Streik im Hafen Antwerpen: 250 Schiffe warten",
        "Rund 12.000 Hafenarbeiter in Antwerpen haben am 3. November für 48 Stunden die Arbeit "
        "niedergelegt. Sie protestieren gegen die Rentenreform von Premierminister Bart De Wever."
        "\n\nDie Hafenbehörde meldete 250 wartende Schiffe; 35 Prozent des Containerverkehrs "
        "sollen nach Rotterdam umgeleitet werden.",
        ["Antwerp", "Bart De Wever", "Rotterdam", "Belgium"], site="kaiblatt.example",
    ),
    article(
        "strike-nl", "nl", "2025-11-03T09:00:00+01:00",
        "Staking in de haven van Antwerpen",
        "Ongeveer 12.000 havenarbeiders in Antwerpen legden op 3 november het werk neer voor 48 "
        "uur. Volgens het havenbedrijf liggen 250 schepen voor anker en gaat 35 procent van het "
        "containerverkeer naar Rotterdam.",
        [], site="kaainieuws.example",
    ),
]

SUMMIT = [
    article(
        "summit-en", "en", "2025-11-04T16:00:00+01:00",
        "De Wever refuses to back EU loan from frozen Russian assets",
        "Belgian Prime Minister Bart De Wever told EU leaders in Brussels that Belgium would not "
        "support using €140 billion of frozen Russian central bank assets held by Euroclear "
        "unless the risks were shared.\n\nHe said the legal exposure of the clearing house was "
        "too great for one country to carry.",
        ["Bart De Wever", "Brussels", "Belgium", "Euroclear", "European Union", "Russia"],
        english=True, site="harbourdaily.example",
    ),
    article(
        "summit-fr", "fr", "2025-11-05T10:20:00+01:00",
        "Avoirs russes gelés : Bart De Wever pose ses conditions",
        "À Bruxelles, le Premier ministre belge Bart De Wever a refusé de soutenir un prêt "
        "européen de 140 milliards d'euros adossé aux avoirs russes gelés chez Euroclear, tant "
        "que les risques ne sont pas partagés entre les États membres de l'Union européenne.",
        ["Bart De Wever", "Brussels", "Belgium", "Euroclear", "European Union", "Russia"],
        site="lequai.example",
    ),
]

STRIKE_2024 = [
    article(
        "strike2024-en", "en", "2024-10-14T09:00:00+02:00",
        "Antwerp port strike strands ships",
        "Dock workers in Antwerp stopped work for 24 hours on 14 October over staffing rules. "
        "The ACV union said 180 ships were delayed and traffic was diverted to Rotterdam.",
        ["Antwerp", "Rotterdam", "ACV", "Belgium"], english=True, site="harbourdaily.example",
    ),
]


def everything() -> list[Article]:
    return STRIKE + SUMMIT + STRIKE_2024


def story_of(stories: list[Any], article_id: str) -> Any:
    return next(story for story in stories if article_id in story.article_ids)
