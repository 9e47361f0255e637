-- 0004 is serve-pages' migration (account context). This branch
-- (store-perf) only holds its number so that its own 0005 applies: the
-- runner wants contiguous versions. On merge, take serve-pages' file.
SELECT 1;
