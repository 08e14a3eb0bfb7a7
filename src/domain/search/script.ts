/** Simplified and traditional Chinese, from the maintained opencc-js dictionaries. */
import { Converter as fromSimplified } from 'opencc-js/cn2t';
import { ConverterFactory } from 'opencc-js/core';
import { from as simplifiedDicts, to as traditionalDicts } from 'opencc-js/preset/cn2t';
import { Converter as fromTraditional } from 'opencc-js/t2cn';

// Hong Kong forms are a superset of the others for simplifying (衞 as well as 衛 become 卫)
const simplify = fromTraditional({ from: 'hk', to: 'cn' });

type Writer = (text: string) => string;

let phraseWriters: readonly Writer[] | null = null;

/**
 * Converters that write simplified text as Taiwan and as Hong Kong do, by phrase. Built on first
 * use: their phrase tries take about 80 MB of heap, and only the quality set writes whole names.
 */
export function toTraditional(): readonly Writer[] {
  phraseWriters ??= [
    fromSimplified({ from: 'cn', to: 'tw' }),
    fromSimplified({ from: 'cn', to: 'hk' }),
  ];
  return phraseWriters;
}

// the same conversions for one character: the character tables of each chain (its second
// dictionary, after the phrases), about 2 MB; a test checks they agree with the phrase writers
const characterOf = (group: readonly (readonly unknown[])[] | undefined) => group?.[0]?.[1];
const CHARACTER_WRITERS: readonly Writer[] = ['tw', 'hk'].map((region) =>
  ConverterFactory(
    [characterOf(simplifiedDicts.cn)] as never,
    [characterOf(traditionalDicts[region])] as never,
  ),
);

const TRADITIONAL_ONLY = new Map<string, boolean>();

/**
 * Whether only traditional writing uses the character: 責 simplifies to 责, which is written
 * back as 責; 乾 simplifies to 干, but 干 is written back as 幹, because 乾 is a simplified
 * character too (乾坤, 乾安县).
 */
export function traditionalOnly(char: string): boolean {
  let known = TRADITIONAL_ONLY.get(char);
  if (known === undefined) {
    const simple = simplify(char);
    known = simple !== char && CHARACTER_WRITERS.some((write) => write(simple) === char);
    TRADITIONAL_ONLY.set(char, known);
  }
  return known;
}

/**
 * Text in simplified characters. Text that has a character only traditional writing uses is
 * converted by phrase (乾隆 stays, 乾燥 becomes 干燥); other text is left alone, since phrase
 * rules meant for traditional text would rewrite a simplified name (沈思佳 as 沉思佳).
 */
export function toSimplified(text: string): string {
  for (const char of text) {
    // nothing below the CJK blocks has a traditional form
    if (char.charCodeAt(0) >= 0x3400 && traditionalOnly(char)) return simplify(text);
  }
  return text;
}
