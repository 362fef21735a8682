"""An edited sheet's own pages, rendered at once from the last build's model with the
sheet replaced: what the preview serves within a fraction of a second of a save, while
the build that follows brings the rest of the site (entity pages, lists, the map, search)
up to date and replaces them.

Only a sheet the last build published, edited in place, is looked at first: anything else
(a new or deleted sheet, a registry, a template) waits for the build. So does a sheet the
quick checks refuse (its YAML, its schema, an id no registry has): the build then reports
what is wrong with it, as always.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.cache.fingerprints import cache_folder
from generator.cache.serve_memory import Recall
from generator.content.loader import load_document
from generator.content.project import Project
from generator.content.schema import check_schema
from generator.maps.page_maps import page_map
from generator.model.from_content import sheet_model
from generator.model.site import Site
from generator.render.pages import PageSpec, Renderer
from generator.render.theme import template_dirs


def first_look(project: Project, recall: Recall, changed: set[Path]) -> dict[str, bytes]:
    """Output path -> bytes of the edited sheet's pages in every language; empty when the
    change is not one sheet edited in place, or the sheet is not fit to show yet."""
    site = recall.site
    files = {path for path in changed if path.is_file()}  # not folders, nor an editor's
    if site is None or len(files) != 1:                    # temporary files, gone since
        return {}
    path = next(iter(files)).resolve()
    edited = _edited_site(project, site, path)
    if edited is None:
        return {}
    renderer = Renderer(edited, template_dirs(project.templates), cache_folder(project),
                        page_map)
    pages = (renderer.render(PageSpec("sheet.html", "sheet", language, path.stem))
             for language in site.settings.languages)
    return {output: html.encode("utf-8") for output, html in pages}


def _edited_site(project: Project, site: Site, path: Path) -> Site | None:
    """The site with the sheet at ``path`` as it is now; None when that is not a sheet the
    site has, or the sheet fails the quick checks."""
    if (path.parent != (project.content / "sheets").resolve() or path.suffix != ".yml"
            or not any(sheet.slug == path.stem for sheet in site.sheets)):
        return None
    document, problems = load_document(path, project.display(path))
    if problems or check_schema(document, "sheet"):
        return None
    model = sheet_model(path.stem, document)
    if any(entity_id not in site.entities for entity_id in model.involved()):
        return None
    sheets = [model if sheet.slug == model.slug else sheet for sheet in site.sheets]
    return replace(site, sheets=sheets)
