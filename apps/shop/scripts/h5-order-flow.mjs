// End-to-end order flow of the h5 shop in real Chromium against a running API that serves dist/h5 at /h5/:
// login → product → SKU → cart → checkout (express) → order 待支付 → cancel; buy now → store pickup;
// order list; out_of_stock marking; English order page.
// Usage: BASE=http://127.0.0.1:3000 [PHONE=13500000001] [SHOT_DIR=/tmp/shop-order-shots] node apps/shop/scripts/h5-order-flow.mjs
// Needs a seeded database (npm run demo:seed), /usr/bin/chromium and fonts-noto-cjk. Creates and cancels real orders.
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')
const base = process.env.BASE ?? 'http://127.0.0.1:3000'
const phone = process.env.PHONE ?? '13500000001'
const dir = process.env.SHOT_DIR ?? '/tmp/shop-order-shots'
mkdirSync(dir, { recursive: true })
const check = (condition, message) => {
  if (!condition) throw new Error(`order flow check failed: ${message}`)
  console.log('  ok:', message)
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
const page = await context.newPage()
const errors = []
page.on('pageerror', (e) => errors.push('pageerror: ' + e.message))
page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()) })
let shot = 0
const snap = async (name) => {
  await page.waitForTimeout(300)
  shot += 1
  await page.screenshot({ path: `${dir}/${String(shot).padStart(2, '0')}-${name}.png` })
}
const fen = (text) => Number(text.replace(/[^\d]/g, ''))
const visible = (selector) => page.locator(`.taro_page:not([style*="display: none"]) ${selector}`).first()
const fill = async (id, value) => {
  await visible(`#${id} input`).fill(value)
}

// 1. log in
await page.goto(`${base}/h5/#/pages/login/index`, { waitUntil: 'networkidle' })
await page.evaluate(() => localStorage.clear())
await page.reload({ waitUntil: 'networkidle' })
await page.locator('#login-phone input').fill(phone)
await page.locator('#login-password input').fill('demo1234')
await page.locator('#login-submit').click()
await page.waitForURL(/pages\/me\/index/, { timeout: 15000 })
await page.locator('#me-name').waitFor()
console.log('logged in as', await page.locator('#me-name').innerText())
check(await page.locator('#me-orders').isVisible(), 'Me page shows 我的订单')
await snap('me')

// 2. product page from the home card
await page.goto(`${base}/h5/`, { waitUntil: 'networkidle' })
await page.locator('.product-card').first().waitFor()
check((await page.locator('.product-card').count()) === 12, '12 product cards on home')
await page.locator('.product-card').first().click()
await page.waitForURL(/pages\/product\/index\?id=prd_/)
await visible('#product-title').waitFor()
console.log('product:', await visible('#product-title').innerText(), '|', await visible('#product-origin').innerText())
const options = page.locator('.taro_page:not([style*="display: none"]) .sku-option')
check((await options.count()) >= 2, 'product shows SKU options')
const priceBefore = await visible('#product-price').innerText()
await options.nth(1).click()
const priceAfter = await visible('#product-price').innerText()
console.log('price', priceBefore, '→', priceAfter, 'stock:', await visible('#product-stock').innerText())
check(priceBefore !== priceAfter, 'choosing another SKU changes the price')
check((await options.nth(1).getAttribute('class')).includes('sku-option--active'), 'chosen SKU is highlighted')
await visible('#product-qty-plus').click()
check((await visible('#product-qty-value').innerText()) === '2', 'stepper goes to 2')
await snap('product-sku-chosen')
await visible('#product-add-to-cart').click()
await page.waitForTimeout(400)
await snap('product-added-toast')
check((await visible('#product-cart-count').innerText()) === '2', 'cart badge shows 2')

// 3. cart
await visible('#product-cart').click()
await page.waitForURL(/pages\/cart\/index/)
await visible('#cart-total').waitFor()
const cartTotal = await visible('#cart-total').innerText()
check(fen(cartTotal) === 2 * fen(priceAfter), `cart total ${cartTotal} = 2 × ${priceAfter}`)
await snap('cart')
await visible('#cart-checkout').click()
await page.waitForURL(/pages\/checkout\/index/)

// 4. checkout with express delivery; bad phone first
await visible('#checkout-delivery-express').waitFor()
await fill('checkout-recipient', '林小雨')
await fill('checkout-phone', '12345')
await fill('checkout-province', '上海市')
await fill('checkout-city', '上海市')
await fill('checkout-district', '黄浦区')
await fill('checkout-detail', '南京东路 100 号 5 楼')
await visible('#checkout-submit').click()
await visible('#checkout-address-error').waitFor()
console.log('validation:', await visible('#checkout-address-error').innerText())
await snap('checkout-bad-phone')
await fill('checkout-phone', '13800000001')
await snap('checkout-express')
await visible('#checkout-submit').click()
await page.waitForURL(/pages\/order\/index\?id=ord_/, { timeout: 15000 })
await visible('#order-status').waitFor()
const status1 = await visible('#order-status').innerText()
console.log('order 1:', page.url().split('id=')[1], status1, '|', await visible('#order-deadline').innerText(), '|', await visible('#order-address').innerText())
check(status1 === '待支付', 'new order is 待支付')
check(await visible('#order-cancel').isVisible(), 'unpaid order has a cancel button')
check(fen(await visible('#order-payable').innerText()) >= fen(cartTotal), 'payable ≥ goods')
await snap('order-unpaid')
await visible('#order-cancel').click()
await page.locator('.taro-model__confirm').click()
await page.waitForFunction(() => [...document.querySelectorAll('#order-status')].some((el) => el.textContent === '已取消'), null, { timeout: 10000 })
check((await page.locator('#order-cancel').count()) === 0, 'cancelled order has no cancel button')
await snap('order-cancelled')

// cart emptied of the bought line
await page.goto(`${base}/h5/#/pages/cart/index`, { waitUntil: 'networkidle' })
await visible('#cart-empty').waitFor()
check(true, 'bought lines left the cart')

// 5. buy now with store pickup (no geolocation permission → 上海人民广场 fallback note)
await page.goto(`${base}/h5/`, { waitUntil: 'networkidle' })
await page.locator('.product-card').nth(6).click()
await page.waitForURL(/pages\/product\/index/)
await visible('#product-buy-now').waitFor()
await visible('#product-buy-now').click()
await page.waitForURL(/pages\/checkout\/index/)
await visible('#checkout-delivery-pickup').click()
await visible('.store-option').waitFor({ timeout: 15000 })
check(await visible('#checkout-location-note').isVisible(), 'fallback location note shown')
const storeOptions = page.locator('.taro_page:not([style*="display: none"]) .store-option')
console.log('stores:', (await storeOptions.allInnerTexts()).map((text) => text.replace(/\n/g, ' ')))
await storeOptions.nth(1).click()
const storeName = (await storeOptions.nth(1).locator('.store-option__name').innerText()).trim()
await snap('checkout-pickup')
await visible('#checkout-submit').click()
await page.waitForURL(/pages\/order\/index\?id=ord_/, { timeout: 15000 })
await visible('#order-pickup-store').waitFor()
await page.waitForFunction((name) => [...document.querySelectorAll('#order-pickup-store')].some((el) => el.textContent.includes(name)), storeName, { timeout: 10000 })
console.log('order 2:', await visible('#order-status').innerText(), '|', (await visible('#order-pickup-store').innerText()).replace(/\n/g, ' '))
check((await visible('#order-status').innerText()) === '待支付', 'pickup order is 待支付')
await snap('order-pickup')

// 6. order list from Me → 我的订单
await page.goto(`${base}/h5/#/pages/me/index`, { waitUntil: 'networkidle' })
await visible('#me-orders').click()
await page.waitForURL(/pages\/orders\/index/)
await visible('.order-item').waitFor()
const orderItems = page.locator('.taro_page:not([style*="display: none"]) .order-item')
console.log('orders:', (await orderItems.allInnerTexts()).slice(0, 3).map((text) => text.replace(/\n/g, ' | ')))
check((await orderItems.count()) >= 2, 'order list shows both orders')
await snap('orders')
await orderItems.first().click()
await page.waitForURL(/pages\/order\/index/)
await visible('#order-status').waitFor()

// 7. out_of_stock: a draft asking for more than the stock is refused by the server and the line is marked
const product = await (await fetch(`${base}/shop/products/${(await (await fetch(`${base}/shop/home`)).json()).products[10].id}`)).json()
const sku = product.skus[1]
await page.evaluate(({ product, sku }) => {
  const draft = { source: 'buyNow', lines: [{ skuId: sku.id, productId: product.id, title: product.title, specsText: sku.specs.map((s) => `${s.name}: ${s.value}`).join('; '), priceFen: sku.priceFen, quantity: Math.min(999, sku.stock + 1), selected: true }] }
  localStorage.setItem('linkmall.checkoutDraft', JSON.stringify({ data: draft }))
}, { product, sku })
await page.goto(`${base}/h5/#/pages/checkout/index`, { waitUntil: 'networkidle' })
await visible('#checkout-submit').click()
await visible('.checkout-line--error').waitFor({ timeout: 10000 })
console.log('out_of_stock:', await visible('.checkout-line__error').innerText())
await snap('checkout-out-of-stock')

// 8. English
await page.goto(`${base}/h5/#/pages/me/index`, { waitUntil: 'networkidle' })
await visible('#me-language').click()
await page.waitForTimeout(500)
await visible('#me-orders').click()
await page.waitForURL(/pages\/orders\/index/)
await visible('.order-item').waitFor()
await snap('orders-en')
await page.locator('.taro_page:not([style*="display: none"]) .order-item').first().click()
await visible('#order-status').waitFor()
console.log('en status:', await visible('#order-status').innerText())
check((await visible('#order-status').innerText()) === 'Awaiting payment', 'English status')
await snap('order-en')
await visible('#order-cancel').click()
await page.locator('.taro-model__confirm').click()
await page.waitForFunction(() => [...document.querySelectorAll('#order-status')].some((el) => el.textContent === 'Cancelled'), null, { timeout: 10000 })
await snap('order-en-cancelled')
await page.evaluate(() => localStorage.setItem('linkmall.locale', JSON.stringify({ data: 'zh-CN' })))

await browser.close()
// The out_of_stock attempt logs one expected 409.
const unexpected = errors.filter((error) => !error.includes('status of 409'))
console.log('unexpected browser errors:', unexpected)
check(unexpected.length === 0, 'no page errors')
console.log('h5 order flow passed')
