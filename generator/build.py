"""The build, step by step: load -> check -> model -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass

from .check import check_documents
from .errors import ContentError, Problem
from .exports import export_files
from .model import build_site_model
from .project import Documents, Project, load_documents
from .render import Renderer, template_dirs
from .schema import schema_files
from .search import search_files
from .sitemap import sitemap
from .writer import read_assets, write_site


@dataclass
class BuildResult:
    pages: int
    """HTML pages written."""
    files: int
    """All files written, assets included."""
    warnings: list[Problem]


def load_and_check(project: Project, strict: bool = False
                   ) -> tuple[Documents, list[Problem]]:
    """The parsed content and every problem in it, sorted by file and line."""
    documents, problems = load_documents(project)
    if not any(p.is_error for p in problems):
        problems += check_documents(project, documents, strict)
    return documents, sorted(problems)


def build(project: Project) -> BuildResult:
    """Build ``project`` into its ``site/``; raise ContentError and write nothing on errors."""
    documents, problems = load_and_check(project)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    site = build_site_model(documents)
    dirs = template_dirs(project.templates)
    renderer = Renderer(site, dirs)
    pages = dict(renderer.pages())
    files = read_assets(dirs)
    files.update({path: html.encode("utf-8") for path, html in pages.items()})
    files.update(renderer.feeds())
    files.update(schema_files())
    files.update(export_files(site))
    files.update(search_files(site))
    files[".nojekyll"] = b""
    files["sitemap.xml"] = sitemap(site.settings, pages)
    if site.settings.cname:
        files["CNAME"] = (site.settings.cname + "\n").encode("ascii")
    write_site(project.site, files)
    return BuildResult(len(pages), len(files), problems)
