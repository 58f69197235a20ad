/** Texts of the home page's 猜你喜欢 section; merged into the app dictionary in messages.ts. */
export const recommendationZhCN = {
  'home.recommended': '猜你喜欢',
  'home.recommendedBoughtTogether': '常一起买',
  'home.recommendedNearby': '本地热销',
  'home.recommendedPopular': '热销',
} as const

export const recommendationEn: Record<keyof typeof recommendationZhCN, string> = {
  'home.recommended': 'You may also like',
  'home.recommendedBoughtTogether': 'Bought together',
  'home.recommendedNearby': 'Popular nearby',
  'home.recommendedPopular': 'Best seller',
}
