"""Reading a source document: refuse what is not an article, then number its sentences.

A seed is UTF-8 text with the headline on its first line and the publisher on its last
(Markdown and HTML are read as their plain text). Every later step points back at the
``Sentence`` objects made here, whose offsets count characters of ``Source.text``: for a
plain-text seed that is the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import BuildError

MAX_BYTES = 1_000_000
"""A news article is a few kilobytes; a megabyte is a wrong file, not an article."""
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
SENTENCE_END = re.compile(r"(?<![.\s])(?<!\b\w)[.!?؟](?![.\d])[\"'»”]*(?=\s)")
PUBLISHER_MAX_WORDS = 5


@dataclass(frozen=True)
class Sentence:
    id: str
    """``s1``, ``s2``, ... in reading order."""
    text: str
    start: int
    """Offset of the first character in ``Source.text``."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Source:
    """A seed as text: its headline, its numbered sentences, and who published it."""

    name: str
    text: str
    headline: str
    publisher: str | None
    sentences: list[Sentence]


def read_source(path: Path) -> Source:
    """The seed at ``path`` as a Source; BuildError with the reason if it is not one."""
    text = _plain_text(path.name, _decode(path))
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        if raw.strip():
            lines.append((match.start() + len(raw) - len(raw.lstrip()), raw.strip()))
    if len(lines) < 2:
        raise BuildError(f"{path.name}: expected a headline and at least one line of text")
    publisher = lines[-1][1] if _looks_like_name(lines[-1][1]) and len(lines) > 2 else None
    body = lines[1:-1] if publisher else lines[1:]
    return Source(path.name, text, lines[0][1], publisher, split_sentences(body))


def _decode(path: Path) -> str:
    """The file as text, or BuildError saying plainly why it cannot be an article."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BuildError(f"{path}: cannot read: {error.strerror}") from error
    if len(raw) > MAX_BYTES:
        raise BuildError(f"{path.name}: {len(raw)} bytes is too large for an article "
                         f"(limit {MAX_BYTES})")
    if not raw.strip():
        raise BuildError(f"{path.name}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise BuildError(f"{path.name}: binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BuildError(f"{path.name}: not UTF-8 text (byte {error.start}); save it as "
                         "UTF-8") from error
    if not ARABIC_LETTER.search(text):
        raise BuildError(f"{path.name}: no Arabic text found; extract reads Arabic articles")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_sentences(lines: list[tuple[int, str]]) -> list[Sentence]:
    """Numbered sentences: each line, cut after . ! ? ؟ (and any closing quote) + space.

    Ellipses (..), decimals (2.5) and one-letter abbreviations (د.) do not end a sentence.
    """
    sentences: list[Sentence] = []
    for start, line in lines:
        begin = 0
        for match in SENTENCE_END.finditer(line):
            _add(sentences, line[begin:match.end()], start + begin)
            begin = match.end()
        _add(sentences, line[begin:], start + begin)
    return sentences


def _add(sentences: list[Sentence], piece: str, start: int) -> None:
    stripped = piece.strip()
    if stripped:
        offset = start + len(piece) - len(piece.lstrip())
        sentences.append(Sentence(f"s{len(sentences) + 1}", stripped, offset))


def _looks_like_name(line: str) -> bool:
    """A last line that is a short name (روداو), not a sentence of the article."""
    return len(line.split()) <= PUBLISHER_MAX_WORDS and not line.endswith((".", "؟", "!"))


def _plain_text(name: str, text: str) -> str:
    if name.lower().endswith((".html", ".htm")) or re.match(r"\s*<(!doctype|html)", text, re.I):
        return html_to_text(text)
    if name.lower().endswith((".md", ".markdown")):
        return markdown_to_text(text)
    return text


BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title", "blockquote",
          "article", "section", "header", "footer", "tr"}


class _TextParser(HTMLParser):
    """Visible text of an HTML page, one line per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "nav", "aside")
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "nav", "aside") and self.hidden > 0
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(" ".join(data.split()) if data.strip() else "")


def html_to_text(html: str) -> str:
    """The page's visible text, one block per line; a <title> is dropped if an <h1> exists."""
    parser = _TextParser()
    parser.feed(html)
    lines = [line.strip() for line in "".join(parser.parts).split("\n") if line.strip()]
    if re.search(r"<h1[\s>]", html, re.I) and re.search(r"<title[\s>]", html, re.I):
        lines = lines[1:]
    return "\n".join(lines) + "\n"


def markdown_to_text(markdown: str) -> str:
    """Markdown without its markup: headings, emphasis, links and list marks removed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return re.sub(r"(?m)^\s{0,3}(#{1,6}|>|[-+]|\d+[.)])\s+", "", text)
