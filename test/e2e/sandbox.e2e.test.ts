// Single-node mode as `npm start` runs it with no configuration: embedded PostgreSQL, in-process mailbox, and the
// local sandbox (Bot API emulator + web chat) in place of Telegram.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../ops/config/config.js';
import { startRoles } from '../../ops/roles/startRoles.js';
import { createTempDataDir } from '../support/tempDataDir.js';

interface Transcript {
  readonly messages: readonly { from: 'user' | 'bot'; text: string }[];
}

describe('single node with the local sandbox', () => {
  it('serves the web chat and answers what a person types there', async () => {
    const data = await createTempDataDir();
    const config = loadConfig({ HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', LOG_LEVEL: 'silent' });
    const running = await startRoles({ roles: ['gateway', 'actors', 'dispatcher', 'projector'], config, dataDir: data.path });
    try {
      const page = await fetch(`${running.url}/sandbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('lexbot sandbox');

      const sent = await fetch(`${running.url}/sandbox/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 777001, firstName: 'Мария', languageCode: 'ru', text: '/start' }),
      });
      expect(sent.status).toBe(202);
      let transcript: Transcript = { messages: [] };
      for (let attempt = 0; attempt < 200 && !transcript.messages.some((m) => m.from === 'bot'); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        transcript = (await (await fetch(`${running.url}/sandbox/api/chats/777001`)).json()) as Transcript;
      }
      expect(transcript.messages[0]).toEqual(expect.objectContaining({ from: 'user', text: '/start' }));
      expect(transcript.messages[1]?.from).toBe('bot');
      expect(transcript.messages[1]?.text).toContain('Мария');

      const refused = await fetch(`${running.url}/sandbox/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 777001, firstName: 'Мария', text: 'x'.repeat(4097) }),
      });
      expect(refused.status).toBe(400);
    } finally {
      await running.stop();
      await data.remove();
    }
  }, 120_000);
});
