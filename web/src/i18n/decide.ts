/** The deciders' screens: proposals, notice, decisions, objection and repair queues. */
const zh = {};

export const decideMessages: { zh: typeof zh; en: Record<keyof typeof zh, string> } = {
  zh,
  en: {},
};
