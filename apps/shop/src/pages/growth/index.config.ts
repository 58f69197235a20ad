export default definePageConfig({
  navigationBarTitleText: '我的能量值',
})
