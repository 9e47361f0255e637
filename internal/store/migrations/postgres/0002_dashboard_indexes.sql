-- 0002: indexes for the dashboard's findings queries (shoulder serve):
-- filters by status and severity (failing findings first), and by check
-- (an area is a set of checks). Filters by account, and the unfiltered
-- list in key order, use the lifecycle key's unique index, which starts
-- with the account; "present" is left out of these so that a query on it
-- alone keeps reading that index in order instead of sorting every row.
CREATE INDEX findings_status ON findings (status, severity, account);
CREATE INDEX findings_check ON findings (check_id, account);
