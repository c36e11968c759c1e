// A throwaway ./data folder for single-node runs. When tests run as root the embedded PostgreSQL runs as the
// `postgres` user, which must be able to reach the folder.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const createTempDataDir = async (): Promise<{ path: string; remove(): Promise<void> }> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'lexbot-data-'));
  await chmod(dir, 0o755);
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
