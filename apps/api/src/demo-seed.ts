import { systemClock, type Actor, type RequestContext } from '@linkmall/kernel';
import { permissionsOf } from '@linkmall/identity';
import type { SkuInput } from '@linkmall/catalog';
import { DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';
import type { Platform } from './platform.ts';

export const DEMO_PASSWORD = 'demo1234';

/** The logins the README lists, one per role. */
export const DEMO_LOGINS = [
  { role: 'platform_admin', phone: '13800000001', name: '张伟' },
  { role: 'operations', phone: '13800000002', name: '李娜' },
  { role: 'finance', phone: '13800000003', name: '王芳' },
  { role: 'sales', phone: '13800000004', name: '刘洋' },
  { role: 'supplier_admin', phone: '13900000001', name: '陈静' },
  { role: 'merchant_admin', phone: '13700000001', name: '赵敏' },
  { role: 'shop_guide', phone: '13600000001', name: '吴婷' },
  { role: 'consumer', phone: '13500000001', name: '林小雨' },
] as const;

type DemoSku = readonly [value: string, supplyPriceFen: number, suggestedRetailPriceFen: number, stock: number, weightGrams: number];

interface DemoSupplier {
  readonly name: string;
  readonly admin: { readonly phone: string; readonly name: string };
  /** The company's switchboard: a business number, unlike the admin's own mobile, which is personal data and encrypted. */
  readonly profile: { readonly creditCode: string; readonly contactPhone: string; readonly bankName: string; readonly bankAccountNumber: string };
  readonly codePrefix: string;
  readonly products: readonly {
    readonly title: string;
    readonly subtitle: string;
    readonly category: string;
    readonly origin: string;
    readonly spec: string;
    readonly skus: readonly DemoSku[];
  }[];
}

/** Two suppliers with approved profiles, six products each, every product with two SKUs on sale. */
const SUPPLIERS: readonly DemoSupplier[] = [
  {
    name: '杭州绿源农产品有限公司',
    admin: { phone: '13900000001', name: '陈静' },
    profile: { creditCode: '91330110MA2AX0001M', contactPhone: '0571-86801234', bankName: '中国工商银行杭州余杭支行', bankAccountNumber: '1202021109900012345' },
    codePrefix: 'LY',
    products: [
      { title: '西湖龙井明前茶', subtitle: '核心产区 · 当季新茶', category: '绿茶', origin: '浙江杭州西湖区', spec: '规格', skus: [['250g', 12800, 19800, 120, 300], ['500g', 24000, 36800, 60, 560]] },
      { title: '安吉白茶礼盒', subtitle: '送礼佳品 · 高山茶园', category: '白茶', origin: '浙江湖州安吉县', spec: '规格', skus: [['200g 礼盒', 15800, 26800, 80, 450], ['400g 礼盒', 29800, 49800, 40, 800]] },
      { title: '临安山核桃仁', subtitle: '手剥原味 · 无添加', category: '坚果', origin: '浙江杭州临安区', spec: '规格', skus: [['250g', 2500, 3900, 200, 280], ['500g', 4500, 6900, 150, 540]] },
      { title: '五常稻花香大米', subtitle: '产地直发 · 当季新米', category: '粮油', origin: '黑龙江哈尔滨五常市', spec: '规格', skus: [['5kg', 5200, 7990, 300, 5100], ['10kg', 9800, 14990, 120, 10200]] },
      { title: '赣南脐橙 5kg', subtitle: '现摘现发 · 果径 75mm+', category: '水果', origin: '江西赣州', spec: '果径', skus: [['75-80mm', 3600, 5980, 500, 5300], ['80mm 以上', 4200, 6980, 300, 5300]] },
      { title: '云南鲜花饼礼盒 10枚', subtitle: '玫瑰馅 · 酥皮现烤', category: '糕点', origin: '云南昆明', spec: '口味', skus: [['玫瑰', 2800, 4590, 260, 520], ['玫瑰茉莉双拼', 3000, 4890, 180, 520]] },
    ],
  },
  {
    name: '广州美肤生物科技有限公司',
    admin: { phone: '13900000002', name: '杨磊' },
    profile: { creditCode: '91440106MA59B0002F', contactPhone: '020-38801234', bankName: '招商银行广州天河支行', bankAccountNumber: '120909876510001' },
    codePrefix: 'MF',
    products: [
      { title: '玻尿酸保湿面膜', subtitle: '深层补水 · 敏感肌可用', category: '面膜', origin: '广东广州', spec: '规格', skus: [['10片', 3900, 8900, 400, 300], ['20片', 7200, 15900, 200, 580]] },
      { title: '氨基酸洁面乳', subtitle: '温和清洁 · 不紧绷', category: '洁面', origin: '广东广州', spec: '规格', skus: [['120g', 2900, 6900, 350, 160], ['120g×2', 5500, 12900, 150, 320]] },
      { title: '烟酰胺焕亮精华液', subtitle: '提亮肤色 · 淡化痘印', category: '精华', origin: '广东广州', spec: '规格', skus: [['30ml', 6900, 15900, 220, 120], ['50ml', 10500, 23900, 120, 180]] },
      { title: '清透防晒喷雾 SPF50+', subtitle: '轻薄不油腻 · 户外可用', category: '防晒', origin: '广东广州', spec: '规格', skus: [['150ml', 3500, 7900, 300, 200], ['150ml×2', 6600, 14900, 100, 400]] },
      { title: '修护护手霜套装', subtitle: '乳木果油 · 滋润不黏', category: '护手', origin: '广东广州', spec: '规格', skus: [['3支装', 1900, 4900, 500, 180], ['6支装', 3600, 8900, 200, 360]] },
      { title: '草本控油洗发露', subtitle: '无硅油 · 清爽蓬松', category: '洗护', origin: '广东广州', spec: '规格', skus: [['500ml', 2500, 5900, 400, 560], ['750ml', 3400, 7900, 250, 820]] },
    ],
  },
];

/** A band around the suggested price: 15% below (never under supply) to 20% above, in whole jiao. */
function demoSku(code: string, spec: string, [value, supplyPriceFen, suggestedRetailPriceFen, stock, weightGrams]: DemoSku): SkuInput {
  const minRetailPriceFen = Math.max(supplyPriceFen, Math.round((suggestedRetailPriceFen * 0.85) / 10) * 10);
  const maxRetailPriceFen = Math.round((suggestedRetailPriceFen * 1.2) / 10) * 10;
  return {
    skuCode: code,
    specs: [{ name: spec, value }],
    supplyPriceFen: BigInt(supplyPriceFen),
    minRetailPriceFen: BigInt(minRetailPriceFen),
    suggestedRetailPriceFen: BigInt(suggestedRetailPriceFen),
    maxRetailPriceFen: BigInt(maxRetailPriceFen),
    stock,
    weightGrams,
  };
}

/** Unwraps a seeding step; the demo data is fixed, so a failure is a bug. */
function seeded<T>(step: string, result: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!result.ok) throw new Error(`seeding ${step} failed: ${result.code}`);
  return result.value;
}

const MERCHANTS = [
  {
    name: '上海悦享生活旗舰店',
    admin: { phone: '13700000001', name: '赵敏' },
    guide: { phone: '13600000001', name: '吴婷' },
    stores: [
      { name: '悦享生活 南京东路店', province: '上海市', city: '上海市', district: '黄浦区', address: '南京东路 300 号', latitude: 31.2364, longitude: 121.48 },
      { name: '悦享生活 陆家嘴店', province: '上海市', city: '上海市', district: '浦东新区', address: '陆家嘴环路 1000 号', latitude: 31.2397, longitude: 121.4998 },
    ],
  },
  {
    name: '杭州西湖社区优选店',
    admin: { phone: '13700000002', name: '黄强' },
    guide: { phone: '13600000002', name: '郑浩' },
    stores: [{ name: '西湖优选 文三路店', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 90 号', latitude: 30.2788, longitude: 120.14 }],
  },
  {
    name: '成都锦里好物小店',
    admin: { phone: '13700000003', name: '周杰' },
    guide: { phone: '13600000003', name: '孙丽' },
    stores: [
      { name: '锦里好物 武侯祠店', province: '四川省', city: '成都市', district: '武侯区', address: '武侯祠大街 231 号', latitude: 30.6446, longitude: 104.0497 },
      { name: '锦里好物 春熙路店', province: '四川省', city: '成都市', district: '锦江区', address: '春熙路 18 号', latitude: 30.657, longitude: 104.081 },
    ],
  },
] as const;

const CONSUMERS = [
  { phone: '13500000001', name: '林小雨' },
  { phone: '13500000002', name: '何明' },
  { phone: '13500000003', name: '高雪' },
  { phone: '13500000004', name: '罗斌' },
] as const;

/** Seeding acts as the platform itself, so its writes are audited as "system". */
function seedContext(): RequestContext {
  const actor: Actor = {
    userId: 'system',
    sessionId: 'seed',
    displayName: '系统初始化',
    organizationId: null,
    organizationKind: 'platform',
    roles: ['platform_admin'],
    permissions: permissionsOf(['platform_admin']),
    scope: { kind: 'all' },
  };
  return { requestId: 'demo-seed', locale: 'zh-CN', clock: systemClock, actor };
}

async function user(platform: Platform, ctx: RequestContext, input: { phone: string; name: string; roles: string[]; organizationId: string | null }) {
  const result = await platform.identity.users.createUser(ctx, {
    displayName: input.name,
    phone: input.phone,
    password: DEMO_PASSWORD,
    roles: input.roles,
    organizationId: input.organizationId,
  });
  if (!result.ok) throw new Error(`seeding ${input.phone} failed: ${result.code}`);
  return result.value;
}

/** Creates the demo platform; returns false (and changes nothing) when it already exists. */
export async function seedDemo(platform: Platform): Promise<boolean> {
  const ctx = seedContext();
  const existing = await platform.identity.users.listOrganizations(ctx, { page: 1, pageSize: 1, kind: 'platform' });
  if (existing.total > 0) return false;

  const platformOrganization = await platform.identity.users.createOrganization(ctx, { kind: 'platform', name: '链商云平台' });
  for (const login of DEMO_LOGINS.slice(0, 4)) {
    await user(platform, ctx, { phone: login.phone, name: login.name, roles: [login.role], organizationId: platformOrganization.id });
  }
  await seedCategories(platform, ctx);
  const skuIds = new Map<string, string>();
  const supplierIds: string[] = [];
  for (const supplier of SUPPLIERS) {
    const organization = await platform.identity.users.createOrganization(ctx, { kind: 'supplier', name: supplier.name });
    supplierIds.push(organization.id);
    await user(platform, ctx, { ...supplier.admin, roles: ['supplier_admin'], organizationId: organization.id });
    const profile = {
      companyName: supplier.name,
      creditCode: supplier.profile.creditCode,
      contactName: supplier.admin.name,
      contactPhone: supplier.profile.contactPhone,
      bankName: supplier.profile.bankName,
      bankAccountName: supplier.name,
      bankAccountNumber: supplier.profile.bankAccountNumber,
    };
    seeded(supplier.name, await platform.catalog.suppliers.submit(ctx, organization.id, profile));
    seeded(supplier.name, await platform.catalog.suppliers.review(ctx, organization.id, { decision: 'approve' }));
    for (const [index, product] of supplier.products.entries()) {
      const spuCode = `${supplier.codePrefix}-${String(index + 1).padStart(3, '0')}`;
      const created = seeded(
        product.title,
        await platform.catalog.create(ctx, {
          supplierId: organization.id,
          spuCode,
          title: product.title,
          subtitle: product.subtitle,
          category: product.category,
          description: `<p>${product.title}：${product.subtitle}</p>`,
          shippingTemplateId: 'default',
          quality: { batchNumber: `${spuCode}-2026-11`, origin: product.origin },
          skus: product.skus.map((sku, skuIndex) => demoSku(`${spuCode}-${skuIndex + 1}`, product.spec, sku)),
        }),
      );
      seeded(product.title, await platform.catalog.submit(ctx, created.id));
      seeded(product.title, await platform.catalog.review(ctx, created.id, { decision: 'approve' }));
      seeded(product.title, await platform.catalog.putOnSale(ctx, created.id));
      for (const sku of created.skus) skuIds.set(sku.skuCode, sku.id);
    }
  }
  const merchantIds: string[] = [];
  for (const merchant of MERCHANTS) {
    const organization = await platform.identity.users.createOrganization(ctx, { kind: 'merchant', name: merchant.name });
    merchantIds.push(organization.id);
    await user(platform, ctx, { ...merchant.admin, roles: ['merchant_admin'], organizationId: organization.id });
    await user(platform, ctx, { ...merchant.guide, roles: ['shop_guide'], organizationId: organization.id });
    for (const store of merchant.stores) await platform.stores.create(ctx, { merchantId: organization.id, ...store });
  }
  for (const consumer of CONSUMERS) await user(platform, ctx, { ...consumer, roles: ['consumer'], organizationId: null });
  await seedStorefront(platform, ctx, merchantIds[2]!, skuIds);
  await seedPromotions(platform, ctx, skuIds);
  await seedDistribution(platform, ctx, supplierIds[0]!);
  await seedCard(platform, ctx, merchantIds[0]!);
  await seedGrowth(platform, ctx);
  return true;
}

/** Platform coupons, one running flash sale and one group-buy offer, so the shop's promotion pages have something to show. */
async function seedPromotions(platform: Platform, ctx: RequestContext, skuIds: ReadonlyMap<string, string>) {
  const now = ctx.clock.now();
  const days = (count: number) => new Date(now.getTime() + count * 86_400_000);
  const coupons = [
    { name: '满199减20', rule: { kind: 'full_reduction', thresholdFen: 19_900n, reductionFen: 2_000n }, validity: { kind: 'fixed', validFrom: now, validUntil: days(30) } },
    { name: '全场9折券', rule: { kind: 'discount', rateBps: 1_000, thresholdFen: 0n, maxDiscountFen: 5_000n }, validity: { kind: 'days_after_claim', days: 7 } },
    { name: '新人无门槛5元', rule: { kind: 'no_threshold', reductionFen: 500n }, validity: { kind: 'days_after_claim', days: 7 } },
  ] as const;
  for (const coupon of coupons) seeded(coupon.name, await platform.promotion.coupons.createTemplate(ctx, { ...coupon, totalQuantity: 1_000, perUserLimit: 1 }));
  seeded(
    '限时秒杀',
    await platform.promotion.flashSales.create(ctx, {
      name: '限时秒杀',
      startsAt: now,
      endsAt: days(3),
      items: [
        { skuId: skuIds.get('LY-003-2')!, flashPriceFen: 4_990n, quota: 50, perUserLimit: 2 },
        { skuId: skuIds.get('MF-001-2')!, flashPriceFen: 9_990n, quota: 30, perUserLimit: 1 },
      ],
    }),
  );
  seeded(
    '两人拼团',
    await platform.promotion.groupBuys.createActivity(ctx, {
      name: '五常大米两人拼团',
      skuId: skuIds.get('LY-004-1')!,
      groupPriceFen: 6_490n,
      groupSize: 2,
      timeLimitMinutes: 24 * 60,
      startsAt: now,
      endsAt: days(30),
    }),
  );
}

/** The platform's category tree: top-level groups with the second-level categories the demo products are filed under. */
const CATEGORIES = [
  { nameZh: '茶叶', nameEn: 'Tea', children: [['绿茶', 'Green tea'], ['白茶', 'White tea'], ['红茶', 'Black tea']] },
  { nameZh: '休闲零食', nameEn: 'Snacks', children: [['坚果', 'Nuts'], ['糕点', 'Pastries']] },
  { nameZh: '生鲜粮油', nameEn: 'Fresh food and staples', children: [['水果', 'Fruit'], ['粮油', 'Rice and oil']] },
  { nameZh: '美妆个护', nameEn: 'Beauty and care', children: [['面膜', 'Face masks'], ['洁面', 'Cleansers'], ['精华', 'Serums'], ['防晒', 'Sunscreen'], ['护手', 'Hand care'], ['洗护', 'Hair care']] },
] as const;

async function seedCategories(platform: Platform, ctx: RequestContext) {
  for (const [rootIndex, root] of CATEGORIES.entries()) {
    const parent = seeded(root.nameZh, await platform.catalog.categories.create(ctx, { nameZh: root.nameZh, nameEn: root.nameEn, sortOrder: rootIndex * 10 }));
    for (const [index, [nameZh, nameEn]] of root.children.entries()) {
      seeded(nameZh, await platform.catalog.categories.create(ctx, { parentId: parent.id, nameZh, nameEn, sortOrder: index * 10 }));
    }
  }
}

/**
 * 成都锦里好物小店 picks five products and decorates its storefront: banners, an intro, featured
 * products and two categories of its own. The other demo merchants start with empty storefronts.
 */
async function seedStorefront(platform: Platform, ctx: RequestContext, merchantId: string, skuIds: ReadonlyMap<string, string>) {
  const actor = { ...ctx.actor!, organizationId: merchantId, organizationKind: 'merchant' as const, roles: ['merchant_admin'], permissions: permissionsOf(['merchant_admin']), scope: { kind: 'merchant' as const, merchantId } };
  const merchant: RequestContext = { ...ctx, actor };
  const productOf = new Map<string, string>();
  for (const code of ['LY-004-1', 'LY-005-1', 'LY-006-1', 'MF-002-1', 'MF-003-1']) {
    const picked = seeded(code, await platform.storefronts.pick(merchant, skuIds.get(code)!, {})) as { productId: string };
    productOf.set(code, picked.productId);
  }
  const products = (...codes: string[]) => codes.map((code) => productOf.get(code)!);
  seeded(
    '锦里好物严选',
    await platform.storefronts.saveDecoration(merchant, {
      name: '锦里好物严选',
      logoUrl: 'https://img.example.com/jinli/logo.png',
      bannerUrls: ['https://img.example.com/jinli/banner-1.jpg', 'https://img.example.com/jinli/banner-2.jpg'],
      intro: '成都锦里的街坊小店：产地直发的米、果和点心，外加几样好用的护肤品。',
      featuredProductIds: products('LY-006-1', 'LY-005-1'),
      categories: [
        { name: '吃货精选', productIds: products('LY-006-1', 'LY-005-1', 'LY-004-1') },
        { name: '美妆好物', productIds: products('MF-003-1', 'MF-002-1') },
      ],
    }),
  );
}

/**
 * 链动2+1 ready to try: the shipped compliant profile active, and a gift package (礼包) on sale, so a
 * consumer who buys it becomes an agent.
 */
async function seedDistribution(platform: Platform, ctx: RequestContext, supplierId: string) {
  const spuCode = 'LY-PKG';
  const created = seeded(
    '创业礼包',
    await platform.catalog.create(ctx, {
      supplierId,
      spuCode,
      title: '链商云创业礼包（明前龙井礼盒）',
      subtitle: '购买即成为代理 · 推荐好友享直推奖',
      category: '茶叶',
      description: '<p>明前龙井礼盒一份。购买后成为代理，可邀请好友、查看分销收益（规则见分销中心“规则公示”）。</p>',
      shippingTemplateId: 'default',
      quality: { batchNumber: `${spuCode}-2026-11`, origin: '浙江杭州' },
      skus: [demoSku(`${spuCode}-1`, '规格', ['礼盒装 250g', 21_000, 39_900, 1_000, 800])],
    }),
  );
  seeded('创业礼包', await platform.catalog.submit(ctx, created.id));
  seeded('创业礼包', await platform.catalog.review(ctx, created.id, { decision: 'approve' }));
  seeded('创业礼包', await platform.catalog.putOnSale(ctx, created.id));
  await platform.distribution.packages.mark(ctx, created.id, true);
  const draft = seeded('默认分销方案', await platform.distribution.profiles.createDraft(ctx, DEFAULT_PROFILE_INPUT));
  seeded('默认分销方案', await platform.distribution.profiles.activate(ctx, draft.id));
}

/** 吴婷's business card (shop guide of 上海悦享生活旗舰店): contact details and a few modules, ready to share. */
async function seedCard(platform: Platform, ctx: RequestContext, merchantId: string) {
  const guide = (await platform.identity.users.listUsers(ctx, { q: '13600000001', page: 1, pageSize: 1 })).items[0]!;
  const actor: Actor = { userId: guide.id, sessionId: 'seed', displayName: guide.displayName, organizationId: merchantId, organizationKind: 'merchant', roles: ['shop_guide'], permissions: permissionsOf(['shop_guide']), scope: { kind: 'merchant', merchantId } };
  seeded(
    '吴婷的名片',
    await platform.cards.owners.save({ ...ctx, actor }, {
      name: '吴婷',
      title: '资深导购 · 美妆顾问',
      company: '上海悦享生活旗舰店',
      photoUrl: null,
      phone: '13600000001',
      email: null,
      website: null,
      wechatId: 'wuting_yuexiang',
      address: '上海市黄浦区南京东路 300 号',
      latitude: 31.2364,
      longitude: 121.48,
      intro: '在南京东路店做了六年导购，擅长护肤搭配和送礼推荐。欢迎到店试用，也可以直接在这里留言给我。',
      theme: 'business_blue',
      modules: [
        { kind: 'company', id: 'about', name: '上海悦享生活旗舰店', description: '上海本地的生活方式买手店：茶叶、零食和好用的护肤品，两家门店可自提。' },
        { kind: 'news', id: 'news', title: '店里新鲜事', posts: [{ headline: '双十二会员日：全场满199减20', summary: '会员到店或线上下单均可使用。', publishedOn: '2026-12-01' }] },
        { kind: 'reviews', id: 'reviews', items: [{ author: '林女士', rating: 5, content: '推荐的面膜很适合我，服务也很耐心。' }] },
        { kind: 'contact_form', id: 'contact', prompt: '留下联系方式，我会尽快回复您', fields: ['name', 'phone', 'message'] },
      ],
    }),
  );
}

/**
 * Growth: three levels with their privileges and one running invite campaign (tiered rates on the
 * invitee's real purchase, gifts at 3 / 5 / 10 qualified invites), so the console and the shop show it.
 */
async function seedGrowth(platform: Platform, ctx: RequestContext) {
  const levels = [
    { nameZh: '青铜会员', nameEn: 'Bronze', minPoints: 100, minInvites: 0, extraCommissionBps: 0, priorityShipping: false, hotProductAccess: false },
    { nameZh: '白银会员', nameEn: 'Silver', minPoints: 1_000, minInvites: 3, extraCommissionBps: 100, priorityShipping: false, hotProductAccess: true },
    { nameZh: '黄金会员', nameEn: 'Gold', minPoints: 5_000, minInvites: 10, extraCommissionBps: 200, priorityShipping: true, hotProductAccess: true },
  ];
  for (const level of levels) seeded(level.nameZh, await platform.growth.levels.create(ctx, level));
  const now = ctx.clock.now();
  const campaign = seeded(
    '邀请好友阶梯有礼',
    await platform.growth.campaigns.create(ctx, {
      nameZh: '邀请好友 · 阶梯有礼',
      nameEn: 'Invite friends · step rewards',
      startsAt: now,
      endsAt: new Date(now.getTime() + 30 * 86_400_000),
      budgetUnit: 'fen',
      budgetTotal: 200_000n,
      minOrderFen: 5_000n,
      tiers: [
        { fromInvite: 1, toInvite: 3, rateBps: 800 },
        { fromInvite: 4, toInvite: 10, rateBps: 500 },
        { fromInvite: 11, toInvite: null, rateBps: 300 },
      ],
      ladder: [
        { invites: 3, reward: { kind: 'gift', nameZh: '明前龙井小样', nameEn: 'Longjing tea sampler', costFen: 1_500 } },
        { invites: 5, reward: { kind: 'gift', nameZh: '紫砂品茗杯', nameEn: 'Clay tea cup', costFen: 3_800 } },
        { invites: 10, reward: { kind: 'gift', nameZh: '功夫茶具礼盒', nameEn: 'Gongfu tea set', costFen: 12_800 } },
      ],
    }),
  );
  seeded('邀请好友阶梯有礼', await platform.growth.campaigns.act(ctx, campaign.id, 'activate'));
}
