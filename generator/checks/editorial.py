"""Rules of the editorial record: a verdict says what it rests on, a sheet's dates and
corrections agree, a role's dates are in order.

They run on schema-valid documents, each problem located at the value to fix.
"""

from __future__ import annotations

from generator.content.loader import Document
from generator.errors import Problem
from generator.model.editorial import UNVERIFIED, full_date, verdict_of


def check_reviews(document: Document, languages: list[str], problems: list[Problem]) -> None:
    """A verdict other than unverified needs who checked it and when, evidence, and an
    explanation in every site language."""
    for i, claim in enumerate(document.data.get("claims", [])):
        review = claim.get("review")
        if not review or review["verdict"] == UNVERIFIED:
            continue
        path = ("claims", i, "review")
        verdict = f"verdict '{verdict_of(review['verdict'])}' of {claim['id']}"
        if "evidence" not in review:
            problems.append(document.problem(path + ("verdict",), f"{verdict} cites no "
                                             "evidence: add evidence: [{title, url, ...}]",
                                             "review-evidence"))
        explained = review.get("explanation", {})
        missing = [lang for lang in languages if not explained.get(lang, "").strip()]
        if missing:
            problems.append(document.problem(
                path + (("explanation",) if explained else ("verdict",)), f"{verdict} has no "
                f"explanation in {', '.join(missing)}", "review-explanation"))
        unsaid = [name for name in ("checked", "checked_by") if name not in review]
        if unsaid:
            problems.append(document.problem(path + ("verdict",), f"{verdict} does not say "
                                             f"{' or '.join(unsaid)}", "review-checked"))


def check_sheet_dates(document: Document, problems: list[Problem]) -> None:
    """The sheet is updated no earlier than published, and corrected between the two."""
    data = document.data
    published, updated = data.get("published"), data.get("updated")
    if published and updated and full_date(updated) < full_date(published):
        problems.append(document.problem(("updated",), f"updated {updated} is before "
                                         f"published {published}", "sheet-dates"))
    for i, correction in enumerate(data.get("corrections", [])):
        date = full_date(correction["date"])
        if updated and date > full_date(updated):
            problems.append(document.problem(("corrections", i, "date"), f"correction of "
                                             f"{correction['date']} is after the sheet's "
                                             f"updated date {updated}: set updated: "
                                             f"{correction['date']}", "sheet-dates"))
        if published and date < full_date(published):
            problems.append(document.problem(("corrections", i, "date"), f"correction of "
                                             f"{correction['date']} is before the sheet was "
                                             f"published ({published})", "sheet-dates"))


def check_roles(document: Document, problems: list[Problem]) -> None:
    """Each dated role of a people registry: ``from`` before ``until``, and either those
    or ``as_of``."""
    for i, person in enumerate(document.data or []):
        for j, role in enumerate(person.get("roles", [])):
            path = (i, "roles", j)
            start, end = role.get("from"), role.get("until")
            if start and end and full_date(end) < full_date(start):
                problems.append(document.problem(path + ("until",), f"role of "
                                                 f"'{person['id']}' ends ({end}) before it "
                                                 f"begins ({start})", "role-dates"))
            if "as_of" in role and (start or end):
                problems.append(document.problem(path + ("as_of",), "give as_of only when "
                                                 "from and until are not known",
                                                 "role-dates"))
            if not (start or end or "as_of" in role):
                problems.append(document.problem(path, f"role of '{person['id']}' has no "
                                                 "date: add from/until or as_of",
                                                 "role-dates"))
