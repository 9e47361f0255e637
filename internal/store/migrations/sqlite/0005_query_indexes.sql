-- 0005: indexes for the findings queries' sort orders
-- (bench/RESULTS.md). Each sort's index ends with the lifecycle key, so a
-- page in that order reads the index in order until it is full instead of
-- sorting every finding the filter selects: severity (most severe first,
-- the expression of FindingFilter's order in internal/store/filter.go),
-- first seen, and check (findings_check widened from (check_id, account)).
-- Each index costs every new lifecycle's recording (about a tenth more
-- CPU for a scan of 100k new results each), so the overview's counts,
-- built once per store generation, have none of their own.
CREATE INDEX findings_severity_key ON findings ((CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2
  WHEN 'low' THEN 3 WHEN 'info' THEN 4 ELSE 5 END), account, check_id, region, resource);
CREATE INDEX findings_first_seen_key ON findings (first_seen_at, account, check_id, region, resource);
DROP INDEX findings_check;
CREATE INDEX findings_check ON findings (check_id, account, region, resource);

-- 0005: the shards of a run that finished (shoulder scan --run-id with
-- --shard i/n): one row per shard once every account of it was read and
-- recorded. A run is finished when all n of its shards have a row
-- (Store.Run); scans alone cannot say it (a shard half-way through has
-- scans, a shard without accounts has none).
CREATE TABLE run_shards (
  run_id      TEXT NOT NULL,
  shard       INTEGER NOT NULL,
  shards      INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, shard)
);
