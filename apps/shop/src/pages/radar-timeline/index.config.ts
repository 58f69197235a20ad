export default definePageConfig({
  navigationBarTitleText: '访客轨迹',
})
