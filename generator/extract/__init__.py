"""``build-site extract``: offline drafting of a fact-sheet from an Arabic news article.

reader (sentences, offsets) → normalize → gazetteer, entities, embassies, quotes, dates,
numbers (findings, in analyze) → draft (YAML text) → merge/write (append-only, checked
before anything is written); score measures it against a gold annotation.
"""
