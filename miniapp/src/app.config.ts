export default defineAppConfig({
  pages: [
    // 首页 feed. Query: `as` (h5 only: sandbox user to log in as, e.g. ?as=alice).
    'pages/home/index',
    // 分类: two-level categories. Query: none (tab page; tab pages take no query in WeChat).
    'pages/category/index',
    // 商品详情. Query: `id` (product id, required).
    'pages/product/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '微店',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#e93b3d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/category/index',
        text: '分类',
        iconPath: 'assets/tab/category.png',
        selectedIconPath: 'assets/tab/category-active.png',
      },
    ],
  },
});
