import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@linkmall/db';
import { crmVisitorSubscribers } from '@linkmall/flows';
import { createPiiCipher, systemClock, systemContext } from '@linkmall/kernel';
import type { VisitorBehaviour } from '@linkmall/crm';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

/** Behaviour the radar would report, keyed by owner and visitor: a small real reader over test data. */
const behaviours = new Map<string, VisitorBehaviour>();
const behaviour = async (ownerUserId: string, visitorIds: readonly string[]) =>
  new Map(visitorIds.flatMap((id) => (behaviours.has(`${ownerUserId}:${id}`) ? [[id, behaviours.get(`${ownerUserId}:${id}`)!] as const] : [])));

let t: TestPlatform;
let guide: string;
let guideId: string;
let manager: string;
let managerId: string;
let maskId: string;
let organizationId: string;

beforeAll(async () => {
  t = await startTestPlatform({ crm: { behaviour } });
  guide = await t.login('13600000001', 'shop');
  guideId = (await t.json('GET', '/shop/me', { token: guide })).body.id;
  manager = await t.login('13700000001');
  const me = (await t.json('GET', '/admin/me', { token: manager })).body;
  managerId = me.id;
  organizationId = me.organizationId;
  const { rows } = await t.database.executeSql("select id from products where title = '玻尿酸保湿面膜'", []);
  maskId = (rows[0] as { id: string }).id;
});
afterAll(() => t?.close());

const ctx = systemContext(systemClock);
async function deliver(index: 0 | 1, payload: object) {
  const subscriber = crmVisitorSubscribers(t.platform.crm, t.platform.radar)[index]!;
  await inTransaction(t.platform.db, (tx) => subscriber.handle(tx, { id: 'evt_test', type: subscriber.eventTypes[0] as string, aggregateId: null, payload, occurredAt: new Date(), requestId: null, position: 1n, attempt: 1 }, ctx));
}
/** The contact form's details as radar puts them in the outbox: encrypted with the platform's PII key. */
const sealed = (name: string, phone: string, message: string) => {
  const pii = createPiiCipher(t.piiKey);
  return { nameCipher: pii.encrypt(name), phoneCipher: pii.encrypt(phone), messageCipher: pii.encrypt(message) };
};
const visitorActive = (visitorId: string, extra: object = {}) =>
  deliver(0, { cardId: 'crd_test', ownerUserId: guideId, organizationId, visitorId, userId: null, displayName: '王女士', occurredAt: new Date().toISOString(), ...extra });
const seen = (visitorId: string, overrides: Partial<VisitorBehaviour>) => {
  const now = new Date();
  behaviours.set(`${guideId}:${visitorId}`, { visitorId, userId: null, displayName: '王女士', visits: 0, dwellSeconds: 0, firstSeenAt: now, lastSeenAt: now, products: [], modulesViewed: [], shares: 0, forwards: 0, couponsClaimed: 0, contactSubmitted: false, calls: 0, addToCart: 0, orders: 0, ...overrides });
};

describe('leads from visitors and the contact form', () => {
  let leadId: string;

  it('creates one lead per visitor with intent score, explanation and interest tags', async () => {
    seen('v_visitor_aaaaaaaaaaaa', { visits: 3, dwellSeconds: 300, products: [{ productId: maskId, seconds: 240, clicks: 2 }], modulesViewed: ['ingredients'] });
    await visitorActive('v_visitor_aaaaaaaaaaaa');
    await visitorActive('v_visitor_aaaaaaaaaaaa');
    const list = await t.json('GET', '/shop/leads', { token: guide });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const lead = list.body.items[0];
    leadId = lead.id;
    expect(lead).toMatchObject({ name: '王女士', source: 'visitor', stage: 'new', intentScore: 35, organizationId });
    expect(lead.tags).toEqual(expect.arrayContaining([{ tag: '玻尿酸', kind: 'auto' }, { tag: '面膜', kind: 'auto' }]));
    const detail = await t.json('GET', `/shop/leads/${leadId}`, { token: guide });
    expect(detail.body.intent.explanation).toBe('3 次访问，在 玻尿酸保湿面膜 停留 4 分钟，打开了成分表');
    const english = await t.json('GET', `/shop/leads/${leadId}`, { token: guide, headers: { 'accept-language': 'en' } });
    expect(english.body.intent.explanation).toBe('3 visits, 4 min on 玻尿酸保湿面膜, opened the ingredient list');
    expect(english.body.stageLabel).toBe('New');
    expect(detail.body.segmentation).toMatchObject({ segment: 'potential', layer: 'active' });
  });

  it('adds the contact form’s phone to the same lead, encrypted, shown in full only to the owner', async () => {
    await deliver(1, { cardId: 'crd_test', ownerUserId: guideId, organizationId, visitorId: 'v_visitor_aaaaaaaaaaaa', ...sealed('王丽', '139 1234 5678', '想了解面膜的批发价') });
    const list = await t.json('GET', '/shop/leads', { token: guide });
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].phonesMasked).toEqual(['139****5678']);
    const detail = await t.json('GET', `/shop/leads/${leadId}`, { token: guide });
    expect(detail.body.phoneNumbers).toEqual(['13912345678']);
    expect(detail.body.notes.map((note: { body: string }) => note.body)).toEqual(['想了解面膜的批发价']);
    const managed = await t.json('GET', `/admin/leads/${leadId}`, { token: manager });
    expect(managed.status).toBe(200);
    expect(managed.body.phoneNumbers).toBeNull();
    const { rows } = await t.database.executeSql("select phone_cipher, phone_hash from crm_lead_phones where phone_masked = '139****5678'", []);
    expect(JSON.stringify(rows)).not.toContain('13912345678');
  });

  it('imports vCards, merging the one with a known phone', async () => {
    const vcard = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:王丽', 'ORG:丽人美容', 'TEL;TYPE=cell:+86 139-1234-5678', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:陈刚', 'TEL:13800138000', 'EMAIL:chen@example.com', 'END:VCARD'].join('\r\n');
    const imported = await t.json('POST', '/shop/leads/vcard-import', { token: guide, body: { vcard } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 1, updated: 1, skipped: 0 });
    expect(imported.body.leadIds[0]).toBe(leadId);
    const lead = (await t.json('GET', `/shop/leads/${leadId}`, { token: guide })).body;
    expect(lead.company).toBe('丽人美容');
    expect(lead.name).toBe('王女士');
  });

  it('merges a visitor lead into the lead with the same phone when the visitor leaves it, keeping notes, tasks and tags', async () => {
    seen('v_visitor_bbbbbbbbbbbb', { visits: 1, dwellSeconds: 60 });
    await visitorActive('v_visitor_bbbbbbbbbbbb', { displayName: null });
    const visitorLead = (await t.json('GET', '/shop/leads', { token: guide })).body.items.find((lead: { visitorCount: number; name: string | null }) => lead.name === null);
    expect(visitorLead).toBeDefined();
    await t.json('POST', `/shop/leads/${visitorLead.id}/notes`, { token: guide, body: { body: '第二台设备' } });
    await t.json('POST', `/shop/leads/${visitorLead.id}/tasks`, { token: guide, body: { title: '回访', dueAt: '2026-12-01T02:00:00Z' } });
    await t.json('PUT', `/shop/leads/${visitorLead.id}/tags`, { token: guide, body: { tags: ['老客户'] } });
    await deliver(1, { cardId: 'crd_test', ownerUserId: guideId, organizationId, visitorId: 'v_visitor_bbbbbbbbbbbb', ...sealed('王丽', '13800138000', '请回电') });
    const leads = (await t.json('GET', '/shop/leads', { token: guide })).body;
    const chen = leads.items.find((lead: { name: string }) => lead.name === '陈刚');
    expect(leads.total).toBe(2);
    const detail = (await t.json('GET', `/shop/leads/${chen.id}`, { token: guide })).body;
    expect(detail.mergedLeadIds).toEqual([visitorLead.id]);
    expect(detail.visitorCount).toBe(1);
    expect(detail.notes.map((note: { body: string }) => note.body).sort()).toEqual(['第二台设备', '请回电']);
    expect(detail.tasks.map((task: { title: string }) => task.title)).toEqual(['回访']);
    expect(detail.tags).toEqual([{ tag: '老客户', kind: 'manual' }]);
    const gone = await t.json('GET', `/shop/leads/${visitorLead.id}`, { token: guide });
    expect(gone.status).toBe(404);
    const { rows } = await t.database.executeSql("select action from audit_log where action = 'lead.merged' and entity_id = $1", [chen.id]);
    expect(rows).toHaveLength(1);
  });
});

describe('pipeline, tasks and access', () => {
  it('moves stages only along the pipeline and changes nothing on a refused move', async () => {
    const { leadId } = (await t.json('POST', '/shop/leads', { token: guide, body: { name: '赵先生', company: '蓝海茶业' } })).body;
    const before = await tableCounts(t);
    const refused = await t.json('POST', `/shop/leads/${leadId}/stage`, { token: guide, body: { stage: 'won' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('lead_stage_invalid');
    expect(await tableCounts(t)).toEqual(before);
    const moved = await t.json('POST', `/shop/leads/${leadId}/stage`, { token: guide, body: { stage: 'contacted' } });
    expect(moved.body.stage).toBe('contacted');
  });

  it('rejects an empty contact and malformed input without writing', async () => {
    const before = await tableCounts(t);
    const empty = await t.json('POST', '/shop/leads', { token: guide, body: { note: '只有备注' } });
    expect([empty.status, empty.body.error.code]).toEqual([422, 'lead_contact_empty']);
    const malformed = await t.json('POST', '/shop/leads', { token: guide, body: { name: '', phones: ['abc'] } });
    expect(malformed.status).toBe(400);
    const badVcard = await t.json('POST', '/shop/leads/vcard-import', { token: guide, body: { vcard: 'not a vcard at all' } });
    expect(badVcard.body.error.code).toBe('lead_vcard_empty');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('lists my open tasks and finishes one once', async () => {
    const { leadId } = (await t.json('POST', '/shop/leads', { token: guide, body: { name: '孙女士' } })).body;
    const task = (await t.json('POST', `/shop/leads/${leadId}/tasks`, { token: guide, body: { title: '发送试用装', dueAt: '2026-11-30T02:00:00Z' } })).body;
    const open = (await t.json('GET', '/shop/lead-tasks', { token: guide })).body;
    expect(open.items.map((item: { id: string }) => item.id)).toContain(task.id);
    expect((await t.json('POST', `/shop/lead-tasks/${task.id}/done`, { token: guide })).status).toBe(200);
    const again = await t.json('POST', `/shop/lead-tasks/${task.id}/done`, { token: guide });
    expect(again.body.error.code).toBe('lead_task_already_done');
    const done = (await t.json('GET', '/shop/lead-tasks?status=done', { token: guide })).body;
    expect(done.items.map((item: { id: string }) => item.id)).toContain(task.id);
  });

  it('shows managers their organisation’s leads, sales only their own, finance nothing', async () => {
    const managed = await t.json('GET', '/admin/leads', { token: manager });
    expect(managed.body.total).toBe(4);
    const sales = await t.json('GET', '/admin/leads', { token: await t.login('13800000004') });
    expect([sales.status, sales.body.total]).toEqual([200, 0]);
    const finance = await t.json('GET', '/admin/leads', { token: await t.login('13800000003') });
    expect(finance.status).toBe(403);
    const platformAdmin = await t.json('GET', '/admin/leads', { token: await t.login('13800000001') });
    expect(platformAdmin.body.total).toBe(4);
  });

  it('reassigns within the organisation only, with open tasks', async () => {
    const leads = (await t.json('GET', '/admin/leads?q=孙', { token: manager })).body.items;
    const salesId = (await t.json('GET', '/admin/me', { token: await t.login('13800000004') })).body.id;
    const outside = await t.json('POST', `/admin/leads/${leads[0].id}/reassign`, { token: manager, body: { ownerUserId: salesId } });
    expect(outside.body.error.code).toBe('lead_owner_invalid');
    const moved = await t.json('POST', `/admin/leads/${leads[0].id}/reassign`, { token: manager, body: { ownerUserId: managerId } });
    expect(moved.body.ownerUserId).toBe(managerId);
    expect((await t.json('GET', `/shop/leads/${leads[0].id}`, { token: guide })).status).toBe(404);
    const { rows } = await t.database.executeSql("select count(*)::int as n from audit_log where action = 'lead.reassigned' and entity_id = $1", [leads[0].id]);
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('merges two leads by hand and gives the assistant a lead context', async () => {
    const a = (await t.json('POST', '/shop/leads', { token: guide, body: { name: '周先生' } })).body.leadId;
    const b = (await t.json('POST', '/shop/leads', { token: guide, body: { company: '周氏茶行', note: '展会名片' } })).body.leadId;
    const merged = await t.json('POST', `/shop/leads/${b}/merge`, { token: guide, body: { duplicateLeadId: a } });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: a, name: '周先生', company: '周氏茶行' });
    const lead = (await t.json('GET', '/shop/leads?q=王', { token: guide })).body.items[0];
    const context = await t.platform.crm.leadContext(lead.id);
    expect(context).toEqual({ name: '王女士', viewedProducts: [{ productId: maskId, title: '玻尿酸保湿面膜', seconds: 240 }], stage: 'new', tags: expect.arrayContaining(['玻尿酸', '面膜']) });
  });
});
