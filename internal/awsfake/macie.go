package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- Amazon Macie (macie2, restJson1) ---- svc-sec

func (s *Server) macieService() *service {
	return &service{name: "macie2", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/macie", "GetMacieSession"),
			rt("POST", "/macie", "EnableMacie"),
			rt("PATCH", "/macie", "UpdateMacieSession"),
			rt("DELETE", "/macie", "DisableMacie"),
			rt("GET", "/automated-discovery/configuration", "GetAutomatedDiscoveryConfiguration"),
			rt("PUT", "/automated-discovery/configuration", "UpdateAutomatedDiscoveryConfiguration"),
		},
		ops: map[string]handler{
			"GetMacieSession":                    macieGetSession,
			"GetAutomatedDiscoveryConfiguration": macieGetAutomatedDiscovery,
		}}
}

// macieIn is the account's Macie session in a region as AWS reports it:
// not enabled unless the state says otherwise; automated discovery
// DISABLED unless set where Macie is on.
func macieIn(a *state.Account, region string) state.MacieSession {
	x, _ := a.Macie.SessionIn(region)
	x.Region = region
	x.Status = orDefault(x.Status, state.MacieNotEnabled)
	if x.Status == state.MacieNotEnabled {
		x.AutomatedDiscovery = ""
	} else {
		x.AutomatedDiscovery = orDefault(x.AutomatedDiscovery, "DISABLED")
	}
	return x
}

// macieOff is Macie's answer in a region where it is not enabled.
func macieOff() error {
	return errf(403, "AccessDeniedException", "Macie is not enabled.")
}

// The SDK has no schema serializer for macie2: the bodies are built by
// hand with the member names of its restJson1 deserializer.
func macieGetSession(c *call) (*reply, error) {
	x := macieIn(c.s.acct, c.region)
	if x.Status == state.MacieNotEnabled {
		return nil, macieOff()
	}
	t := c.s.acct.CollectedAt.UTC().Format("2006-01-02T15:04:05Z")
	return c.rawJSON(map[string]any{"status": x.Status, "findingPublishingFrequency": "SIX_HOURS", "createdAt": t, "updatedAt": t,
		"serviceRole": "arn:aws:iam::" + c.s.acct.AccountID + ":role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"})
}

func macieGetAutomatedDiscovery(c *call) (*reply, error) {
	x := macieIn(c.s.acct, c.region)
	if x.Status == state.MacieNotEnabled {
		return nil, macieOff()
	}
	return c.rawJSON(map[string]any{"status": x.AutomatedDiscovery, "autoEnableOrganizationMembers": "NONE"})
}

// macieExpressible is what the fake can express of Macie: every scanned
// region has a session (not enabled unless set) unless its read failed,
// and automated discovery only where Macie is on and its read did not
// fail.
func macieExpressible(c *state.Account) {
	var out []state.MacieSession
	for _, r := range c.ScannedRegions() {
		if _, unread := c.Gaps.Find("macie2", r, "GetMacieSession", ""); unread {
			continue
		}
		x := macieIn(c, r)
		if _, unread := c.Gaps.Find("macie2", r, "GetAutomatedDiscoveryConfiguration", ""); unread {
			x.AutomatedDiscovery = ""
		}
		out = append(out, x)
	}
	c.Macie.Sessions = out
}
