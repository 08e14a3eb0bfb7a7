import { describe, expect, it } from 'vitest';
import type { SubjectKind } from '../../../src/domain/subject.js';
import {
  analyseName,
  foldText,
  normaliseIdentifier,
  searchKeys,
  type SearchKey,
} from '../../../src/domain/search/normalise.js';

const keysOf = (name: string, kind: SubjectKind = 'business') =>
  searchKeys(analyseName(name, kind));
const tagged = (keys: readonly SearchKey[]) => keys.map((k) => `${k.kind}:${k.value}`);
const values = (keys: readonly SearchKey[]) => new Set(keys.map((k) => k.value));
const shared = (a: readonly SearchKey[], b: readonly SearchKey[]) =>
  [...values(a)].filter((v) => values(b).has(v));

describe('foldText', () => {
  it('turns full-width letters, digits and punctuation half-width and lower-cases them', () => {
    expect(foldText('ＸＩＡＯＭＩ１２３，Ｃｏ．，Ｌｔｄ．')).toBe('xiaomi123 co ltd');
  });

  it('turns traditional characters simplified, Taiwan and Hong Kong forms alike', () => {
    expect(foldText('北京小米科技有限責任公司')).toBe('北京小米科技有限责任公司');
    expect(foldText('滙豐銀行')).toBe('汇丰银行');
    expect(foldText('衞生')).toBe('卫生');
  });

  it('leaves simplified names alone that phrase rules for traditional text would rewrite', () => {
    expect(foldText('沈思佳')).toBe('沈思佳');
    expect(foldText('乾安县马记便利店')).toBe('乾安县马记便利店');
    expect(foldText('乾隆皇帝有限責任公司')).toBe('乾隆皇帝有限责任公司');
  });

  it('makes every punctuation mark and symbol a space and collapses the spaces', () => {
    expect(foldText('  Beijing  Xiaomi, Technology (Co.) & Ltd.  ')).toBe(
      'beijing xiaomi technology co ltd',
    );
    expect(foldText('小米科技（北京）有限公司')).toBe('小米科技 北京 有限公司');
    expect(foldText('北京\u3000小米')).toBe('北京 小米');
  });

  it('drops Latin diacritics and apostrophes', () => {
    expect(foldText('Société Générale')).toBe('societe generale');
    expect(foldText("Xi'an")).toBe('xian');
  });
});

describe('normaliseIdentifier', () => {
  it('matches a USCC typed in full-width with spaces and hyphens to its stored form', () => {
    expect(normaliseIdentifier('９１１１－０１０８\u3000５５１３８５０８２ｑ')).toBe(
      '91110108551385082Q',
    );
    expect(normaliseIdentifier('9111 0108-5513 8508 2q')).toBe('91110108551385082Q');
  });

  it('upper-cases a resident ID check character typed full-width', () => {
    expect(normaliseIdentifier('１１０１０５１９９００３０７１２３ｘ')).toBe('11010519900307123X');
  });
});

describe('analyseName of an organization', () => {
  it('splits a Chinese name into regional prefix, core and legal form, with pinyin and initials', () => {
    const sut = analyseName('北京小米科技有限责任公司', 'business');
    expect(sut.core).toEqual(['小米科技']);
    expect(sut.weak).toEqual([
      { text: '北京', type: 'region' },
      { text: '有限责任公司', type: 'suffix' },
    ]);
    expect(sut.pinyin).toBe('xiaomikeji');
    expect(sut.initials).toBe('xmkj');
    expect(sut.regionPinyin).toBe('beijingxiaomikeji');
    expect(sut.regionInitials).toBe('bjxmkj');
    expect(sut.bigrams).toEqual(['小米', '米科', '科技']);
    expect(sut.pinyinBigrams).toEqual(['xiaomi', 'mike', 'keji']);
  });

  it('weakens a province and a city written with their level, and a county in full', () => {
    expect(analyseName('广东省深圳市腾讯计算机系统有限公司', 'business').weak).toEqual([
      { text: '广东省', type: 'region' },
      { text: '深圳市', type: 'region' },
      { text: '有限公司', type: 'suffix' },
    ]);
    expect(analyseName('九江市德安县教育局', 'government').core).toEqual(['教育局']);
    expect(analyseName('朝阳区张记面馆', 'business').core).toEqual(['张记面馆']);
  });

  it('weakens a region in parentheses and a branch after the legal form', () => {
    expect(analyseName('小米科技（北京）有限公司', 'business').core).toEqual(['小米科技']);
    const branch = analyseName('中国银行股份有限公司北京市分行', 'business');
    expect(branch.core).toEqual(['中国银行']);
    expect(branch.weak.map((w) => w.text)).toEqual(['股份有限公司', '北京市', '分行']);
  });

  it('keeps industry words such as 科技 and technology in the core', () => {
    expect(analyseName('深圳鑫达科技有限公司', 'business').core).toEqual(['鑫达科技']);
    expect(analyseName('Shenzhen Xinda Technology Co., Ltd.', 'business').core).toEqual([
      'xinda',
      'technology',
    ]);
  });

  it('leaves a prefix in the core when fewer than two characters would remain', () => {
    expect(analyseName('长春藤', 'business').core).toEqual(['长春藤']);
  });

  it('knows prefectures that are not cities only in full: 阿里巴巴 is not 阿里地区', () => {
    expect(analyseName('阿里巴巴网络技术有限公司', 'business').core).toEqual(['阿里巴巴网络技术']);
  });

  it('splits a Latin name into words and weakens legal forms and region pinyin', () => {
    const sut = analyseName('Beijing Xiaomi Technology Co., Ltd.', 'business');
    expect(sut.core).toEqual(['xiaomi', 'technology']);
    expect(sut.weak).toEqual([
      { text: 'beijing', type: 'region' },
      { text: 'co', type: 'suffix' },
      { text: 'ltd', type: 'suffix' },
    ]);
    expect(sut.words).toEqual(['xiaomi', 'technology']);
    expect(sut.latin).toBe('xiaomitechnology');
    expect(sut.pinyin).toBe('');
  });

  it('recognises weak forms spread over several words', () => {
    const sut = analyseName('Bei Jing Xiao Mi Ke Ji You Xian Gong Si', 'business');
    expect(sut.core).toEqual(['xiao', 'mi', 'ke', 'ji']);
    expect(sut.weak.map((w) => w.text)).toEqual(['bei jing', 'you xian gong si']);
    expect(analyseName('Shenzhen Xinda Joint Stock Co., Ltd.', 'business').core).toEqual(['xinda']);
    expect(analyseName("Xi'an Aircraft Industry Co., Ltd.", 'business').weak[0]).toEqual({
      text: 'xian',
      type: 'region',
    });
  });

  it('takes the acronym of a Latin name of several words', () => {
    expect(analyseName('International Business Machines Corporation', 'business').initials).toBe(
      'ibm',
    );
  });

  it('keeps a name made only of weak tokens whole, so that it can still be found', () => {
    const sut = analyseName('有限公司', 'business');
    expect(sut.core).toEqual(['有限公司']);
    expect(sut.weak).toEqual([]);
    expect(searchKeys(sut).length).toBeGreaterThan(0);
    expect(analyseName('北京有限公司', 'business').han).toBe('北京有限公司');
    expect(analyseName('Holdings Ltd.', 'business').latin).toBe('holdingsltd');
  });
});

describe('analyseName reads polyphonic characters in context', () => {
  it('reads 重庆 chongqing, 长沙 changsha and 银行 yinhang', () => {
    expect(analyseName('重庆长安汽车股份有限公司', 'business').regionPinyin).toBe(
      'chongqingchanganqiche',
    );
    const bank = analyseName('长沙银行股份有限公司', 'business');
    expect(bank.pinyin).toBe('yinhang');
    expect(bank.regionPinyin).toBe('changshayinhang');
    expect(analyseName('Chongqing Changan Automobile', 'business').weak[0]?.type).toBe('region');
  });

  it('reads a surname by its surname reading: 单 shan, 曾 zeng, but 单 dan elsewhere', () => {
    expect(analyseName('单田芳', 'person').pinyin).toBe('shantianfang');
    expect(analyseName('曾国藩', 'person').pinyin).toBe('zengguofan');
    expect(analyseName('简单科技有限公司', 'business').pinyin).toBe('jiandankeji');
  });

  it('reads a simplified name as written, not as a traditional phrase: 沈思佳 shensijia', () => {
    expect(analyseName('沈思佳', 'person').pinyin).toBe('shensijia');
    expect(analyseName('乾安县马记便利店', 'business').weak[0]?.text).toBe('乾安县');
  });

  it('writes ü as v, as pinyin keyboards do', () => {
    expect(analyseName('吕布', 'person').pinyin).toBe('lvbu');
  });
});

describe('analyseName of a person', () => {
  it('has no weak tokens, even when the name is also a place', () => {
    const sut = analyseName('黄山', 'person');
    expect(sut.core).toEqual(['黄山']);
    expect(sut.weak).toEqual([]);
  });

  it('gives the pinyin of surname and given name as words, and the initials', () => {
    const sut = analyseName('张三丰', 'person');
    expect(sut.words).toEqual(['zhang', 'sanfeng']);
    expect(sut.initials).toBe('zsf');
    expect(analyseName('欧阳娜娜', 'person').words).toEqual(['ouyang', 'nana']);
  });

  it('meets the same name written in pinyin either way round', () => {
    const han = keysOf('张三丰', 'person');
    expect(shared(han, keysOf('Zhang Sanfeng', 'person'))).toEqual(
      expect.arrayContaining(['zhangsanfeng', 'zhang', 'sanfeng']),
    );
    expect(shared(han, keysOf('Sanfeng Zhang', 'person'))).toEqual(
      expect.arrayContaining(['zhang', 'sanfeng']),
    );
  });
});

describe('searchKeys', () => {
  const chinese = keysOf('北京小米科技有限责任公司');

  it('tags each key with its kind and repeats none', () => {
    expect(tagged(chinese)).toEqual([
      'han:小米科技',
      'pinyin:xiaomikeji',
      'initials:xmkj',
      'region-pinyin:beijingxiaomikeji',
      'region-initials:bjxmkj',
      'han-bigram:小米',
      'han-bigram:米科',
      'han-bigram:科技',
      'pinyin-bigram:xiaomi',
      'pinyin-bigram:mike',
      'pinyin-bigram:keji',
    ]);
    expect(tagged(keysOf('Beijing Xiaomi Technology Co., Ltd.'))).toEqual([
      'initials:xt',
      'latin:xiaomitechnology',
      'word:xiaomi',
      'word:technology',
    ]);
    const all = tagged(keysOf('拼多多'));
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives the same Chinese keys for another legal form and for traditional characters', () => {
    expect(keysOf('北京小米科技有限公司')).toEqual(chinese);
    expect(keysOf('北京小米科技有限責任公司')).toEqual(chinese);
  });

  it('meets the English name and a full-width Latin query at the word xiaomi', () => {
    expect(shared(chinese, keysOf('Beijing Xiaomi Technology Co., Ltd.'))).toEqual(['xiaomi']);
    expect(shared(chinese, keysOf('ＸＩＡＯＭＩ'))).toEqual(['xiaomi']);
    expect(tagged(keysOf('ＸＩＡＯＭＩ'))).toEqual(['latin:xiaomi', 'word:xiaomi']);
  });

  it('folds pinyin and initials queries to a key of the Chinese name', () => {
    const kindOf = (value: string) => chinese.find((k) => k.value === value)?.kind;
    expect(shared(chinese, keysOf('bjxmkj')).map(kindOf)).toEqual(['region-initials']);
    expect(shared(chinese, keysOf('XMKJ')).map(kindOf)).toEqual(['initials']);
    expect(shared(chinese, keysOf('xiaomi keji'))).toEqual(
      expect.arrayContaining(['xiaomikeji', 'xiaomi', 'keji']),
    );
    expect(shared(chinese, keysOf('xiao mi ke ji'))).toContain('xiaomikeji');
    expect(shared(chinese, keysOf('beijingxiaomikeji'))).toEqual(['beijingxiaomikeji']);
  });

  it('keeps the strings for trigram indexes to a few per name', () => {
    const strings = chinese.filter((k) => !k.kind.endsWith('bigram') && k.kind !== 'word');
    expect(strings.length).toBeLessThanOrEqual(5);
  });

  it('indexes the Latin part of a mixed name as a word and within the pinyin', () => {
    expect(tagged(keysOf('TCL科技集团股份有限公司'))).toEqual(
      expect.arrayContaining(['han:tcl科技', 'pinyin:tclkeji', 'word:tcl', 'han-bigram:科技']),
    );
  });
});

describe('Latin regions where names put them (issue 19)', () => {
  const weak = (q: string) =>
    analyseName(q, 'business')
      .weak.filter((w) => w.type === 'region')
      .map((w) => w.text);

  it('reads a region before the core, with its level and a county, but not between core words', () => {
    expect(weak('bei jing shi yan qing qu xin yuan ke ji')).toEqual([
      'bei jing shi',
      'yan qing qu',
    ]);
    // 建 is read jian, as 吉安 is; 象扬 xiang yang, as 襄阳 is
    expect(weak('zheng zhou hua an jian she gong cheng you xian gong si')).toEqual(['zheng zhou']);
    expect(weak('ning bo xiang yang huan bao ke ji')).toEqual(['ning bo']);
    expect(weak('Xiaomi Technology Beijing Co., Ltd.')).toEqual(['beijing']);
  });
});
