package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- Amazon Connect (restJson1, signing name connect; bodies by hand:
// the SDK's Connect client has no schema serializers. Member names are the
// deserializer's: upper camel case) ---- svc-connect

func (s *Server) connectService() *service {
	return &service{name: "connect", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/instance", "ListInstances"),
			rt("GET", "/instance/{InstanceId}/attribute/{AttributeType}", "DescribeInstanceAttribute"),
			rt("PUT", "/instance", "CreateInstance"),
			rt("POST", "/instance/{InstanceId}/attribute/{AttributeType}", "UpdateInstanceAttribute"),
			rt("DELETE", "/instance/{InstanceId}", "DeleteInstance"),
		},
		ops: map[string]handler{"ListInstances": connectListInstances, "DescribeInstanceAttribute": connectDescribeInstanceAttribute}}
}

// connectListInstances pages with maxResults (1..10, default 10) and
// nextToken.
func connectListInstances(c *call) (*reply, error) {
	xs := c.s.idx.connectInstances[c.region]
	start, end, next, err := c.pageOfLower(len(xs), 10, 10)
	if err != nil {
		return nil, err
	}
	sums := make([]map[string]any, 0, end-start)
	for _, x := range xs[start:end] {
		sums = append(sums, map[string]any{"Id": x.ID, "Arn": x.ARN, "InstanceAlias": x.Alias, "InstanceStatus": orDefault(x.Status, "ACTIVE"),
			"IdentityManagementType": orDefault(x.IdentityManagementType, "CONNECT_MANAGED"), "CreatedTime": 1767225600,
			"InboundCallsEnabled": true, "OutboundCallsEnabled": true, "InstanceAccessUrl": "https://" + x.Alias + ".my.connect.aws"})
	}
	out := map[string]any{"InstanceSummaryList": sums}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

// connectDescribeInstanceAttribute answers CONTACTFLOW_LOGS for the
// instance in the path; the fake keeps no other attribute.
func connectDescribeInstanceAttribute(c *call) (*reply, error) {
	id, typ := c.str("InstanceId"), c.str("AttributeType")
	for _, x := range c.s.idx.connectInstances[c.region] {
		if x.ID != id && x.ARN != id {
			continue
		}
		if typ != "CONTACTFLOW_LOGS" {
			return nil, errf(400, "InvalidParameterException", "attribute type %s is not kept by this endpoint", typ)
		}
		v := "false"
		if x.FlowLogs {
			v = "true"
		}
		return c.rawJSON(map[string]any{"Attribute": map[string]any{"AttributeType": typ, "Value": v}})
	}
	return nil, errf(404, "ResourceNotFoundException", "Instance not found: %s", id)
}

// expressibleConnect is what collecting the fake's Connect answers gives
// back for c's instances: its defaults, and no flow-logs setting where
// DescribeInstanceAttribute is refused.
func expressibleConnect(c *state.Account) {
	for i := range c.Connect.Instances {
		x := &c.Connect.Instances[i]
		x.Status, x.IdentityManagementType, x.Tags = orDefault(x.Status, "ACTIVE"), orDefault(x.IdentityManagementType, "CONNECT_MANAGED"), nil
		if _, unread := c.Gaps.Find("connect", x.Region, "DescribeInstanceAttribute", x.ARN); unread {
			x.FlowLogsRead, x.FlowLogs = false, false
			continue
		}
		x.FlowLogsRead = true
	}
}
