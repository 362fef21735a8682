"""Where the search indexes go: a big site's records are split into shards of about
``SHARD_RECORDS`` pages, each its own Pagefind index in its own folder, which the search
page merges. A page's shard follows from its path alone, so it stays put while the site
grows."""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache

SEARCH_FOLDER = "assets/pagefind"
"""Where the main search index and Pagefind's own script live under ``site/``."""
SHARD_RECORDS = 250
"""About how many records (pages) one Pagefind index holds. A bigger site is split into
several indexes that the search page merges: an edit re-indexes only the changed pages'
shard, and no Pagefind run holds the whole site in memory. Pagefind's time grows faster
than its records (0.14 s for 250 records here, 0.33 s for 500), while each index adds a
few requests to a reader's first search."""


def shard_count(records: int) -> int:
    """How many shards ``records`` pages are spread over."""
    return max(1, math.ceil(records / SHARD_RECORDS))


@lru_cache(maxsize=1 << 16)
def shard_of(path: str, count: int) -> int:
    """The shard of a record, by its page whatever the language (``ar/sheets/x/...`` and
    ``en/sheets/x/...`` go together). Cached (within bounds: a preview server's pages
    come and go): a preview server asks for every page's at every build."""
    page = path.split("/", 1)[-1].encode("utf-8")
    return int.from_bytes(hashlib.blake2b(page, digest_size=8).digest(), "big") % count


def shard_folder(number: int) -> str:
    """The ``site/`` folder of the index of the ``number``th non-empty shard."""
    return SEARCH_FOLDER if number == 0 else f"{SEARCH_FOLDER}-{number}"


def used_folders(pages: list[str], count: int) -> list[str]:
    """The folder of every non-empty shard of these pages (one language's), the main one
    first."""
    used = len({shard_of(page, count) for page in pages}) or 1
    return [shard_folder(n) for n in range(used)]
