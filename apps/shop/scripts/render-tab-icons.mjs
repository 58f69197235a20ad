// Renders the tab bar icons (81×81 PNG, as WeChat recommends) from inline SVG with Chromium,
// so the binary assets in src/assets/tab can be regenerated instead of hand-edited.
// Usage: node apps/shop/scripts/render-tab-icons.mjs [name…]   (needs /usr/bin/chromium; names default to all)
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tab')

const shapes = {
  home: '<path d="M12 38 L40.5 14 L69 38" /><path d="M20 33 V66 H61 V33" /><path d="M34 66 V48 H47 V66" />',
  category: '<rect x="12" y="12" width="23" height="23" rx="4" /><rect x="46" y="12" width="23" height="23" rx="4" /><rect x="12" y="46" width="23" height="23" rx="4" /><circle cx="57.5" cy="57.5" r="11.5" />',
  cart: '<path d="M8 14 H18 L27 52 H62 L70 24 H22" /><circle cx="31" cy="64" r="5" /><circle cx="58" cy="64" r="5" />',
  me: '<circle cx="40.5" cy="28" r="13" /><path d="M15 68 C15 52 27 45 40.5 45 C54 45 66 52 66 68" />',
}
const colors = { normal: '#999999', active: '#e4393c' }

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
const only = process.argv.slice(2)
for (const [name, shape] of Object.entries(shapes)) {
  if (only.length > 0 && !only.includes(name)) continue
  for (const [state, color] of Object.entries(colors)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" fill="none" stroke="${color}"
      stroke-width="6" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    const file = path.join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`)
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
    console.log('wrote', file)
  }
}
await browser.close()
