/** Public credit reports (download, verify) and credit commitments (issue 18). */
const zh = {
  'report.download': '下载公共信用报告',
  'report.downloading': '正在生成报告…',
  'report.downloadHint': '报告为可打印的网页文件，载有验证码；任何人可在“报告验证”页面核验。',
  'report.downloaded': '报告已下载，验证码：{code}',
  'report.verifyLink': '验证报告',
  'report.saveLink': '如未自动下载，请点此保存报告',

  'verify.title': '验证公共信用报告',
  'verify.intro':
    '输入报告上的验证码，查询该报告是否由本平台出具、出具日期和所涉组织；如选择报告文件，还将核对文件内容是否与出具时一致。',
  'verify.code': '验证码',
  'verify.codeHint': '共 20 位字母和数字，如 AB3CD-EF5GH-JK7MN-PQ9RS',
  'verify.file': '报告文件（可选）',
  'verify.submit': '验证',
  'verify.issued': '本平台于 {date} 出具了该报告。',
  'verify.organization': '所涉组织',
  'verify.identifier': '统一社会信用代码',
  'verify.language': '报告语言',
  'verify.lang.zh': '中文',
  'verify.lang.en': '英文',
  'verify.matches': '文件与出具的报告一致，未被改动。',
  'verify.differs': '文件与出具的报告不一致：内容已被改动，或不是该验证码对应的报告。',
  'verify.noFile': '未选择报告文件，只核验了验证码。',
  'verify.notFound': '没有以该验证码出具的报告。请检查验证码是否输入正确。',

  'commit.nav': '信用承诺',
  'commit.title': '作出信用承诺',
  'commit.intro':
    '选择承诺内容和期限。承诺将作为“信用承诺”信息公示，接受社会监督；违反承诺的，相关部门可依法记入信用记录。',
  'commit.template': '承诺内容',
  'commit.term': '承诺期限',
  'commit.years': '{count} 年',
  'commit.months': '{count} 个月',
  'commit.recipient': '承诺将向辖区内的{domain}主管部门作出。',
  'commit.submit': '作出承诺',
  'commit.done': '承诺已公示，期限至 {date}。',
  'commit.same': '今天已作出过同样的承诺，未重复公示；期限至 {date}。',
  'commit.viewPublic': '查看公示信息',
  'commit.personOnly': '只有组织可以通过本页作出信用承诺。',
};

const en: Record<keyof typeof zh, string> = {
  'report.download': 'Download the public credit report',
  'report.downloading': 'Making the report…',
  'report.downloadHint':
    'The report is a printable web page with a verification code; anyone can check it on the “Verify a report” page.',
  'report.downloaded': 'Report downloaded. Verification code: {code}',
  'report.verifyLink': 'Verify a report',
  'report.saveLink': 'If it did not download by itself, save the report here',

  'verify.title': 'Verify a public credit report',
  'verify.intro':
    'Enter the verification code printed on the report to see whether the registry issued it, on what date and for which organization; choose the report file as well to check that its content is as issued.',
  'verify.code': 'Verification code',
  'verify.codeHint': '20 letters and digits, e.g. AB3CD-EF5GH-JK7MN-PQ9RS',
  'verify.file': 'Report file (optional)',
  'verify.submit': 'Verify',
  'verify.issued': 'The registry issued this report on {date}.',
  'verify.organization': 'Organization',
  'verify.identifier': 'Unified social credit code',
  'verify.language': 'Language of the report',
  'verify.lang.zh': 'Chinese',
  'verify.lang.en': 'English',
  'verify.matches': 'The file is the report issued, unchanged.',
  'verify.differs':
    'The file is not the report issued: its content was changed, or it is not the report of this code.',
  'verify.noFile': 'No report file chosen: only the code was checked.',
  'verify.notFound': 'No report was issued with this code. Check that it is typed correctly.',

  'commit.nav': 'Credit commitment',
  'commit.title': 'Make a credit commitment',
  'commit.intro':
    'Choose what you promise and for how long. The commitment is published as a credit commitment for anyone to see; if it is broken, the competent authority may lawfully enter that in your credit file.',
  'commit.template': 'Commitment',
  'commit.term': 'Term',
  'commit.years': '{count} year(s)',
  'commit.months': '{count} month(s)',
  'commit.recipient': 'The commitment is made to the competent {domain} authority of your region.',
  'commit.submit': 'Make the commitment',
  'commit.done': 'The commitment is published; it runs until {date}.',
  'commit.same':
    'You made the same commitment today already: it is not published twice. It runs until {date}.',
  'commit.viewPublic': 'See what the public sees',
  'commit.personOnly': 'Only an organization can make a credit commitment on this page.',
};

export const reportMessages: { zh: typeof zh; en: Record<keyof typeof zh, string> } = { zh, en };
