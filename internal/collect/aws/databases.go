package aws

import (
	"context"
	"sort"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	rstypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func rdsTags(ts []rdstypes.Tag) map[string]string {
	return tagMap(ts, func(t rdstypes.Tag) (*string, *string) { return t.Key, t.Value })
}

// rds reads a region's RDS resources. Every RDS call of a region shares
// one token bucket (AWS throttles them together); pages hold at most 100.
func (c *collector) rds(ctx context.Context, region string) {
	cl := rds.NewFromConfig(c.cfg, func(o *rds.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("rds", region))
	})
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsInstances(ctx, cl, region) }, "DescribeDBInstances")
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsClusters(ctx, cl, region) }, "DescribeDBClusters", "DescribeGlobalClusters")
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsSnapshots(ctx, cl, region) }, "DescribeDBSnapshots")
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsClusterSnapshots(ctx, cl, region) }, "DescribeDBClusterSnapshots")
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsParameterGroups(ctx, cl, region) }, "DescribeDBParameterGroups")
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsClusterParameterGroups(ctx, cl, region) }, "DescribeDBClusterParameterGroups")
	c.sub("rds", region, "", func(ctx context.Context) { c.rdsProxies(ctx, cl, region) }, "DescribeDBProxies") // svc-gaps
	var pm []state.PendingMaintenance
	err := c.do(ctx, "rds", "DescribePendingMaintenanceActions", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribePendingMaintenanceActionsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribePendingMaintenanceActions(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.PendingMaintenanceActions {
				for _, d := range r.PendingMaintenanceActionDetails {
					pm = append(pm, state.PendingMaintenance{ResourceARN: str(r.ResourceIdentifier), Action: str(d.Action), Description: str(d.Description),
						AutoAppliedAfter: tptr(d.AutoAppliedAfterDate), ForcedApplyDate: tptr(d.ForcedApplyDate), CurrentApplyDate: tptr(d.CurrentApplyDate)})
				}
			}
			return page.Marker, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.RDS.PendingMaintenance = append(a.RDS.PendingMaintenance, pm...) })
	}
	var subs []state.EventSubscription
	err = c.do(ctx, "rds", "DescribeEventSubscriptions", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeEventSubscriptionsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeEventSubscriptions(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.EventSubscriptionsList {
				arn := str(s.EventSubscriptionArn)
				if arn == "" {
					arn = c.arn("rds", region, c.accountID, "es:"+str(s.CustSubscriptionId))
				}
				subs = append(subs, state.EventSubscription{Meta: meta(arn, region, nil), Name: str(s.CustSubscriptionId),
					SourceType: str(s.SourceType), Categories: s.EventCategoriesList, Enabled: b(s.Enabled)})
			}
			return page.Marker, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.RDS.EventSubscriptions = append(a.RDS.EventSubscriptions, subs...) })
	}
}

func (c *collector) rdsInstances(ctx context.Context, cl *rds.Client, region string) {
	var out []state.DBInstance
	err := c.do(ctx, "rds", "DescribeDBInstances", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBInstancesInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBInstances(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, d := range page.DBInstances {
				x := state.DBInstance{Meta: meta(str(d.DBInstanceArn), region, rdsTags(d.TagList)), ID: str(d.DBInstanceIdentifier),
					Engine: str(d.Engine), EngineVersion: str(d.EngineVersion), Class: str(d.DBInstanceClass), Status: str(d.DBInstanceStatus),
					ClusterID: str(d.DBClusterIdentifier), PubliclyAccessible: b(d.PubliclyAccessible), StorageEncrypted: b(d.StorageEncrypted),
					KMSKeyID: str(d.KmsKeyId), BackupRetentionDays: i32(d.BackupRetentionPeriod), MultiAZ: b(d.MultiAZ),
					DeletionProtection: b(d.DeletionProtection), AutoMinorVersionUpgrade: b(d.AutoMinorVersionUpgrade),
					IAMAuth: b(d.IAMDatabaseAuthenticationEnabled), PreferredMaintenanceWindow: str(d.PreferredMaintenanceWindow),
					EnabledLogs: d.EnabledCloudwatchLogsExports, EnhancedMonitoring: i32(d.MonitoringInterval) > 0,
					CopyTagsToSnapshot: b(d.CopyTagsToSnapshot), MasterUsername: str(d.MasterUsername), CACertificate: str(d.CACertificateIdentifier),
					ReadReplicaSource: str(d.ReadReplicaSourceDBInstanceIdentifier)}
				if x.ARN == "" {
					x.ARN = c.arn("rds", region, c.accountID, "db:"+x.ID)
				}
				for _, g := range d.DBParameterGroups {
					x.ParameterGroups = append(x.ParameterGroups, str(g.DBParameterGroupName))
				}
				for _, g := range d.VpcSecurityGroups {
					x.SecurityGroups = append(x.SecurityGroups, str(g.VpcSecurityGroupId))
				}
				if d.DBSubnetGroup != nil {
					x.SubnetGroup, x.VPCID = str(d.DBSubnetGroup.DBSubnetGroupName), str(d.DBSubnetGroup.VpcId)
					for _, sn := range d.DBSubnetGroup.Subnets {
						x.SubnetIDs = append(x.SubnetIDs, str(sn.SubnetIdentifier))
					}
				}
				for _, id := range d.ReadReplicaDBInstanceIdentifiers {
					// Same-region replicas are named by identifier, others by ARN.
					if !strings.HasPrefix(id, "arn:") {
						id = c.arn("rds", region, c.accountID, "db:"+id)
					}
					x.ReadReplicas = append(x.ReadReplicas, id)
				}
				if d.Endpoint != nil {
					x.Port = i32(d.Endpoint.Port)
				}
				for _, r := range d.DBInstanceAutomatedBackupsReplications {
					if a := str(r.DBInstanceAutomatedBackupsArn); a != "" {
						if parts := strings.SplitN(a, ":", 5); len(parts) == 5 {
							x.ReplicatedBackupRegions = append(x.ReplicatedBackupRegions, parts[3])
						}
					}
				}
				out = append(out, x)
			}
			return page.Marker, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.RDS.Instances = append(a.RDS.Instances, out...) })
	}
}

func (c *collector) rdsClusters(ctx context.Context, cl *rds.Client, region string) {
	var out []state.DBCluster
	err := c.do(ctx, "rds", "DescribeDBClusters", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBClustersInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBClusters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, d := range page.DBClusters {
				x := state.DBCluster{Meta: meta(str(d.DBClusterArn), region, rdsTags(d.TagList)), ID: str(d.DBClusterIdentifier),
					Engine: str(d.Engine), EngineVersion: str(d.EngineVersion), EngineMode: str(d.EngineMode), StorageEncrypted: b(d.StorageEncrypted),
					KMSKeyID: str(d.KmsKeyId), BackupRetentionDays: i32(d.BackupRetentionPeriod), DeletionProtection: b(d.DeletionProtection),
					IAMAuth: b(d.IAMDatabaseAuthenticationEnabled), MultiAZ: b(d.MultiAZ), ParameterGroup: str(d.DBClusterParameterGroup),
					EnabledLogs: d.EnabledCloudwatchLogsExports, AutoMinorVersionUpgrade: b(d.AutoMinorVersionUpgrade),
					CopyTagsToSnapshot: b(d.CopyTagsToSnapshot), PubliclyAccessible: b(d.PubliclyAccessible), MasterUsername: str(d.MasterUsername),
					BacktrackWindow: sdk.ToInt64(d.BacktrackWindow)}
				if x.ARN == "" {
					x.ARN = c.arn("rds", region, c.accountID, "cluster:"+x.ID)
				}
				for _, m := range d.DBClusterMembers {
					x.Members = append(x.Members, str(m.DBInstanceIdentifier))
				}
				// AWS names the global database by identifier; moto by ARN.
				x.GlobalClusterID, x.ReplicationSource = str(d.GlobalClusterIdentifier), str(d.ReplicationSourceIdentifier)
				if _, id, ok := strings.Cut(x.GlobalClusterID, ":global-cluster:"); ok {
					x.GlobalClusterID = id
				}
				for _, id := range d.ReadReplicaIdentifiers {
					if !strings.HasPrefix(id, "arn:") {
						id = c.arn("rds", region, c.accountID, "cluster:"+id)
					}
					x.ReadReplicas = append(x.ReadReplicas, id)
				}
				out = append(out, x)
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	for i := range out {
		if out[i].GlobalClusterID != "" {
			c.rdsGlobalCluster(ctx, cl, region, &out[i])
		}
	}
	c.rec.Update(func(a *state.Account) { a.RDS.Clusters = append(a.RDS.Clusters, out...) })
}

// rdsGlobalCluster reads the regions of the other members of x's Aurora
// global database (DescribeDBClusters names only the global database).
// A failure is a gap on x: its copies are then unknown.
func (c *collector) rdsGlobalCluster(ctx context.Context, cl *rds.Client, region string, x *state.DBCluster) {
	var regs []string
	err := c.do(ctx, "rds", "DescribeGlobalClusters", region, x.ARN, nil, func(ctx context.Context) error {
		res, err := cl.DescribeGlobalClusters(ctx, &rds.DescribeGlobalClustersInput{GlobalClusterIdentifier: sdk.String(x.GlobalClusterID)})
		if err != nil {
			return err
		}
		for _, g := range res.GlobalClusters {
			for _, m := range g.GlobalClusterMembers {
				if arn := str(m.DBClusterArn); arn != x.ARN {
					if r := arnRegion(arn); r != "" && r != region {
						regs = append(regs, r)
					}
				}
			}
		}
		return nil
	})
	if err == nil {
		sort.Strings(regs)
		x.GlobalClusterRegions = regs
	}
}

// rdsSnapshots lists the account's DB snapshots; automated ones cannot be
// shared, so only the others' restore attribute is read (per snapshot: no
// bulk form).
func (c *collector) rdsSnapshots(ctx context.Context, cl *rds.Client, region string) {
	var out []state.DBSnapshot
	err := c.do(ctx, "rds", "DescribeDBSnapshots", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBSnapshotsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBSnapshots(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.DBSnapshots {
				x := state.DBSnapshot{Meta: meta(str(s.DBSnapshotArn), region, rdsTags(s.TagList)), ID: str(s.DBSnapshotIdentifier),
					SourceID: str(s.DBInstanceIdentifier), Engine: str(s.Engine), Encrypted: b(s.Encrypted), KMSKeyID: str(s.KmsKeyId),
					Created: tm(s.SnapshotCreateTime), SourceRegion: str(s.SourceRegion), Type: str(s.SnapshotType)}
				if x.ARN == "" {
					x.ARN = c.arn("rds", region, c.accountID, "snapshot:"+x.ID)
				}
				out = append(out, x)
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	c.rdsShares(ctx, out, region, func(ctx context.Context, s *state.DBSnapshot) error {
		return c.do(ctx, "rds", "DescribeDBSnapshotAttributes", region, s.ARN, nil, func(ctx context.Context) error {
			res, err := cl.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{DBSnapshotIdentifier: sdk.String(s.ID)})
			if err == nil && res.DBSnapshotAttributesResult != nil {
				for _, a := range res.DBSnapshotAttributesResult.DBSnapshotAttributes {
					if str(a.AttributeName) == "restore" {
						s.SharedWith = append(s.SharedWith, a.AttributeValues...)
					}
				}
			}
			return err
		})
	}, "DescribeDBSnapshotAttributes")
}

func (c *collector) rdsClusterSnapshots(ctx context.Context, cl *rds.Client, region string) {
	var out []state.DBSnapshot
	err := c.do(ctx, "rds", "DescribeDBClusterSnapshots", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBClusterSnapshotsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBClusterSnapshots(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.DBClusterSnapshots {
				x := state.DBSnapshot{Meta: meta(str(s.DBClusterSnapshotArn), region, rdsTags(s.TagList)), ID: str(s.DBClusterSnapshotIdentifier),
					Cluster: true, SourceID: str(s.DBClusterIdentifier), Engine: str(s.Engine), Encrypted: b(s.StorageEncrypted),
					KMSKeyID: str(s.KmsKeyId), Created: tm(s.SnapshotCreateTime), Type: str(s.SnapshotType)}
				if x.ARN == "" {
					x.ARN = c.arn("rds", region, c.accountID, "cluster-snapshot:"+x.ID)
				}
				out = append(out, x)
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	c.rdsShares(ctx, out, region, func(ctx context.Context, s *state.DBSnapshot) error {
		return c.do(ctx, "rds", "DescribeDBClusterSnapshotAttributes", region, s.ARN, nil, func(ctx context.Context) error {
			res, err := cl.DescribeDBClusterSnapshotAttributes(ctx, &rds.DescribeDBClusterSnapshotAttributesInput{DBClusterSnapshotIdentifier: sdk.String(s.ID)})
			if err == nil && res.DBClusterSnapshotAttributesResult != nil {
				for _, a := range res.DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes {
					if str(a.AttributeName) == "restore" {
						s.SharedWith = append(s.SharedWith, a.AttributeValues...)
					}
				}
			}
			return err
		})
	}, "DescribeDBClusterSnapshotAttributes")
}

// rdsShares reads the restore attribute of each snapshot that can be
// shared (every type but automated), then stores all the snapshots.
func (c *collector) rdsShares(_ context.Context, snaps []state.DBSnapshot, region string, read func(context.Context, *state.DBSnapshot) error, action string) {
	var manual []*state.DBSnapshot
	for i := range snaps {
		if snaps[i].Type != "automated" {
			manual = append(manual, &snaps[i])
		}
	}
	done := c.perItem(len(manual), func() {
		c.rec.Update(func(a *state.Account) { a.RDS.Snapshots = append(a.RDS.Snapshots, snaps...) })
	})
	for _, s := range manual {
		c.item("rds", region, s.ARN, done, func(ctx context.Context) { _ = read(ctx, s) }, action)
	}
}

// rdsParameterGroups lists the DB parameter groups and reads the
// parameters the customer set in each. AWS's default.* groups are skipped:
// nobody can change them, so they hold no user-set parameter.
func (c *collector) rdsParameterGroups(ctx context.Context, cl *rds.Client, region string) {
	var out []state.ParameterGroup
	err := c.do(ctx, "rds", "DescribeDBParameterGroups", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBParameterGroupsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBParameterGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.DBParameterGroups {
				arn := str(g.DBParameterGroupArn)
				if arn == "" {
					arn = c.arn("rds", region, c.accountID, "pg:"+str(g.DBParameterGroupName))
				}
				out = append(out, state.ParameterGroup{Meta: meta(arn, region, nil), Name: str(g.DBParameterGroupName), Family: str(g.DBParameterGroupFamily)})
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	c.paramGroups(out, region, "rds", "DescribeDBParameters", func(ctx context.Context, g *state.ParameterGroup) error {
		params := rds.DescribeDBParametersInput{DBParameterGroupName: sdk.String(g.Name), Source: sdk.String("user"), MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBParameters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Parameters {
				setParam(g, str(x.ParameterName), str(x.ParameterValue))
			}
			return page.Marker, nil
		})
	}, func(a *state.Account, gs []state.ParameterGroup) {
		a.RDS.ParameterGroups = append(a.RDS.ParameterGroups, gs...)
	})
}

func (c *collector) rdsClusterParameterGroups(ctx context.Context, cl *rds.Client, region string) {
	var out []state.ParameterGroup
	err := c.do(ctx, "rds", "DescribeDBClusterParameterGroups", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBClusterParameterGroupsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBClusterParameterGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.DBClusterParameterGroups {
				arn := str(g.DBClusterParameterGroupArn)
				if arn == "" {
					arn = c.arn("rds", region, c.accountID, "cluster-pg:"+str(g.DBClusterParameterGroupName))
				}
				out = append(out, state.ParameterGroup{Meta: meta(arn, region, nil), Name: str(g.DBClusterParameterGroupName), Family: str(g.DBParameterGroupFamily), Cluster: true})
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	c.paramGroups(out, region, "rds", "DescribeDBClusterParameters", func(ctx context.Context, g *state.ParameterGroup) error {
		params := rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: sdk.String(g.Name), Source: sdk.String("user"), MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBClusterParameters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Parameters {
				setParam(g, str(x.ParameterName), str(x.ParameterValue))
			}
			return page.Marker, nil
		})
	}, func(a *state.Account, gs []state.ParameterGroup) {
		a.RDS.ParameterGroups = append(a.RDS.ParameterGroups, gs...)
	})
}

func setParam(g *state.ParameterGroup, name, value string) {
	if name == "" {
		return
	}
	if g.Parameters == nil {
		g.Parameters = map[string]string{}
	}
	g.Parameters[name] = value
}

// paramGroups reads the user-set parameters of each non-default group
// (one per-item task each), then stores the groups with store.
func (c *collector) paramGroups(groups []state.ParameterGroup, region, service, action string, read func(context.Context, *state.ParameterGroup) error, store func(*state.Account, []state.ParameterGroup)) {
	var custom []*state.ParameterGroup
	for i := range groups {
		if !strings.HasPrefix(groups[i].Name, "default.") {
			custom = append(custom, &groups[i])
		}
	}
	done := c.perItem(len(custom), func() { c.rec.Update(func(a *state.Account) { store(a, groups) }) })
	for _, g := range custom {
		c.item(service, region, g.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, service, action, region, g.ARN, nil, func(ctx context.Context) error { return read(ctx, g) })
		}, action)
	}
}

// redshift reads a region's provisioned clusters with their audit logging
// status (per cluster: no bulk form) and the user-set parameters of the
// non-default parameter groups.
func (c *collector) redshift(ctx context.Context, region string) {
	cl := redshift.NewFromConfig(c.cfg, func(o *redshift.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("redshift", region))
	})
	c.sub("redshift", region, "", func(ctx context.Context) { c.redshiftParams(ctx, cl, region) }, "DescribeClusterParameterGroups")
	var out []state.RedshiftCluster
	err := c.do(ctx, "redshift", "DescribeClusters", region, "", nil, func(ctx context.Context) error {
		params := redshift.DescribeClustersInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeClusters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, k := range page.Clusters {
				id := str(k.ClusterIdentifier)
				x := state.RedshiftCluster{Meta: meta(c.arn("redshift", region, c.accountID, "cluster:"+id), region,
					tagMap(k.Tags, func(t rstypes.Tag) (*string, *string) { return t.Key, t.Value })),
					ID: id, NodeType: str(k.NodeType), PubliclyAccessible: b(k.PubliclyAccessible), Encrypted: b(k.Encrypted),
					KMSKeyID: str(k.KmsKeyId), EnhancedVPCRouting: b(k.EnhancedVpcRouting), AllowVersionUpgrade: b(k.AllowVersionUpgrade),
					AutomatedSnapshotRetention: i32(k.AutomatedSnapshotRetentionPeriod), MasterUsername: str(k.MasterUsername),
					DBName: str(k.DBName), VPCID: str(k.VpcId), MaintenanceTrackName: str(k.MaintenanceTrackName),
					MultiAZ: strings.EqualFold(str(k.MultiAZ), "Enabled")}
				for _, g := range k.ClusterParameterGroups {
					x.ParameterGroups = append(x.ParameterGroups, str(g.ParameterGroupName))
				}
				for _, g := range k.VpcSecurityGroups {
					x.SecurityGroups = append(x.SecurityGroups, str(g.VpcSecurityGroupId))
				}
				if k.Endpoint != nil {
					x.Port = i32(k.Endpoint.Port)
				}
				if k.ClusterSnapshotCopyStatus != nil {
					x.CrossRegionSnapshotCopyRegion = str(k.ClusterSnapshotCopyStatus.DestinationRegion)
				}
				out = append(out, x)
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(out), func() {
		c.rec.Update(func(a *state.Account) { a.Redshift.Clusters = append(a.Redshift.Clusters, out...) })
	})
	for i := range out {
		k := &out[i]
		c.item("redshift", region, k.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "redshift", "DescribeLoggingStatus", region, k.ARN, nil, func(ctx context.Context) error {
				res, err := cl.DescribeLoggingStatus(ctx, &redshift.DescribeLoggingStatusInput{ClusterIdentifier: sdk.String(k.ID)})
				if err == nil {
					k.LoggingEnabled = b(res.LoggingEnabled)
				}
				return err
			})
		}, "DescribeLoggingStatus")
	}
}

func (c *collector) redshiftParams(ctx context.Context, cl *redshift.Client, region string) {
	var out []state.ParameterGroup
	err := c.do(ctx, "redshift", "DescribeClusterParameterGroups", region, "", nil, func(ctx context.Context) error {
		params := redshift.DescribeClusterParameterGroupsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeClusterParameterGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.ParameterGroups {
				out = append(out, state.ParameterGroup{Meta: meta(c.arn("redshift", region, c.accountID, "parametergroup:"+str(g.ParameterGroupName)), region,
					tagMap(g.Tags, func(t rstypes.Tag) (*string, *string) { return t.Key, t.Value })),
					Name: str(g.ParameterGroupName), Family: str(g.ParameterGroupFamily)})
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	c.paramGroups(out, region, "redshift", "DescribeClusterParameters", func(ctx context.Context, g *state.ParameterGroup) error {
		params := redshift.DescribeClusterParametersInput{ParameterGroupName: sdk.String(g.Name), Source: sdk.String("user"), MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeClusterParameters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Parameters {
				setParam(g, str(x.ParameterName), str(x.ParameterValue))
			}
			return page.Marker, nil
		})
	}, func(a *state.Account, gs []state.ParameterGroup) {
		a.Redshift.ParameterGroups = append(a.Redshift.ParameterGroups, gs...)
	})
}

// rdsProxies lists the region's RDS Proxies (svc-gaps: RDS.43): the
// listing carries RequireTLS, nothing is read per proxy.
func (c *collector) rdsProxies(ctx context.Context, cl *rds.Client, region string) {
	var out []state.DBProxy
	err := c.do(ctx, "rds", "DescribeDBProxies", region, "", nil, func(ctx context.Context) error {
		params := rds.DescribeDBProxiesInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.DescribeDBProxies(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.DBProxies {
				px := state.DBProxy{Meta: meta(str(x.DBProxyArn), region, nil), Name: str(x.DBProxyName), EngineFamily: str(x.EngineFamily),
					Status: string(x.Status), VPCID: str(x.VpcId), RequireTLS: b(x.RequireTLS)}
				if px.ARN == "" {
					px.ARN = c.arn("rds", region, c.accountID, "db-proxy:"+px.Name)
				}
				out = append(out, px)
			}
			return page.Marker, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.RDS.Proxies = append(a.RDS.Proxies, out...) })
	}
}
