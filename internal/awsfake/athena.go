package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/athena"
	athtypes "github.com/aws/aws-sdk-go-v2/service/athena/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Amazon Athena (awsJson1.1, X-Amz-Target AmazonAthena.*, signing name
// athena; bodies from the SDK's own output types, written by wire.go)
// ---- svc-glue

func (s *Server) athenaService() *service {
	return &service{name: "athena", proto: protoJSON, ops: map[string]handler{
		"ListWorkGroups": athListWorkGroups,
		"GetWorkGroup":   athGetWorkGroup,
	}}
}

// athListWorkGroups pages with MaxResults (1..50, default 50) and NextToken.
func athListWorkGroups(c *call) (*reply, error) {
	ws := c.s.idx.athenaGroups[c.region]
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(ws), c.str("NextToken"), mx, 50, 50)
	if err != nil {
		return nil, err
	}
	out := &athena.ListWorkGroupsOutput{WorkGroups: make([]athtypes.WorkGroupSummary, 0, end-start), NextToken: sp(next)}
	for _, w := range ws[start:end] {
		out.WorkGroups = append(out.WorkGroups, athtypes.WorkGroupSummary{Name: p(w.Name), State: athtypes.WorkGroupState(orDefault(w.State, "ENABLED"))})
	}
	return c.jsonReply(out), nil
}

// athGetWorkGroup finds the workgroup by WorkGroup (its name).
func athGetWorkGroup(c *call) (*reply, error) {
	name := c.str("WorkGroup")
	for _, w := range c.s.idx.athenaGroups[c.region] {
		if w.Name == name {
			return c.jsonReply(&athena.GetWorkGroupOutput{WorkGroup: athWorkGroup(w)}), nil
		}
	}
	return nil, errf(400, "InvalidRequestException", "WorkGroup %s is not found.", name)
}

// athWorkGroup is what GetWorkGroup answers for w.
func athWorkGroup(w *state.AthenaWorkGroup) *athtypes.WorkGroup {
	rc := &athtypes.ResultConfiguration{OutputLocation: sp(w.OutputLocation)}
	if w.ResultEncryption != "" {
		rc.EncryptionConfiguration = &athtypes.EncryptionConfiguration{EncryptionOption: athtypes.EncryptionOption(w.ResultEncryption), KmsKey: sp(w.ResultKMSKey)}
	}
	return &athtypes.WorkGroup{Name: p(w.Name), State: athtypes.WorkGroupState(orDefault(w.State, "ENABLED")),
		Configuration: &athtypes.WorkGroupConfiguration{PublishCloudWatchMetricsEnabled: p(w.PublishMetrics), EnforceWorkGroupConfiguration: p(w.Enforce),
			ResultConfiguration: rc}}
}
