package aws

import (
	"context"
	"strings"
	"sync"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// dynamodb lists a region's tables and reads each one's description,
// continuous backups, resource policy and tags (DynamoDB has no bulk form
// for any of them). Which tables Application Auto Scaling manages comes
// from one regional listing.
func (c *collector) dynamodb(ctx context.Context, region string) {
	cl := dynamodb.NewFromConfig(c.cfg, func(o *dynamodb.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("dynamodb", region))
	})
	var names []string
	err := c.do(ctx, "dynamodb", "ListTables", region, "", nil, func(ctx context.Context) error {
		params := dynamodb.ListTablesInput{Limit: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.ExclusiveStartTableName = token
			page, err := cl.ListTables(ctx, &params)
			if err != nil {
				return nil, err
			}
			names = append(names, page.TableNames...)
			return page.LastEvaluatedTableName, nil
		})
	})
	if err != nil {
		return
	}
	scaled := c.dynamoAutoScaling(ctx, region)
	tables := make([]state.DynamoDBTable, len(names))
	done := c.perItem(len(names), func() {
		c.rec.Update(func(a *state.Account) { a.DynamoDB.Tables = append(a.DynamoDB.Tables, tables...) })
	})
	for i, name := range names {
		t := &tables[i]
		t.Name = name
		t.ARN = c.arn("dynamodb", region, c.accountID, "table/"+name)
		t.Region = region
		t.AutoScaling = scaled[name] == 2
		c.item("dynamodb", region, t.ARN, done, func(ctx context.Context) { c.dynamoTable(ctx, cl, region, t) },
			"DescribeTable", "DescribeContinuousBackups", "GetResourcePolicy", "ListTagsOfResource")
	}
}

func (c *collector) dynamoTable(ctx context.Context, cl *dynamodb.Client, region string, t *state.DynamoDBTable) {
	_ = c.do(ctx, "dynamodb", "DescribeTable", region, t.ARN, nil, func(ctx context.Context) error {
		out, err := cl.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: sdk.String(t.Name)})
		if err != nil || out.Table == nil {
			return err
		}
		d := out.Table
		if a := str(d.TableArn); a != "" {
			t.ARN = a
		}
		t.Status, t.DeletionProtection = string(d.TableStatus), b(d.DeletionProtectionEnabled)
		if s := d.SSEDescription; s != nil && s.Status != ddbtypes.SSEStatusDisabled {
			t.SSEType, t.KMSKeyARN = string(s.SSEType), str(s.KMSMasterKeyArn)
		}
		if d.BillingModeSummary != nil {
			t.BillingMode = string(d.BillingModeSummary.BillingMode)
		} else {
			t.BillingMode = string(ddbtypes.BillingModeProvisioned) // the default, not reported
		}
		for _, r := range d.Replicas {
			if rn := str(r.RegionName); rn != region {
				t.ReplicaRegions = append(t.ReplicaRegions, rn)
			}
		}
		return nil
	})
	_ = c.do(ctx, "dynamodb", "DescribeContinuousBackups", region, t.ARN, nil, func(ctx context.Context) error {
		out, err := cl.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: sdk.String(t.Name)})
		if err == nil && out.ContinuousBackupsDescription != nil && out.ContinuousBackupsDescription.PointInTimeRecoveryDescription != nil {
			t.PITR = out.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus == ddbtypes.PointInTimeRecoveryStatusEnabled
		}
		return err
	})
	// PolicyNotFoundException: the table has no resource policy.
	_ = c.do(ctx, "dynamodb", "GetResourcePolicy", region, t.ARN, []string{"PolicyNotFoundException"}, func(ctx context.Context) error {
		out, err := cl.GetResourcePolicy(ctx, &dynamodb.GetResourcePolicyInput{ResourceArn: sdk.String(t.ARN)})
		if err == nil {
			t.ResourcePolicy = str(out.Policy)
		}
		return err
	})
	_ = c.do(ctx, "dynamodb", "ListTagsOfResource", region, t.ARN, nil, func(ctx context.Context) error {
		in := &dynamodb.ListTagsOfResourceInput{ResourceArn: sdk.String(t.ARN)}
		for {
			out, err := cl.ListTagsOfResource(ctx, in)
			if err != nil {
				return err
			}
			for _, tg := range out.Tags {
				if t.Tags == nil {
					t.Tags = map[string]string{}
				}
				t.Tags[str(tg.Key)] = str(tg.Value)
			}
			if out.NextToken == nil {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
}

// dynamoAutoScaling counts, per table name, the capacity dimensions
// (read, write) Application Auto Scaling manages; 2 means both.
func (c *collector) dynamoAutoScaling(ctx context.Context, region string) map[string]int {
	cl := applicationautoscaling.NewFromConfig(c.cfg, func(o *applicationautoscaling.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("application-autoscaling", region))
	})
	out := map[string]int{}
	_ = c.do(ctx, "application-autoscaling", "DescribeScalableTargets", region, "", nil, func(ctx context.Context) error {
		params := applicationautoscaling.DescribeScalableTargetsInput{
			ServiceNamespace: aastypes.ServiceNamespaceDynamodb, MaxResults: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeScalableTargets(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, t := range page.ScalableTargets {
				name, ok := strings.CutPrefix(str(t.ResourceId), "table/")
				if !ok || strings.Contains(name, "/") { // index/... targets are not the table's
					continue
				}
				switch t.ScalableDimension {
				case aastypes.ScalableDimensionDynamoDBTableReadCapacityUnits, aastypes.ScalableDimensionDynamoDBTableWriteCapacityUnits:
					out[name]++
				}
			}
			return page.NextToken, nil
		})
	})
	return out
}

// lambda lists a region's functions, then reads each one's resource
// policy and runtime management configuration (no bulk form).
func (c *collector) lambda(ctx context.Context, region string) {
	cl := lambda.NewFromConfig(c.cfg, func(o *lambda.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("lambda", region))
	})
	var fns []state.LambdaFunction
	err := c.do(ctx, "lambda", "ListFunctions", region, "", nil, func(ctx context.Context) error {
		params := lambda.ListFunctionsInput{MaxItems: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListFunctions(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, f := range page.Functions {
				x := state.LambdaFunction{Meta: meta(str(f.FunctionArn), region, nil), Name: str(f.FunctionName), Runtime: string(f.Runtime),
					PackageType: string(f.PackageType), KMSKeyARN: str(f.KMSKeyArn), LastModified: lambdaTime(str(f.LastModified))}
				if f.VpcConfig != nil {
					x.SubnetIDs = f.VpcConfig.SubnetIds
					if len(x.SubnetIDs) == 0 {
						x.SubnetIDs = nil
					}
				}
				fns = append(fns, x)
			}
			return page.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(fns), func() {
		c.rec.Update(func(a *state.Account) { a.Lambda.Functions = append(a.Lambda.Functions, fns...) })
	})
	for i := range fns {
		f := &fns[i]
		c.item("lambda", region, f.ARN, done, func(ctx context.Context) {
			// ResourceNotFoundException from GetPolicy: the function has no policy.
			_ = c.do(ctx, "lambda", "GetPolicy", region, f.ARN, []string{"ResourceNotFoundException"}, func(ctx context.Context) error {
				out, err := cl.GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: sdk.String(f.Name)})
				if err == nil {
					f.Policy = str(out.Policy)
				}
				return err
			})
			_ = c.do(ctx, "lambda", "GetRuntimeManagementConfig", region, f.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetRuntimeManagementConfig(ctx, &lambda.GetRuntimeManagementConfigInput{FunctionName: sdk.String(f.Name)})
				if err == nil {
					f.RuntimeUpdateMode = string(out.UpdateRuntimeOn)
				}
				return err
			})
		}, "GetPolicy", "GetRuntimeManagementConfig")
	}
}

func efsTags(ts []efstypes.Tag) map[string]string {
	return tagMap(ts, func(t efstypes.Tag) (*string, *string) { return t.Key, t.Value })
}

// efs reads a region's file systems (with their backup policy, file
// system policy and mount targets, per file system), access points and
// replication configurations (regional listings).
func (c *collector) efs(ctx context.Context, region string) {
	cl := efs.NewFromConfig(c.cfg, func(o *efs.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("elasticfilesystem", region))
	})
	c.sub("elasticfilesystem", region, "", func(ctx context.Context) { c.efsAccessPoints(ctx, cl, region) }, "DescribeAccessPoints")
	var fss []state.FileSystem
	err := c.do(ctx, "elasticfilesystem", "DescribeFileSystems", region, "", nil, func(ctx context.Context) error {
		params := efs.DescribeFileSystemsInput{MaxItems: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeFileSystems(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, f := range page.FileSystems {
				id := str(f.FileSystemId)
				arn := str(f.FileSystemArn)
				if arn == "" {
					arn = c.arn("elasticfilesystem", region, c.accountID, "file-system/"+id)
				}
				fss = append(fss, state.FileSystem{Meta: meta(arn, region, efsTags(f.Tags)), ID: id, Name: str(f.Name),
					LifeCycleState: string(f.LifeCycleState), Encrypted: b(f.Encrypted), KMSKeyID: str(f.KmsKeyId)})
			}
			return page.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	repl := map[string][]string{}
	_ = c.do(ctx, "elasticfilesystem", "DescribeReplicationConfigurations", region, "", []string{"ReplicationNotFound"}, func(ctx context.Context) error {
		params := efs.DescribeReplicationConfigurationsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeReplicationConfigurations(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Replications {
				for _, d := range r.Destinations {
					repl[str(r.SourceFileSystemId)] = append(repl[str(r.SourceFileSystemId)], str(d.Region))
				}
			}
			return page.NextToken, nil
		})
	})
	var mu sync.Mutex
	var mts []state.EFSMountTarget
	done := c.perItem(len(fss), func() {
		c.rec.Update(func(a *state.Account) {
			a.EFS.FileSystems = append(a.EFS.FileSystems, fss...)
			a.EFS.MountTargets = append(a.EFS.MountTargets, mts...)
		})
	})
	for i := range fss {
		f := &fss[i]
		f.ReplicationDestinations = repl[f.ID]
		c.item("elasticfilesystem", region, f.ARN, done, func(ctx context.Context) {
			id := sdk.String(f.ID)
			// PolicyNotFound: automatic backups were never configured (off).
			_ = c.do(ctx, "elasticfilesystem", "DescribeBackupPolicy", region, f.ARN, []string{"PolicyNotFound"}, func(ctx context.Context) error {
				out, err := cl.DescribeBackupPolicy(ctx, &efs.DescribeBackupPolicyInput{FileSystemId: id})
				if err == nil && out.BackupPolicy != nil {
					f.BackupPolicy = string(out.BackupPolicy.Status)
				}
				return err
			})
			_ = c.do(ctx, "elasticfilesystem", "DescribeFileSystemPolicy", region, f.ARN, []string{"PolicyNotFound"}, func(ctx context.Context) error {
				out, err := cl.DescribeFileSystemPolicy(ctx, &efs.DescribeFileSystemPolicyInput{FileSystemId: id})
				if err == nil {
					f.Policy = str(out.Policy)
				}
				return err
			})
			// A failure is recorded for the region's mount target listing (no
			// resource), as the checks ask: one unread file system's mount
			// targets make the region's mount target picture incomplete.
			_ = c.do(ctx, "elasticfilesystem", "DescribeMountTargets", region, "", nil, func(ctx context.Context) error {
				params := efs.DescribeMountTargetsInput{FileSystemId: id, MaxItems: sdk.Int32(100)}
				var got []state.EFSMountTarget
				if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					params.Marker = token
					page, err := cl.DescribeMountTargets(ctx, &params)
					if err != nil {
						return nil, err
					}
					for _, m := range page.MountTargets {
						got = append(got, state.EFSMountTarget{ID: str(m.MountTargetId), Region: region, FileSystemID: f.ID, SubnetID: str(m.SubnetId), IPAddress: str(m.IpAddress)})
					}
					return page.NextMarker, nil
				}); err != nil {
					return err
				}
				mu.Lock()
				mts = append(mts, got...)
				mu.Unlock()
				return nil
			})
		}, "DescribeBackupPolicy", "DescribeFileSystemPolicy", "DescribeMountTargets")
	}
}

func (c *collector) efsAccessPoints(ctx context.Context, cl *efs.Client, region string) {
	var out []state.EFSAccessPoint
	err := c.do(ctx, "elasticfilesystem", "DescribeAccessPoints", region, "", nil, func(ctx context.Context) error {
		params := efs.DescribeAccessPointsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeAccessPoints(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, ap := range page.AccessPoints {
				x := state.EFSAccessPoint{Meta: meta(str(ap.AccessPointArn), region, efsTags(ap.Tags)), ID: str(ap.AccessPointId), FileSystemID: str(ap.FileSystemId)}
				if ap.RootDirectory != nil {
					x.RootDirectory = str(ap.RootDirectory.Path)
				}
				if u := ap.PosixUser; u != nil {
					x.PosixUser = &state.PosixUser{UID: sdk.ToInt64(u.Uid), GID: sdk.ToInt64(u.Gid)}
				}
				out = append(out, x)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.EFS.AccessPoints = append(a.EFS.AccessPoints, out...) })
	}
}

// lambdaTime reads Lambda's LastModified (ISO 8601 with a +0000 offset and
// milliseconds, e.g. 2026-10-23T18:31:33.000+0000); nil when absent or not
// understood.
func lambdaTime(s string) *time.Time {
	for _, layout := range []string{"2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05-0700", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			u := t.UTC()
			return &u
		}
	}
	return nil
}
