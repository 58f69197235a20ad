import { randomBytes } from 'node:crypto';
import { formatYuan } from '@linkmall/kernel';
import { ApiFailure, defineRoute, idParam, OpenAPIHono, publicAccess, z, type AppEnv } from '@linkmall/http';
import { paymentRecords } from '@linkmall/payment';
import { SANDBOX_DEFAULT_MERCHANT_ID, signSandboxNotification } from '@linkmall/provider-sandbox-payment';
import type { Platform } from './platform.ts';

const PaymentIdParams = z.object({ paymentId: idParam('pay') });

/**
 * The sandbox "payment app" for the demo and development: a page that confirms or fails a payment.
 * Its button signs a notification with the sandbox secret and hands it to the same notification
 * handler a real provider's call reaches, so nothing about the order side is simulated.
 */
export function sandboxPayRoutes(platform: Platform, sandboxSecret: string) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/pay/sandbox/{paymentId}',
        tags: ['Payments'],
        summary: 'Sandbox payment page (demo only)',
        request: { params: PaymentIdParams },
        responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } } },
      }),
      async (c) => {
        const payment = await paymentRecords.find(platform.db, c.req.valid('param').paymentId);
        if (!payment) throw new ApiFailure('not_found');
        return c.html(sandboxPage(payment.id, formatYuan(payment.amount_fen), payment.status), 200);
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/pay/sandbox/{paymentId}/complete',
        tags: ['Payments'],
        summary: 'Sandbox: the payer confirms or fails; a signed notification goes through the provider path',
        request: {
          params: PaymentIdParams,
          body: { content: { 'application/json': { schema: z.object({ succeeded: z.boolean() }).strict() } }, required: true },
        },
        responses: { 200: { description: 'How the notification was applied', content: { 'application/json': { schema: z.object({ outcome: z.string(), errorCode: z.string().nullable() }) } } } },
      }),
      async (c) => {
        const payment = await paymentRecords.find(platform.db, c.req.valid('param').paymentId);
        if (!payment) throw new ApiFailure('not_found');
        const now = c.var.ctx.clock.now();
        const request = signSandboxNotification({
          secret: sandboxSecret,
          now,
          notification: {
            kind: 'payment',
            paymentId: payment.id,
            providerTransactionId: `sandbox_${randomBytes(8).toString('hex')}`,
            amountFen: payment.amount_fen,
            merchantId: SANDBOX_DEFAULT_MERCHANT_ID,
            succeeded: c.req.valid('json').succeeded,
            paidAt: now,
          },
        });
        const { outcome, errorCode } = await platform.pay.handleNotification(c.var.ctx, request);
        return c.json({ outcome, errorCode }, 200);
      },
    );
}

function sandboxPage(paymentId: string, amountYuan: string, status: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>沙箱支付 Sandbox payment</title>
<style>
body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;background:#f5f5f5;margin:0;padding:24px;color:#222}
.card{background:#fff;border-radius:12px;padding:24px;max-width:420px;margin:0 auto;box-shadow:0 2px 8px rgba(0,0,0,.06)}
h1{font-size:18px;margin:0 0 8px}.amount{font-size:36px;color:#e4393c;margin:16px 0}.note{color:#888;font-size:13px}
button{width:100%;padding:14px;border:0;border-radius:8px;font-size:16px;margin-top:12px;cursor:pointer}
#pay-confirm{background:#07c160;color:#fff}#pay-fail{background:#eee;color:#333}#result{margin-top:16px;font-size:15px}
</style></head>
<body><div class="card">
<h1>沙箱支付 · Sandbox payment</h1>
<div class="note">演示环境，不会真实扣款 · Demo only, no money moves</div>
<div class="amount" id="pay-amount">¥${amountYuan}</div>
<div class="note">支付单号 Payment ${paymentId} · 状态 Status <span id="pay-status">${status}</span></div>
<button id="pay-confirm">确认支付 Pay</button>
<button id="pay-fail">模拟失败 Fail</button>
<div id="result"></div>
</div>
<script>
async function complete(succeeded) {
  const response = await fetch(location.pathname + '/complete', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ succeeded }) });
  const body = await response.json();
  document.getElementById('result').textContent = body.outcome === 'applied' ? (succeeded ? '支付成功 Paid' : '已记录支付失败 Payment failed') : '未处理 Not applied: ' + (body.errorCode || body.outcome);
  document.getElementById('pay-status').textContent = succeeded && body.outcome === 'applied' ? 'succeeded' : document.getElementById('pay-status').textContent;
}
document.getElementById('pay-confirm').onclick = () => complete(true);
document.getElementById('pay-fail').onclick = () => complete(false);
</script></body></html>`;
}
