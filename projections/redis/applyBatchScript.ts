// The batch script of one shard: applies its users' writes and advances the shard's checkpoint in one atomic step.
// Idempotent by construction: a user write whose version is not newer than the stored one changes nothing, so
// counters move exactly once per version and a redelivered or replayed batch is harmless. Pool and counter deltas
// are computed from what is stored, not from what the caller believed was stored.
//
// Every key it touches starts with the shard's base (KEYS[1], KEYS[2] and the keys it builds from ARGV[2]), so all
// of them share the shard's hash tag and slot (see keys.ts).

/**
 * KEYS[1] meta, KEYS[2] counters. ARGV[1] checkpoint (comparable text, see checkpointText), ARGV[2] the shard's key
 * base, ARGV[3] the checkpoint the batch starts from ('' for none), ARGV[4] the number of users, then six arguments
 * per user: id, version, state JSON, flags (comma-separated), score, pools (comma-separated pair codes). Returns the
 * number of user writes applied, or -1 without writing anything when the shard's checkpoint is gone or behind the
 * batch's start: the cache was flushed or evicted after the caller read its checkpoint, and a batch written there
 * would leave it looking current with every earlier user missing.
 */
export const APPLY_BATCH_LUA = `
local meta, counters, base, from = KEYS[1], KEYS[2], ARGV[2], ARGV[3]
local current = redis.call('HGET', meta, 'cp')
if from ~= '' and ((not current) or current < from) then return -1 end
local function set_of(csv)
  local set = {}
  for item in string.gmatch(csv, '[^,]+') do set[item] = true end
  return set
end
local applied = 0
local n = tonumber(ARGV[4])
for i = 0, n - 1 do
  local at = 5 + i * 6
  local id, version, state, flags, score, pools = ARGV[at], tonumber(ARGV[at + 1]), ARGV[at + 2], ARGV[at + 3], ARGV[at + 4], ARGV[at + 5]
  local key = base .. 'u:' .. id
  local stored = redis.call('HMGET', key, 'v', 'f', 'p')
  if version > (tonumber(stored[1]) or 0) then
    local old_flags, new_flags = set_of(stored[2] or ''), set_of(flags)
    local old_pools, new_pools = set_of(stored[3] or ''), set_of(pools)
    for pair in pairs(old_pools) do
      if not new_pools[pair] then redis.call('ZREM', base .. 'pool:' .. pair, id) end
    end
    for pair in pairs(new_pools) do redis.call('ZADD', base .. 'pool:' .. pair, score, id) end
    for flag in pairs(old_flags) do
      if not new_flags[flag] then redis.call('HINCRBY', counters, flag, -1) end
    end
    for flag in pairs(new_flags) do
      if not old_flags[flag] then redis.call('HINCRBY', counters, flag, 1) end
    end
    redis.call('HSET', key, 'v', version, 's', state, 'f', flags, 'p', pools)
    applied = applied + 1
  end
end
if (not current) or ARGV[1] > current then redis.call('HSET', meta, 'cp', ARGV[1]) end
return applied
`;

const pad = (value: bigint): string => value.toString().padStart(20, '0');

/** "commit/position" with both parts zero-padded to 20 digits, so Lua's string comparison orders checkpoints. */
export const checkpointText = (checkpoint: { readonly commit: bigint; readonly position: bigint }): string =>
  `${pad(checkpoint.commit)}/${pad(checkpoint.position)}`;
