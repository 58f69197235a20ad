/**
 * Real province / city / district names for the dashboard benchmark's buyers, stores and shipping
 * addresses, ordered by a rough weight (the city's urban population in millions), so that a Zipf-like
 * pick by rank gives the skew real order data shows: a handful of big cities, a long tail.
 */
export interface BenchRegion {
  readonly province: string;
  readonly city: string;
  readonly district: string;
}

export const BENCH_REGIONS: readonly BenchRegion[] = [
  { province: '上海市', city: '上海市', district: '浦东新区' },
  { province: '北京市', city: '北京市', district: '朝阳区' },
  { province: '广东省', city: '深圳市', district: '南山区' },
  { province: '广东省', city: '广州市', district: '天河区' },
  { province: '重庆市', city: '重庆市', district: '渝中区' },
  { province: '四川省', city: '成都市', district: '武侯区' },
  { province: '天津市', city: '天津市', district: '和平区' },
  { province: '湖北省', city: '武汉市', district: '江汉区' },
  { province: '陕西省', city: '西安市', district: '雁塔区' },
  { province: '浙江省', city: '杭州市', district: '西湖区' },
  { province: '广东省', city: '东莞市', district: '南城街道' },
  { province: '江苏省', city: '南京市', district: '鼓楼区' },
  { province: '江苏省', city: '苏州市', district: '姑苏区' },
  { province: '河南省', city: '郑州市', district: '金水区' },
  { province: '辽宁省', city: '沈阳市', district: '和平区' },
  { province: '湖南省', city: '长沙市', district: '岳麓区' },
  { province: '山东省', city: '青岛市', district: '市南区' },
  { province: '广东省', city: '佛山市', district: '禅城区' },
  { province: '山东省', city: '济南市', district: '历下区' },
  { province: '黑龙江省', city: '哈尔滨市', district: '南岗区' },
  { province: '安徽省', city: '合肥市', district: '蜀山区' },
  { province: '辽宁省', city: '大连市', district: '中山区' },
  { province: '云南省', city: '昆明市', district: '五华区' },
  { province: '浙江省', city: '宁波市', district: '鄞州区' },
  { province: '福建省', city: '厦门市', district: '思明区' },
  { province: '江苏省', city: '无锡市', district: '梁溪区' },
  { province: '福建省', city: '福州市', district: '鼓楼区' },
  { province: '吉林省', city: '长春市', district: '朝阳区' },
  { province: '河北省', city: '石家庄市', district: '长安区' },
  { province: '山西省', city: '太原市', district: '小店区' },
  { province: '江西省', city: '南昌市', district: '东湖区' },
  { province: '广西壮族自治区', city: '南宁市', district: '青秀区' },
  { province: '贵州省', city: '贵阳市', district: '南明区' },
  { province: '浙江省', city: '温州市', district: '鹿城区' },
  { province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区' },
  { province: '甘肃省', city: '兰州市', district: '城关区' },
  { province: '内蒙古自治区', city: '呼和浩特市', district: '新城区' },
  { province: '海南省', city: '海口市', district: '龙华区' },
  { province: '宁夏回族自治区', city: '银川市', district: '兴庆区' },
  { province: '青海省', city: '西宁市', district: '城中区' },
  { province: '西藏自治区', city: '拉萨市', district: '城关区' },
];

/** Category roots and their leaves (products are spread over the leaves round-robin). */
export const BENCH_CATEGORIES: readonly { readonly root: string; readonly rootEn: string; readonly leaves: readonly (readonly [string, string])[] }[] = [
  { root: '食品生鲜', rootEn: 'Food', leaves: [['休闲零食', 'Snacks'], ['茶叶冲饮', 'Tea and drinks'], ['粮油调味', 'Staples'], ['水果生鲜', 'Fresh fruit'], ['滋补保健', 'Health food']] },
  { root: '美妆个护', rootEn: 'Beauty', leaves: [['面部护肤', 'Skin care'], ['彩妆香水', 'Make-up'], ['洗发护发', 'Hair care'], ['口腔护理', 'Oral care'], ['身体护理', 'Body care']] },
  { root: '家居日用', rootEn: 'Home', leaves: [['厨房用具', 'Kitchenware'], ['家纺床品', 'Bedding'], ['收纳清洁', 'Cleaning'], ['家用电器', 'Appliances'], ['纸品湿巾', 'Paper goods']] },
  { root: '母婴服饰', rootEn: 'Family and fashion', leaves: [['奶粉辅食', 'Baby food'], ['童装童鞋', 'Kids wear'], ['女装', 'Women'], ['男装', 'Men'], ['鞋靴箱包', 'Shoes and bags']] },
];
