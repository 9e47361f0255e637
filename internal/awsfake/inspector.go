package awsfake

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Amazon Inspector (inspector2, restJson1) ---- svc-sec

func (s *Server) inspectorService() *service {
	return &service{name: "inspector2", proto: protoRestJSON,
		routes: []route{
			rt("POST", "/status/batch/get", "BatchGetAccountStatus"),
			rt("POST", "/enable", "Enable"),
			rt("POST", "/disable", "Disable"),
		},
		ops: map[string]handler{
			"BatchGetAccountStatus": inspectorBatchGetAccountStatus,
		}}
}

// inspectorIn is the account's Inspector status in a region as AWS
// reports it: every status DISABLED unless the state says otherwise (an
// account that never turned Inspector on).
func inspectorIn(a *state.Account, region string) state.InspectorStatus {
	x, _ := a.Inspector.StatusIn(region)
	x.Region = region
	x.Status = orDefault(x.Status, "DISABLED")
	x.EC2 = orDefault(x.EC2, "DISABLED")
	x.ECR = orDefault(x.ECR, "DISABLED")
	x.Lambda = orDefault(x.Lambda, "DISABLED")
	x.LambdaCode = orDefault(x.LambdaCode, "DISABLED")
	return x
}

// inspectorBatchGetAccountStatus answers for the caller's own account (no
// accountIds, or the account's ID among them); any other account is a
// failed account, as for a caller that is not its delegated administrator.
// The SDK has no schema serializer for inspector2: the body is built by
// hand with the member names of its restJson1 deserializer.
func inspectorBatchGetAccountStatus(c *call) (*reply, error) {
	ids := c.strs("accountIds")
	if len(ids) == 0 {
		ids = []string{c.s.acct.AccountID}
	}
	accounts, failed := []any{}, []any{}
	for _, id := range ids {
		if id != c.s.acct.AccountID {
			failed = append(failed, map[string]any{"accountId": id, "errorCode": "ACCESS_DENIED",
				"errorMessage": "the caller is not the delegated administrator of account " + id})
			continue
		}
		x := inspectorIn(c.s.acct, c.region)
		st := func(s string) map[string]any {
			if s == "ENABLED" {
				return map[string]any{"status": s, "errorCode": "ALREADY_ENABLED", "errorMessage": ""}
			}
			return map[string]any{"status": s}
		}
		accounts = append(accounts, map[string]any{"accountId": id, "state": st(x.Status),
			"resourceState": map[string]any{"ec2": st(x.EC2), "ecr": st(x.ECR), "lambda": st(x.Lambda), "lambdaCode": st(x.LambdaCode)}})
	}
	return c.rawJSON(map[string]any{"accounts": accounts, "failedAccounts": failed})
}

// inspectorExpressible is what the fake can express of Inspector: every
// scanned region has a status (all DISABLED unless set) unless its read
// failed.
func inspectorExpressible(c *state.Account) {
	var out []state.InspectorStatus
	for _, r := range c.ScannedRegions() {
		if _, unread := c.Gaps.Find("inspector2", r, "BatchGetAccountStatus", ""); !unread {
			out = append(out, inspectorIn(c, r))
		}
	}
	c.Inspector.Accounts = out
}
