// Deletes every key matching a glob on every data node (SCAN sees only the node it runs on). UNLINK frees memory off
// the main thread; keys are unlinked one by one because on a cluster a multi-key UNLINK must stay in one slot, and
// auto-pipelining sends them together anyway. Used to rebuild, and by tests to clean their own prefix; never FLUSHDB.
import { dataNodes, type RedisClient } from './client.js';

export const deleteByPattern = async (client: RedisClient, pattern: string): Promise<number> => {
  let deleted = 0;
  for (const node of dataNodes(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const counts = await Promise.all(keys.map((key) => client.unlink(key)));
      deleted += counts.reduce((sum, count) => sum + count, 0);
    } while (cursor !== '0');
  }
  return deleted;
};
