package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/macie2"
	macietypes "github.com/aws/aws-sdk-go-v2/service/macie2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildMacie enables Amazon Macie (svc-sec) in the home region only: this
// moto keeps one Macie session per account whatever region a request
// names at a custom endpoint, so every region reads it. It serves no
// automated discovery (the stub endpoint does); a region where Macie was
// never enabled is covered by the fake (awsfake answers it as AWS does).
func buildMacie(ctx context.Context, cfg sdk.Config, r string) {
	if r == homeRegion {
		must(macie2.NewFromConfig(cfg).EnableMacie(ctx, &macie2.EnableMacieInput{Status: macietypes.MacieStatusEnabled}))
	}
}

// TestMotoMacie: the session's status is read; where Macie is on, its
// automated discovery is asked for and, as this moto lacks it, recorded
// as a gap, never as a setting.
func TestMotoMacie(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	s, ok := a.Macie.SessionIn(homeRegion)
	eq(t, "read", ok, true)
	eq(t, "status", s.Status, state.MacieEnabled)
	eq(t, "discovery unread", s.AutomatedDiscovery, "")
	_, gap := a.Gaps.Find("macie2", homeRegion, "GetAutomatedDiscoveryConfiguration", "")
	eq(t, "discovery gap", gap, true)
	_, gap = a.Gaps.Find("macie2", homeRegion, "GetMacieSession", "")
	eq(t, "no session gap", gap, false)
}
