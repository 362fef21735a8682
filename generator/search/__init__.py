"""Search: each page's search record and the Pagefind index built from them."""
