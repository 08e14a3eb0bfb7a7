/** The console: the furnishers' and implementers' screens, and the console's home. */
const zh = {
  'console.furnish': '报送一条信息',
  'console.imports': '批量导入',
  'console.proposals': '名单认定',
  'console.objections': '异议处理',
  'console.repairs': '信用修复',
  'console.checks': '联合奖惩核查',
};

export const consoleMessages: { zh: typeof zh; en: Record<keyof typeof zh, string> } = {
  zh,
  en: {
    'console.furnish': 'Submit a record',
    'console.imports': 'Import a file',
    'console.proposals': 'List decisions',
    'console.objections': 'Objections',
    'console.repairs': 'Credit repair',
    'console.checks': 'Measure checks',
  },
};
