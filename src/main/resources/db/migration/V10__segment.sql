-- Who a broadcast's segment takes, defined once for both sides: the API checks with it that a new
-- broadcast reaches someone, and the engine fixes the recipients with it when the broadcast starts.

-- Whether subscriber s is in segment {"tags_any": [tag], "tags_all": [tag], "sources": [source],
-- "seen_since": ts | null}: active, having any of tags_any, all of tags_all, a source among
-- sources, and seen at or after seen_since. A list that is empty, null, missing or not a list is
-- no condition, nor is a seen_since that is null or missing.
-- Plain expressions without subqueries, so PostgreSQL inlines the function into the query that
-- calls it (status = 'active' then reaches the subscribers_status_idx index). STABLE, not
-- IMMUTABLE: the text of seen_since is read as a timestamptz.
CREATE FUNCTION in_segment(s subscribers, segment jsonb) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN s.status = 'active'
    AND (jsonb_typeof(segment -> 'tags_any') IS DISTINCT FROM 'array' OR segment -> 'tags_any' = '[]'
      OR segment -> 'tags_any' ?| s.tags)
    AND (jsonb_typeof(segment -> 'tags_all') IS DISTINCT FROM 'array' OR to_jsonb(s.tags) @> (segment -> 'tags_all'))
    AND (jsonb_typeof(segment -> 'sources') IS DISTINCT FROM 'array' OR segment -> 'sources' = '[]'
      OR COALESCE(segment -> 'sources' ? s.source, false))
    AND (segment ->> 'seen_since' IS NULL OR s.last_seen_at >= (segment ->> 'seen_since')::timestamptz);

-- A bot's subscribers oldest first, in pages after a subscriber (GET /bots/{id}/subscribers and its CSV).
CREATE INDEX subscribers_seen_idx ON subscribers (bot_id, first_seen_at, chat_id);
