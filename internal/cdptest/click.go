package cdptest

import (
	"encoding/json"
	"testing"
	"time"
)

// Click clicks the first element matching the CSS selector (as a user
// would: a link follows, a form button submits) and does not wait.
func (b *Browser) Click(t testing.TB, selector string) {
	t.Helper()
	sel, _ := json.Marshal(selector)
	var found bool
	b.Eval(t, `(() => { const e = document.querySelector(`+string(sel)+`); if (!e) return false; e.click(); return true; })()`, &found)
	if !found {
		t.Fatalf("click: no element matches %s", selector)
	}
}

// ClickAndWait clicks the element matching selector and waits for the
// page it leads to to load.
func (b *Browser) ClickAndWait(t testing.TB, selector string) {
	t.Helper()
	b.page.drainEvents()
	b.Click(t, selector)
	if err := b.page.waitEvent("Page.loadEventFired", 60*time.Second); err != nil {
		t.Fatal(err)
	}
}
