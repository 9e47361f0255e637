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
// most store.MaxLimit findings) as CSV or JSON through the report package's
// renderers, so a dashboard export reads like a scan's own.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.Query(), s.meta)
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	f, any := s.scopeOf(r).Filter(q.filter())
	f.Limit = store.MaxLimit
	var rows []store.FindingRow
	if any {
		if rows, _, err = s.st.QueryFindings(r.Context(), f); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	rep := s.asReport(rows)
	h := w.Header()
	if strings.HasSuffix(r.URL.Path, ".csv") {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="shoulder-findings.csv"`)
		err = report.CSV(w, rep, report.Options{})
	} else {
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
