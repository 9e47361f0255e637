-- 0007: the checks a scan ran, kept once per distinct list (check_sets)
-- instead of in every scan row. An organization's daily run records a scan
-- per account, each with the same ~17 KB list of check IDs: over a year of
-- 200 accounts that was 1.2 GB, 89% of the store (bench/RESULTS.md), so the
-- store grew with the number of scans, not with change. A scan refers to
-- its list by check_set; checks_run is '' for the scans that do (older
-- binaries' rows keep theirs: readers take check_set's list when there is
-- one, else checks_run; checksRunColumn in record.go). Unique by digest: a
-- B-tree entry cannot hold a list of this size.
CREATE TABLE check_sets (
  id     BIGSERIAL PRIMARY KEY,
  checks TEXT NOT NULL
);
CREATE UNIQUE INDEX check_sets_checks ON check_sets (md5(checks));
ALTER TABLE scans ADD COLUMN check_set BIGINT NOT NULL DEFAULT 0;
INSERT INTO check_sets (checks) SELECT DISTINCT checks_run FROM scans;
UPDATE scans SET check_set = (SELECT c.id FROM check_sets c WHERE md5(c.checks) = md5(scans.checks_run)), checks_run = '';
