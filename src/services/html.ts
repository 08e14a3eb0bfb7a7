/** Text made safe inside HTML elements and quoted attributes: every markup character as a reference. */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
