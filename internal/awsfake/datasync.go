package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- AWS DataSync (awsJson1.1, X-Amz-Target FmrsService.*, signing name
// datasync; bodies by hand: the SDK's DataSync client has no schema
// serializers. Member names are the deserializer's: upper camel case) ----
// svc-mq

func (s *Server) dataSyncService() *service {
	return &service{name: "datasync", proto: protoJSON, ops: map[string]handler{
		"ListTasks":    dsyncListTasks,
		"DescribeTask": dsyncDescribeTask,
	}}
}

// dsyncListTasks pages with MaxResults (0..100, default 100) and NextToken.
func dsyncListTasks(c *call) (*reply, error) {
	ts := c.s.idx.dataSyncTasks[c.region]
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(ts), c.str("NextToken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, end-start)
	for _, t := range ts[start:end] {
		items = append(items, map[string]any{"TaskArn": t.ARN, "Name": t.Name, "Status": orDefault(t.Status, "AVAILABLE"), "TaskMode": orDefault(t.TaskMode, "BASIC")})
	}
	out := map[string]any{"Tasks": items}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

// dsyncDescribeTask finds the task by TaskArn.
func dsyncDescribeTask(c *call) (*reply, error) {
	arn := c.str("TaskArn")
	for _, t := range c.s.idx.dataSyncTasks[c.region] {
		if t.ARN != arn {
			continue
		}
		x := map[string]any{"TaskArn": t.ARN, "Name": t.Name, "Status": orDefault(t.Status, "AVAILABLE"), "TaskMode": orDefault(t.TaskMode, "BASIC"),
			"SourceLocationArn": t.ARN + "-src", "DestinationLocationArn": t.ARN + "-dst", "CreationTime": 1767225600,
			"Options": map[string]any{"LogLevel": orDefault(t.LogLevel, "OFF"), "VerifyMode": "ONLY_FILES_TRANSFERRED"}}
		if t.LogGroupARN != "" {
			x["CloudWatchLogGroupArn"] = t.LogGroupARN
		}
		return c.rawJSON(x)
	}
	return nil, errf(400, "InvalidRequestException", "Request references a resource which does not exist.")
}

// expressibleDataSync is what collecting the fake's DataSync answers gives
// back for c's tasks: its defaults, and nothing DescribeTask tells where
// it is refused.
func expressibleDataSync(c *state.Account) {
	for i := range c.DataSync.Tasks {
		t := &c.DataSync.Tasks[i]
		t.Status, t.TaskMode, t.Tags = orDefault(t.Status, "AVAILABLE"), orDefault(t.TaskMode, "BASIC"), nil
		if _, unread := c.Gaps.Find("datasync", t.Region, "DescribeTask", t.ARN); unread {
			t.Described, t.LogGroupARN, t.LogLevel = false, "", ""
			continue
		}
		t.Described, t.LogLevel = true, orDefault(t.LogLevel, "OFF")
	}
}
