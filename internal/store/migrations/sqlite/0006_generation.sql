-- 0006: the store's generation (Store.Generation) as a counter that every
-- recording and every prune that removed anything adds one to, in its own
-- transaction. The dashboard reads the generation before every cached
-- answer; it was MAX, MIN and COUNT(*) of scans, whose count grows with the
-- history: over a year of daily scans of 200 accounts (73,000 scans) it was
-- a third of the CPU of a request of the load test (bench/RESULTS.md). One
-- row; a store migrated to it starts at 0.
CREATE TABLE store_generation (n INTEGER NOT NULL);
INSERT INTO store_generation (n) VALUES (0);

-- 0006: the events recorded after a time, for the state of a past date
-- (StatesAt): the lifecycles changed since are looked up in their events,
-- the others are in the state their row holds. Without it a date read
-- every event up to it, which grows with the stored history.
CREATE INDEX finding_events_at ON finding_events (at);
