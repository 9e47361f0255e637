package serve

import (
	"net/http"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// export writes the explorer's current view (its filters, every page, at
// most store.MaxLimit findings) as CSV, JSON or SARIF through the report package's
// renderers, so a dashboard export reads like a scan's own.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	_, f, ok := s.parseFilter(w, r)
	if !ok {
		return
	}
	f, any := s.scopeOf(r).Filter(f)
	f.Limit = store.MaxLimit
	var rows []store.FindingRow
	var err error
	if any {
		if rows, err = s.st.ListFindings(r.Context(), f); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	rep := s.asReport(rows)
	h := w.Header()
	switch {
	case strings.HasSuffix(r.URL.Path, ".csv"):
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="shoulder-findings.csv"`)
		err = report.CSV(w, rep, report.Options{})
	case strings.HasSuffix(r.URL.Path, ".sarif"):
		h.Set("Content-Type", "application/sarif+json")
		h.Set("Content-Disposition", `attachment; filename="shoulder-findings.sarif"`)
		err = report.SARIF(w, rep, report.Options{})
	default:
		h.Set("Content-Type", "application/json")
		h.Set("Content-Disposition", `attachment; filename="shoulder-findings.json"`)
		err = report.JSON(w, rep, s.version)
	}
	if err != nil {
		// The headers are sent: the client sees a truncated body.
		s.logf("shoulder serve: export %s: %v", r.URL.Path, err)
	}
}

// asReport turns stored findings into a report for the renderers: each
// finding with its account and its check's text.
func (s *Server) asReport(rows []store.FindingRow) *engine.Report {
	rep := &engine.Report{Source: "results store", Results: make([]engine.Finding, 0, len(rows)),
		Summary: engine.Summary{ByStatus: map[check.Status]int{}, FailBySeverity: map[string]int{}}}
	for _, r := range rows {
		c := s.meta.byID[r.Check]
		sev, _ := check.ParseSeverity(r.Severity)
		f := engine.Finding{
			Result: check.Result{CheckID: r.Check, Status: check.Status(r.Status), Severity: sev,
				Resource: r.Resource, Region: r.Region, Message: r.Message},
			Title: c.Title, Area: c.Area, Service: c.Service, AccountID: r.Account,
			WaivedFrom: check.Status(r.WaivedFrom),
		}
		rep.Results = append(rep.Results, f)
		rep.Summary.Total++
		rep.Summary.ByStatus[f.Status]++
		if f.Status == check.Fail {
			rep.Summary.FailBySeverity[r.Severity]++
		}
	}
	return rep
}
