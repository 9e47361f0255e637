package aws

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/inspector2"
	insptypes "github.com/aws/aws-sdk-go-v2/service/inspector2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// inspector reads the account's Amazon Inspector status in a region: one
// BatchGetAccountStatus for the caller's own account carries Inspector's
// status and that of each scan type. An account AWS reports in
// failedAccounts (access denied, internal error) is a failed read, not a
// disabled scanner.
func (c *collector) inspector(ctx context.Context, region string) {
	cl := inspector2.NewFromConfig(c.cfg, func(o *inspector2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("inspector2", region))
	})
	var st state.InspectorStatus
	err := c.do(ctx, "inspector2", "BatchGetAccountStatus", region, "", nil, func(ctx context.Context) error {
		out, err := cl.BatchGetAccountStatus(ctx, &inspector2.BatchGetAccountStatusInput{AccountIds: []string{c.accountID}})
		if err != nil {
			return err
		}
		for _, f := range out.FailedAccounts {
			if str(f.AccountId) == c.accountID {
				return fmt.Errorf("inspector2 BatchGetAccountStatus: account %s failed: %s: %s", c.accountID, f.ErrorCode, str(f.ErrorMessage))
			}
		}
		for _, a := range out.Accounts {
			if str(a.AccountId) == c.accountID {
				st = inspectorStatus(a, region)
				return nil
			}
		}
		return fmt.Errorf("inspector2 BatchGetAccountStatus: account %s is not in the answer", c.accountID)
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Inspector.Accounts = append(a.Inspector.Accounts, st) })
	}
}

// inspectorStatus is the state of one account's reported status.
func inspectorStatus(a insptypes.AccountState, region string) state.InspectorStatus {
	st := state.InspectorStatus{Region: region}
	if a.State != nil {
		st.Status = string(a.State.Status)
	}
	if r := a.ResourceState; r != nil {
		one := func(s *insptypes.State) string {
			if s == nil {
				return ""
			}
			return string(s.Status)
		}
		st.EC2, st.ECR, st.Lambda, st.LambdaCode = one(r.Ec2), one(r.Ecr), one(r.Lambda), one(r.LambdaCode)
	}
	return st
}
