/**
 * How strongly a piece of card text looks like each field (0–1), from the words cards print:
 * company suffixes, job titles, address markers, e-mail and web address patterns.
 */

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const WEBSITE =
  /(?:https?:\/\/)?(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|cn|net|org|io|co|biz|info|top|xyz|tech|hk|tw|me|shop|site|online)(?:\.[a-z]{2})?(?![a-z0-9-])(?:\/[^\s]*)?/gi;

export function findEmails(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((match) => match[0].toLowerCase());
}

export function withoutEmails(text: string): string {
  return text.replace(EMAIL, ' ');
}

/** Web addresses, stripped of trailing punctuation; `explicit` when printed with http(s):// or www. */
export function findWebsites(text: string): { value: string; explicit: boolean }[] {
  return [...withoutEmails(text).matchAll(WEBSITE)].map((match) => {
    const value = match[0].replace(/[.,;)]+$/, '').toLowerCase();
    return { value, explicit: /^(https?:\/\/|www\.)/.test(value) };
  });
}

const COMPANY_RULES: readonly (readonly [RegExp, number])[] = [
  [/(有限责任公司|股份有限公司|有限公司|集团)$/, 0.97],
  [/(有限责任公司|股份有限公司|有限公司|集团|公司)/, 0.9],
  [/\b(co\.?,?\s*ltd|company\s+limited|limited|inc|llc|corp|corporation|gmbh|plc)\b\.?/i, 0.92],
  [/\bgroup\b/i, 0.8],
  [/(科技|工作室|事务所|研究院|研究所|银行|酒店|医院|商行|工厂|贸易|传媒|门店|专卖店|旗舰店)/, 0.75],
  [/\b(technology|technologies|trading|studio|bank|consulting|solutions|industries|enterprises|holdings)\b/i, 0.7],
];

export function companyStrength(text: string): number {
  for (const [pattern, strength] of COMPANY_RULES) if (pattern.test(text)) return strength;
  return 0;
}

const CJK_TITLES =
  /(副?总经理|董事长|副?董事|副?总裁|首席\S{0,4}官|总监|经理|主管|主任|工程师|设计师|顾问|专员|助理|代表|合伙人|创始人|店长|导购|会计师?|律师|医生|教授|老师|秘书|部长|处长|科长|行长|院长|校长|总编|编辑|分析师|架构师|组长)/;
const LATIN_TITLES =
  /\b(CEO|CTO|CFO|COO|CMO|CIO|VP|SVP|EVP|Vice President|President|Chairman|Chairwoman|Manager|Director|Engineer|Consultant|Co-?Founder|Founder|Partner|Officer|Head of|Designer|Representative|Specialist|Assistant|Executive|Architect|Analyst|Coordinator|Supervisor|Secretary|Accountant|Lawyer|Attorney|Professor|Editor|Owner)\b/i;

export function titleStrength(text: string): number {
  const cjk = CJK_TITLES.test(text);
  const latin = LATIN_TITLES.test(text);
  if (!cjk && !latin) return 0;
  // Titles are short; a long line that merely mentions "经理" is more likely a slogan.
  const short = text.replace(/[^\u4e00-\u9fff]/g, '').length <= 12 && text.split(/\s+/).length <= 7;
  return (cjk ? 0.9 : 0.85) * (short ? 1 : 0.5);
}

const CJK_ADDRESS_MARKERS = ['省', '市', '区', '县', '镇', '乡', '村', '路', '街', '大道', '巷', '弄', '号', '楼', '层', '室', '座', '大厦', '广场', '园区', '栋', '单元', '开发区'];
const LATIN_ADDRESS_MARKERS =
  /\b(road|rd|street|st|avenue|ave|boulevard|blvd|lane|ln|drive|dr|floor|fl|suite|room|rm|building|bldg|tower|plaza|district|province|city|park|no)\b\.?/gi;

export function addressStrength(text: string): number {
  const markers = CJK_ADDRESS_MARKERS.filter((marker) => text.includes(marker)).length;
  const numbered = /\d+\s*(号|楼|层|室|栋|弄|座)/.test(text);
  if (markers >= 3) return numbered ? 0.92 : 0.85;
  if (markers === 2) return numbered ? 0.85 : 0.7;
  if (markers === 1 && numbered) return 0.6;
  const latin = new Set([...text.matchAll(LATIN_ADDRESS_MARKERS)].map((match) => match[1]!.toLowerCase())).size;
  const hasNumber = /\d/.test(text);
  if (latin >= 2 && hasNumber) return 0.85;
  if (latin >= 1 && hasNumber) return 0.65;
  return 0;
}

export const isCjk = (text: string) => /[\u4e00-\u9fff]/.test(text);
