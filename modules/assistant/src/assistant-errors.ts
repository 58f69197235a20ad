import { defineErrors } from '@linkmall/kernel';

export const assistantErrors = defineErrors({
  assistant_card_not_found: { status: 404, 'zh-CN': '名片不存在或未发布', en: 'The card does not exist or is not published' },
  assistant_knowledge_not_found: { status: 404, 'zh-CN': '知识条目不存在', en: 'The knowledge entry does not exist' },
  assistant_knowledge_scope: { status: 403, 'zh-CN': '只有平台或商户可以维护助理知识库', en: 'Only the platform or a merchant can maintain the assistant knowledge base' },
  assistant_organization_not_found: { status: 404, 'zh-CN': '组织不存在', en: 'The organisation does not exist' },
  assistant_lead_not_found: { status: 404, 'zh-CN': '客户线索不存在', en: 'The lead does not exist' },
  assistant_product_not_found: { status: 404, 'zh-CN': '商品不存在或不在您的在售商品中', en: 'The product does not exist or is not among the products you sell' },
  assistant_rate_limited: { status: 429, 'zh-CN': '提问太频繁了，请稍后再试', en: 'Too many questions; please try again shortly' },
});
export type AssistantErrorCode = keyof typeof assistantErrors;
