/** Toneless pinyin for name search, from the maintained `pinyin-pro` dictionary. */
import { pinyin } from 'pinyin-pro';

const SYLLABLE = /^[a-z]+$/;

/**
 * One toneless syllable per character of a run of Han characters, ü written `v` as pinyin
 * keyboards type it, and `''` for a character the dictionary has no reading for. The whole
 * run goes in at once so that polyphonic characters are read in context (重庆 chongqing,
 * 银行 yinhang); a person's name is read with the surname reading at its head (单 shan).
 */
export function syllables(han: string, person = false): string[] {
  return pinyin(han, {
    toneType: 'none',
    type: 'array',
    v: true,
    surname: person ? 'head' : 'off',
  }).map((s) => (SYLLABLE.test(s) ? s : ''));
}

/** The first letter of each syllable: 小米科技 xmkj. */
export function initialsOf(syllableList: readonly string[]): string {
  return syllableList.map((s) => s.charAt(0)).join('');
}

/**
 * The syllables of a run of Han characters with their tones, numbered (su1) or marked (sū), as
 * some people type them; for the quality set's noise.
 */
export function tonedSyllables(han: string, tones: 'num' | 'symbol'): string[] {
  return pinyin(han, { toneType: tones, type: 'array', v: tones === 'num' });
}
