"""Model: the typed facts (entities, sheets, the site) built from checked content."""
