"""Every output path and URL of the site comes from here, relative by construction.

A page is addressed by (kind, language, key). Its file is ``<lang>/<folder>/<key>/index.html``
(each kind's folder is in ``page_kinds.KINDS``) and links between pages are computed
relative to the linking page, so the site works at a domain root and under a project
sub-path (``https://user.github.io/repo/``) alike.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

from generator.render.page_kinds import KINDS


@lru_cache(maxsize=1 << 16)
def page_path(kind: str, language: str, key: str | None = None) -> str:
    """Output path, relative to ``site/``, of one page (cached: every page links to
    dozens of others, and the same ones come back on page after page)."""
    return KINDS[kind].path(language, key)


def feed_path(language: str) -> str:
    """The Atom feed of a language."""
    return f"{language}/feed.xml"


def href(from_path: str, to_path: str) -> str:
    """Relative URL from the page at ``from_path`` to the file at ``to_path``.

    Links to a folder's ``index.html`` end at the folder (``../people/x/``), as static
    hosts serve them.
    """
    target = url_path(to_path)
    relative = _relative(target.rstrip("/"), posixpath.dirname(from_path))
    if target.endswith("/") or not target:
        relative = "./" if relative == "." else relative + "/"
    return relative


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for two clean paths inside the site, without asking the OS for
    the current folder (it did, twice per call, for every link of every page)."""
    to = target.split("/") if target else []
    here = start.split("/") if start else []
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def url_path(path: str) -> str:
    """The path a URL names for an output file: a folder's ``index.html`` is the folder."""
    return path.removesuffix("index.html")


def absolute(base_url: str, path: str) -> str:
    """Absolute URL of an output file (sitemap, canonical, hreflang, Open Graph only)."""
    return base_url + url_path(path)


def root_path(base_url: str) -> str:
    """The URL path the site lives under (``/repo/``), for pages served at any depth (404)."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def rooted(root: str, to_path: str) -> str:
    """Root-absolute URL (``/repo/ar/``) of an output file, for pages served at any depth."""
    return root + url_path(to_path)
