"""What a sheet page says of the editorial record, in the page's language: the verdict
summary, roles as of the source's date ("then-" once ended), and translation notes."""

from __future__ import annotations

from dataclasses import replace

from conftest import page_of
from markupsafe import Markup

from generator.model.editorial import Role
from generator.render.sheet_view import SheetView


def view(site, language: str) -> SheetView:
    sheet = site.sheets[0]
    return SheetView(page_of(site, "sheet", language, sheet.slug), sheet)


def test_the_verdict_summary_counts_checked_claims_by_verdict(reviewed_site, seed_site):
    assert view(reviewed_site, "en").verdict_summary() == (
        "4 claims: 3 checked — 1 accurate, 1 false, 1 unsupported; 1 unverified")
    assert view(seed_site, "en").verdict_summary() == "19 claims: 0 checked; 19 unverified"
    assert view(seed_site, "ar").verdict_summary() == (
        "19 ادعاءً: لم نتحقّق من أيٍّ منها بعد؛ لم يُتحقَّق بعد: 19")


def test_a_role_is_the_one_held_on_the_sources_date(seed_site, reviewed_site):
    english = view(seed_site, "en")
    assert english.role(seed_site.entities["ahmed-al-sahhaf"]) == (
        "Spokesperson of the Iraqi Ministry of Foreign Affairs")
    assert english.role(seed_site.entities["barham-salih"]) == "then-President of Iraq"
    assert view(seed_site, "ar").role(seed_site.entities["barham-salih"]) == (
        "رئيس جمهورية العراق آنذاك")
    assert view(reviewed_site, "en").role(reviewed_site.entities["jane-doe"]) == (
        "then-Spokesperson")
    assert english.role(seed_site.entities["rudaw"]) is None


def test_a_role_is_escaped_once(seed_site):
    person = replace(seed_site.entities["barham-salih"],
                     roles=(Role({"en": "Head of R&D <b>"}, "2019", "2020-10-01"),))
    role = view(seed_site, "en").role(person)
    assert role == Markup("then-Head of R&amp;D &lt;b&gt;")


def test_translations_are_named_in_the_pages_language(seed_site, reviewed_site):
    english, arabic = view(seed_site, "en"), view(seed_site, "ar")
    assert english.translated and not arabic.translated  # the source is in Arabic
    assert english.translated_from() == "translated from Arabic"
    assert arabic.language("en") == "الإنجليزية"
    assert arabic.language("not a language") == "not a language"
    assert english.relayed_translation().startswith(
        "Middle East Eye's report is in English: Rudaw's text, and the quotes in it, are a "
        "translation")
    assert view(reviewed_site, "en").relayed_translation() is None  # it cites no outlet


def test_source_kinds_and_intermediaries_follow_the_chain(seed_site):
    english = view(seed_site, "en")
    claims = {claim.id: claim for claim in seed_site.sheets[0].claims}
    assert [english.kind(claims[i]) for i in ("c1", "c4", "c17")] == ["outlet", "anonymous",
                                                                     "named"]
    assert english.intermediaries(claims["c17"]) == ["middle-east-eye"]
