package serve_test

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/cdptest"
)

// startBrowser is the shared headless-chromium client's (internal/cdptest),
// under the name these tests use.
func startBrowser(t testing.TB) *cdptest.Browser { return cdptest.Start(t) }
