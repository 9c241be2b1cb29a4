// What the parts of a Unified Social Credit Code mean (GB 32100-2015): position 1 registration authority,
// position 2 organisation type (per authority), positions 3–8 the administrative division of registration.
import { normalizeUscc } from './uscc'

interface Named { zh: string, en: string }

const AUTHORITIES: Record<string, Named & { types: Record<string, Named> }> = {
  1: {
    zh: '机构编制',
    en: 'Institutional staffing',
    types: {
      1: { zh: '机关', en: 'Government body' },
      2: { zh: '事业单位', en: 'Public institution' },
      3: { zh: '中央编办直接管理机构编制的群众团体', en: 'Mass organisation' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  2: {
    zh: '外交',
    en: 'Foreign affairs',
    types: {
      1: { zh: '外国常驻新闻机构', en: 'Foreign news agency' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  3: {
    zh: '司法行政',
    en: 'Justice administration',
    types: {
      1: { zh: '律师执业机构', en: 'Law firm' },
      2: { zh: '公证处', en: 'Notary office' },
      3: { zh: '基层法律服务所', en: 'Legal service office' },
      4: { zh: '司法鉴定机构', en: 'Forensic institution' },
      5: { zh: '仲裁委员会', en: 'Arbitration commission' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  4: {
    zh: '文化',
    en: 'Culture',
    types: {
      1: { zh: '外国在华文化中心', en: 'Foreign cultural centre' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  5: {
    zh: '民政',
    en: 'Civil affairs',
    types: {
      1: { zh: '社会团体', en: 'Social organisation' },
      2: { zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      3: { zh: '基金会', en: 'Foundation' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  6: {
    zh: '旅游',
    en: 'Tourism',
    types: {
      1: { zh: '外国旅游部门常驻代表机构', en: 'Foreign tourism office' },
      2: { zh: '港澳台地区旅游部门常驻内地代表机构', en: 'HK/Macao/Taiwan tourism office' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  7: {
    zh: '宗教',
    en: 'Religion',
    types: {
      1: { zh: '宗教活动场所', en: 'Place of religious activity' },
      2: { zh: '宗教院校', en: 'Religious college' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  8: {
    zh: '工会',
    en: 'Trade unions',
    types: {
      1: { zh: '基层工会', en: 'Grassroots trade union' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  9: {
    zh: '工商',
    en: 'Market regulation',
    types: {
      1: { zh: '企业', en: 'Enterprise' },
      2: { zh: '个体工商户', en: 'Individual business' },
      3: { zh: '农民专业合作社', en: 'Farmers\' cooperative' },
    },
  },
  A: {
    zh: '中央军委改革和编制办公室',
    en: 'Central Military Commission',
    types: {
      1: { zh: '军队事业单位', en: 'Military institution' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  N: {
    zh: '农业',
    en: 'Agriculture',
    types: {
      1: { zh: '组级集体经济组织', en: 'Group collective' },
      2: { zh: '村级集体经济组织', en: 'Village collective' },
      3: { zh: '乡镇级集体经济组织', en: 'Township collective' },
      9: { zh: '其他', en: 'Other' },
    },
  },
  Y: { zh: '其他', en: 'Other', types: {} },
}

// Shanghai's districts; other divisions are shown by their code.
const DIVISIONS: Record<string, Named> = {
  310000: { zh: '上海市', en: 'Shanghai' },
  310101: { zh: '上海市黄浦区', en: 'Huangpu District, Shanghai' },
  310104: { zh: '上海市徐汇区', en: 'Xuhui District, Shanghai' },
  310105: { zh: '上海市长宁区', en: 'Changning District, Shanghai' },
  310106: { zh: '上海市静安区', en: 'Jing\'an District, Shanghai' },
  310107: { zh: '上海市普陀区', en: 'Putuo District, Shanghai' },
  310109: { zh: '上海市虹口区', en: 'Hongkou District, Shanghai' },
  310110: { zh: '上海市杨浦区', en: 'Yangpu District, Shanghai' },
  310112: { zh: '上海市闵行区', en: 'Minhang District, Shanghai' },
  310113: { zh: '上海市宝山区', en: 'Baoshan District, Shanghai' },
  310114: { zh: '上海市嘉定区', en: 'Jiading District, Shanghai' },
  310115: { zh: '上海市浦东新区', en: 'Pudong New Area, Shanghai' },
  310116: { zh: '上海市金山区', en: 'Jinshan District, Shanghai' },
  310117: { zh: '上海市松江区', en: 'Songjiang District, Shanghai' },
  310118: { zh: '上海市青浦区', en: 'Qingpu District, Shanghai' },
  310120: { zh: '上海市奉贤区', en: 'Fengxian District, Shanghai' },
  310151: { zh: '上海市崇明区', en: 'Chongming District, Shanghai' },
}

export interface UsccParts {
  /** e.g. { code: '91', zh: '工商 · 企业', en: 'Market regulation · Enterprise' } */
  registration: { code: string, zh: string, en: string }
  /** e.g. { code: '310105', zh: '上海市长宁区', en: 'Changning District, Shanghai' } */
  division: { code: string, zh: string, en: string }
  /** Positions 9–17: the organisation's own code. */
  organisation: string
}

/** Explains a (valid) code; unknown authorities, types and divisions are named by their code. */
export function decodeUscc(input: string): UsccParts {
  const code = normalizeUscc(input)
  const authority = AUTHORITIES[code[0] ?? '']
  const type = authority?.types[code[1] ?? '']
  const division = DIVISIONS[code.slice(2, 8)] ?? (DIVISIONS[`${code.slice(2, 4)}0000`] && { zh: `${DIVISIONS[`${code.slice(2, 4)}0000`]!.zh}（${code.slice(2, 8)}）`, en: `${DIVISIONS[`${code.slice(2, 4)}0000`]!.en} (${code.slice(2, 8)})` })
  const join = (a: string | undefined, b: string | undefined) => [a, b].filter(Boolean).join(' · ')
  return {
    registration: {
      code: code.slice(0, 2),
      zh: join(authority?.zh ?? `登记管理部门 ${code[0]}`, type?.zh ?? `类别 ${code[1]}`),
      en: join(authority?.en ?? `Authority ${code[0]}`, type?.en ?? `type ${code[1]}`),
    },
    division: {
      code: code.slice(2, 8),
      zh: division?.zh ?? `行政区划 ${code.slice(2, 8)}`,
      en: division?.en ?? `Division ${code.slice(2, 8)}`,
    },
    organisation: code.slice(8, 17),
  }
}

/** True when the text is meant as a code rather than a name: only code characters (spaces ignored), at least 2. */
export function looksLikeUscc(input: string): boolean {
  return /^[0-9A-Z]{2,}$/i.test(input.replace(/\s+/g, '')) && /^\d/.test(input.trim())
}
