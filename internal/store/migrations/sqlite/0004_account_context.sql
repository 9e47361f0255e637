-- 0004: what the account page needs besides the findings, kept per
-- account when it changes (not per scan, so it grows with change): the
-- resources per service the responsibility matrix decides "in use" from
-- (JSON, service ID -> {resources, gap}; services with no resources and no
-- unread listing left out) and the account's data map (the datamap
-- package's map as JSON, gzip-compressed and base64-encoded after "gz:":
-- stores with region, custody, exposure, class, backup, copies). A scan's
-- context is the account's latest row at or before it.
CREATE TABLE account_context (
  account TEXT NOT NULL,
  scan_id INTEGER NOT NULL,
  usage   TEXT NOT NULL,
  datamap TEXT NOT NULL,
  PRIMARY KEY (account, scan_id)
);
