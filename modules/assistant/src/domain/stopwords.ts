/**
 * Words that say nothing about what a visitor asks for: particles, pronouns and question words in
 * Chinese and English. Without them "这个面膜怎么用" retrieves on 面膜 and 用 only.
 */
const STOPWORDS = new Set([
  '的', '了', '吗', '呢', '吧', '啊', '呀', '嘛', '哦', '是', '有', '在', '和', '与', '及', '或', '也', '都', '就', '还', '又', '很', '太', '更',
  '我', '你', '您', '他', '她', '它', '我们', '你们', '您们', '他们', '咱们', '自己', '这', '那', '这个', '那个', '这些', '那些', '这款', '那款', '这种',
  '什么', '怎么', '怎样', '怎么样', '如何', '为什么', '哪', '哪个', '哪些', '哪里', '多少', '几', '吗', '么', '请问', '请', '一下', '一个', '想', '想要',
  '可以', '能', '能否', '会', '要', '需要', '应该', '给', '让', '被', '把', '对', '从', '到', '为', '以', '于', '上', '下', '中', '里', '个', '些', '啥',
  '用', '买', '吃', '喝', '做', '看', '去', '来', '说', '卖', '送', '拿', '行', '支持', '没有', '有的', '一般', '比较', '大概', '现在', '今天',
  '好', '谢谢', '你好', '您好', '问', '问问', '知道', '了解', '告诉', '有没有', '是不是', '能不能', '可不可以',
  'the', 'a', 'an', 'is', 'are', 'was', 'be', 'do', 'does', 'did', 'what', 'which', 'how', 'why', 'when', 'where', 'who', 'can', 'could', 'would',
  'i', 'you', 'we', 'it', 'this', 'that', 'these', 'those', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'with', 'about', 'me', 'my', 'your', 'please',
]);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
