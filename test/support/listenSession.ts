// A plain LISTEN session of a test's own: it sees every notification on the channel, in commit order, so a test can
// count what a sender really put on the wire.
import pg from 'pg';
import { TEST_DATABASE_URL } from './postgres.js';

export interface ListenSession {
  readonly client: pg.Client;
  readonly payloads: string[];
  close(): Promise<void>;
}

export const openListenSession = async (channel: string): Promise<ListenSession> => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  const payloads: string[] = [];
  client.on('notification', (message) => payloads.push(message.payload ?? ''));
  await client.query(`listen "${channel}"`);
  return { client, payloads, close: () => client.end() };
};
