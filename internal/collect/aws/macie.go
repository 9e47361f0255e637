package aws

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/macie2"
	"github.com/aws/smithy-go"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// macieNotEnabled reports whether err is Macie's answer for a region where
// it was never enabled: ResourceNotFoundException, or the
// AccessDeniedException whose message says Macie is not enabled. An
// AccessDeniedException from IAM names the caller and the action instead,
// and stays a failed read.
func macieNotEnabled(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.ErrorCode() {
	case "ResourceNotFoundException":
		return true
	case "AccessDeniedException":
		return strings.Contains(strings.ToLower(ae.ErrorMessage()), "macie is not enabled")
	}
	return false
}

// macie reads the account's Macie session in a region and, where Macie is
// enabled or paused, its automated sensitive data discovery setting: at
// most two calls per region, nothing per item.
func (c *collector) macie(ctx context.Context, region string) {
	cl := macie2.NewFromConfig(c.cfg, func(o *macie2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("macie2", region))
	})
	s := state.MacieSession{Region: region}
	err := c.do(ctx, "macie2", "GetMacieSession", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetMacieSession(ctx, &macie2.GetMacieSessionInput{})
		switch {
		case err != nil && macieNotEnabled(err):
			s.Status = state.MacieNotEnabled
			return nil
		case err != nil:
			return err
		}
		s.Status = string(out.Status)
		return nil
	})
	if err != nil {
		return
	}
	if s.Status == state.MacieEnabled || s.Status == state.MaciePaused {
		_ = c.do(ctx, "macie2", "GetAutomatedDiscoveryConfiguration", region, "", nil, func(ctx context.Context) error {
			out, err := cl.GetAutomatedDiscoveryConfiguration(ctx, &macie2.GetAutomatedDiscoveryConfigurationInput{})
			if err != nil {
				return err
			}
			s.AutomatedDiscovery = string(out.Status)
			return nil
		})
	}
	c.rec.Update(func(a *state.Account) { a.Macie.Sessions = append(a.Macie.Sessions, s) })
}
