package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// dataSync adds Alpenglow's DataSync tasks (svc-mq): the Frankfurt data
// lake's nightly ingest from the on-premises file share logs every
// transferred file; the marketing agency's CRM export in N. Virginia
// writes to no log group.
func (x *b) dataSync() {
	fra, iad := "eu-central-1", "us-east-1"
	task := func(region, name, id string, t state.DataSyncTask) state.DataSyncTask {
		t.Meta, t.Name, t.Status, t.TaskMode, t.Described = state.Meta{ARN: x.arn("datasync", region, "task/"+id), Region: region}, name, "AVAILABLE", "BASIC", true
		return t
	}
	x.a.DataSync.Tasks = append(x.a.DataSync.Tasks,
		task(fra, "datalake-nightly-ingest", "task-0a1b2c3d4e5f60718", state.DataSyncTask{
			LogGroupARN: x.arn("logs", fra, "log-group:/aws/datasync/datalake-ingest"), LogLevel: "TRANSFER"}),
		task(iad, "crm-export", "task-0b2c3d4e5f6071829", state.DataSyncTask{LogLevel: "OFF"}),
	)
}
