"""Back-links of a sheet's source text: each sentence lists, in page order, the facts (by
kind and number, in the page's language and digits) and entities (by name) citing it."""

from __future__ import annotations

from conftest import page_of

from generator.render.citations import cited_by


def test_each_sentence_lists_the_facts_then_the_entities_citing_it(seed_site):
    sheet = seed_site.sheets[0]
    links = cited_by(page_of(seed_site, "sheet", "en", sheet.slug), sheet)
    assert links["s3"] == [
        ("Claim 4", "#c4"), ("Figure 1", "#f1"), ("Event 2", "#e2"),
        ("Mike Pompeo", "#who-mike-pompeo"), ("Barham Salih", "#who-barham-salih"),
        ("Middle East Eye", "#who-middle-east-eye"),
        ("United States Department of State", "#who-us-state-department")]


def test_every_citation_of_the_sheet_is_listed_once_under_its_sentence(seed_site):
    sheet = seed_site.sheets[0]
    links = cited_by(page_of(seed_site, "sheet", "en", sheet.slug), sheet)
    assert set(links) <= {sentence.id for sentence in sheet.text}
    for fact in sheet.facts():
        for sid in fact.sentences:
            assert [href for _, href in links[sid]].count(f"#{fact.id}") == 1
    mentions = [(m.id, sid) for kind in sheet.mentions.values() for m in kind
                for sid in m.sentences]
    assert sum(len(found) for found in links.values()) == len(
        {(fact.id, sid) for fact in sheet.facts() for sid in fact.sentences}) + len(
        set(mentions))


def test_labels_are_in_the_pages_language(seed_site):
    sheet = seed_site.sheets[0]
    links = cited_by(page_of(seed_site, "sheet", "ar", sheet.slug), sheet)
    assert links["s3"][0] == ("الادعاء 4", "#c4")
    assert ("مايك بومبيو", "#who-mike-pompeo") in links["s3"]
