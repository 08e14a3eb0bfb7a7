/** Authorities and their jurisdiction (SPEC 4.2). */
export interface Authority {
  /** the authority's USCC */
  id: string;
  name: string;
  nameEn: string | null;
  domains: string[];
  /** division-code prefixes as 6-digit codes; 000000 is national */
  regions: string[];
}

/** The significant prefix of a division code: 110000 -> 11, 110100 -> 1101, 000000 -> '' (national). */
export function regionPrefix(code: string): string {
  let prefix = code;
  while (prefix.length > 0 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** Whether an authority with these regions has jurisdiction over a subject in `region`. */
export function coversRegion(regions: readonly string[], region: string | null): boolean {
  return regions.some((r) => {
    const prefix = regionPrefix(r);
    return prefix === '' || (region !== null && region.startsWith(prefix));
  });
}
