// Static texts here are the zh-CN defaults; applyChromeTexts() switches them at runtime.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/cart/index',
    'pages/me/index',
    'pages/login/index',
    'pages/product/index',
    'pages/checkout/index',
    'pages/orders/index',
    'pages/order/index',
    'pages/after-sales/index',
    'pages/stores/index',
    'pages/storefront/index',
    'pages/coupons/index',
    'pages/flash-sale/index',
    'pages/group-buy/index',
    'pages/logistics/index',
    'pages/review/index',
    'pages/reviews/index',
  ],
  // The mini program only hands out the location (nearest stores, pickup) when the app declares why.
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的门店' },
  },
  requiredPrivateInfos: ['getLocation'],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#e4393c',
    navigationBarTitleText: '链商云商城',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#e4393c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/cart/index',
        text: '购物车',
        iconPath: 'assets/tab/cart.png',
        selectedIconPath: 'assets/tab/cart-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
