import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJson, MAILBOX_HEADERS, type Mailbox } from '../../actors/mailbox/index.js';
import { parseTraceparent } from '../../gateway/index.js';
import { createGatewayFixture, SECRET, textUpdate, type GatewayFixture } from './gatewayFixture.js';

const post = (fixture: GatewayFixture, body: unknown, options: { secret?: string | null; raw?: string; contentType?: string } = {}) =>
  fixture.app.inject({
    method: 'POST',
    url: '/webhook/telegram',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...(options.secret === null ? {} : { 'x-telegram-bot-api-secret-token': options.secret ?? SECRET }),
    },
    payload: options.raw ?? JSON.stringify(body),
  });

const metricLine = async (fixture: GatewayFixture, prefix: string): Promise<string | undefined> =>
  (await fixture.app.inject({ method: 'GET', url: '/metrics' })).body.split('\n').find((line) => line.startsWith(prefix));

describe('POST /webhook/telegram', () => {
  let fixture: GatewayFixture;
  afterEach(async () => {
    await fixture.close();
  });

  describe('with a healthy mailbox', () => {
    beforeEach(async () => {
      fixture = await createGatewayFixture();
    });

    it('answers 200 with the update stored in the stream, dedup id, user key and trace context in its headers', async () => {
      const update = textUpdate(1001, 555, '/start');
      const response = await post(fixture, update);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true, outcome: 'accepted' });
      const stored = await fixture.lastMessageFor(555);
      expect(stored).toBeDefined();
      expect(decodeJson(stored!.data)).toEqual(update);
      expect(stored!.header.get('Nats-Msg-Id')).toBe('tg:1001');
      expect(stored!.header.get(MAILBOX_HEADERS.userKey)).toBe('user:555');
      expect(stored!.header.get(MAILBOX_HEADERS.correlationId)).toBe('tg:1001');
      expect(parseTraceparent(stored!.header.get('traceparent'))).toBeDefined();
    });

    it('continues the caller’s trace when a valid traceparent comes in', async () => {
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/webhook/telegram',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
        payload: JSON.stringify(textUpdate(1002, 556, 'hi')),
      });
      expect(response.statusCode).toBe(200);
      const traceparent = (await fixture.lastMessageFor(556))!.header.get('traceparent');
      expect(parseTraceparent(traceparent)?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      expect(parseTraceparent(traceparent)?.spanId).not.toBe('00f067aa0ba902b7');
    });

    it('stores an update posted 5 times once, answering 200 each time', async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const response = await post(fixture, textUpdate(2002, 777, 'hello'));
        expect(response.statusCode).toBe(200);
        outcomes.push(response.json<{ outcome: string }>().outcome);
      }
      expect(outcomes).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
      expect(await fixture.messageCount()).toBe(1);
      expect(await metricLine(fixture, 'lexbot_updates_duplicate_total{source="webhook"}')).toBe('lexbot_updates_duplicate_total{source="webhook"} 4');
    });

    it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
      expect((await post(fixture, textUpdate(1, 1, 'x'), { secret: 'wrong' })).statusCode).toBe(401);
      expect((await post(fixture, textUpdate(1, 1, 'x'), { secret: `${SECRET}x` })).statusCode).toBe(401);
      expect((await post(fixture, textUpdate(1, 1, 'x'), { secret: null })).statusCode).toBe(401);
      expect(await fixture.messageCount()).toBe(0);
      expect(await metricLine(fixture, 'lexbot_webhook_rejects_total{reason="secret"}')).toBe('lexbot_webhook_rejects_total{reason="secret"} 3');
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const update = textUpdate(3, 3, 'x'.repeat(1024 * 1024));
      const response = await post(fixture, update);
      expect(response.statusCode).toBe(413);
      expect(await fixture.messageCount()).toBe(0);
    });

    it.each([
      ['malformed JSON', '{"update_id": 1,'],
      ['an empty body', ''],
      ['an array', '[{"update_id": 1}]'],
      ['a string', '"update"'],
      ['null', 'null'],
      ['no update_id', '{"message": {"from": {"id": 1}}}'],
      ['a string update_id', '{"update_id": "5", "message": {"from": {"id": 1}}}'],
      ['a fractional update_id', '{"update_id": 5.5, "message": {"from": {"id": 1}}}'],
      ['a negative update_id', '{"update_id": -5, "message": {"from": {"id": 1}}}'],
    ])('answers 400 to %s', async (_name, raw) => {
      const response = await post(fixture, undefined, { raw });
      expect(response.statusCode).toBe(400);
      expect(await fixture.messageCount()).toBe(0);
    });

    it('answers 400 to a body that is not JSON at all', async () => {
      expect((await post(fixture, undefined, { raw: 'update_id=1', contentType: 'application/x-www-form-urlencoded' })).statusCode).toBe(400);
    });

    it('routes an update type it does not know by the user it carries', async () => {
      const response = await post(fixture, { update_id: 4004, future_update: { from: { id: 4242, is_bot: false, first_name: 'Z' } } });
      expect(response.json()).toEqual({ ok: true, outcome: 'accepted' });
      expect((await fixture.lastMessageFor(4242))!.header.get(MAILBOX_HEADERS.userKey)).toBe('user:4242');
    });

    it('routes a channel post by its chat', async () => {
      const response = await post(fixture, { update_id: 4005, channel_post: { message_id: 1, date: 1, chat: { id: -100123, type: 'channel', title: 'c' }, text: 'hi' } });
      expect(response.json()).toEqual({ ok: true, outcome: 'accepted' });
      expect((await fixture.lastMessageFor(-100123))!.header.get(MAILBOX_HEADERS.userKey)).toBe('chat:-100123');
    });

    it('answers 200 to an update with neither user nor chat, drops it and counts it', async () => {
      const response = await post(fixture, { update_id: 5005, poll: { id: 'p', question: 'q', options: [], total_voter_count: 0 } });
      expect(response.json()).toEqual({ ok: true, outcome: 'dropped' });
      expect(await fixture.messageCount()).toBe(0);
      expect(await metricLine(fixture, 'lexbot_updates_dropped_without_user_total{update_type="poll"}')).toBe(
        'lexbot_updates_dropped_without_user_total{update_type="poll"} 1',
      );
    });

    it('stores odd Unicode as sanitised text: lone surrogates and NUL become U+FFFD, RTL and emoji survive', async () => {
      const raw = '{"update_id": 6006, "message": {"message_id": 1, "date": 1, "chat": {"id": 66, "type": "private"}, "from": {"id": 66, "is_bot": false, "first_name": "\\udc00A"}, "text": "a\\ud800b\\u0000c \\u202eRTL\\u202c 👍🏽 \\ud83d\\ude00"}}';
      expect((await post(fixture, undefined, { raw })).statusCode).toBe(200);
      const stored = decodeJson((await fixture.lastMessageFor(66))!.data) as { message: { text: string; from: { first_name: string } } };
      expect(stored.message.text).toBe('a\uFFFDb\uFFFDc \u202eRTL\u202c 👍🏽 😀');
      expect(stored.message.from.first_name).toBe('\uFFFDA');
    });

    it('stores a body that needs no sanitising byte for byte as it was sent (whitespace, key order, \\u escapes)', async () => {
      const raw =
        '{ "message": {"message_id": 1, "date": 1, "chat": {"id": 67, "type": "private"}, "from": {"id": 67, "is_bot": false, "first_name": "\\u041e\\u043b\\u044c\\u0433\\u0430"}, "text": "привет \\"x\\""},\n  "update_id": 6007 }';
      const response = await post(fixture, undefined, { raw, contentType: 'application/json; charset=utf-8' });
      expect(response.json()).toEqual({ ok: true, outcome: 'accepted' });
      const stored = (await fixture.lastMessageFor(67))!;
      expect(Buffer.from(stored.data).toString('utf8')).toBe(raw);
      expect(decodeJson(stored.data)).toEqual(JSON.parse(raw));
      expect(stored.header.get(MAILBOX_HEADERS.userKey)).toBe('user:67');
    });

    it('times every answer from the request’s arrival in lexbot_webhook_ack_seconds, by outcome', async () => {
      await post(fixture, textUpdate(6008, 68, 'x'));
      await post(fixture, textUpdate(6009, 69, 'x'), { secret: 'wrong' });
      expect(await metricLine(fixture, 'lexbot_webhook_ack_seconds_count{outcome="accepted"}')).toBe('lexbot_webhook_ack_seconds_count{outcome="accepted"} 1');
      expect(await metricLine(fixture, 'lexbot_webhook_ack_seconds_count{outcome="rejected"}')).toBe('lexbot_webhook_ack_seconds_count{outcome="rejected"} 1');
      const sum = await metricLine(fixture, 'lexbot_webhook_ack_seconds_sum{outcome="accepted"}');
      expect(Number(sum?.split(' ')[1])).toBeGreaterThan(0);
    });

    it('serves /health, /ready with each dependency, and /metrics', async () => {
      expect((await fixture.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const ready = await fixture.app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ ready: true, shuttingDown: false, checks: { mailbox: { ok: true } } });
      const metrics = await fixture.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.headers['content-type']).toContain('text/plain');
      expect(metrics.body).toContain('# TYPE lexbot_webhook_ack_seconds histogram');
      expect(metrics.body).toContain('# TYPE lexbot_dispatch_seconds histogram');
    });
  });

  it('answers 200 only after the mailbox acknowledged the publish', async () => {
    const order: string[] = [];
    fixture = await createGatewayFixture((mailbox): Mailbox => ({
      ...mailbox,
      async publish(partition, message) {
        const result = await mailbox.publish(partition, message);
        // Yield a few turns so an answer that did not wait for us would land first.
        await new Promise((resolve) => setImmediate(resolve));
        order.push('acked');
        return result;
      },
    }));
    await post(fixture, textUpdate(7007, 70, 'x')).then(() => order.push('answered'));
    expect(order).toEqual(['acked', 'answered']);
  });

  it('answers 503 and reports not ready while NATS is unreachable, and stays alive', async () => {
    fixture = await createGatewayFixture();
    await fixture.nats.connection.close();
    const response = await post(fixture, textUpdate(8008, 80, 'x'));
    expect(response.statusCode).toBe(503);
    const ready = await fixture.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ready: false, checks: { mailbox: { ok: false } } });
    expect((await fixture.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect(await metricLine(fixture, 'lexbot_webhook_rejects_total{reason="unavailable"}')).toBe('lexbot_webhook_rejects_total{reason="unavailable"} 1');
  });
});
