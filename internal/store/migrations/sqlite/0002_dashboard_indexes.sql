-- 0002: indexes for the dashboard's findings queries (shoulder serve):
-- filters by status and severity (failing findings first), and by check
-- (an area is a set of checks). Filters by account use the lifecycle key's
-- unique index, which starts with the account.
CREATE INDEX findings_status ON findings (present, status, severity, account);
CREATE INDEX findings_check ON findings (check_id, account);
