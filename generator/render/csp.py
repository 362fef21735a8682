"""Content-Security-Policy for every page, as a <meta> tag computed from the page itself.

Pages may run only scripts from the site's own origin and the inline scripts the page
holds once rendered (the map code, an override template's own, classic or module), each
allowed by its SHA-256 hash; never ``unsafe-eval`` (``wasm-unsafe-eval`` lets the search
engine compile its WebAssembly, nothing more). Images may come from the site and the
map's tile server only (none by default: the basemap is the site's own). So even if
some content slipped through escaping, a browser would refuse to run it. ``allow:`` in
site.yml adds origins (an analytics script, an embedded player) to the directives it
names; ``checks.allowed_origins`` checks them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"
"""What templates put in the meta tag's content; replaced once the page is complete."""
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
CODE_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
              "application/ecmascript", "text/jscript", "text/livescript"}
"""Script types a browser runs (HTML's JavaScript MIME types and ``module``); any other
type (JSON-LD's ``application/ld+json``) makes a data block, not code."""
DIRECTIVES = {"script": ("script-src", "connect-src"), "style": ("style-src",),
              "img": ("img-src",), "font": ("font-src",), "connect": ("connect-src",),
              "frame": ("frame-src",), "media": ("media-src",)}
"""``allow:`` key in site.yml -> the directives its origins join (a script's origin may
also be sent data: analytics)."""


def tile_origin(tiles: str) -> str:
    """``https://tile.openstreetmap.org`` for a tile URL template."""
    parts = urlsplit(tiles.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
    return f"{parts.scheme}://{host}"


def policy(html: str, tiles: str | None, allow: dict[str, list[str]] | None = None) -> str:
    """The policy for one rendered page; ``allow``: site.yml's added origins."""
    sources = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'",
                       *(f"'sha256-{_digest(body)}'" for body in inline_scripts(html))],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([tile_origin(tiles)] if tiles else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
    }
    for key, origins in sorted((allow or {}).items()):
        for directive in DIRECTIVES[key]:
            listed = sources.setdefault(directive, ["'self'"])
            listed += [origin for origin in origins if origin not in listed]
    return "; ".join(f"{directive} {' '.join(values)}" for directive, values in sources.items())


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of the page a browser would run, classic or module."""
    found = []
    for attributes, body in SCRIPT.findall(html):
        kind = TYPE.search(attributes)
        kind = next(filter(None, kind.groups()), "") if kind else ""
        if not SOURCE.search(attributes) and kind.strip().lower() in CODE_TYPES:
            found.append(body)
    return found


def apply_policy(html: str, tiles: str | None, allow: dict[str, list[str]] | None = None) -> str:
    """The page with its policy filled into the placeholder left by the base template."""
    return html.replace(PLACEHOLDER, policy(html, tiles, allow), 1)


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
