package report_test

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/cdptest"
)

// startBrowser and fileURL are the shared headless-chromium client's
// (internal/cdptest), under the names these tests use.
func startBrowser(t testing.TB) *cdptest.Browser { return cdptest.Start(t) }

func fileURL(path string) string { return cdptest.FileURL(path) }
