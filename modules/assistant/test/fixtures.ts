import type { ProductFact } from '../src/assistant-ports.ts';
import type { KnowledgeRow } from '../src/assistant-store.ts';

const product = (productId: string, title: string, subtitle: string, category: string, description: string, specs: string[], priceFen: bigint, popularity = 0): ProductFact => ({
  productId,
  title,
  subtitle,
  category,
  description,
  specs,
  priceFen,
  popularity,
});

/** Products of the demo catalog (apps/api/src/demo-seed.ts) with the descriptions a merchant would write. */
export const DEMO_PRODUCTS: ProductFact[] = [
  product('prd_tea', '西湖龙井明前茶', '核心产区 · 当季新茶', '绿茶', '<p>西湖龙井明前茶：核心产区 · 当季新茶。清明前采摘一芽一叶，手工炒制，豆香浓郁，汤色嫩绿明亮。</p><p>建议用80℃左右的水冲泡，避光密封冷藏保存。</p>', ['规格: 250g', '规格: 500g'], 19800n, 5),
  product('prd_white', '安吉白茶礼盒', '送礼佳品 · 高山茶园', '白茶', '<p>安吉白茶礼盒：送礼佳品 · 高山茶园。氨基酸含量高，口感鲜爽，礼盒包装适合商务送礼。</p>', ['规格: 200g 礼盒', '规格: 400g 礼盒'], 26800n, 3),
  product('prd_walnut', '临安山核桃仁', '手剥原味 · 无添加', '坚果', '<p>临安山核桃仁：手剥原味 · 无添加。颗粒饱满，开袋即食。</p>', ['规格: 250g', '规格: 500g'], 3900n, 4),
  product('prd_rice', '五常稻花香大米', '产地直发 · 当季新米', '粮油', '<p>五常稻花香大米：产地直发 · 当季新米。米粒细长，蒸煮后香气浓郁，口感软糯。</p>', ['规格: 5kg', '规格: 10kg'], 7990n, 8),
  product('prd_mask', '玻尿酸保湿面膜', '深层补水 · 敏感肌可用', '面膜', '<p>玻尿酸保湿面膜：深层补水 · 敏感肌可用。每周使用2-3次，每次敷15分钟后揭下，轻拍至吸收，无需清洗。</p>', ['规格: 10片', '规格: 20片'], 8900n, 9),
  product('prd_cleanser', '氨基酸洁面乳', '温和清洁 · 不紧绷', '洁面', '<p>氨基酸洁面乳：温和清洁 · 不紧绷。早晚使用，适合干性和敏感肌肤。</p>', ['规格: 120g', '规格: 120g×2'], 6900n, 6),
  product('prd_serum', '烟酰胺焕亮精华液', '提亮肤色 · 淡化痘印', '精华', '<p>烟酰胺焕亮精华液：提亮肤色 · 淡化痘印。建立耐受后再日常使用，孕期请咨询医生。</p>', ['规格: 30ml', '规格: 50ml'], 15900n, 7),
  product('prd_sunscreen', '清透防晒喷雾 SPF50+', '轻薄不油腻 · 户外可用', '防晒', '<p>清透防晒喷雾 SPF50+：轻薄不油腻 · 户外可用。出门前15分钟喷涂，游泳出汗后及时补喷。</p>', ['规格: 150ml', '规格: 150ml×2'], 7900n, 2),
];

const entry = (id: string, kind: 'faq' | 'doc', title: string, body: string): KnowledgeRow => ({
  id,
  organization_id: null,
  kind,
  title,
  body,
  created_by: 'usr_test',
  created_at: new Date('2026-11-01T00:00:00Z'),
  updated_at: new Date('2026-11-01T00:00:00Z'),
});

export const DEMO_KNOWLEDGE: KnowledgeRow[] = [
  entry('akn_shipping', 'faq', '多久发货？包邮吗？', '下单后48小时内从产地仓发货，全国包邮（新疆、西藏、港澳台除外），顺丰或中通配送。'),
  entry('akn_returns', 'faq', '可以退换货吗？', '收货后7天内，商品未拆封可无理由退换；食品类拆封后不支持无理由退货，质量问题我们承担来回运费。'),
  entry('akn_invoice', 'faq', '能开发票吗？', '可以开具电子普通发票，下单时在备注中填写抬头和税号，发货后3个工作日内发送到您的邮箱。'),
  entry(
    'akn_company',
    'doc',
    '公司介绍',
    '杭州链商云科技有限公司成立于2018年，专注浙江本地优质农产品和国货美妆的社交零售。\n我们在杭州西湖区和临安区建有自营茶园与仓储中心，所有茶叶均可溯源到茶园地块。\n门店地址：杭州市西湖区文三路90号，营业时间每天9:00-21:00。',
  ),
];
