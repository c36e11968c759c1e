import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../ops/singleNode/embeddedPostgres.js';
import { createTempDataDir } from '../../support/tempDataDir.js';

describe('embedded PostgreSQL (single-node mode)', () => {
  it('initialises once, serves SQL, and keeps its data across a restart', async () => {
    const data = await createTempDataDir();
    const dir = data.path;
    try {
      const first = await startEmbeddedPostgres({ dataDir: dir });
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query('create table kept (value text)');
      await client.query(`insert into kept values ('still here')`);
      await client.end();
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir: dir });
      const again = new pg.Client({ connectionString: second.url });
      await again.connect();
      const { rows } = await again.query<{ value: string }>('select value from kept');
      await again.end();
      await second.stop();
      expect(rows).toEqual([{ value: 'still here' }]);
    } finally {
      await data.remove();
    }
  }, 120_000);
});
