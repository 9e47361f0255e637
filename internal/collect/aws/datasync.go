package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datasync"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// dataSyncTasks lists a region's DataSync tasks (names, states and modes,
// 100 a page) and describes each one: the CloudWatch log group and log
// level are in no listing (svc-mq).
func (c *collector) dataSyncTasks(ctx context.Context, region string) {
	cl := datasync.NewFromConfig(c.cfg, func(o *datasync.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("datasync", region))
	})
	var tasks []state.DataSyncTask
	err := c.do(ctx, "datasync", "ListTasks", region, "", nil, func(ctx context.Context) error {
		params := datasync.ListTasksInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListTasks(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Tasks {
				tasks = append(tasks, state.DataSyncTask{Meta: meta(str(x.TaskArn), region, nil), Name: str(x.Name), Status: string(x.Status),
					TaskMode: string(x.TaskMode)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(tasks), func() {
		c.rec.Update(func(a *state.Account) { a.DataSync.Tasks = append(a.DataSync.Tasks, tasks...) })
	})
	for i := range tasks {
		t := &tasks[i]
		c.item("datasync", region, t.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "datasync", "DescribeTask", region, t.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeTask(ctx, &datasync.DescribeTaskInput{TaskArn: sdk.String(t.ARN)})
				if err != nil {
					return err
				}
				t.Described = true
				t.LogGroupARN = str(out.CloudWatchLogGroupArn)
				if t.TaskMode == "" {
					t.TaskMode = string(out.TaskMode)
				}
				if o := out.Options; o != nil {
					t.LogLevel = string(o.LogLevel)
				}
				return nil
			})
		}, "DescribeTask")
	}
}
