"""All content rules, in order: schemas, then references, translations and text hygiene.

Checking happens on the parsed documents, before any typed model is built, so the model
can trust its input and every problem can point at a file, line and column.
"""

from __future__ import annotations

from . import references
from .errors import Problem
from .hygiene import check_hygiene
from .loader import Document
from .project import Documents, Project
from .schema import check_schema
from .translations import check_translations, load_confirmations


def check_documents(project: Project, documents: Documents, strict: bool = False
                    ) -> list[Problem]:
    """Every problem of the content; no error means the site can be built."""
    problems = _schema_problems(documents)
    if any(p.is_error for p in problems):
        return problems  # references make no sense on files of the wrong shape
    index = references.index_entities(documents, problems)
    for name, document in documents.registries.items():
        references.check_relations(document, name, index, problems)
    for document in documents.sheets.values():
        references.check_sheet(project, document, index, problems)
    references.check_unused(documents, index, problems)
    confirmed = load_confirmations(project.content)
    problems.extend(check_translations(documents, confirmed, strict))
    return problems


def _schema_problems(documents: Documents) -> list[Problem]:
    problems: list[Problem] = []
    named = [(documents.site, "site"), *((d, n) for n, d in documents.registries.items()),
             *((d, "sheet") for d in documents.sheets.values())]
    for document, name in named:
        if document.file_problems is None and document.positions:
            document.file_problems = file_problems(document, name)
        problems.extend(document.file_problems or [])
    return problems


def file_problems(document: Document, schema: str) -> list[Problem]:
    """The problems a file has on its own (its schema, its text), which a cache may keep."""
    return check_schema(document, schema) + check_hygiene(document)
