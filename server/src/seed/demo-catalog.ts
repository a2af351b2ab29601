/**
 * The demo shop's catalog: a two-level category tree and products whose SKUs come from spec
 * combinations. Prices are whole fen chosen to look like a real shop's (¥9.90, ¥129.00...).
 */
export interface DemoProduct {
  title: string;
  subtitle: string;
  tags: string;
  /** Base price in fen; SKUs vary around it. */
  price: number;
  specs: Record<string, string[]>;
  purchaseLimit?: number;
}

export interface DemoSubcategory {
  name: string;
  products: DemoProduct[];
}

export interface DemoCategory {
  name: string;
  children: DemoSubcategory[];
}

const tee = { 颜色: ['白色', '黑色', '雾霾蓝'], 尺码: ['S', 'M', 'L', 'XL'] };
const hoodie = { 颜色: ['燕麦色', '炭灰', '墨绿'], 尺码: ['M', 'L', 'XL'] };
const volume = (a: string, b: string) => ({ 规格: [a, b] });

export const DEMO_CATALOG: DemoCategory[] = [
  {
    name: '服饰',
    children: [
      {
        name: 'T恤',
        products: [
          {
            title: '重磅纯棉圆领T恤',
            subtitle: '260g精梳棉 不易变形',
            tags: '纯棉 短袖 基础款',
            price: 7900,
            specs: tee,
          },
          { title: '冰丝速干运动T恤', subtitle: '夏季透气 跑步健身', tags: '速干 运动 短袖', price: 5900, specs: tee },
          {
            title: '复古印花宽松T恤',
            subtitle: '原创插画 oversize版型',
            tags: '印花 宽松 潮流',
            price: 8900,
            specs: tee,
          },
          { title: '亲子款纯棉T恤', subtitle: '一家三口 同款不同码', tags: '亲子 纯棉', price: 6900, specs: tee },
        ],
      },
      {
        name: '卫衣',
        products: [
          { title: '加绒连帽卫衣', subtitle: '秋冬保暖 内里加绒', tags: '加绒 连帽 保暖', price: 15900, specs: hoodie },
          { title: '华夫格圆领卫衣', subtitle: '肌理感面料 百搭', tags: '圆领 休闲', price: 12900, specs: hoodie },
          { title: '情侣款刺绣卫衣', subtitle: '小熊刺绣 男女同款', tags: '情侣 刺绣', price: 13900, specs: hoodie },
        ],
      },
      {
        name: '外套',
        products: [
          { title: '轻薄羽绒服', subtitle: '90白鸭绒 可收纳', tags: '羽绒 轻薄 保暖', price: 39900, specs: hoodie },
          { title: '防风冲锋衣', subtitle: '三合一 户外徒步', tags: '户外 防风 防水', price: 49900, specs: hoodie },
          { title: '摇粒绒夹克', subtitle: '双面穿 柔软亲肤', tags: '摇粒绒 夹克', price: 19900, specs: hoodie },
        ],
      },
    ],
  },
  {
    name: '美妆个护',
    children: [
      {
        name: '面部护肤',
        products: [
          {
            title: '玻尿酸补水精华',
            subtitle: '深层保湿 敏感肌可用',
            tags: '补水 精华 保湿',
            price: 16800,
            specs: volume('30ml', '50ml'),
            purchaseLimit: 5,
          },
          {
            title: '氨基酸洁面乳',
            subtitle: '温和不紧绷',
            tags: '洁面 氨基酸',
            price: 6900,
            specs: volume('100g', '150g'),
          },
          {
            title: '维C亮肤面膜',
            subtitle: '10片装 提亮肤色',
            tags: '面膜 美白',
            price: 9900,
            specs: { 规格: ['10片', '20片'] },
          },
          {
            title: '清爽防晒乳SPF50',
            subtitle: '军训户外 不油腻',
            tags: '防晒 夏季',
            price: 8900,
            specs: volume('40ml', '60ml'),
          },
        ],
      },
      {
        name: '彩妆',
        products: [
          {
            title: '丝绒哑光口红',
            subtitle: '显白不挑皮',
            tags: '口红 哑光',
            price: 12900,
            specs: { 色号: ['#01 正红', '#05 豆沙', '#12 枫叶'] },
          },
          {
            title: '持妆粉底液',
            subtitle: '12小时不脱妆',
            tags: '粉底 持妆',
            price: 19900,
            specs: { 色号: ['象牙白', '自然色', '小麦色'] },
          },
          {
            title: '防水眼线笔',
            subtitle: '极细笔头 新手友好',
            tags: '眼线 防水',
            price: 4900,
            specs: { 颜色: ['黑色', '棕色'] },
          },
        ],
      },
      {
        name: '洗护',
        products: [
          {
            title: '无硅油洗发水',
            subtitle: '控油蓬松 500ml',
            tags: '洗发 无硅油',
            price: 5900,
            specs: { 香型: ['茶树', '白桃', '海盐'] },
          },
          {
            title: '香氛沐浴露',
            subtitle: '留香持久 滋润',
            tags: '沐浴 香氛',
            price: 4900,
            specs: { 香型: ['白茶', '玫瑰', '雪松'] },
          },
          {
            title: '电动牙刷',
            subtitle: '声波震动 续航60天',
            tags: '牙刷 电动',
            price: 19900,
            specs: { 颜色: ['白色', '粉色', '黑色'] },
          },
        ],
      },
    ],
  },
  {
    name: '食品生鲜',
    children: [
      {
        name: '休闲零食',
        products: [
          {
            title: '每日坚果礼盒',
            subtitle: '30袋装 营养均衡',
            tags: '坚果 礼盒 零食',
            price: 12900,
            specs: { 规格: ['15袋', '30袋'] },
          },
          {
            title: '手撕牛肉干',
            subtitle: '内蒙风干 高蛋白',
            tags: '牛肉干 零食',
            price: 6900,
            specs: { 口味: ['原味', '香辣', '孜然'] },
          },
          {
            title: '黄油曲奇饼干',
            subtitle: '丹麦风味 铁盒装',
            tags: '曲奇 饼干',
            price: 5900,
            specs: { 规格: ['454g', '908g'] },
          },
          {
            title: '海苔脆片',
            subtitle: '儿童零食 低盐',
            tags: '海苔 儿童',
            price: 2990,
            specs: { 口味: ['原味', '芝麻'] },
          },
        ],
      },
      {
        name: '新鲜水果',
        products: [
          {
            title: '赣南脐橙',
            subtitle: '产地直发 现摘现发',
            tags: '橙子 水果 产地直发',
            price: 4990,
            specs: { 规格: ['5斤装', '10斤装'] },
          },
          {
            title: '阳光玫瑰葡萄',
            subtitle: '香甜无籽 2串装',
            tags: '葡萄 水果',
            price: 6990,
            specs: { 规格: ['2串', '4串'] },
          },
          {
            title: '丹东草莓',
            subtitle: '99红颜 礼盒装',
            tags: '草莓 水果 礼盒',
            price: 8990,
            specs: { 规格: ['1.5斤', '3斤'] },
          },
        ],
      },
      {
        name: '茶饮冲调',
        products: [
          {
            title: '明前龙井茶',
            subtitle: '西湖产区 250g',
            tags: '龙井 绿茶 茶叶',
            price: 29900,
            specs: { 等级: ['一级', '特级'] },
          },
          {
            title: '冻干咖啡粉',
            subtitle: '0糖0脂 12颗',
            tags: '咖啡 冻干',
            price: 5990,
            specs: { 口味: ['美式', '拿铁', '生椰'] },
          },
          {
            title: '桂花乌龙冷泡茶',
            subtitle: '三角茶包 15包',
            tags: '乌龙 冷泡',
            price: 3990,
            specs: { 规格: ['15包', '30包'] },
          },
        ],
      },
    ],
  },
  {
    name: '家居日用',
    children: [
      {
        name: '厨房用具',
        products: [
          {
            title: '不粘炒锅',
            subtitle: '麦饭石涂层 电磁炉通用',
            tags: '炒锅 不粘',
            price: 15900,
            specs: { 尺寸: ['28cm', '32cm'] },
          },
          {
            title: '304不锈钢保温杯',
            subtitle: '12小时保温',
            tags: '保温杯 不锈钢',
            price: 7900,
            specs: { 颜色: ['奶白', '雾蓝', '墨黑'], 容量: ['350ml', '500ml'] },
          },
          {
            title: '陶瓷餐具套装',
            subtitle: '北欧风 16件套',
            tags: '餐具 陶瓷',
            price: 19900,
            specs: { 颜色: ['米白', '雾绿'] },
          },
        ],
      },
      {
        name: '收纳整理',
        products: [
          {
            title: '可折叠收纳箱',
            subtitle: '大容量 带盖',
            tags: '收纳 折叠',
            price: 3990,
            specs: { 规格: ['中号', '大号'], 颜色: ['灰色', '米色'] },
          },
          {
            title: '真空压缩袋',
            subtitle: '衣物被子 10件套',
            tags: '压缩袋 收纳',
            price: 4990,
            specs: { 规格: ['10件套', '16件套'] },
          },
          {
            title: '桌面收纳架',
            subtitle: '书桌 化妆品整理',
            tags: '桌面 收纳',
            price: 2990,
            specs: { 颜色: ['白色', '原木色'] },
          },
        ],
      },
      {
        name: '床上用品',
        products: [
          {
            title: '全棉四件套',
            subtitle: '40支长绒棉 亲肤',
            tags: '四件套 全棉 床品',
            price: 29900,
            specs: { 尺寸: ['1.5m床', '1.8m床'], 颜色: ['浅灰', '藕粉', '雾蓝'] },
          },
          {
            title: '乳胶枕',
            subtitle: '泰国天然乳胶',
            tags: '枕头 乳胶',
            price: 12900,
            specs: { 规格: ['单只', '一对'] },
          },
          {
            title: '大豆纤维被',
            subtitle: '春秋被 可水洗',
            tags: '被子 春秋',
            price: 19900,
            specs: { 尺寸: ['150x200', '200x230'] },
          },
        ],
      },
    ],
  },
  {
    name: '数码配件',
    children: [
      {
        name: '耳机音箱',
        products: [
          {
            title: '降噪蓝牙耳机',
            subtitle: '主动降噪 40小时续航',
            tags: '耳机 蓝牙 降噪',
            price: 39900,
            specs: { 颜色: ['曜石黑', '珍珠白'] },
            purchaseLimit: 2,
          },
          {
            title: '便携蓝牙音箱',
            subtitle: 'IPX7防水 户外',
            tags: '音箱 蓝牙 户外',
            price: 19900,
            specs: { 颜色: ['黑色', '橙色', '蓝色'] },
          },
          {
            title: '开放式运动耳机',
            subtitle: '不入耳 跑步不掉',
            tags: '耳机 运动',
            price: 29900,
            specs: { 颜色: ['黑色', '灰色'] },
          },
        ],
      },
      {
        name: '充电配件',
        products: [
          {
            title: '氮化镓快充充电器',
            subtitle: '65W 三口快充',
            tags: '充电器 快充 氮化镓',
            price: 12900,
            specs: { 功率: ['35W', '65W'] },
          },
          {
            title: '磁吸充电宝',
            subtitle: '10000mAh 轻薄',
            tags: '充电宝 磁吸',
            price: 14900,
            specs: { 颜色: ['白色', '紫色'] },
          },
          {
            title: '编织数据线',
            subtitle: 'Type-C 1.5米 两条装',
            tags: '数据线 Type-C',
            price: 2990,
            specs: { 长度: ['1m', '1.5m', '2m'] },
          },
        ],
      },
    ],
  },
  {
    name: '母婴玩具',
    children: [
      {
        name: '宝宝辅食',
        products: [
          {
            title: '有机米粉',
            subtitle: '6月龄+ 高铁配方',
            tags: '米粉 辅食 有机',
            price: 8900,
            specs: { 口味: ['原味', '南瓜', '胡萝卜'] },
          },
          {
            title: '婴儿溶豆',
            subtitle: '入口即化 无添加',
            tags: '溶豆 零食',
            price: 3990,
            specs: { 口味: ['草莓', '酸奶'] },
          },
        ],
      },
      {
        name: '益智玩具',
        products: [
          {
            title: '木质拼图',
            subtitle: '3-6岁 动物认知',
            tags: '拼图 益智',
            price: 4990,
            specs: { 款式: ['动物', '交通'] },
          },
          {
            title: '磁力积木',
            subtitle: '100片 收纳盒装',
            tags: '积木 磁力 益智',
            price: 15900,
            specs: { 规格: ['64片', '100片'] },
          },
          {
            title: '儿童绘画套装',
            subtitle: '可水洗水彩笔',
            tags: '绘画 文具',
            price: 6900,
            specs: { 规格: ['24色', '36色'] },
          },
        ],
      },
    ],
  },
];
