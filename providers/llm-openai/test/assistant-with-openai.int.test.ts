import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerEngine, retrieveEvidence, type ProductFact } from '@linkmall/assistant';
import { createOpenAiChatModel } from '../src/index.ts';
import { startFakeOpenAi } from './fake-openai-server.ts';

const KEY = 'sk-local-assistant';
let server: Awaited<ReturnType<typeof startFakeOpenAi>>;
let reply = '';

const mask: ProductFact = {
  productId: 'prd_mask',
  title: '玻尿酸保湿面膜',
  subtitle: '深层补水 · 敏感肌可用',
  description: '<p>每周使用2-3次，每次敷15分钟。</p>',
  category: '面膜',
  specs: ['规格: 10片'],
  priceFen: 8900n,
  popularity: 0,
};
const rice: ProductFact = { productId: 'prd_rice', title: '五常稻花香大米', subtitle: '产地直发', description: '米粒细长', category: '粮油', specs: ['规格: 5kg'], priceFen: 7990n, popularity: 0 };

beforeAll(async () => {
  server = await startFakeOpenAi({ apiKey: KEY, reply: () => reply });
});
afterAll(() => server?.close());
beforeEach(() => {
  server.setMode('normal');
  server.seen.length = 0;
});

describe('the assistant with an OpenAI-compatible model configured', () => {
  const engine = () => createAnswerEngine(createOpenAiChatModel({ baseUrl: server.baseUrl, apiKey: KEY, model: 'qwen2.5', timeoutMs: 300 }));

  it('still retrieves: the evidence and the rules go into the prompt, and the citations are kept', async () => {
    reply = '玻尿酸保湿面膜售价¥89.00起，敏感肌可用 [1]。';
    const evidence = retrieveEvidence('面膜敏感肌能用吗', [mask, rice], []);
    const answer = await engine().answer('面膜敏感肌能用吗', evidence, [{ role: 'user', content: '你好' }, { role: 'assistant', content: '您好！' }], '吴婷', 'zh-CN');
    expect(answer).toMatchObject({ text: reply, model: 'qwen2.5-0613', removed: [], citations: [{ index: 1, kind: 'product', id: 'prd_mask', title: '玻尿酸保湿面膜' }] });
    const sent = server.seen[0]!.body.messages!;
    expect(sent[0]!.role).toBe('system');
    expect(sent[0]!.content).toContain('[1] (product) 玻尿酸保湿面膜');
    expect(sent[0]!.content).toContain('price: ¥89.00');
    expect(sent[0]!.content).toContain('严禁承诺或暗示任何收入');
    expect(sent[0]!.content).not.toContain('五常稻花香大米');
    expect(sent.slice(1).map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.at(-1)!.content).toBe('面膜敏感肌能用吗');
  });

  it('strips income promises and invented prices from the model’s text', async () => {
    reply = '玻尿酸保湿面膜敏感肌可用 [1]。现在下单只要¥59.00！做我们的代理月入过万，躺赚不是梦。';
    const evidence = retrieveEvidence('面膜敏感肌能用吗', [mask], []);
    const answer = await engine().answer('面膜敏感肌能用吗', evidence, [], '吴婷', 'zh-CN');
    expect(answer.text).toBe('玻尿酸保湿面膜敏感肌可用 [1]。');
    expect([...answer.removed].sort()).toEqual(['income_promise', 'unknown_price']);
  });

  it('answers offline when the model fails or times out, and never asks it without evidence', async () => {
    const evidence = retrieveEvidence('面膜怎么用', [mask], []);
    server.setMode('server_error');
    const failed = await engine().answer('面膜怎么用', evidence, [], '吴婷', 'zh-CN');
    expect(failed.model).toBe('offline');
    expect(failed.text).toContain('¥89.00');
    expect(failed.citations[0]!.id).toBe('prd_mask');
    server.setMode('hang');
    expect((await engine().answer('面膜怎么用', evidence, [], '吴婷', 'zh-CN')).model).toBe('offline');

    server.setMode('normal');
    server.seen.length = 0;
    const none = await engine().answer('你们卖汽车吗', [], [], '吴婷', 'zh-CN');
    expect(none.text).toContain('我没有找到相关资料');
    expect(server.seen).toHaveLength(0);
  });

  it('drafts copy through the model, keeping only catalog prices', async () => {
    reply = '林小雨您好，面膜¥89.00起，欢迎选购。保证收益翻倍！';
    const draft = await engine().copy({ kind: 'follow_up', visitorName: '林小雨', ownerName: '吴婷', company: null, products: [{ productId: 'prd_mask', title: '玻尿酸保湿面膜', priceFen: 8900n }], coupon: null, seed: 'x' }, 'zh-CN');
    expect(draft.text).toBe('林小雨您好，面膜¥89.00起，欢迎选购。');
    expect(server.seen[0]!.body.messages![1]!.content).toContain('customer: 林小雨');
  });
});
