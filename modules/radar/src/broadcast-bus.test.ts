import { describe, expect, it } from 'vitest';
import { createInProcessBroadcast, type Broadcast } from '@linkmall/events';
import { createBroadcastBus } from './broadcast-bus.ts';
import type { LiveEvent } from './live-bus.ts';

/** Two buses on one transport stand for two API processes; the transport counts what crosses it. */
function network() {
  const transport = createInProcessBroadcast();
  const sent: { channel: string; payload: unknown }[] = [];
  const counting: Broadcast = {
    ...transport,
    async publish(channel, payload) {
      sent.push({ channel, payload });
      await transport.publish(channel, payload);
    },
  };
  return { sent, a: createBroadcastBus(counting), b: createBroadcastBus(counting) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const view = (ownerUserId: string, organizationId: string | null = 'org_a', text = '访客查看了你的名片'): LiveEvent => ({
  type: 'activity',
  ownerUserId,
  organizationId,
  occurredAt: '2026-03-01T00:00:00.000Z',
  text: { 'zh-CN': text, en: text },
  cardId: 'crd_1',
  kind: 'view',
});

describe('broadcast bus (radar live events across API processes)', () => {
  it('carries an event to the process whose stream listens, once, and nothing for owners nobody watches', async () => {
    const { sent, a, b } = network();
    expect(a.wants('usr_owner', 'org_a')).toBe(false);
    const heard: LiveEvent[] = [];
    const stop = b.subscribe({ userId: 'usr_owner', organizationId: 'org_a', team: 'none' }, (event) => heard.push(event));
    await flush();
    expect(a.wants('usr_owner', 'org_a')).toBe(true);
    expect(a.wants('usr_someone_else', 'org_a')).toBe(false);

    const before = sent.filter((message) => message.channel === 'radar.live').length;
    a.publish(view('usr_someone_else'));
    a.publish(view('usr_owner'));
    await flush();
    expect(heard.map((event) => event.ownerUserId)).toEqual(['usr_owner']);
    // Only the event someone listens to crossed the transport.
    expect(sent.filter((message) => message.channel === 'radar.live').length - before).toBe(1);

    stop();
    await flush();
    expect(a.wants('usr_owner', 'org_a')).toBe(false);
    a.close();
    b.close();
  });

  it('a manager’s organisation stream makes every card of the organisation wanted; notifications stay the owner’s', async () => {
    const { a, b } = network();
    const heard: LiveEvent[] = [];
    b.subscribe({ userId: 'usr_boss', organizationId: 'org_a', team: 'organization' }, (event) => heard.push(event));
    await flush();
    expect(a.wants('usr_guide', 'org_a')).toBe(true);
    expect(a.wants('usr_guide', 'org_b')).toBe(false);
    a.publish({ ...view('usr_guide'), type: 'notification', notificationId: 'ntf_1' });
    a.publish(view('usr_guide'));
    await flush();
    expect(heard.map((event) => event.type)).toEqual(['activity']);
    a.close();
    b.close();
  });

  it('delivers locally without the transport, and clips long texts so an event always fits one NOTIFY', async () => {
    const { sent, a, b } = network();
    const local: LiveEvent[] = [];
    const remote: LiveEvent[] = [];
    a.subscribe({ userId: 'usr_owner', organizationId: null, team: 'none' }, (event) => local.push(event));
    b.subscribe({ userId: 'usr_owner', organizationId: null, team: 'none' }, (event) => remote.push(event));
    await flush();
    a.publish(view('usr_owner', null, '长'.repeat(5_000)));
    await flush();
    expect(local[0]!.text['zh-CN']).toHaveLength(5_000);
    expect(remote[0]!.text['zh-CN'].length).toBeLessThanOrEqual(401);
    expect(local).toHaveLength(1);
    expect(sent.every((message) => Buffer.byteLength(JSON.stringify(message.payload)) < 7_900)).toBe(true);
    a.close();
    b.close();
  });
});
