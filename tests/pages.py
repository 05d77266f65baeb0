"""Small, realistic outlet pages written for the pipeline and CLI tests (not the sample corpus)."""

from __future__ import annotations

from html import escape

ENGLISH_PARAGRAPHS = [
    "The harbour authority of Valmont confirmed on Tuesday that the new container terminal will open in the spring, two years later than first planned.",
    "Officials said the delay was caused by a shortage of steel and by a long dispute with the main contractor over the cost of dredging the channel.",
    "Mayor Helena Castor told reporters that the city had secured an additional loan to finish the work and that no jobs would be lost during the wait.",
    "Local fishermen, who had protested against the project for months, said they would watch closely whether the promised compensation is really paid.",
    "The terminal is expected to handle about 400,000 containers a year once it reaches full capacity, according to the port's own estimates.",
]

ROMANIAN_PARAGRAPHS = [
    "Primăria orașului Valmont a anunțat marți că noul terminal de containere se va deschide în primăvară, cu doi ani mai târziu decât se plănuise inițial.",
    "Oficialii au explicat că întârzierea a fost cauzată de lipsa oțelului și de o dispută lungă cu antreprenorul principal privind costul dragării canalului.",
    "Primarul Helena Castor a declarat că orașul a obținut un împrumut suplimentar pentru a termina lucrările și că nimeni nu își va pierde locul de muncă.",
    "Pescarii din zonă, care au protestat luni de zile împotriva proiectului, spun că vor urmări atent dacă despăgubirile promise sunt plătite cu adevărat.",
    "Terminalul ar urma să gestioneze aproximativ 400.000 de containere pe an după ce va atinge capacitatea maximă, potrivit estimărilor portului.",
]


def outlet_page(title: str, paragraphs: list[str], lang: str = "en", site: str = "Harbour Gazette",
                extra_body: str = "", footer_note: str = "") -> str:
    """An article page with the usual furniture around the body: menus, consent banner, ads,
    related links, newsletter box, comments and footer."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(title)} | {escape(site)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(site)}">
<meta name="author" content="Jonas Field">
<meta property="article:published_time" content="2025-11-04T09:30:00+00:00">
<style>body{{font-family:serif}} .ad{{height:250px}}</style>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{event:"pageview"}});</script>
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience and to show you relevant advertising. <button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad">Advertisement</div>
<main>
<article>
<h1>{escape(title)}</h1>
<div class="byline">By Jonas Field, 4 November 2025</div>
{body}
{extra_body}
</article>
<aside class="related"><h3>Read also</h3><ul><li><a href="/a">Ferry prices rise again as winter timetable begins</a></li><li><a href="/b">Council votes to rebuild the old lighthouse pier</a></li></ul></aside>
<div class="newsletter">Sign up for our morning briefing and get the day's top stories in your inbox.</div>
<section class="comments"><h3>Comments</h3><div class="comment">This terminal has been promised for a decade, I will believe it when I see it.</div></section>
</main>
<footer><p>© 2025 {escape(site)}. All rights reserved. {escape(footer_note)}</p></footer>
</body>
</html>"""


ENGLISH_PAGE = outlet_page("Valmont container terminal delayed until spring", ENGLISH_PARAGRAPHS)
ROMANIAN_PAGE = outlet_page(
    "Terminalul de containere din Valmont, amânat până în primăvară", ROMANIAN_PARAGRAPHS, lang="ro",
    site="Gazeta Portului",
)
