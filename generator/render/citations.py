"""Back-links of a sheet's source text: for each sentence, what on the page cites it.

Every claim, quote, event, figure and entity mention points at its sentences; a reader who
arrives at a sentence (from a claim, or reading the text) finds links back to all of them.
Computed once per sheet page, in one pass over the facts (a template would loop over
every fact for every sentence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model.facts import Sheet

if TYPE_CHECKING:
    from generator.render.context import PageContext

FACT_LISTS = (("claims", "cite_claim"), ("figures", "cite_figure"), ("quotes", "cite_quote"),
              ("timeline", "cite_event"))
"""The sheet's fact lists, in the page's order, and the string naming one of each."""


def cited_by(page: PageContext, sheet: Sheet) -> dict[str, list[tuple[str, str]]]:
    """Sentence id -> (text, in-page URL) of each fact and entity citing it, in page order:
    facts by kind and number ("Claim 3"), entities by name."""
    links: dict[str, list[tuple[str, str]]] = {}
    for name, key in FACT_LISTS:
        label = page.t(key)
        for number, fact in enumerate(getattr(sheet, name), start=1):
            for sid in dict.fromkeys(fact.sentences):
                links.setdefault(sid, []).append(
                    (label.replace("{number}", page.number(number)), f"#{fact.id}"))
    for kind in ("people", "organizations", "places"):
        for mention in sheet.mentions[kind]:
            name = page.plain(page.entity(mention.id).name)
            for sid in dict.fromkeys(mention.sentences):
                links.setdefault(sid, []).append((name, f"#who-{mention.id}"))
    return links
