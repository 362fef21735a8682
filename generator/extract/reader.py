"""Reading a source document: refuse what is not an article, then number its sentences.

A seed is UTF-8 text, Markdown or HTML (read as its plain text). Its first line is the
headline and its last the publisher when they look like them; an article without either
is still read, and the draft asks a person for what is missing. Every later step points
back at the ``Sentence`` objects made here, whose offsets count characters of
``Source.text``: for a plain-text seed that is the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.errors import BuildError
from generator.extract.dateline import Dateline, find_dateline, read_dateline

MAX_BYTES = 1_000_000
"""A news article is a few kilobytes; a megabyte is a wrong file, not an article."""
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
SENTENCE_END = re.compile(r"(?<![.\s])(?<!\s\w)(?<!^\w)[.!?؟](?![.\d])[\"'»”]*(?=\s)")
"""A sentence ends at . ! ? ؟ (and a closing quote) before a space; not after a letter
standing alone (د. the abbreviation), which a letter after a diacritic is not (سُورْيَا.)."""
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters that end a line for Unicode (and for YAML), read as a newline."""
INVISIBLE = str.maketrans({**{code: " " for code in (*range(0, 9), *range(14, 32), 127,
                                                      *range(0x80, 0xA0), 0xFFFE, 0xFFFF)},
                           **dict.fromkeys(map(ord, LINE_BREAKS), "\n")})
"""Control characters become spaces and line separators newlines, one for one, so
offsets still count the seed's characters and no draft can carry them into YAML."""
HEADLINE_MAX_WORDS = 30
PUBLISHER_MAX_WORDS = 12
PUBLISHER_MAX_CHARS = 100
"""«وزارة الخارجية الأمريكية – مكتب الترجمة (…)» is a publisher line; a paragraph is not."""


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
    """Empty when the first line is not a headline (a dateline, a paragraph, the only line)."""
    publisher: str | None
    """The last line when it is a name, not a sentence; else None."""
    sentences: list[Sentence]
    dateline: Dateline | None = None
    """The publication date printed on a line of its own, with that line's number."""

    def line_of(self, offset: int) -> int:
        """The 1-based line of ``text`` that character ``offset`` is on."""
        return self.text.count("\n", 0, offset) + 1


def read_source(path: Path) -> Source:
    """The seed at ``path`` as a Source; BuildError with the reason if it is not text
    with Arabic in it."""
    text = _plain_text(path.name, _decode(path)).translate(INVISIBLE)
    lines = [(match.start() + len(match.group()) - len(match.group().lstrip()),
              match.group().strip()) for match in re.finditer(r"[^\n]+", text)
             if match.group().strip()]
    if not any(ARABIC_LETTER.search(line) for _, line in lines):
        raise BuildError(f"{path.name}: no Arabic text found; extract reads Arabic articles")
    publisher = lines[-1][1] if len(lines) > 2 and _looks_like_name(lines[-1][1]) else None
    lines = lines[:-1] if publisher else lines
    headline = lines[0][1] if len(lines) > 1 and _looks_like_headline(lines[0][1]) else ""
    body = lines[1:] if headline else lines
    source = Source(path.name, text, headline, publisher, split_sentences(body))
    source.dateline = find_dateline([(source.line_of(start), line) for start, line in lines])
    return source


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
    """A last line that names an outlet (روداو, «وزارة الخارجية الأمريكية – مكتب الترجمة
    (…)»): short, with letters, not a sentence, a quote or a date."""
    return (len(line.split()) <= PUBLISHER_MAX_WORDS and len(line) <= PUBLISHER_MAX_CHARS
            and re.search(r"[^\W\d_]", line) is not None
            and not line.endswith((".", "؟", "?", "!", ":", "،", ",", "؛", ";"))
            and not SENTENCE_END.search(line) and not re.search("[«»\"“”]", line)
            and read_dateline(line) is None)


def _looks_like_headline(line: str) -> bool:
    """A first line that is one short sentence with letters, not a dateline."""
    return (len(line.split()) <= HEADLINE_MAX_WORDS and re.search(r"[^\W\d_]", line) is not None
            and len(split_sentences([(0, line)])) == 1 and read_dateline(line) is None)


def _plain_text(name: str, text: str) -> str:
    """The text of an HTML page or fragment (by its name or its first tag), of Markdown,
    or the text itself."""
    if name.lower().endswith((".html", ".htm", ".xhtml")) or HTML_START.match(text):
        return html_to_text(text)
    if name.lower().endswith((".md", ".markdown")):
        return markdown_to_text(text)
    return text


HTML_START = re.compile(r"\s*<(!doctype|\?xml|html|head|body|article|main|div|p|h[1-6])[\s>]",
                        re.I)
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
    """Markdown without its markup: front matter, rules, headings, emphasis, links and list
    marks removed."""
    text = re.sub(r"\A---[ \t]*\n.*?\n---[ \t]*(\n|\Z)", "", markdown, flags=re.S)
    text = re.sub(r"(?m)^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return re.sub(r"(?m)^\s{0,3}(#{1,6}|>|[-+]|\d+[.)])\s+", "", text)
