package store

import "database/sql"

// PoolStats is the store's connection pool's statistics (database/sql's
// DBStats): how often and how long readers waited for a connection. The
// dashboard's load test reports them per request, a figure less tied to
// the machine's load than its wall times.
func (s *Store) PoolStats() sql.DBStats { return s.db.Stats() }
