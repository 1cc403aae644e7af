import { createHash } from 'node:crypto';

/** A Lua script run by EVALSHA (loaded on first NOSCRIPT): one atomic step on the shared state. */
export interface RedisScript {
  text: string;
  sha: string;
}

const script = (text: string): RedisScript => ({ text, sha: createHash('sha1').update(text).digest('hex') });

// Every script takes the namespace's key prefix as ARGV[1] (keys are built inside, so one Redis, not a Cluster:
// docs/deployment.md). Face records are JSON with a leading "seq" (the store-wide order of arrival).
const helpers = `
local P = ARGV[1]
local function dropImage(id)
  local key = P .. 'img:' .. id
  local size = redis.call('HSTRLEN', key, 'bytes')
  if size > 0 then
    redis.call('DEL', key)
    redis.call('DECRBY', P .. 'imgbytes', size)
  end
  redis.call('ZREM', P .. 'imgorder', id)
end
local function removeUser(user)
  local fkey = P .. 'faces:' .. user
  local faces = redis.call('LRANGE', fkey, 0, -1)
  for _, face in ipairs(faces) do dropImage(cjson.decode(face).transactionId) end
  redis.call('DEL', fkey)
  redis.call('ZREM', P .. 'users', user)
  if #faces > 0 then redis.call('DECRBY', P .. 'count', #faces) end
  return #faces
end
`;

/**
 * The prefix of the keys shared by every namespace. A namespace's keys are `fem:<name>:...` and a name is
 * [A-Za-z0-9._-] (NAMESPACE_PATTERN) or `@`, so `#` keeps these out of every namespace's key space: a reset of
 * any namespace (SCAN fem:<name>:*) can never reach them.
 */
export const GLOBAL_PREFIX = 'fem:#:';

/**
 * ARGV: prefix, userId, record JSON, transactionId, maxFaces, maxUsers, image cap, content type, image bytes ('' for
 * none). The same rules as the in-memory store: the user's oldest face past maxFaces, the least recently enrolled
 * user past maxUsers, the oldest bytes past the cap.
 */
export const addScript = script(`${helpers}
local user, json, tx = ARGV[2], ARGV[3], ARGV[4]
local maxFaces, maxUsers, cap = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local ctype, bytes = ARGV[8], ARGV[9]
local seq = redis.call('INCR', P .. 'seq')
local fkey = P .. 'faces:' .. user
redis.call('RPUSH', fkey, '{"seq":' .. seq .. ',' .. string.sub(json, 2))
redis.call('INCR', P .. 'count')
redis.call('ZADD', P .. 'users', seq, user)
if #bytes > 0 and #bytes <= cap then
  dropImage(tx)
  redis.call('HSET', P .. 'img:' .. tx, 'bytes', bytes, 'type', ctype)
  redis.call('ZADD', P .. 'imgorder', seq, tx)
  local held = redis.call('INCRBY', P .. 'imgbytes', #bytes)
  while held > cap do
    local oldest = redis.call('ZPOPMIN', P .. 'imgorder')
    if #oldest == 0 then break end
    dropImage(oldest[1])
    held = tonumber(redis.call('GET', P .. 'imgbytes') or '0')
  end
end
while redis.call('LLEN', fkey) > maxFaces do
  dropImage(cjson.decode(redis.call('LPOP', fkey)).transactionId)
  redis.call('DECR', P .. 'count')
end
while redis.call('ZCARD', P .. 'users') > maxUsers do
  removeUser(redis.call('ZPOPMIN', P .. 'users')[1])
end
return seq
`);

/**
 * ARGV: prefix, userId, transactionId. Removes that one face (and its image): the compensation of an add whose
 * reply came after the request had answered ERROR. Returns 1 when it was there.
 */
export const removeFaceScript = script(`${helpers}
local user, tx = ARGV[2], ARGV[3]
local fkey = P .. 'faces:' .. user
for _, face in ipairs(redis.call('LRANGE', fkey, 0, -1)) do
  if cjson.decode(face).transactionId == tx then
    redis.call('LREM', fkey, 1, face)
    redis.call('DECR', P .. 'count')
    dropImage(tx)
    if redis.call('LLEN', fkey) == 0 then redis.call('ZREM', P .. 'users', user) end
    return 1
  end
end
return 0
`);

/** ARGV: prefix, userId. Returns how many faces were removed. */
export const removeScript = script(`${helpers}
return removeUser(ARGV[2])
`);

/**
 * ARGV: the global prefix, a namespace's name, the most namespaces kept. Marks the namespace used now (a counter
 * in Redis, not a replica's clock, orders the uses) and returns the names of those used least recently past the
 * most, removed from the list: the caller forgets their keys.
 */
export const namespaceUseScript = script(`
local G = ARGV[1]
local clock = redis.call('INCR', G .. 'namespaces:clock')
redis.call('ZADD', G .. 'namespaces', clock, ARGV[2])
local over = redis.call('ZCARD', G .. 'namespaces') - tonumber(ARGV[3])
local names = {}
if over > 0 then
  local popped = redis.call('ZPOPMIN', G .. 'namespaces', over)
  for i = 1, #popped, 2 do names[#names + 1] = popped[i] end
end
return names
`);

/** ARGV: prefix, epoch second. The fixed window's count, this request included; the key expires on its own. */
export const rateScript = script(`
local key = ARGV[1] .. 'rate:' .. ARGV[2]
local count = redis.call('INCR', key)
if count == 1 then redis.call('EXPIRE', key, 5) end
return count
`);

/** ARGV: prefix, entry JSON without id, journal size. A capped stream; ids count up per namespace. */
export const journalRecordScript = script(`
local P = ARGV[1]
local id = redis.call('INCR', P .. 'journal:id')
redis.call('XADD', P .. 'journal', 'MAXLEN', tonumber(ARGV[3]), '*', 'e', '{"id":' .. id .. ',' .. string.sub(ARGV[2], 2))
return id
`);

/** ARGV: prefix. Returns { last id, id at the last clear, entries }: dropped = last - base - entries. */
export const journalListScript = script(`
local P = ARGV[1]
local entries = redis.call('XRANGE', P .. 'journal', '-', '+')
local texts = {}
for i, entry in ipairs(entries) do texts[i] = entry[2][2] end
return { redis.call('GET', P .. 'journal:id') or '0', redis.call('GET', P .. 'journal:base') or '0', texts }
`);

/** ARGV: prefix. Empties the journal; what was recorded before no longer counts as dropped. */
export const journalClearScript = script(`
local P = ARGV[1]
redis.call('SET', P .. 'journal:base', redis.call('GET', P .. 'journal:id') or '0')
redis.call('DEL', P .. 'journal')
return 1
`);

/** ARGV: prefix, signatureId, authentication JSON, the most kept. The oldest forgotten first past the most. */
export const authenticationAddScript = script(`
local P = ARGV[1]
local seq = redis.call('INCR', P .. 'auth:seq')
redis.call('HSET', P .. 'auth', ARGV[2], ARGV[3])
redis.call('ZADD', P .. 'auth:order', seq, ARGV[2])
while redis.call('ZCARD', P .. 'auth:order') > tonumber(ARGV[4]) do
  redis.call('HDEL', P .. 'auth', redis.call('ZPOPMIN', P .. 'auth:order')[1])
end
return seq
`);

/**
 * ARGV: prefix, signatureId, the completed authentication JSON. Stored only over one without a result: when two
 * replicas complete the same authentication at once, the first result stands and the second gets nil.
 */
export const authenticationCompleteScript = script(`
local P = ARGV[1]
local current = redis.call('HGET', P .. 'auth', ARGV[2])
if not current then return false end
if cjson.decode(current).result ~= cjson.null then return false end
redis.call('HSET', P .. 'auth', ARGV[2], ARGV[3])
return ARGV[3]
`);

// Runtime rules: a hash `rules` (id -> rule JSON) with the order of adding in `rules:order`; hit counts in the
// hash `rules:hits` (a runtime rule's id, or a file rule's `file:N:<fingerprint>`). `rules:version` moves on every
// change, to a value drawn from one counter for the whole Redis (GLOBAL_PREFIX .. `rules:epoch`) so it never
// repeats after a reset deleted it: a replica keeps its copy of the list while the version it read stays the same.

/** ARGV: prefix, the version this replica holds. Returns {version, hits as field/value pairs[, ids and JSON pairs when it moved]}. */
export const rulesSnapshotScript = script(`
local P = ARGV[1]
local version = redis.call('GET', P .. 'rules:version') or '0'
local hits = redis.call('HGETALL', P .. 'rules:hits')
if version == ARGV[2] then return {version, hits} end
local list = {}
for _, id in ipairs(redis.call('ZREVRANGE', P .. 'rules:order', 0, -1)) do
  list[#list + 1] = id
  list[#list + 1] = redis.call('HGET', P .. 'rules', id)
end
return {version, hits, list}
`);

/** ARGV: prefix, rule JSON. Returns the new rule's id (`rt-N`, N unique in this Redis). */
export const ruleAddScript = script(`
local P = ARGV[1]
local n = redis.call('INCR', '${GLOBAL_PREFIX}rules:epoch')
local id = 'rt-' .. n
redis.call('HSET', P .. 'rules', id, ARGV[2])
redis.call('ZADD', P .. 'rules:order', n, id)
redis.call('SET', P .. 'rules:version', n)
return id
`);

/** ARGV: prefix, id ('' for every runtime rule). Returns how many were removed; their counts go with them. */
export const ruleRemoveScript = script(`
local P = ARGV[1]
local ids = ARGV[2] == '' and redis.call('ZRANGE', P .. 'rules:order', 0, -1) or {ARGV[2]}
local removed = 0
for _, id in ipairs(ids) do
  removed = removed + redis.call('HDEL', P .. 'rules', id)
  redis.call('ZREM', P .. 'rules:order', id)
  redis.call('HDEL', P .. 'rules:hits', id)
end
if removed > 0 then redis.call('SET', P .. 'rules:version', redis.call('INCR', '${GLOBAL_PREFIX}rules:epoch')) end
return removed
`);

/**
 * ARGV: prefix, count key, limit ('' for none), runtime rule id ('' for a file rule). Takes one hit of the rule:
 * the 0-based number of the hit taken (the sequence step), or -1 when the limit was reached or the rule is gone.
 * One script, so two replicas never both take a rule's last hit.
 */
export const ruleTakeScript = script(`
local P = ARGV[1]
if ARGV[4] ~= '' and redis.call('HEXISTS', P .. 'rules', ARGV[4]) == 0 then return -1 end
local taken = tonumber(redis.call('HGET', P .. 'rules:hits', ARGV[2]) or '0')
if ARGV[3] ~= '' and taken >= tonumber(ARGV[3]) then return -1 end
redis.call('HINCRBY', P .. 'rules:hits', ARGV[2], 1)
return taken
`);
