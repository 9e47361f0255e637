package state

import "strings"

// EngineService names the service behind an RDS API engine: docdb for
// Amazon DocumentDB, neptune for Amazon Neptune, rds for every other
// engine. DescribeDBClusters and DescribeDBClusterSnapshots return all
// three; the DocumentDB and Neptune checks and the matrix's usage select
// their clusters with this one rule.
func EngineService(engine string) string {
	switch e := strings.ToLower(engine); {
	case e == "docdb" || strings.HasPrefix(e, "docdb-"):
		return "docdb"
	case e == "neptune":
		return "neptune"
	}
	return "rds"
}
