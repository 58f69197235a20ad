-- A tracking batch in one call with one parameter. The statement it runs is the same data-modifying
-- CTE the API used to send as text with some 300 parameters; inside a PL/pgSQL function the server
-- parses and plans it once per connection instead of once per batch, and the API sends one JSON
-- document instead of binding every value. Measured by `npm run bench -- card-events`.
--
-- batch: { cardId, visitorId, ownerUserId, organizationId, userId, displayNameCipher, avatarUrl,
--          shareId, forwarderVisitorId, firstAt, lastAt, visits, dwellSeconds, slot, receivedAt,
--          durable, counts: [{ day, kind, events, seconds }],
--          events: [{ kind, occurredAt, productId, module, seconds, detail }] }
create function radar_record_batch(batch jsonb)
returns table (granted boolean, active_published_at timestamptz, display_name_cipher text, user_id text, click_notices jsonb)
language plpgsql as $$
declare
  v_card text := batch->>'cardId';
  v_visitor text := batch->>'visitorId';
  v_owner text := batch->>'ownerUserId';
  v_org text := batch->>'organizationId';
  v_share text := batch->>'shareId';
  v_forwarder text := batch->>'forwarderVisitorId';
begin
  -- Tracking rows only: the commit does not wait for the WAL flush (SET LOCAL for this transaction);
  -- contact forms are leads and keep durable commits.
  perform set_config('synchronous_commit', case when (batch->>'durable')::boolean then 'on' else 'off' end, true);
  return query
  with consent as (
    select 1 from radar_consents c where c.visitor_id = v_visitor and c.card_id = v_card and c.granted),
  counts as (
    insert into radar_daily_counts as d (card_id, day, kind, slot, owner_user_id, organization_id, events, seconds)
    select v_card, x.day, x.kind, (batch->>'slot')::smallint, v_owner, v_org, x.events, x.seconds
    from jsonb_to_recordset(batch->'counts') as x (day date, kind text, events integer, seconds bigint)
    on conflict (card_id, day, kind, slot) do update set events = d.events + excluded.events, seconds = d.seconds + excluded.seconds),
  summary as (
    insert into radar_visitors as v (card_id, visitor_id, owner_user_id, organization_id, user_id, display_name_cipher, avatar_url,
                                     first_seen_at, last_seen_at, visits, dwell_seconds, share_id, forwarder_visitor_id)
    select v_card, v_visitor, v_owner, v_org, batch->>'userId', batch->>'displayNameCipher', batch->>'avatarUrl',
           (batch->>'firstAt')::timestamptz, (batch->>'lastAt')::timestamptz, (batch->>'visits')::integer, (batch->>'dwellSeconds')::integer,
           v_share, v_forwarder
    where exists (select 1 from consent)
    on conflict (card_id, visitor_id) do update set
      user_id = coalesce(excluded.user_id, v.user_id),
      display_name_cipher = coalesce(excluded.display_name_cipher, v.display_name_cipher),
      avatar_url = coalesce(excluded.avatar_url, v.avatar_url),
      first_seen_at = least(v.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(v.last_seen_at, excluded.last_seen_at),
      visits = v.visits + excluded.visits,
      dwell_seconds = v.dwell_seconds + excluded.dwell_seconds,
      -- The first visit's attribution stays: it is how this visitor found the card.
      share_id = coalesce(v.share_id, excluded.share_id),
      forwarder_visitor_id = coalesce(v.forwarder_visitor_id, excluded.forwarder_visitor_id)
    returning v.active_published_at, v.display_name_cipher, v.user_id, v.click_notices),
  stored as (
    insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, user_id, kind, occurred_at, received_at,
                              share_id, forwarder_visitor_id, product_id, module, seconds, detail)
    select v_card, v_owner, v_org, v_visitor, summary.user_id, e.kind, e."occurredAt", (batch->>'receivedAt')::timestamptz,
           v_share, v_forwarder, e."productId", e.module, e.seconds, e.detail
    from summary, jsonb_to_recordset(batch->'events') as e (kind text, "occurredAt" timestamptz, "productId" text, module text, seconds integer, detail jsonb))
  select exists (select 1 from consent), summary.active_published_at, summary.display_name_cipher, summary.user_id, summary.click_notices
  from (select 1) as one left join summary on true;
end
$$;
