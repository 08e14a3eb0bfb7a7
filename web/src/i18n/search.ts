/** Why a search hit matched, in words (the server's reasons are English phrases). */
const zh = {
  'match.identifier': '标识码一致',
  'match.name': '名称完全一致',
  'match.former': '曾用名一致',
  'match.pinyin': '拼音一致',
  'match.initials': '拼音首字母一致',
  'match.latin': '英文名称一致',
  'match.tokens': '包含全部查询词',
  'match.similar': '相近',
  'match.partial': '部分相似',
  'match.why.tokens': '与查询共有 {shared}/{total} 个词',
  'match.why.edits.characters': '名称相差 {edits} 个字',
  'match.why.edits.pinyin': '拼音相差 {edits} 个字母',
  'match.why.edits.latin': '英文名称相差 {edits} 个字母',
  'match.why.reordered': '字相同，顺序不同',
  'match.why.swapped': '名字的字序颠倒',
  'match.why.former': '曾用名',
  'match.why.suffix': '组织形式不同',
  'match.why.region': '所在地区不同',
};

const en: Record<keyof typeof zh, string> = {
  'match.identifier': 'identifier matches',
  'match.name': 'exact name',
  'match.former': 'former name',
  'match.pinyin': 'pinyin matches',
  'match.initials': 'pinyin initials match',
  'match.latin': 'English name matches',
  'match.tokens': 'every word of the query',
  'match.similar': 'similar',
  'match.partial': 'partial match',
  'match.why.tokens': 'shares {shared} of {total} words',
  'match.why.edits.characters': 'name differs by {edits} character(s)',
  'match.why.edits.pinyin': 'pinyin differs by {edits} letter(s)',
  'match.why.edits.latin': 'English name differs by {edits} letter(s)',
  'match.why.reordered': 'same characters in another order',
  'match.why.swapped': 'given name in the other order',
  'match.why.former': 'a former name',
  'match.why.suffix': 'another legal form',
  'match.why.region': 'another region',
};

export const searchMessages = { zh, en };
