-- 0001: scans, finding lifecycles, their change events and coverage.
-- Times are Unix milliseconds (UTC); present/waived flags are 0/1 integers,
-- so the same queries run on SQLite and PostgreSQL.
CREATE TABLE scans (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at   INTEGER NOT NULL,
  evaluated_at  INTEGER NOT NULL,
  collected_at  INTEGER NOT NULL,
  who           TEXT NOT NULL,
  source        TEXT NOT NULL,
  accounts      TEXT NOT NULL,
  regions       TEXT NOT NULL,
  checks_run    TEXT NOT NULL,
  policy_source TEXT NOT NULL,
  policy_hash   TEXT NOT NULL,
  version       TEXT NOT NULL,
  applicable    INTEGER NOT NULL,
  evaluated     INTEGER NOT NULL,
  results       INTEGER NOT NULL,
  counts        TEXT NOT NULL,
  gaps          TEXT NOT NULL,
  run_id        TEXT NOT NULL,
  shard         INTEGER NOT NULL,
  shards        INTEGER NOT NULL
);
CREATE INDEX scans_recorded ON scans (recorded_at);
CREATE INDEX scans_run ON scans (run_id) WHERE run_id <> '';

CREATE TABLE findings (
  id               INTEGER PRIMARY KEY,
  check_id         TEXT NOT NULL,
  account          TEXT NOT NULL,
  region           TEXT NOT NULL,
  resource         TEXT NOT NULL,
  present          INTEGER NOT NULL,
  status           TEXT NOT NULL,
  severity         TEXT NOT NULL,
  waived_from      TEXT NOT NULL,
  waiver           TEXT NOT NULL,
  message          TEXT NOT NULL,
  first_seen_scan  INTEGER NOT NULL,
  first_seen_at    INTEGER NOT NULL,
  last_seen_scan   INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL,
  changed_scan     INTEGER NOT NULL,
  failing_since_at INTEGER,
  resolved_scan    INTEGER,
  resolved_at      INTEGER,
  reopened         INTEGER NOT NULL,
  UNIQUE (account, check_id, region, resource)
);

CREATE TABLE finding_events (
  finding_id  INTEGER NOT NULL,
  scan_id     INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  present     INTEGER NOT NULL,
  status      TEXT NOT NULL,
  severity    TEXT NOT NULL,
  waived_from TEXT NOT NULL,
  waiver      TEXT NOT NULL,
  message     TEXT NOT NULL,
  PRIMARY KEY (finding_id, scan_id)
) WITHOUT ROWID;
CREATE INDEX finding_events_scan ON finding_events (scan_id);

-- The last scan that covered each (account, check, region): a present
-- finding was last seen then (a covering scan that did not report it would
-- have made it gone), so unchanged findings are never rewritten. A gone
-- finding keeps its own last_seen_* from when it went.
CREATE TABLE coverage (
  account   TEXT NOT NULL,
  check_id  TEXT NOT NULL,
  region    TEXT NOT NULL,
  last_scan INTEGER NOT NULL,
  last_at   INTEGER NOT NULL,
  PRIMARY KEY (account, check_id, region)
);
