"""What a sheet page shows of the editorial record, in the page's language: the verdict
summary, each fact's source and chain, roles as of the source's date, translation notes.

Templates get one ``SheetView`` as ``view`` beside ``sheet``; the rules themselves live in
``model/editorial.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel import Locale
from markupsafe import Markup

from generator.model import chains, editorial

if TYPE_CHECKING:
    from generator.model.facts import Entity, Fact, Sheet
    from generator.render.context import PageContext


@dataclass
class SheetView:
    page: PageContext
    sheet: Sheet

    def verdict_summary(self) -> str:
        """"18 claims: 3 checked — 2 accurate, 1 misleading; 15 unverified", in words of
        the page's language."""
        page, claims = self.page, self.sheet.claims
        counts = chains.verdict_counts(claims)
        checked = [(verdict, count) for verdict, count in counts
                   if verdict != editorial.UNVERIFIED]
        unverified = dict(counts).get(editorial.UNVERIFIED, 0)
        line = page.count("claims_count", len(claims)) + page.t("colon")
        line += page.count("checked_count", sum(count for _, count in checked))
        if checked:
            line += page.t("dash") + page.t("comma").join(
                f"{page.number(count)} {page.t('verdict_' + verdict)}"
                for verdict, count in checked)
        return line + page.t("semicolon") + page.count("unverified_count", unverified)

    def kind(self, fact: Fact) -> str:
        """``named``, ``anonymous``, ``outlet`` or ``none`` (``chains.source_kind``)."""
        return chains.source_kind(self.sheet, fact)

    def intermediaries(self, fact: Fact) -> list[str]:
        return chains.intermediaries(self.sheet, fact)

    def role(self, entity: Entity) -> Markup | None:
        """The entity's role on the source's date, "then-" when it has ended since."""
        held = editorial.role_on(entity.roles, entity.role, self.sheet.source.published)
        if held is None:
            return None
        title = self.page.tr(held.title)
        if not held.ended:
            return title
        return Markup(self.page.t("then_role").replace("{role}", "{}")).format(title)

    @property
    def translated(self) -> bool:
        """Whether the page's texts are translations of the source's."""
        return self.page.language != self.sheet.source.language

    def translated_from(self) -> str:
        """"translated from Arabic", in the page's language."""
        return self.page.t("translated_from").replace(
            "{language}", self.language(self.sheet.source.language))

    def relayed_translation(self) -> str | None:
        """The note that the source's quotes of the cited report are themselves
        translations (its report is in another language), or None."""
        cites, language = self.sheet.source.cites, self.sheet.source.cites_language
        if not cites or not language or language == self.sheet.source.language:
            return None
        return (self.page.t("relayed_translation")
                .replace("{outlet}", self.page.plain(self.page.entity(cites).name))
                .replace("{publisher}",
                         self.page.plain(self.page.entity(self.sheet.source.publisher).name))
                .replace("{language}", self.language(language)))

    def language(self, code: str) -> str:
        """A language's name in the page's language ("Arabic", «العربية»), by CLDR."""
        try:
            return Locale.parse(code).get_display_name(self.page.language) or code
        except (ValueError, LookupError):
            return code
