package report

import "github.com/shoulder-dev/shoulder/internal/engine"

// findingAccount returns the account a finding is about and its name: the
// finding's own, or the report's for results written before findings named
// their account. Every renderer that prints an account per finding asks
// here, so a combined report (engine.Combine) and a single account's agree.
func findingAccount(r *engine.Report, f *engine.Finding) (id, name string) {
	if f.AccountID != "" {
		return f.AccountID, f.AccountName
	}
	return r.AccountID, r.AccountName
}
