"""Rules about translations: texts missing in a site language, coverage per language, and
translations gone stale because their source text changed after a person confirmed them.

Confirmations live in a small machine-managed file beside the content
(``content/.confirmed-translations.json``: a hash of the source text per field), never in
the hand-edited files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.content.loader import Document
from generator.content.project import Documents
from generator.errors import BuildError, Problem

TEXT_FIELDS = {"title", "summary", "name", "role", "description", "text", "label", "notes",
               "anonymous", "headline", "checked_by", "explanation"}
"""Fields whose value is a mapping from language code to text."""
CONFIRMATIONS = ".confirmed-translations.json"


def source_language(document: Document, languages: list[str]) -> str:
    """The language a document's texts are translated from: the original's for a sheet."""
    data = document.data if isinstance(document.data, dict) else {}
    return data.get("source", {}).get("language", languages[0])


def check_translations(document: Document, languages: list[str], confirmed: dict,
                       strict: bool) -> list[Problem]:
    """Missing translations (errors when ``strict``) and stale ones, in one document."""
    severity = "error" if strict else "warning"
    problems = []
    source = source_language(document, languages)
    records = confirmed.get(document.display, {})
    for path, key, text in texts(document.data, ()):
        for language in languages:
            if not text.get(language, "").strip():
                problems.append(document.problem(path, f"no '{language}' text for "
                                                 f"{key}", "missing-translation", severity))
        recorded = records.get(key)
        if recorded and text.get(source) and recorded != text_hash(text[source]):
            others = ", ".join(lang for lang in languages if lang != source)
            problems.append(document.problem(
                path, f"the '{source}' text of {key} changed after its translation was "
                f"confirmed: review '{others}', then run build-site check "
                f"--confirm-translations {document.display}", "stale-translation",
                "warning"))
    return problems


def coverage(documents: Documents) -> dict[str, tuple[int, int]]:
    """language -> (texts present, texts in all), over every content file."""
    languages = documents.site.data["languages"]
    return add_coverage([file_coverage(document, languages) for document in documents.all()])


def file_coverage(document: Document, languages: list[str]) -> dict[str, tuple[int, int]]:
    """language -> (texts present, texts in all), in one content file."""
    found = [text for _, _, text in texts(document.data, ())]
    return {lang: (sum(bool(t.get(lang, "").strip()) for t in found), len(found))
            for lang in languages}


def add_coverage(counts: list[dict[str, tuple[int, int]]]) -> dict[str, tuple[int, int]]:
    """The coverage of several files (``file_coverage`` of each, in the same languages)."""
    total: dict[str, tuple[int, int]] = {}
    for count in counts:
        for lang, (have, found) in count.items():
            before = total.get(lang, (0, 0))
            total[lang] = (before[0] + have, before[1] + found)
    return total


def texts(value, path: tuple, key: str = ""):
    """Yield (path, stable key, mapping) for every language->text mapping of a document.

    The key names list items by their id (``claims[c3].text``) so confirmations survive
    reordering of the file.
    """
    if isinstance(value, dict):
        for name, child in value.items():
            child_key = f"{key}.{name}" if key else name
            if name in TEXT_FIELDS and isinstance(child, dict):
                yield path + (name,), child_key, child
            else:
                yield from texts(child, path + (name,), child_key)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            label = child.get("id", i) if isinstance(child, dict) else i
            yield from texts(child, path + (i,), f"{key}[{label}]")


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def load_confirmations(content: Path) -> dict:
    path = content / CONFIRMATIONS
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise BuildError(f"{path}: cannot read translation confirmations ({error}); "
                         "delete the file to start again") from error


def confirm_translations(content: Path, document: Document, languages: list[str]) -> int:
    """Record the current source texts of ``document`` as reviewed; returns fields recorded."""
    source = source_language(document, languages)
    confirmed = load_confirmations(content)
    records = {key: text_hash(text[source]) for _, key, text in texts(document.data, ())
               if text.get(source)}
    confirmed[document.display] = dict(sorted(records.items()))
    (content / CONFIRMATIONS).write_text(
        json.dumps(dict(sorted(confirmed.items())), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8")
    return len(records)
