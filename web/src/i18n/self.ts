/** Subject self-service: the own report, inquiries, objections, repair, charts. */
const zh = {};

export const selfMessages: { zh: typeof zh; en: Record<keyof typeof zh, string> } = { zh, en: {} };
