"""The catalogue of rule ids: what each finds, an example of the mistake, and its fix.

Every problem carries one of these ids; the user documentation lists them from here, and
a test makes sure no rule is emitted without being described.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    summary: str
    mistake: str
    """A short YAML (or description) showing the mistake."""
    fix: str


RULES = {rule.id: rule for rule in [
    Rule("file-unreadable", "error", "The file cannot be read (permissions, a folder...).",
         "content/site.yml is missing",
         "Create the file, or run `build-site init` for a new project."),
    Rule("file-too-large", "error", "The file is larger than 5 MB; hand-edited facts never are.",
         "a 40 MB sheet pasted from a database dump", "Split the content into several sheets."),
    Rule("file-encoding", "error", "The file is not UTF-8 (e.g. saved as Windows-1256).",
         "a sheet saved by an old editor in Arabic (Windows) encoding",
         "Re-save the file as UTF-8 in your editor."),
    Rule("file-empty", "error", "The file holds nothing.", "an empty people.yml",
         "Write `[]` for an empty registry, or remove the file."),
    Rule("yaml-syntax", "error", "The YAML cannot be parsed: a missing bracket, quote, colon or a "
         "line indented wrongly.", "publisher: [rudaw\nlanguage: ar",
         "Close the bracket or quote opened at the reported position; align keys of one "
         "mapping at the same indentation."),
    Rule("yaml-tab", "error", "A tab character is used for indentation.",
         "source:\n\tseed: a.txt", "Indent with spaces only."),
    Rule("yaml-too-deep", "error", "Values are nested thousands of levels deep: no real "
         "content is, and parsing it could exhaust the program.", "a: [[[[[[[[...]]]]]]]]",
         "Flatten the value."),
    Rule("yaml-alias", "error", "YAML anchors (&a) and aliases (*a) are refused: they hide where "
         "a value comes from and can expand without bound.",
         "title: &t {ar: ..., en: ...}\nsummary: *t", "Write the value out again."),
    Rule("yaml-tag", "error", "Explicit YAML tags are refused (they can build program objects).",
         "title: !!python/object:os.system x", "Remove the tag; write plain text."),
    Rule("yaml-key", "error", "A mapping key is not plain text.", "? [a, b]\n: value",
         "Use a plain word as the key."),
    Rule("yaml-duplicate-key", "error", "The same key appears twice in one mapping; YAML would "
         "silently keep the last.", "title: {en: A}\ntitle: {en: B}", "Keep one of them."),
    Rule("schema-required", "error", "A required field is missing.",
         "- id: baghdad\n  kind: city   # no name", "Add the field (`name: {ar: ..., en: ...}`)."),
    Rule("schema-unknown-field", "error", "A field name is not part of the format (often a typo; "
         "the message suggests the closest known name).", "plce: [...]",
         "Rename it to the suggested field (`places`)."),
    Rule("schema-type", "error", "A value has the wrong type.", "title: Just a string",
         "Give the expected type, e.g. `title: {ar: ..., en: ...}`."),
    Rule("schema-range", "error", "A number is out of range (latitude ±90, longitude ±180, ...).",
         "lat: 300", "Correct the number (latitude and longitude may be swapped)."),
    Rule("schema-date", "error", "A date is not YYYY-MM-DD, YYYY-MM or YYYY.",
         "date: 20/09/2020", "Write `date: 2020-09-20` (or `2020-09` if the day is unknown)."),
    Rule("schema-url", "error", "A URL does not start with http:// or https://.",
         "url: www.rudaw.net", "Write `url: https://www.rudaw.net`."),
    Rule("schema-id", "error", "An id is not a lower-case ASCII slug.", "id: Mike_Pompeo",
         "Write `id: mike-pompeo`."),
    Rule("schema-language", "error", "A key where a language code is expected is not one.",
         "title: {arabic: ...}", "Use the code: `title: {ar: ...}`."),
    Rule("schema-enum", "error", "A value is not one of the allowed choices.", "kind: town",
         "Use one of the listed values (`kind: city`)."),
    Rule("schema-attribution", "error", "An attribution is neither an entity id nor an "
         "anonymous description.", "attributed_to: {name: someone}",
         "Write an id (`attributed_to: mike-pompeo`) or `attributed_to: {anonymous: {ar: ..., "
         "en: ...}}`."),
    Rule("schema-pattern", "error", "A value does not have the required form (e.g. sentence ids "
         "s1, s2...).", "sentences: [1, 2]", "Write `sentences: [s1, s2]`."),
    Rule("schema-invalid", "error", "A value breaks another constraint of the schema (an empty "
         "list or text, a repeated list item...).", "sentences: []",
         "Follow the message: give at least one item, remove the repetition."),
    Rule("sheet-slug", "error", "A sheet's file name is not a slug; it becomes its URL.",
         "content/sheets/Iraq Report.yml", "Rename to `content/sheets/iraq-report.yml`."),
    Rule("path-outside", "error", "A content file is a link to somewhere outside content/.",
         "content/sheets/x.yml -> /etc/passwd", "Replace the link by a real file."),
    Rule("ref-unknown-id", "error", "An id is used but defined in no registry (or in the wrong "
         "one).", "attributed_to: mike-pompao", "Fix the spelling, or add the entity to "
         "content/entities/."),
    Rule("ref-duplicate-id", "error", "Two entries share an id.",
         "- id: baghdad\n...\n- id: baghdad", "Give each entry its own id, or merge them."),
    Rule("ref-missing-seed", "error", "The sheet's seed file is not in seeds/.",
         "seed: article.txt", "Put the source document in seeds/ or fix the file name."),
    Rule("ref-unknown-sentence", "error", "A fact points at a sentence that the sheet's text "
         "does not have.", "sentences: [s40]", "Point at an existing sentence id."),
    Rule("ref-unused", "warning", "An entity is defined but no sheet mentions it.",
         "- id: old-entry   # in people.yml, used nowhere",
         "Mention it in a sheet, or remove it from the registry."),
    Rule("draft-entity", "error", "A sheet that is not a draft uses an entity that is: the "
         "published site would leave the entity out and the sheet would link to nothing.",
         "# people.yml\n- id: barham-salih\n  status: draft\n# sheets/x.yml (no status)\n"
         "people: [{id: barham-salih, sentences: [s3]}]",
         "Review the entity and remove its `status: draft`, or keep the sheet a draft too "
         "(`status: draft`)."),
    Rule("review-evidence", "error", "A claim's verdict other than unverified cites no "
         "evidence.", "review: {verdict: false, checked: 2026-12-01, ...}   # no evidence",
         "Add `evidence: [{title: ..., publisher: ..., date: ..., url: ..., archived_url: "
         "...}]`, or set `verdict: unverified`."),
    Rule("review-explanation", "error", "A claim's verdict other than unverified is not "
         "explained in every site language.", "review: {verdict: misleading, explanation: "
         "{en: ...}}   # no ar", "Explain the verdict in each language: `explanation: {ar: "
         "..., en: ...}`."),
    Rule("review-checked", "error", "A claim's verdict other than unverified does not say "
         "when it was checked (`checked`) or by whom (`checked_by`).",
         "review: {verdict: accurate, evidence: [...], explanation: {...}}",
         "Add `checked: 2026-12-01` and `checked_by: {ar: ..., en: ...}`."),
    Rule("sheet-dates", "error", "A sheet's dates disagree: updated before published, or a "
         "correction after the updated date or before publication.",
         "published: 2026-12-01\nupdated: 2026-11-01", "Set `updated` to the date of the last "
         "change (at least the last correction's date)."),
    Rule("role-dates", "error", "A dated role ends before it begins, has no date, or gives "
         "`as_of` beside `from`/`until`.", "roles:\n  - {title: {...}, from: 2022-10, until: "
         "2020-05}", "Put the dates in order; give `as_of` only when neither `from` nor "
         "`until` is known."),
    Rule("place-no-coordinates", "error", "A place has no latitude/longitude, so it cannot be "
         "mapped.", "- id: baghdad\n  kind: city", "Add `lat:` and `lon:` (decimal degrees)."),
    Rule("missing-translation", "warning", "A text is missing in a site language (an error with "
         "`--strict`). The page marks it instead of showing another language silently.",
         "title: {ar: ...}", "Add the translation: `title: {ar: ..., en: ...}`."),
    Rule("stale-translation", "warning", "The source-language text changed after its "
         "translation was confirmed.", "summary.ar edited after `--confirm-translations`",
         "Review the translation, then run `build-site check --confirm-translations FILE`."),
    Rule("csp-origin", "error", "An origin under `allow:` in site.yml is not a plain https "
         "origin: a path, a keyword or a quote would widen or break every page's "
         "Content-Security-Policy.", "allow: {script: [\"https://stats.example.org/js\"]}",
         "Write the scheme and host alone: `https://stats.example.org` (`https://*.host` for "
         "its subdomains)."),
    Rule("text-bidi-control", "warning", "Invisible bidi control characters (U+202A–U+202E, "
         "U+2066–U+2069) and direction marks (LRM U+200E, RLM U+200F, ALM U+061C) can reorder "
         "how text displays; the site sets each text's direction itself.",
         "a name pasted from a web page with U+202B",
         "Delete the invisible character (the message gives its position)."),
    Rule("text-zero-width", "error", "A zero-width character hides inside an id, name alias or "
         "language code.", "id: mike\u200b-pompeo", "Retype the value."),
    Rule("text-mixed-letters", "warning", "Arabic text mixes Persian letter forms (ی ک) with "
         "Arabic ones (ي ك), so matching and search miss it.", "aliases: {ar: [کاظمي]}",
         "Use the Arabic letters consistently: `الكاظمي`."),
    Rule("extract-no-headline", "warning", "`build-site extract`: the seed's first line is not "
         "a headline (a dateline, a whole paragraph, or the only line), so the draft's title "
         "reads TODO.", "seeds/a.txt starting with «الثلاثاء 25 ديسمبر 2012»",
         "Write the title in the drafted sheet (`title: {ar: ...}`)."),
    Rule("extract-no-publisher", "warning", "`build-site extract`: the seed's last line is not "
         "the name of its publisher (it is a sentence, a quote or a date), so the draft's "
         "publisher is the placeholder `todo-publisher`.",
         "seeds/a.txt ending with a sentence of the article",
         "Set `source.publisher` to the organization that published it (add it to "
         "content/entities/organizations.yml if it is new)."),
    Rule("extract-no-date", "warning", "`build-site extract`: neither `--published` nor a "
         "dateline in the seed gives the publication date, so dates without a year stay "
         "undated.", "an article whose date was only on its web page",
         "Run extract again with `--published 2021-03-19` (or write `source.published`)."),
]}

