"""Content-Security-Policy for every page, as a <meta> tag computed from the page itself.

Pages may run only scripts from the site's own origin and the inline scripts the build
itself emitted (the map code), each allowed by its SHA-256 hash; never ``unsafe-eval``
(``wasm-unsafe-eval`` lets the search engine compile its WebAssembly, nothing more).
Images may come from the site and the map's tile server only (none by default: the
basemap is the site's own). So even if some content
slipped through escaping, a browser would refuse to run it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"
"""What templates put in the meta tag's content; replaced once the page is complete."""
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
"""Executable inline scripts as our templates write them (no attributes); JSON-LD blocks
carry a type and are data, not code."""


def tile_origin(tiles: str) -> str:
    """``https://tile.openstreetmap.org`` for a tile URL template."""
    parts = urlsplit(tiles.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
    return f"{parts.scheme}://{host}"


def policy(html: str, tiles: str | None) -> str:
    """The policy for one rendered page."""
    hashes = " ".join(f"'sha256-{_digest(body)}'" for body in INLINE_SCRIPT.findall(html))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval'{' ' + hashes if hashes else ''}",
        "style-src 'self'",
        f"img-src 'self' data:{' ' + tile_origin(tiles) if tiles else ''}",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def apply_policy(html: str, tiles: str | None) -> str:
    """The page with its policy filled into the placeholder left by the base template."""
    return html.replace(PLACEHOLDER, policy(html, tiles), 1)


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
