"""``build-site extract`` on articles it was not built around: a new project from ``init``,
every corpus text, seeds without a headline, publisher or date, registries written as
``[]``, ``--no-registry`` and ``--score`` on every gold annotation."""

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, copy_project

from generator.build.load import load_and_check
from generator.cli import main
from generator.errors import BuildError
from generator.extract.dateline import read_dateline
from generator.extract.dates import Published
from generator.extract.merge import append_entries
from generator.extract.reader import read_source

CORPUS = FIXTURES / "extract" / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))
SEED = FIXTURES.parent.parent / "seeds" / "000_388e89f499b51aba.txt"
ENTRY = [["", "- id: baghdad  # drafted", "  status: draft", "  name: {ar: بغداد}",
          "  kind: city", "  lat: 33.3", "  lon: 44.4"]]


def _new_project(folder: Path, *articles: Path) -> Path:
    assert main(["init", str(folder)]) == 0
    for article in articles:
        shutil.copy(article, folder / "seeds")
    return folder


def _extract(folder: Path, seed: str, *args: str) -> int:
    return main(["--project", str(folder), "extract", str(folder / "seeds" / seed), *args])


@pytest.mark.slow
@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem[:2] for a in ARTICLES])
def test_init_then_extract_check_and_build_pass_for_every_corpus_article(
        tmp_path, article, capsys):
    folder = _new_project(tmp_path / "p", article)
    assert _extract(folder, article.name) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and ": error:" not in err
    for command in (["check"], ["build"]):
        assert main(["--project", str(folder), *command]) == 0, capsys.readouterr().err
    sheet = yaml.safe_load(next((folder / "content" / "sheets").glob("[0-9]*.yml"))
                           .read_text("utf-8"))
    gold = yaml.safe_load(article.with_suffix(".gold.yml").read_text("utf-8"))
    if gold["published"] and article.stem[:2] not in ("04", "09"):  # 04, 09: not in text
        assert str(sheet["source"]["published"]["date"]) == str(gold["published"])
    assert (folder / "site" / "ar" / "index.html").is_file()


def test_registries_written_by_init_keep_their_comments_when_appended_to(tmp_path):
    folder = _new_project(tmp_path / "p", CORPUS / "05_state_sahel_aid.txt")
    places = folder / "content" / "entities" / "places.yml"
    before = places.read_text("utf-8")
    assert _extract(folder, "05_state_sahel_aid.txt") == 0
    after = places.read_text("utf-8")
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert after.splitlines()[:len(comments)] == comments and "[]" not in after
    drafted = yaml.safe_load(after)
    assert drafted and all(place["status"] == "draft" for place in drafted)


@pytest.mark.parametrize("text", [
    None, "", "# only a comment\n", "# schema\n[]\n", "[ ]  # none yet\n", "~\n", "null\n",
    "---\n[]\n", "- id: basra\n  name: {ar: البصرة}\n", "# c\n\n[]\n# after\n",
])
def test_empty_registries_take_appended_entries(text):
    result = append_entries(text, "places", ENTRY, "a.txt")
    data = yaml.safe_load(result)
    assert data[-1]["id"] == "baghdad" and len(data) == 1 + ("basra" in (text or ""))
    for line in (text or "").splitlines():
        if "[" not in line and line not in ("~", "null"):
            assert line in result.splitlines()
    if "none yet" in (text or ""):
        assert "# none yet" in result


def test_a_registry_written_as_one_flow_list_is_refused_not_broken():
    with pytest.raises(BuildError, match="block items"):
        append_entries("[{id: basra, name: {ar: البصرة}}]\n", "places", ENTRY, "a.txt")


def _one_paragraph(folder: Path, name: str) -> str:
    text = ("أعلنت الحكومة العراقية أمس عن خطة جديدة لإعادة إعمار الموصل بكلفة 500 مليون "
            "دولار، وقال المتحدث باسمها إن العمل سيبدأ في آذار.")
    (folder / "seeds" / name).write_text(text + "\n", encoding="utf-8")
    return text


def test_a_seed_without_headline_publisher_or_date_is_drafted_with_todo_fields(
        tmp_path, capsys):
    folder = _new_project(tmp_path / "p")
    _one_paragraph(folder, "bare.txt")
    assert _extract(folder, "bare.txt") == 0
    err = capsys.readouterr().err
    for rule in ("extract-no-headline", "extract-no-publisher", "extract-no-date"):
        assert "seeds/bare.txt:" in err and ": warning: " in err and f"[{rule}]" in err
    text = (folder / "content" / "sheets" / "bare.yml").read_text("utf-8")
    sheet = yaml.safe_load(text)
    assert sheet["title"]["ar"].endswith(": TODO")
    assert sheet["source"]["publisher"] == "todo-publisher" and "# TODO" in text
    assert "published" not in sheet["source"] and "# published: {date:" in text
    assert sheet["text"][0]["text"]["ar"].startswith("أعلنت الحكومة")
    _one_paragraph(folder, "bare2.txt")  # a second one shares the placeholder
    assert _extract(folder, "bare2.txt") == 0
    organizations = yaml.safe_load(
        (folder / "content" / "entities" / "organizations.yml").read_text("utf-8"))
    assert [o["id"] for o in organizations].count("todo-publisher") == 1
    assert main(["--project", str(folder), "check"]) == 0


@pytest.mark.parametrize("last", [
    "وزارة الخارجية الأمريكية – مكتب الترجمة (…)", "روداو", "France 24 عربي",
])
def test_a_long_publisher_line_is_still_the_publisher(tmp_path, last):
    seed = tmp_path / "a.txt"
    seed.write_text(f"عنوان الخبر\nقال الوزير إن الاجتماع كان مثمرا.\n{last}\n", "utf-8")
    source = read_source(seed)
    assert source.publisher == last and source.headline == "عنوان الخبر"
    assert [s.text for s in source.sentences] == ["قال الوزير إن الاجتماع كان مثمرا."]


@pytest.mark.parametrize("last", [
    "وأضاف أن الحكومة ستواصل العمل مع الشركاء.", "«لن نتراجع»", "الثلاثاء 25 ديسمبر 2012",
    "وأوضح المتحدث أن الوزارة ستعلن عن تفاصيل الخطة الكاملة في مؤتمر صحفي يعقد في مقرها "
    "في بغداد غدا",
])
def test_a_last_line_that_is_not_a_name_is_not_the_publisher(tmp_path, last):
    seed = tmp_path / "a.txt"
    seed.write_text(f"عنوان الخبر\nقال الوزير إن الاجتماع كان مثمرا.\n{last}\n", "utf-8")
    source = read_source(seed)
    assert source.publisher is None and source.sentences[-1].text.startswith(last[:10])


@pytest.mark.parametrize("line, iso", [
    ("الثلاثاء 25 ديسمبر 2012", (2012, 12, 25)),
    ("19 آذار/مارس 2021", (2021, 3, 19)),
    ("20:58، 22 مارس 2009 (ت.ع.م.)", (2009, 3, 22)),
    ("آخر تحديث: الجمعة 9 أغسطس 2013", (2013, 8, 9)),
    ("٢٠٢١-٠٣-١٩", (2021, 3, 19)),
    ("نشر في ۱۹/۳/۲۰۲۱", (2021, 3, 19)),
])
def test_datelines_give_the_publication_date(line, iso):
    published, _ = read_dateline(line)
    assert published == Published(*iso)


@pytest.mark.parametrize("line", [
    "حريق مستشفى ابن الخطيب هو حادث وقع في يوم السبت 24 أبريل/نيسان 2021 في مستشفى",
    "في آذار", "31/2/2021", "مقتطفات من الإيجاز الصحفي من وزارة الخارجية – 23 آذار/مارس 2021",
])
def test_a_date_inside_a_sentence_is_not_a_dateline(line):
    assert read_dateline(line) is None


def test_the_headline_is_not_taken_from_a_dateline(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_text("الثلاثاء 25 ديسمبر 2012\nقال الوزير إن الاجتماع كان مثمرا.\n", "utf-8")
    source = read_source(seed)
    assert source.headline == "" and source.dateline.line == 1
    assert source.dateline.published == Published(2012, 12, 25)


def test_published_option_wins_over_the_dateline_and_is_validated(tmp_path, capsys):
    folder = _new_project(tmp_path / "p", CORPUS / "05_state_sahel_aid.txt")
    for wrong in ("tomorrow", "2021-13", "2021-02-30"):
        assert _extract(folder, "05_state_sahel_aid.txt", "--published", wrong) == 1
        err = capsys.readouterr().err
        assert f"--published '{wrong}'" in err and "Traceback" not in err
    assert _extract(folder, "05_state_sahel_aid.txt", "--published", "2021-04") == 0
    sheet = yaml.safe_load(
        (folder / "content" / "sheets" / "05-state-sahel-aid.yml").read_text("utf-8"))
    assert str(sheet["source"]["published"]["date"]) == "2021-04"


@pytest.mark.parametrize("name, wrapped", [
    ("a.md", "---\ntitle: x\n---\n# {head}\n\n***\n\n{body}\n\n*{last}*\n"),
    ("a.html", "<!doctype html><html><head><title>t</title><script>var x='عربي';</script>"
               "</head><body><h1>{head}</h1><p>{body}</p><footer>{last}</footer></body></html>"),
    ("a.txt", "<h1>{head}</h1>\n<p>{body}</p>\n<p>{last}</p>\n"),
])
def test_markdown_and_html_seeds_are_drafted(tmp_path, name, wrapped, capsys):
    folder = _new_project(tmp_path / "p")
    text = wrapped.format(head="عنوان الخبر", body="قال الوزير إن الاجتماع كان مثمرا.",
                          last="روداو")
    (folder / "seeds" / name).write_text(text, encoding="utf-8")
    source = read_source(folder / "seeds" / name)
    assert (source.headline, source.publisher) == ("عنوان الخبر", "روداو")
    assert _extract(folder, name, "--published", "2021") == 0
    assert main(["--project", str(folder), "check"]) == 0


def test_a_seed_named_in_arabic_is_drafted_from_a_plain_named_copy(tmp_path, capsys):
    folder = _new_project(tmp_path / "p")
    article = folder / "seeds" / "مقال جديد (1).TXT"
    shutil.copy(CORPUS / "06_state_hale_lebanon.txt", article)
    (folder / "seeds" / "mqal-jdyd-1.txt").write_text("another article", encoding="utf-8")
    assert main(["--project", str(folder), "extract", str(article)]) == 0
    copy = folder / "seeds" / "mqal-jdyd-1-2.txt"
    assert copy.read_bytes() == article.read_bytes()
    assert (folder / "seeds" / "mqal-jdyd-1.txt").read_text("utf-8") == "another article"
    sheet = yaml.safe_load((folder / "content" / "sheets" / "mqal-jdyd-1.yml").read_text("utf-8"))
    assert sheet["source"]["seed"] == copy.name and "copied" in capsys.readouterr().out
    assert main(["--project", str(folder), "extract", str(article)]) == 1  # sheet exists
    assert sorted(p.name for p in (folder / "seeds").iterdir() if "mqal" in p.name) == [
        "mqal-jdyd-1-2.txt", "mqal-jdyd-1.txt"]


def test_no_registry_writes_new_ids_beside_the_registry(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    registered = {name: {e["id"] for e in yaml.safe_load(
        (project.content / "entities" / f"{name}.yml").read_text("utf-8"))}
        for name in ("people", "places")}
    assert main(["--project", str(project.root), "extract", str(project.seeds / SEED.name),
                 "--no-registry", "--slug", "cold", "--published", "2020-10"]) == 0
    _, problems = load_and_check(project)
    assert not [p for p in problems if p.is_error]
    for name, before in registered.items():
        ids = [e["id"] for e in yaml.safe_load(
            (project.content / "entities" / f"{name}.yml").read_text("utf-8"))]
        assert len(ids) == len(set(ids)) and len(ids) > len(before)


GOLDS = sorted(CORPUS.glob("*.gold.yml"))


@pytest.mark.slow
@pytest.mark.parametrize("gold", GOLDS, ids=[g.name[:2] for g in GOLDS])
def test_score_reads_every_corpus_annotation(tmp_path, gold, capsys):
    folder = _new_project(tmp_path / "p")
    text = gold.with_name(gold.name.replace(".gold.yml", ".txt"))
    assert main(["--project", str(folder), "extract", str(text), "--score", str(gold)]) == 0
    out = capsys.readouterr().out
    for kind in ("people", "places", "dates", "figures", "quotes", "claims"):
        assert kind in out


@pytest.mark.parametrize("gold", [
    "published: 2021-03-19\ndates: [{text_ar: 19 آذار}]\n",
    "published: null\nquotes: {speaker: x}\n",
    "published: 19 March\n",
    "- a list\n",
    "dates: [[2021]]\n",
])
def test_score_reports_an_unreadable_annotation_in_one_line(tmp_path, gold, capsys):
    folder = _new_project(tmp_path / "p")
    path = tmp_path / "bad.gold.yml"
    path.write_text(gold, encoding="utf-8")
    code = main(["--project", str(folder), "extract", str(CORPUS / "05_state_sahel_aid.txt"),
                 "--score", str(path)])
    err = capsys.readouterr().err
    assert code in (0, 1) and "Traceback" not in err
    assert code == 0 or "bad.gold.yml" in err
