// Smoke test of the h5 shop in real Chromium against a running API that serves dist/h5 at /h5/.
// Usage: BASE=http://127.0.0.1:3000 [PHONE=13500000001] [SHOT_DIR=/tmp/shop-shots] node apps/shop/scripts/h5-smoke.mjs
// Needs a seeded database (npm run demo:seed), /usr/bin/chromium and fonts-noto-cjk.
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')
const base = process.env.BASE ?? 'http://127.0.0.1:3000'
const prefix = process.env.SHOT_PREFIX ?? 'shop'
const phone = process.env.PHONE ?? '13500000001'
const dir = process.env.SHOT_DIR ?? '/tmp/shop-shots'
mkdirSync(dir, { recursive: true })
const check = (condition, message) => {
  if (!condition) throw new Error(`smoke check failed: ${message}`)
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
const errors = []
page.on('pageerror', (e) => errors.push('pageerror: ' + e.message))
page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()) })
const t0 = Date.now()
await page.goto(`${base}/h5/`, { waitUntil: 'networkidle' })
await page.locator('.product-card').first().waitFor({ timeout: 15000 })
check((await page.locator('.product-card').count()) > 0, 'home shows product cards')
check(/¥\d+\.\d\d/.test(await page.locator('.product-card').first().innerText()), 'price formatted as ¥x.yy')
console.log('home products:', await page.locator('.product-card').count(), 'stores:', await page.locator('.store-item').count(), `(${Date.now() - t0} ms)`)
console.log('first card text:', (await page.locator('.product-card').first().innerText()).replace(/\n/g, ' | '))
console.log('title:', await page.locator('#home-title').innerText())
await page.screenshot({ path: `${dir}/${prefix}-1-home.png` })
await page.locator('.store-item').last().scrollIntoViewIfNeeded()
await page.screenshot({ path: `${dir}/${prefix}-1b-home-stores.png` })
// Me tab, logged out
await page.goto(`${base}/h5/#/pages/me/index`, { waitUntil: 'networkidle' })
await page.locator('#me-login').waitFor()
await page.screenshot({ path: `${dir}/${prefix}-2-me-logged-out.png` })
await page.locator('#me-login').click()
await page.locator('#login-phone input').waitFor()
// wrong password first → localized server toast
await page.locator('#login-phone input').fill(phone)
await page.locator('#login-password input').fill('wrong-pass')
await page.locator('#login-submit').click()
await page.waitForTimeout(600)
await page.screenshot({ path: `${dir}/${prefix}-3-login-error.png` })
console.log('toast:', await page.locator('.taro__toast').innerText().catch(() => '(none)'))
await page.locator('#login-password input').fill('demo1234')
await page.screenshot({ path: `${dir}/${prefix}-4-login-filled.png` })
await page.locator('#login-submit').click()
await page.locator('#me-name').waitFor({ timeout: 15000 })
check((await page.locator('#me-name').innerText()).trim() !== '', 'me page shows a name')
console.log('me name:', await page.locator('#me-name').innerText(), '| roles:', await page.locator('#me-roles').innerText(), '| url:', page.url())
await page.waitForTimeout(1500)
await page.screenshot({ path: `${dir}/${prefix}-5-me.png` })
await page.locator('#me-language').click()
await page.waitForTimeout(800)
console.log('after en toggle roles:', await page.locator('#me-roles').innerText(), '| logout btn:', await page.locator('#me-logout').innerText())
await page.screenshot({ path: `${dir}/${prefix}-6-me-en.png` })
await page.goto(`${base}/h5/#/pages/index/index`, { waitUntil: 'networkidle' })
await page.locator('.product-card').first().waitFor()
await page.waitForTimeout(500)
await page.screenshot({ path: `${dir}/${prefix}-7-home-en.png` })
await page.goto(`${base}/h5/#/pages/me/index`, { waitUntil: 'networkidle' })
await page.locator('#me-logout').click()
await page.locator('#me-login').waitFor()
console.log('logged out ok; lang stored:', await page.evaluate(() => localStorage.getItem('linkmall.locale')))
await browser.close()
// The wrong-password attempt logs one expected 401; anything else is a failure.
const unexpected = errors.filter((error) => !error.includes('status of 401'))
console.log('unexpected browser errors:', unexpected)
check(unexpected.length === 0, 'no page errors')
console.log('h5 smoke passed')
