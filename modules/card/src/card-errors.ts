import { defineErrors } from '@linkmall/kernel';

/** Expected failures of the card module, with what owners, managers and visitors read. */
export const cardErrors = defineErrors({
  card_not_found: { status: 404, 'zh-CN': '名片不存在或已隐藏', en: 'The business card does not exist or is hidden' },
  card_owner_not_allowed: { status: 403, 'zh-CN': '只有导购、销售和商户管理员可以拥有名片', en: 'Only shop guides, salespeople and merchant admins can own a business card' },
  card_field_locked: { status: 422, 'zh-CN': '该字段由公司模板统一设置，不能修改', en: 'This field is set by the company template and cannot be changed' },
  card_products_unavailable: { status: 422, 'zh-CN': '推荐商品必须是本店在售商品', en: 'Featured products must be on sale in your storefront' },
  card_template_organization_not_found: { status: 404, 'zh-CN': '模板所属的公司不存在', en: 'The template’s company does not exist' },
  card_template_not_found: { status: 404, 'zh-CN': '名片模板不存在', en: 'The card template does not exist' },
  card_share_not_found: { status: 404, 'zh-CN': '分享链接无效', en: 'The share link is not valid' },
  card_phone_unavailable: { status: 404, 'zh-CN': '名片主人未公开电话', en: 'The card’s owner has not published a phone number' },
  card_draft_not_found: { status: 404, 'zh-CN': '名片草稿不存在或已使用', en: 'The card draft does not exist or was already applied' },
  vcard_invalid: { status: 422, 'zh-CN': '无法识别的 vCard 文件', en: 'The vCard file could not be read' },
  contacts_unavailable: { status: 503, 'zh-CN': '客户管理暂不可用，无法导入联系人', en: 'Contacts are not available, so the vCards cannot be imported' },
  poster_product_unavailable: { status: 404, 'zh-CN': '海报商品不在该名片的推荐商品中', en: 'The poster’s product is not featured on this card' },
});
export type CardErrorCode = keyof typeof cardErrors;
