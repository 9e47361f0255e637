package state

// Macie holds the account's Amazon Macie session in every scanned region.
//
// Gaps: GetMacieSession hides a region's session and
// GetAutomatedDiscoveryConfiguration its automated sensitive data
// discovery (read only where Macie is enabled or paused).
type Macie struct {
	// Sessions is the account's Macie session in each region read.
	Sessions []MacieSession `json:"sessions,omitempty"`
}

// Macie session statuses: AWS's ENABLED and PAUSED, and MacieNotEnabled
// for a region where Macie was never enabled (AWS answers that with an
// error, not a status).
const (
	MacieEnabled    = "ENABLED"
	MaciePaused     = "PAUSED"
	MacieNotEnabled = "NOT_ENABLED"
)

// MacieSession is the account's Amazon Macie session in one region.
type MacieSession struct {
	Region string `json:"region"`
	// Status is ENABLED, PAUSED or NOT_ENABLED.
	Status string `json:"status"`
	// AutomatedDiscovery is ENABLED or DISABLED; empty when it was not
	// read (Macie not enabled in the region).
	AutomatedDiscovery string `json:"automated_discovery,omitempty"`
}

// SessionIn returns the Macie session recorded for a region.
func (m *Macie) SessionIn(region string) (MacieSession, bool) {
	for _, s := range m.Sessions {
		if s.Region == region {
			return s, true
		}
	}
	return MacieSession{}, false
}
