// Single-node mode (`npm start`) stops cleanly on SIGTERM: the embedded PostgreSQL outlives the roles' draining. Its
// package's exit hook used to stop the database the moment the signal came, so the roles' last writes (the
// dispatcher's final checkpoint among them) met "terminating connection due to administrator command".
import { describe, expect, it } from 'vitest';
import { startLexbotProcess } from '../support/lexbotProcess.js';
import { createTempDataDir } from '../support/tempDataDir.js';

describe('single node shutdown', () => {
  it('drains every role on SIGTERM before its embedded PostgreSQL stops', async () => {
    const data = await createTempDataDir();
    try {
      const lexbot = await startLexbotProcess({ roles: 'gateway,actors,projector,dispatcher', env: {}, cwd: data.path });
      const sent = await fetch(`${lexbot.url}/sandbox/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 777101, firstName: 'Ann', languageCode: 'en', text: '/start' }),
      });
      expect(sent.status).toBe(202);
      await expect
        .poll(async () => ((await (await fetch(`${lexbot.url}/sandbox/api/chats/777101`)).json()) as { messages: { from: string }[] }).messages.some((m) => m.from === 'bot'), { timeout: 30_000 })
        .toBe(true);
      await lexbot.stop(30_000);
      const log = lexbot.logTail().join('\n');
      expect(log).toContain('lexbot stopped');
      expect(log).not.toContain('terminating connection due to administrator command');
      // 143 is 128 + SIGTERM: the embedded PostgreSQL package's exit hook ends the process with it once stopped.
      expect(['0', '143']).toContain(await lexbot.exited);
    } finally {
      await data.remove();
    }
  }, 180_000);
});
