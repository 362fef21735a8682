// Search keys for words, in the browser: the mirror of generator/search.py `search_forms`
// (and of `key`, `word_forms`, `without_article` in generator/extract/normalize.py).
// The index holds every word under these forms, so a query normalized here finds a word
// whatever its diacritics, hamza seat, taa marbuta, alef maqsura or attached و/ب/ل/ال.
// tests/test_search.py checks that this file and the Python agree on real Arabic words.

const DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/gu;
const TATWEEL = /\u0640/gu;
const LETTERS = new Map(Object.entries({
  "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
  "ؤ": "و", "ئ": "ي", "گ": "ك", "ک": "ك", "ی": "ي",
}));
const INDIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/gu;
const WORD = /[\p{L}\p{N}_]+/gu;
const PROCLITICS = ["و", "ف"];
const PREPOSITIONS = ["ب", "ل", "ك"];

/** The words of a text as matching keys: no marks, one alef, ي for ى, ه for ة, ASCII digits. */
export function keyWords(text) {
  const plain = text.replace(DIACRITICS, "").replace(TATWEEL, "")
    .replace(/./gu, (letter) => LETTERS.get(letter) ?? letter)
    .replace(INDIC_DIGITS, (digit) => String(digit.codePointAt(0) & 0xf));
  return plain.match(WORD) ?? [];
}

/** Keys one key word may stand for once و/ف and ب/ل/ك (or لل = ل + ال) come off. */
function wordForms(base) {
  const forms = [base];
  let rest = base;
  if (rest.length > 3 && PROCLITICS.includes(rest[0])) {
    rest = rest.slice(1);
    forms.push(rest);
  }
  if (rest.length > 3 && rest.startsWith("لل")) {
    forms.push("ال" + rest.slice(2));
  } else if (rest.length > 3 && PREPOSITIONS.includes(rest[0])) {
    forms.push(rest.slice(1));
  }
  return forms;
}

function withoutArticle(form) {
  return form.startsWith("ال") && form.length > 3 ? form.slice(2) : form;
}

/** Every key a key word may be found by, prefixes taken off again and again, as
 * `search_forms` in generator/search.py. */
export function searchForms(word) {
  const forms = [word.toLowerCase()];
  for (const form of forms) { // the array grows while it is walked, as in Python
    const bare = form.length > 4 ? [withoutArticle(form)] : [];
    for (const more of [...wordForms(form), ...bare]) {
      if (!forms.includes(more)) forms.push(more);
    }
  }
  return forms;
}

/** The query as Pagefind should see it: each word reduced to its barest form, which the
 * index holds for every spelling of the word. */
export function queryTerms(query) {
  return keyWords(query).map((word) => searchForms(word)
    .reduce((barest, form) => (form.length < barest.length ? form : barest)));
}

/** Whether a written word is one the query terms find (Pagefind matches prefixes). */
export function matches(word, terms) {
  return keyWords(word).some((key) => searchForms(key)
    .some((form) => terms.some((term) => form.startsWith(term))));
}
