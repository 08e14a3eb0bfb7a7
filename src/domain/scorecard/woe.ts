/**
 * Weight of evidence and information value. Sign convention: WOE = ln(%good / %bad), so a
 * positive WOE marks an attribute with lower risk than the sample as a whole.
 */

/** added to the goods and the bads of a bin where either is zero, so its WOE stays finite */
export const WOE_SMOOTHING = 0.5;

export interface BinCounts {
  goods: number;
  bads: number;
}

export interface WoeTable {
  woe: number[];
  /** Σ (%good − %bad)·WOE over the bins */
  informationValue: number;
}

/** WOE per bin and the information value of the whole characteristic. */
export function woeTable(bins: readonly BinCounts[]): WoeTable {
  let goods = 0;
  let bads = 0;
  for (const b of bins) {
    goods += b.goods;
    bads += b.bads;
  }
  let informationValue = 0;
  const woe = bins.map((b) => {
    const s = b.goods === 0 || b.bads === 0 ? WOE_SMOOTHING : 0;
    const pGood = (b.goods + s) / goods;
    const pBad = (b.bads + s) / bads;
    const w = Math.log(pGood / pBad);
    informationValue += (pGood - pBad) * w;
    return w;
  });
  return { woe, informationValue };
}

export type IvStrength = 'useless' | 'weak' | 'medium' | 'strong' | 'suspicious';

/** The usual reading of an information value (< 0.02 useless … > 0.5 suspicious). */
export function ivStrength(iv: number): IvStrength {
  if (iv < 0.02) return 'useless';
  if (iv < 0.1) return 'weak';
  if (iv < 0.3) return 'medium';
  if (iv <= 0.5) return 'strong';
  return 'suspicious';
}
