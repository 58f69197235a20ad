-- Scale-out (issue 7): state that every API process must share once there are several of them.

-- Nonces of signed requests already accepted (partner calls on /open/*): a replay refused by one
-- process must be refused by all. A row lives as long as the signature's timestamp window.
create table replay_nonces (
  scope text not null,
  nonce text not null,
  expires_at timestamptz not null,
  primary key (scope, nonce)
);
--> statement-breakpoint
create index replay_nonces_expiry on replay_nonces (expires_at);
--> statement-breakpoint
-- Fixed-window request counters (rate limits) keyed by what is limited and the window's start.
create table rate_limit_windows (
  scope text not null,
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  expires_at timestamptz not null,
  primary key (scope, key, window_start)
);
--> statement-breakpoint
create index rate_limit_windows_expiry on rate_limit_windows (expires_at);
