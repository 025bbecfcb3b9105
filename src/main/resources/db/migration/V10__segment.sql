-- Who a broadcast's segment names: an active subscriber having any of tags_any, all of tags_all,
-- a source among sources, and seen since seen_since; an empty list, or no key, is no condition.
-- One definition for the count when a broadcast is created and for its recipients when it starts.
CREATE FUNCTION in_segment(s subscribers, segment jsonb) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT s.status = 'active'
    AND (COALESCE(jsonb_array_length(segment -> 'tags_any'), 0) = 0
         OR s.tags && ARRAY(SELECT jsonb_array_elements_text(segment -> 'tags_any')))
    AND (COALESCE(jsonb_array_length(segment -> 'tags_all'), 0) = 0
         OR s.tags @> ARRAY(SELECT jsonb_array_elements_text(segment -> 'tags_all')))
    AND (COALESCE(jsonb_array_length(segment -> 'sources'), 0) = 0
         OR s.source = ANY (ARRAY(SELECT jsonb_array_elements_text(segment -> 'sources'))))
    AND (segment ->> 'seen_since' IS NULL OR s.last_seen_at >= (segment ->> 'seen_since')::timestamptz)
$$;
