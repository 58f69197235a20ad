export default definePageConfig({
  navigationBarTitleText: '名片海报',
})
