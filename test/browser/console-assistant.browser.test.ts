import { describe, expect, it } from 'vitest';
import { adminBuilt, CHROMIUM, hasChromium, settledShot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console assistant browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

const suite = useBrowserSuite(canRun);
const { consolePage } = suite;
const shot = settledShot(500);

describe.skipIf(!canRun)('console assistant knowledge base in Chromium', { timeout: 120_000 }, () => {
  it('lets a merchant add an FAQ and test a question that cites it and the storefront’s products', async () => {
    // 周杰, merchant admin of 成都锦里好物小店.
    const page = await consolePage('13700000003');
    await page.getByTestId('menu-assistant-knowledge').click();
    await page.getByTestId('assistant-add').click();
    await page.getByTestId('assistant-title').fill('多久发货？包邮吗？');
    await page.getByTestId('assistant-body').fill('下单后48小时内从成都仓发货，全国包邮（新疆、西藏除外）。');
    await page.getByTestId('assistant-save').click();
    await expect.poll(() => page.getByTestId('assistant-knowledge-table').innerText()).toContain('多久发货？包邮吗？');
    // The closing dialog hands focus back to 新增 when its animation ends; on a busy machine that can
    // land after the question is typed, so wait for it before using the question box.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // antd's Search puts the test id on its wrapper; the text box and 提问 are inside.
    const search = page.getByTestId('assistant-test-question');
    const ask = async (text: string) => {
      await search.locator('input').fill(text);
      const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.url().endsWith('/admin/assistant/test') && candidate.request().method() === 'POST'), search.getByRole('button').click()]);
      expect(response.status(), await response.text()).toBe(200);
    };
    await ask('多久发货，包邮吗？');
    const answer = page.getByTestId('assistant-test-answer');
    await expect.poll(() => answer.innerText()).toContain('48小时内');
    await expect.poll(() => page.getByTestId('assistant-citation').first().innerText()).toContain('多久发货？包邮吗？');
    await shot(page, 'console-60-assistant-faq-answer');

    await ask('五常大米多少钱');
    await expect.poll(() => answer.innerText()).toContain('¥79.90');

    await ask('可以用区块链支付吗');
    await expect.poll(() => answer.innerText()).toContain('我没有找到相关资料');
    await shot(page, 'console-61-assistant-no-evidence');
  });
});
