"""Property-based: extract reads any Arabic article without an exception, and its draft
passes ``check``.

Texts are made from the corpus's own sentences, shuffled and mutated: stray brackets and
quotes, numbers in ASCII, Arabic-Indic and Persian digits, Latin words, number and date
words, invisible characters, very long lines, lines of punctuation only, empty lines, a
byte-order mark, CRLF or CR line ends, and Markdown or HTML around it all. Every text
keeps one sentence of Arabic intact, so it is always a readable article. Examples are
derandomized and no database is kept, so every run (and CI) tries the same texts.
"""

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.load import load_and_check
from generator.cli import main
from generator.cli.commands.extract import _score
from generator.content.project import REGISTRIES, Project
from generator.errors import BuildError
from generator.extract.analyze import analyze
from generator.extract.dates import Published
from generator.extract.draft import make_draft
from generator.extract.gazetteer import Gazetteer, build_gazetteer
from generator.extract.reader import read_source

pytestmark = pytest.mark.slow  # property tests: hundreds of generated articles and golds

CORPUS = FIXTURES / "extract" / "corpus"
SENTENCES = sorted({s.text for path in sorted(CORPUS.glob("*.txt"))
                    for s in read_source(path).sentences})
PUNCTUATION = list("()[]{}«»\"“”'‘’…؟?!،,؛;:-–—/\\%٪*#<>&_=+|~^`@") + [
    "...", "..", "(", "((", "»»", "«", ' "', '" ', "[1]", "(…)", "-- ", " :", ": "]
INVISIBLE = ["\u200f", "\u200e", "\u200c", "\u200d", "\u200b", "\ufeff", "\u0640", "\u064b",
             "\u0651", "\u0670", "\t", "\u00a0", "\u202b", "\u2066", "\u2028", "\x0b", "\x0c",
             "\x85", "\x7f", "\x1b"]
WORDS = ["آلاف", "آلافًا", "عشرات", "مئات", "الحادية عشرة", "الحادي عشر", "في المئة",
         "بالمئة", "مليون", "مليار", "ثلاثة ملايين", "نحو", "حوالى", "أكثر من", "أمس", "اليوم",
         "هذا الشهر", "الشهر الماضي", "العام المقبل", "العام المالي", "آذار/مارس", "أيلول",
         "كانون الثاني/يناير", "أيار / مايو", "رمضان", "و20 أيلول/سبتمبر 2014 (S/2014/440",
         "قال", "وأضاف", "بحسب", "وفقاً لـ", "نقلاً عن", "الوزير بومبيو:", "سؤال:", "د.",
         "S/2014/440", "COVID-19", "U.S.", "https://example.org/a?b=1", "@user", "#وسم"]
SCRIPTS = [str.maketrans("0123456789", digits) for digits in
           ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")]
LATIN = st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "P"]),
                min_size=1, max_size=12)


@st.composite
def numbers(draw) -> str:
    """A number as articles write it, in one of three digit scripts."""
    value = draw(st.integers(0, 10**13))
    form = draw(st.sampled_from(["{}", "{:,}", "{}.{}", "{}٫{}", "{}%", "{}٪", "{}-{}",
                                 "{}/{}/{}", "{}:{}"]))
    text = form.format(value, *draw(st.lists(st.integers(0, 99), min_size=2, max_size=2)))
    return text.translate(draw(st.sampled_from(SCRIPTS))).replace(",", draw(
        st.sampled_from([",", "٬", "،"])))


TOKENS = st.one_of(st.sampled_from(PUNCTUATION), st.sampled_from(INVISIBLE),
                   st.sampled_from(WORDS), numbers(), LATIN)


@st.composite
def mutated(draw, sentence: str) -> str:
    """``sentence`` with tokens inserted, words dropped, and perhaps cut short."""
    words = sentence.split(" ")
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(words)))
        glue = draw(st.sampled_from(["", " "]))
        token = draw(TOKENS)
        if at < len(words) and glue == "":
            words[at] = draw(st.sampled_from([token + words[at], words[at] + token]))
        else:
            words.insert(at, token)
    if len(words) > 1 and draw(st.booleans()):
        del words[draw(st.integers(0, len(words) - 1))]
    text = " ".join(words)
    if draw(st.integers(0, 9)) == 0:
        text = text[:draw(st.integers(0, len(text)))]
    return text


@st.composite
def line(draw) -> str:
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return ""
    if kind == 1:
        return "".join(draw(st.lists(st.sampled_from(PUNCTUATION), min_size=1, max_size=8)))
    if kind == 2:
        return " ".join(draw(st.lists(TOKENS, min_size=1, max_size=6)))
    sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=2))
    text = " ".join(draw(mutated(s)) for s in sentences)
    if kind == 3:  # one very long line: no full stop for thousands of characters
        text = "، ".join([text.rstrip(".")] * draw(st.integers(3, 8)))
    return text


@st.composite
def articles(draw) -> tuple[str, str]:
    """(file name, text) of an article: plain text, Markdown or HTML."""
    lines = draw(st.lists(line(), min_size=0, max_size=3))
    lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(SENTENCES)))
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(SENTENCES))[:60])  # a headline
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["ويكي الأخبار", "وزارة الخارجية الأمريكية – مكتب "
                                           "الترجمة (…)", "روداو", "Reuters", "٢٠٢١"])))
    wrapper = draw(st.sampled_from(["txt", "md", "html"]))
    if wrapper == "md":
        lines = [draw(st.sampled_from(["", "# ", "## ", "> ", "- ", "1. ", "**", "*", "_"]))
                 + text for text in lines]
        lines.insert(0, draw(st.sampled_from(["", "---\ntitle: خبر\n---", "[رابط](http://x)"])))
    if wrapper == "html":
        tags = st.sampled_from(["<p>{}</p>", "<h1>{}</h1>", "<div><span>{}</span></div>",
                                "<li>{}", "{}<br>", "<p>{}", "<script>{}</script>",
                                "<p>{} &amp; &lt;&#1575;&gt; &nbsp;</p>", "<!-- {} -->"])
        lines = ["<html><head><title>خبر</title></head><body>",
                 *(draw(tags).format(text) if text else text for text in lines),
                 draw(st.sampled_from(["</body></html>", "<p>", "</div></div>"]))]
        lines.insert(draw(st.integers(1, len(lines) - 1)), f"<p>{SENTENCES[0]}</p>")
    end = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    text = draw(st.sampled_from(["", "\ufeff"])) + end.join(lines) + draw(
        st.sampled_from(["", end]))
    return f"article.{wrapper}", text


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PUBLISHED = st.sampled_from([None, "2021", "2021-03", "2021-03-19"])


@pytest.fixture(scope="module")
def known() -> Gazetteer:
    """The packages' and lexicon's names, built once for every example."""
    return build_gazetteer({})


def _fresh(known: Gazetteer) -> Gazetteer:
    """A copy of ``known`` that an analysis may teach new names without changing it."""
    fresh = Gazetteer()
    fresh.names = {words: list(entries) for words, entries in known.names.items()}
    fresh.by_id = dict(known.by_id)
    return fresh


@settings(max_examples=1200, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(article=articles(), published=PUBLISHED)
def test_any_arabic_article_is_read_analyzed_and_drafted(known, tmp_path_factory, article,
                                                         published):
    name, text = article
    path = tmp_path_factory.getbasetemp() / name
    path.write_text(text, encoding="utf-8", newline="")
    source = read_source(path)
    assert source.sentences
    ids = [(entry, entry.id) for entry in known.by_id.values()]
    try:
        findings = analyze(source, _fresh(known), Published.parse(published))
        draft = make_draft(findings, "article", {name: set() for name in REGISTRIES})
    finally:
        for entry, entry_id in ids:  # the draft renames new entries; ``known`` keeps its ids
            entry.id = entry_id
    sheet = yaml.load(draft.sheet_text(), Loader=LOADER)
    assert sheet["status"] == "draft" and sheet["title"]["ar"]
    assert [item["id"] for item in sheet["text"]] == [s.id for s in source.sentences]
    for entries in draft.entries.values():
        for lines in entries:
            assert yaml.load("\n".join(lines), Loader=LOADER)[0]["status"] == "draft"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "p"
    assert main(["init", str(folder)]) == 0
    return folder


@settings(max_examples=80, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(article=articles(), published=PUBLISHED)
def test_the_draft_of_any_arabic_article_passes_check(pristine, article, published):
    name, text = article
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "p"
        shutil.copytree(pristine, folder)
        (folder / "seeds" / name).write_text(text, encoding="utf-8", newline="")
        args = ["--published", published] if published else []
        assert main(["--project", str(folder), "extract", str(folder / "seeds" / name),
                     *args]) == 0
        _, problems = load_and_check(Project(folder))
        assert not [problem for problem in problems if problem.is_error], problems


GOLDS = [yaml.safe_load(path.read_text("utf-8")) for path in sorted(CORPUS.glob("*.gold.yml"))]
ODD = st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                st.text(max_size=20), st.booleans(), st.lists(st.text(max_size=5), max_size=3),
                st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))


@st.composite
def damaged_golds(draw) -> dict:
    """A corpus gold annotation with keys dropped and values of the wrong type."""
    gold = yaml.safe_load(yaml.safe_dump(draw(st.sampled_from(GOLDS))))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(sorted(gold)))
        items = gold[kind]
        if isinstance(items, list) and items and draw(st.booleans()):
            item = items[draw(st.integers(0, len(items) - 1))]
            if isinstance(item, dict) and item:
                field = draw(st.sampled_from(sorted(item)))
                if draw(st.booleans()):
                    del item[field]
                else:
                    item[field] = draw(ODD)
        else:
            gold[kind] = draw(ODD)
    return gold


@pytest.fixture(scope="module")
def findings(known):
    source = read_source(CORPUS / "05_state_sahel_aid.txt")
    return analyze(source, _fresh(known), Published(2021, 3, 19))


@settings(max_examples=300, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(gold=damaged_golds())
def test_score_never_fails_with_a_traceback_on_a_damaged_gold(findings, gold):
    try:
        assert _score(Path("gold.yml"), findings, gold) == 0
    except BuildError as error:
        assert str(error).startswith("gold.yml: ")
