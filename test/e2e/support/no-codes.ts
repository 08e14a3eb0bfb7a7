import type { Page } from 'playwright-core';

/**
 * What a reader in Chinese mode must never be shown (SPEC 4.9, issue 18): internal ids, raw
 * catalog ids and enum values, ISO dates beside Chinese ones, and English left untranslated.
 * Each finding is the pattern's name and the text it matched.
 */
const PATTERNS: Array<[string, RegExp]> = [
  ['internal id', /\b(?:sub|rec|lst|obj|rep|rat|run|fu|acc|inq|imp|wh)_[0-9A-Za-z-]{6,}/g],
  ['catalog id', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g],
  ['ISO date', /\b\d{4}-\d{2}-\d{2}\b/g],
  // a word of three letters or more that is not part of an identifier (MA1K3BTP2B)
  ['English', /(?<![0-9A-Za-z])[A-Za-z]{3,}(?![0-9A-Za-z])/g],
];

/**
 * Latin words a Chinese page may carry: the language switch, the product's name, and the names
 * of file formats and of an encoding, which have no Chinese words.
 */
const ALLOWED = new Set(['English', 'Credence', 'CSV', 'JSON', 'JSONL', 'UTF']);

/** The codes and untranslated text in the page's visible text, its title and its labels. */
export async function codesOnPage(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const labels = Array.from(
      document.querySelectorAll('[aria-label],[title],[placeholder]'),
    ).flatMap((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
    // what a reader types verbatim into a file (column names, an example) is shown as code,
    // each beside its words: the scan reads the words, not the syntax
    let body = document.body.innerText;
    for (const code of Array.from(document.querySelectorAll('code')))
      body = body.replace((code as HTMLElement).innerText, ' ');
    return [document.title, body, ...labels].join('\n');
  });
  const found = new Set<string>();
  for (const [name, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (name === 'English' && ALLOWED.has(match[0])) continue;
      found.add(`${name}: ${match[0]}`);
    }
  }
  return [...found];
}
