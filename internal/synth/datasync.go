package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// dataSync generates region r's DataSync tasks (svc-mq): two in three log
// to a CloudWatch log group, at BASIC or TRANSFER level; a few name a group
// but log nothing (OFF); the rest have no group.
func (g *gen) dataSync(r string) {
	for k := count(g.n, "datasynctask") / len(g.regions); k > 0; k-- {
		name, id := g.id("sync-"), "task-"+g.uuid()
		t := state.DataSyncTask{Meta: state.Meta{ARN: g.arn("datasync", r, "task/"+id), Region: r}, Name: name, Status: "AVAILABLE",
			TaskMode: g.pick("BASIC", "BASIC", "ENHANCED"), Described: true, LogLevel: "OFF"}
		if g.chance(70) {
			t.LogGroupARN = g.arn("logs", r, "log-group:/aws/datasync/"+name)
			t.LogLevel = g.pick("BASIC", "TRANSFER", "TRANSFER", "OFF")
		}
		g.a.DataSync.Tasks = append(g.a.DataSync.Tasks, t)
	}
}
