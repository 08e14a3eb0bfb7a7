/** The console part's words; empty until its screens land. */
const zh = {};

export const consoleMessages: { zh: typeof zh; en: Record<keyof typeof zh, string> } = {
  zh,
  en: {},
};
