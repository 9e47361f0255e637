-- 0002: what a scan's report holds besides its results' lifecycles, so a
-- stored scan's report can be rebuilt (docs/store.md, "Reports of stored
-- scans"): regions scanned, account names and OU paths, the organization,
-- waiver issues and lines, the accounts of a combined report, the
-- sensitive resources. JSON; '{}' for scans recorded before it.
ALTER TABLE scans ADD COLUMN report_meta TEXT NOT NULL DEFAULT '{}';
