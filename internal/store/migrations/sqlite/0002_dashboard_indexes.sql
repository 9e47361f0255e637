-- 0002: indexes for the dashboard's findings queries (shoulder serve),
-- which page in the lifecycle key's order (account, check, region,
-- resource). A status filter reads findings_status in that order (no sort);
-- a check filter (an area is a set of checks) findings_check. Filters by
-- account, the unfiltered list and the "failing" filter (written so that no
-- index matches it: internal/store/dashboard.go) read the key's unique
-- index in order. "present" leads neither: a query on it alone would
-- otherwise take findings_status and sort every row.
CREATE INDEX findings_status ON findings (status, account, check_id, region, resource);
CREATE INDEX findings_check ON findings (check_id, account);
