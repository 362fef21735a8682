"""The extractor's readers on real Arabic: normalization, dates, numbers, sentences."""

import pytest

from generator.extract.dates import Published, find_dates
from generator.extract.numbers import find_numbers, read_number
from generator.extract.reader import split_sentences
from generator.text.arabic import key, word_forms


@pytest.mark.parametrize("written, same_as", [
    ("إيران", "ايران"),                     # hamza on alef
    ("أميركا", "اميركا"),
    ("الأعلى", "الاعلي"),                    # alef maqsura
    ("مدعومةٌ", "مدعومه"),                   # tanween and taa marbuta
    ("بـغـداد", "بغداد"),                    # tatweel
    ("رئيس", "رييس"),                        # hamza on yaa
    ("الولايات المتّحدة", "الولايات المتحده"),  # shadda
])
def test_key_folds_spelling_variants(written, same_as):
    assert key(written) == same_as


@pytest.mark.parametrize("word, bare", [
    ("وبغداد", "بغداد"), ("للعراق", "العراق"), ("بالموصل", "الموصل"),
    ("لإيران", "ايران"), ("وطهران", "طهران"), ("فالحكومة", "الحكومه"),
])
def test_word_forms_take_clitics_off(word, bare):
    assert bare in word_forms(word)


def test_word_forms_try_the_whole_word_first():
    assert word_forms("وزير")[0] == "وزير"
    assert word_forms("وزارة")[0] == "وزاره"


PUBLISHED = Published.parse("2020-10-05")


@pytest.mark.parametrize("text, value", [
    ("خلال مكالمة هاتفية في 20 من أيلول الماضي، وفقاً للتقرير", "2020-09-20"),
    ("أرسل إلى طهران في 26 أيلول لطلب المساعدة", "2020-09-26"),
    ("تم الترحيب به في البيت الأبيض في آب، سيتخلى", "2020-08"),
    ("قبل الانتخابات الرئاسية الأميركية في نوفمبر", "2020-11"),
    ("وقع الانفجار في 4 آب 2020", "2020-08-04"),
    ("في ٢٠ سبتمبر ٢٠١٩", "2019-09-20"),
    ("في 5 تشرين الثاني المقبل", "2020-11-05"),
    ("منذ كانون الأول الماضي", "2019-12"),
    ("منذ مارس/آذار 2011", "2011-03"),
    ("في يناير المقبل", "2021-01"),
    ("تعود إلى عام 2014", "2014"),
])
def test_dates_keep_their_precision_and_take_the_year_from_publication(text, value):
    assert [d.value for d in find_dates(text, PUBLISHED)] == [value]


@pytest.mark.parametrize("text", ["مارس الضغط على الحكومة", "أب لخمسة أطفال", "لمدة 40 يوماً"])
def test_words_that_look_like_months_are_not_dates(text):
    assert find_dates(text, PUBLISHED) == []


def test_a_date_without_year_and_publication_date_has_no_value():
    (date,) = find_dates("في 20 أيلول", None)
    assert date.value is None and date.text == "20 أيلول"


@pytest.mark.parametrize("phrase, value, vague", [
    ("40", 40, False), ("٤٠", 40, False), ("١٬٥٠٠", 1500, False), ("1,500", 1500, False),
    ("2.5 مليون", 2_500_000, False), ("الثمانين", 80, False), ("الثلاث", 3, False),
    ("مئة وخمسين", 150, False), ("خمسة وعشرين", 25, False), ("ثلاثة آلاف", 3000, False),
    ("ثلاثمئة", 300, False), ("مئات", 100, True), ("عشرات", 10, True),
])
def test_read_number(phrase, value, vague):
    assert read_number(phrase) == (value, vague)


def test_read_number_refuses_words():
    assert read_number("الحكومة") is None


def test_numbers_know_what_they_count():
    text = "شارك مئات من صور الأقمار الصناعية للمواقع الثمانين خلال هدنة لمدة 40 يوماً"
    found = {n.value: n for n in find_numbers(text)}
    assert found[80].counts == "المواقع"
    assert found[40].counts == "يوماً"
    assert found[100].approximate and found[100].counts.startswith("صور")


def test_weekdays_are_not_numbers():
    assert find_numbers("استأنف القاضي، الاثنين، التحقيق") == []


def test_sentences_split_after_full_stops_not_inside_numbers_or_ellipses():
    line = 'وقال: "لم يقولوا ذلك. المشكلة في 2.5 مليون".. ثم غادر. د. محمد حضر.'
    texts = [s.text for s in split_sentences([(10, line)])]
    assert texts == ['وقال: "لم يقولوا ذلك.', 'المشكلة في 2.5 مليون".. ثم غادر.',
                     "د. محمد حضر."]
    first = split_sentences([(10, line)])[1]
    assert line[first.start - 10:first.end - 10] == first.text
