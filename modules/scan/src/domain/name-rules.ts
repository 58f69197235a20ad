// The most common Chinese surnames (about 95% of the population) and the compound ones seen on cards.
const SINGLE_SURNAMES = new Set(
  [
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
    '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
  ].join(''),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫', '西门'];

/** How much a run of Han characters looks like a person's name: 0 (not at all) to 1. */
export function chineseNameStrength(text: string): number {
  const compact = text.replace(/\s+/g, '');
  if (!/^[\u4e00-\u9fff·]{2,5}$/.test(compact)) return 0;
  const compound = COMPOUND_SURNAMES.some((surname) => compact.startsWith(surname));
  if (compound && compact.length >= 3 && compact.length <= 5) return 0.9;
  if (SINGLE_SURNAMES.has(compact[0]!) && compact.length <= 4) return compact.length === 4 ? 0.7 : 0.9;
  return 0.3;
}

const NOT_NAME_WORDS =
  /\b(co|ltd|inc|llc|corp|group|company|limited|technology|technologies|trading|bank|road|street|avenue|district|city|province|china|floor|building|room|suite|www|http|tel|mobile|email|fax|sales|manager|director|president|engineer|officer|department|center|centre)\b/i;

/** Latin-script names: "Zhang Wei", "ZHANG Wei", "Mary-Jane O'Neil", "Li X. Ming". */
export function latinNameStrength(text: string): number {
  const trimmed = text.trim();
  if (NOT_NAME_WORDS.test(trimmed)) return 0;
  const word = "[A-Z][a-zA-Z'’-]{1,20}";
  if (new RegExp(`^${word}(?:\\s+[A-Z]\\.)?(?:\\s+${word}){1,2}$`).test(trimmed)) return 0.75;
  if (/^[A-Z][a-zA-Z'’-]{2,20}$/.test(trimmed)) return 0.3;
  return 0;
}
