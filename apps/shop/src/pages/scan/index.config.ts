export default definePageConfig({
  navigationBarTitleText: '扫描名片',
})
