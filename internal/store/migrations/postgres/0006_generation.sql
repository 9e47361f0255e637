-- 0006: the store's generation (Store.Generation) as a counter that every
-- recording and every prune that removed anything adds one to, in its own
-- transaction. The dashboard reads the generation before every cached
-- answer; it was MAX, MIN and COUNT(*) of scans, whose count grows with the
-- history: over a year of daily scans of 200 accounts (73,000 scans) it was
-- a third of the CPU of a request of the load test (bench/RESULTS.md). One
-- row; a store migrated to it starts at 0.
CREATE TABLE store_generation (n BIGINT NOT NULL);
INSERT INTO store_generation (n) VALUES (0);
