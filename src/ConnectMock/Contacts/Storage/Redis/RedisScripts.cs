namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// The Lua scripts that make the Redis store's multi-key steps atomic: Redis runs a script with no other command in
/// between, on whichever replica sends it, so "check the token and the quota, then insert" and "commit this change if
/// nobody changed the contact since it was read" hold across every replica that shares the server.
/// </summary>
/// <remarks>
/// Every key has the hash tag <c>{connectmock}</c>, so that they all live in one slot and a Redis Cluster would accept
/// the scripts. Scripts that forget contacts (eviction, removal, clear) build the keys of the contacts they find from
/// the prefix, which Redis allows in one slot but not across slots: the store is one shard's worth of data
/// (docs/scale-out.md). Every script that stores, changes or forgets a contact appends what it did to the change
/// stream (<c>bus</c>: the contact as it now is and the items posted, or the ids forgotten) and rings the
/// <c>bus</c> channel, in the same atomic step: the stream's order is the order of the commits, which every replica
/// reads (<see cref="RedisChangeFeed"/>).
/// </remarks>
internal static class RedisScripts
{
    /// <summary>Shared by the scripts below: ARGV[1] is always the key prefix.</summary>
    private const string Common = """
        local P = ARGV[1]
        local BUS_LENGTH = 10000
        local function fields(id)
          return redis.call('HMGET', P .. 'c:' .. id, 'pid', 'sec', 'init', 'seq', 'req', 'chg', 'ver', 'tseq', 'tlen', 'tlast', 'inst', 'act')
        end
        local function forget(id)
          local c = P .. 'c:' .. id
          local f = redis.call('HMGET', c, 'inst', 'tk', 'act', 'chat')
          redis.call('ZREM', P .. 'order', id)
          if f[1] then
            local ik = P .. 'inst:' .. f[1]
            redis.call('ZREM', ik, id)
            if f[3] then redis.call('ZREM', P .. 'act:' .. f[1], f[3]) end
            if redis.call('EXISTS', ik) == 0 then redis.call('SREM', P .. 'instances', f[1]) end
          end
          if f[2] and redis.call('GET', f[2]) == id then redis.call('DEL', f[2]) end
          redis.call('DEL', c, P .. 't:' .. id, P .. 'm:' .. id, P .. 'k:' .. id, P .. 'kq:' .. id)
          return f[4] == '1'
        end
        local NAMES = {'pid', 'sec', 'init', 'seq', 'req', 'chg', 'ver', 'tseq', 'tlen', 'tlast', 'inst', 'act'}
        local function ring()
          redis.call('PUBLISH', P .. 'bus', '1')
        end
        local function changed(id, items)
          local f = fields(id)
          local entry = {P .. 'bus', 'MAXLEN', '~', BUS_LENGTH, '*', 'k', 'c', 'id', id, 'items', items}
          for k = 1, #NAMES do
            table.insert(entry, NAMES[k])
            table.insert(entry, f[k] or '')
          end
          redis.call('XADD', unpack(entry))
        end
        local function forgotten(ids)
          for from = 1, #ids, 1000 do
            redis.call('XADD', P .. 'bus', 'MAXLEN', '~', BUS_LENGTH, '*', 'k', 'f', 'ids', table.concat(ids, ',', from, math.min(#ids, from + 999)))
          end
        end
        local function batched(command, key, from, count, width)
          while count > 0 do
            local batch = math.min(count, 500)
            redis.call(command, key, unpack(ARGV, from, from + width * batch - 1))
            from = from + width * batch
            count = count - batch
          end
          return from
        end

        """;

    /// <summary>The contact a ClientToken names, if it was started after ARGV[2] (KEYS[1]: the token's key).</summary>
    public const string Token = Common + """
        local id = redis.call('GET', KEYS[1])
        if not id then return false end
        local f = fields(id)
        if f[3] and f[3] > ARGV[2] then return {id, unpack(f)} end
        return false
        """;

    /// <summary>
    /// AddOrGetExisting in one step: the token's earlier contact ('R', id, fields), or the quota reached ('Q'), or
    /// the contact inserted ('C', its sequence, then the ids of the contacts with a chat that the bound evicted).
    /// KEYS: sequence, order, instance, instance's active chats, instances, the contact, [the token].
    /// Times are 19-digit tick strings, so Lua compares them exactly as strings (its numbers are doubles).
    /// </summary>
    public const string Start = Common + """
        if KEYS[7] then
          local earlier = redis.call('GET', KEYS[7])
          if earlier then
            local f = fields(earlier)
            if f[3] and f[3] > ARGV[4] then return {'R', earlier, unpack(f)} end
          end
        end
        redis.call('ZREMRANGEBYLEX', KEYS[4], '-', '(' .. ARGV[3] .. ';')
        local quota = tonumber(ARGV[5])
        if quota >= 0 and redis.call('ZLEXCOUNT', KEYS[4], '(' .. ARGV[3] .. ';', '+') >= quota then return {'Q'} end
        local id = ARGV[2]
        local seq = redis.call('INCR', KEYS[1])
        local c = KEYS[6]
        redis.call('HSET', c, 'inst', ARGV[8], 'tokb', ARGV[9], 'flow', ARGV[10], 'req', ARGV[11], 'pid', ARGV[12], 'sec', ARGV[13],
          'init', ARGV[14], 'seq', seq, 'ver', 0, 'chat', ARGV[16], 'tseq', 0, 'tlen', 0, 'tlast', '')
        if ARGV[17] ~= '' then redis.call('HSET', c, 'chg', ARGV[17]) end
        if ARGV[15] ~= '' then
          local m = ARGV[15] .. ':' .. id
          redis.call('ZADD', KEYS[4], 0, m)
          redis.call('HSET', c, 'act', m)
        end
        if KEYS[7] then
          redis.call('SET', KEYS[7], id, 'EX', ARGV[7])
          redis.call('HSET', c, 'tk', KEYS[7])
        end
        redis.call('EXPIRE', c, ARGV[7])
        redis.call('ZADD', KEYS[2], seq, id)
        redis.call('ZADD', KEYS[3], seq, id)
        redis.call('SADD', KEYS[5], ARGV[8])
        changed(id, '[]')
        local out = {'C', seq}
        local gone = {}
        local max = tonumber(ARGV[6])
        while redis.call('ZCARD', KEYS[2]) > max do
          local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
          if forget(oldest) then
            table.insert(out, oldest)
            table.insert(gone, oldest)
          end
        end
        forgotten(gone)
        ring()
        return out
        """;

    /// <summary>
    /// Commits a decided change if the contact's version is still ARGV[2] ('ok'), else 'retry' (another replica or
    /// thread changed it since it was read) or 'gone'. KEYS: the contact, its transcript, its message index, its
    /// ClientToken memo and the memo's order, its instance's active chats. The transcript edits were worked out by the
    /// caller against the version it read (<see cref="TranscriptDraft"/>): items replaced in place, then pushed, then
    /// the oldest dropped; the message index's entries removed, then added.
    /// </summary>
    public const string Commit = Common + """
        local c = KEYS[1]
        local ver = redis.call('HGET', c, 'ver')
        if not ver then return 'gone' end
        if ver ~= ARGV[2] then return 'retry' end
        redis.call('HSET', c, 'ver', tonumber(ver) + 1, 'chat', ARGV[4], 'tseq', ARGV[7], 'tlen', ARGV[8], 'tlast', ARGV[9])
        if ARGV[3] ~= '' then redis.call('HSET', c, 'chg', ARGV[3]) end
        local act = redis.call('HGET', c, 'act')
        if act and ARGV[5] ~= 'keep' then
          local counted = redis.call('ZREM', KEYS[6], act) == 1
          if ARGV[5] == 'drop' or not counted then
            redis.call('HDEL', c, 'act')
          else
            local m = ARGV[5] .. ':' .. string.sub(act, 21)
            redis.call('ZADD', KEYS[6], 0, m)
            redis.call('HSET', c, 'act', m)
          end
        end
        if ARGV[18] == '1' then
          redis.call('DEL', KEYS[2], KEYS[3])
          redis.call('HINCRBY', c, 'tgen', 1)
        end
        local i = 20
        for _ = 1, tonumber(ARGV[11]) do
          redis.call('LSET', KEYS[2], ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        i = batched('RPUSH', KEYS[2], i, tonumber(ARGV[12]), 1)
        if tonumber(ARGV[10]) > 0 then redis.call('LTRIM', KEYS[2], ARGV[10], -1) end
        local indexed = tonumber(ARGV[13])
        batched('HDEL', KEYS[3], i + 2 * indexed, tonumber(ARGV[14]), 1)
        batched('HSET', KEYS[3], i, indexed, 2)
        if ARGV[15] ~= '' then
          redis.call('HSET', KEYS[4], ARGV[15], ARGV[16])
          redis.call('RPUSH', KEYS[5], ARGV[15])
          if redis.call('LLEN', KEYS[5]) > tonumber(ARGV[17]) then redis.call('HDEL', KEYS[4], redis.call('LPOP', KEYS[5])) end
        end
        for k = 1, 5 do redis.call('EXPIRE', KEYS[k], ARGV[6]) end
        changed(string.sub(c, string.len(P) + 3), ARGV[19])
        ring()
        return 'ok'
        """;

    /// <summary>
    /// Contacts of KEYS[1] (the order or an instance's index) stored before ARGV[2], newest first, whose encoded
    /// ClientToken is ARGV[4] (when ARGV[3] is '1') and whose encoded ContactFlowId is ARGV[6] (when ARGV[5] is
    /// '1'): at most ARGV[7] of them, each as its id and fields. Contacts whose keys expired are skipped.
    /// </summary>
    public const string Query = Common + """
        local limit = tonumber(ARGV[7])
        local out = {}
        local found = 0
        local offset = 0
        while found < limit do
          local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[2], '-inf', 'LIMIT', offset, 256)
          if #ids == 0 then break end
          offset = offset + #ids
          for _, id in ipairs(ids) do
            local f = redis.call('HMGET', P .. 'c:' .. id, 'tokb', 'flow')
            if f[2] and (ARGV[3] ~= '1' or f[1] == ARGV[4]) and (ARGV[5] ~= '1' or f[2] == ARGV[6]) then
              table.insert(out, id)
              for _, v in ipairs(fields(id)) do table.insert(out, v) end
              found = found + 1
              if found >= limit then break end
            end
          end
        end
        return out
        """;

    /// <summary>A contact's transcript, or false when the contact is not stored. KEYS: the contact, its transcript.</summary>
    public const string Transcript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        return redis.call('LRANGE', KEYS[2], 0, -1)
        """;

    /// <summary>
    /// What a reader of a transcript's pages needs first, or false when the contact is not stored: the transcript's
    /// length, its oldest item ('' when empty), its mark (the last sequence number, then how many times it was written
    /// whole by a rehydration), which <see cref="TranscriptRange"/> checks, then its newest ARGV[1] items after the
    /// oldest (GetTranscript's default page is the newest). KEYS: the contact, its transcript.
    /// </summary>
    public const string TranscriptHead = """
        local f = redis.call('HMGET', KEYS[1], 'tseq', 'tgen')
        if not f[1] then return false end
        local n = redis.call('LLEN', KEYS[2])
        local out = {n, redis.call('LINDEX', KEYS[2], 0) or '', f[1] .. ':' .. (f[2] or '0')}
        if n > 1 then
          for _, item in ipairs(redis.call('LRANGE', KEYS[2], math.max(1, n - tonumber(ARGV[1])), -1)) do table.insert(out, item) end
        end
        return out
        """;

    /// <summary>
    /// Items ARGV[1] to ARGV[2] of a transcript, if its mark is still ARGV[3] (nothing was pushed, dropped or rewritten
    /// since <see cref="TranscriptHead"/> read it, so the indexes still name the same items), else false. KEYS: the
    /// contact, its transcript.
    /// </summary>
    public const string TranscriptRange = """
        local f = redis.call('HMGET', KEYS[1], 'tseq', 'tgen')
        if not f[1] or f[1] .. ':' .. (f[2] or '0') ~= ARGV[3] then return false end
        return redis.call('LRANGE', KEYS[2], ARGV[1], ARGV[2])
        """;

    /// <summary>Forgets the contacts of KEYS[1] (an instance's index): how many, then the ids of those with a chat.</summary>
    public const string RemoveInstance = Common + """
        local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
        local out = {#ids}
        local gone = {}
        for _, id in ipairs(ids) do
          if forget(id) then
            table.insert(out, id)
            table.insert(gone, id)
          end
        end
        redis.call('DEL', KEYS[1])
        forgotten(gone)
        ring()
        return out
        """;

    /// <summary>Forgets every contact: the ids of those with a chat. KEYS: order, instances.</summary>
    public const string Clear = Common + """
        local out = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          if forget(id) then table.insert(out, id) end
        end
        for _, inst in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          redis.call('DEL', P .. 'inst:' .. inst, P .. 'act:' .. inst)
        end
        redis.call('DEL', KEYS[1], KEYS[2])
        forgotten(out)
        ring()
        return out
        """;
}
