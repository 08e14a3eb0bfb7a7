/** The self part's words; empty until its screens land. */
const zh = {};

export const selfMessages: { zh: typeof zh; en: Record<keyof typeof zh, string> } = { zh, en: {} };
