package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- DynamoDB (awsJson1.0) ----

func (s *Server) dynamodbService() *service {
	return &service{name: "dynamodb", proto: protoJSON, jsonVersion: "1.0", ops: map[string]handler{
		"ListTables":                ddbListTables,
		"DescribeTable":             ddbTable(ddbDescribeTable),
		"DescribeContinuousBackups": ddbTable(ddbDescribeContinuousBackups),
		"GetResourcePolicy":         ddbTable(ddbGetResourcePolicy),
		"ListTagsOfResource":        ddbTable(ddbListTagsOfResource),
	}}
}

// ddbListTables pages by name with ExclusiveStartTableName and Limit
// (1..100, default 100), as DynamoDB does.
func ddbListTables(c *call) (*reply, error) {
	ts := c.s.idx.tables[c.region]
	limit, err := c.num("Limit", 0)
	if err != nil {
		return nil, err
	}
	if limit < 0 || limit > 100 {
		return nil, errf(400, "ValidationException", "Limit must be between 1 and 100")
	}
	if limit == 0 {
		limit = 100
	}
	start := 0
	if after := c.str("ExclusiveStartTableName"); after != "" {
		for start < len(ts) && ts[start].Name <= after {
			start++
		}
	}
	end := min(start+limit, len(ts))
	out := &dynamodb.ListTablesOutput{TableNames: []string{}}
	for _, t := range ts[start:end] {
		out.TableNames = append(out.TableNames, t.Name)
	}
	if end < len(ts) {
		out.LastEvaluatedTableName = p(ts[end-1].Name)
	}
	return c.jsonReply(out), nil
}

func ddbTable(h func(c *call, t *state.DynamoDBTable) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.str("TableName")
		if name == "" {
			name = c.str("ResourceArn")
		}
		for _, t := range c.s.idx.tables[c.region] {
			if t.Name == name || t.ARN == name {
				return h(c, t)
			}
		}
		return nil, errf(400, "ResourceNotFoundException", "Requested resource not found: Table: %s not found", name)
	}
}

func ddbDescribeTable(c *call, t *state.DynamoDBTable) (*reply, error) {
	d := &ddbtypes.TableDescription{TableName: sp(t.Name), TableArn: sp(t.ARN), TableStatus: ddbtypes.TableStatus(orDefault(t.Status, "ACTIVE")),
		DeletionProtectionEnabled: p(t.DeletionProtection), ItemCount: p(int64(0)), TableSizeBytes: p(int64(0))}
	if t.SSEType != "" {
		d.SSEDescription = &ddbtypes.SSEDescription{Status: ddbtypes.SSEStatusEnabled, SSEType: ddbtypes.SSEType(t.SSEType), KMSMasterKeyArn: sp(t.KMSKeyARN)}
	}
	// DynamoDB leaves the billing mode out for provisioned tables created
	// before on-demand existed; the fake always states it.
	if t.BillingMode != "" {
		d.BillingModeSummary = &ddbtypes.BillingModeSummary{BillingMode: ddbtypes.BillingMode(t.BillingMode)}
	}
	if len(t.ReplicaRegions) > 0 {
		d.Replicas = append(d.Replicas, ddbtypes.ReplicaDescription{RegionName: p(t.Region), ReplicaStatus: ddbtypes.ReplicaStatusActive})
		for _, r := range t.ReplicaRegions {
			d.Replicas = append(d.Replicas, ddbtypes.ReplicaDescription{RegionName: p(r), ReplicaStatus: ddbtypes.ReplicaStatusActive})
		}
	}
	return c.jsonReply(&dynamodb.DescribeTableOutput{Table: d}), nil
}

func ddbDescribeContinuousBackups(c *call, t *state.DynamoDBTable) (*reply, error) {
	st := ddbtypes.PointInTimeRecoveryStatusDisabled
	if t.PITR {
		st = ddbtypes.PointInTimeRecoveryStatusEnabled
	}
	return c.jsonReply(&dynamodb.DescribeContinuousBackupsOutput{ContinuousBackupsDescription: &ddbtypes.ContinuousBackupsDescription{
		ContinuousBackupsStatus:        ddbtypes.ContinuousBackupsStatusEnabled,
		PointInTimeRecoveryDescription: &ddbtypes.PointInTimeRecoveryDescription{PointInTimeRecoveryStatus: st},
	}}), nil
}

func ddbGetResourcePolicy(c *call, t *state.DynamoDBTable) (*reply, error) {
	if t.ResourcePolicy == "" {
		return nil, errf(400, "PolicyNotFoundException", "Resource-based policy not found for the provided ResourceArn: %s", t.ARN)
	}
	return c.jsonReply(&dynamodb.GetResourcePolicyOutput{Policy: p(t.ResourcePolicy), RevisionId: p("1")}), nil
}

func ddbListTagsOfResource(c *call, t *state.DynamoDBTable) (*reply, error) {
	keys := sortedKeys(t.Tags)
	start, end, next, err := page(c.action, len(keys), c.str("NextToken"), 0, 50, 50)
	if err != nil {
		return nil, err
	}
	out := &dynamodb.ListTagsOfResourceOutput{Tags: []ddbtypes.Tag{}, NextToken: sp(next)}
	for _, k := range keys[start:end] {
		out.Tags = append(out.Tags, ddbtypes.Tag{Key: p(k), Value: p(t.Tags[k])})
	}
	return c.jsonReply(out), nil
}

// ---- Application Auto Scaling (awsJson1.1) ----

func (s *Server) appAutoScalingService() *service {
	return &service{name: "application-autoscaling", proto: protoJSON, ops: map[string]handler{
		"DescribeScalableTargets": aasDescribeScalableTargets,
	}}
}

// aasDescribeScalableTargets lists, for each table with auto scaling, its
// read and write capacity targets.
func aasDescribeScalableTargets(c *call) (*reply, error) {
	if ns := c.str("ServiceNamespace"); ns != "dynamodb" {
		return c.jsonReply(&applicationautoscaling.DescribeScalableTargetsOutput{ScalableTargets: []aastypes.ScalableTarget{}}), nil
	}
	var targets []aastypes.ScalableTarget
	for _, t := range c.s.idx.tables[c.region] {
		if !t.AutoScaling {
			continue
		}
		for _, dim := range []aastypes.ScalableDimension{aastypes.ScalableDimensionDynamoDBTableReadCapacityUnits, aastypes.ScalableDimensionDynamoDBTableWriteCapacityUnits} {
			targets = append(targets, aastypes.ScalableTarget{ServiceNamespace: aastypes.ServiceNamespaceDynamodb, ResourceId: p("table/" + t.Name),
				ScalableDimension: dim, MinCapacity: p(int32(5)), MaxCapacity: p(int32(100)), CreationTime: p(c.s.acct.CollectedAt),
				RoleARN: p(c.s.acct.ARNPrefix() + "iam::" + c.s.acct.AccountID + ":role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable")})
		}
	}
	start, end, next, err := c.pageOf(len(targets), 50, 50)
	if err != nil {
		return nil, err
	}
	return c.jsonReply(&applicationautoscaling.DescribeScalableTargetsOutput{ScalableTargets: append([]aastypes.ScalableTarget{}, targets[start:end]...), NextToken: sp(next)}), nil
}

// ---- Lambda (restJson1) ----

func (s *Server) lambdaService() *service {
	return &service{name: "lambda", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/2015-03-31/functions", "ListFunctions"),
			rt("GET", "/2015-03-31/functions/{FunctionName}/policy", "GetPolicy"),
			rt("GET", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "GetRuntimeManagementConfig"),
			rt("POST", "/2015-03-31/functions", "CreateFunction"),
			rt("DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction"),
			rt("POST", "/2015-03-31/functions/{FunctionName}/invocations", "Invoke"),
		},
		ops: map[string]handler{
			"ListFunctions":              lambdaListFunctions,
			"GetPolicy":                  lambdaFunction(lambdaGetPolicy),
			"GetRuntimeManagementConfig": lambdaFunction(lambdaGetRuntimeManagementConfig),
		}}
}

func lambdaListFunctions(c *call) (*reply, error) {
	fs := c.s.idx.functions[c.region]
	mx, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(fs), c.str("Marker"), mx, 50, 50)
	if err != nil {
		return nil, err
	}
	out := &lambda.ListFunctionsOutput{Functions: []lambdatypes.FunctionConfiguration{}, NextMarker: sp(next)}
	for _, f := range fs[start:end] {
		fc := lambdatypes.FunctionConfiguration{FunctionName: sp(f.Name), FunctionArn: sp(f.ARN), Runtime: lambdatypes.Runtime(f.Runtime),
			PackageType: lambdatypes.PackageType(f.PackageType), KMSKeyArn: sp(f.KMSKeyARN), State: lambdatypes.StateActive, MemorySize: p(int32(128))}
		if f.LastModified != nil {
			fc.LastModified = p(f.LastModified.UTC().Format("2006-01-02T15:04:05.000-0700"))
		}
		if len(f.SubnetIDs) > 0 {
			fc.VpcConfig = &lambdatypes.VpcConfigResponse{SubnetIds: f.SubnetIDs, SecurityGroupIds: []string{}}
		}
		out.Functions = append(out.Functions, fc)
	}
	return c.jsonReply(out), nil
}

func lambdaFunction(h func(c *call, f *state.LambdaFunction) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.labels["FunctionName"]
		for _, f := range c.s.idx.functions[c.region] {
			if f.Name == name || f.ARN == name {
				return h(c, f)
			}
		}
		return nil, errf(404, "ResourceNotFoundException", "Function not found: %s", name)
	}
}

func lambdaGetPolicy(c *call, f *state.LambdaFunction) (*reply, error) {
	if f.Policy == "" {
		return nil, errf(404, "ResourceNotFoundException", "The resource you requested does not exist.")
	}
	return c.jsonReply(&lambda.GetPolicyOutput{Policy: p(f.Policy), RevisionId: p("1")}), nil
}

func lambdaGetRuntimeManagementConfig(c *call, f *state.LambdaFunction) (*reply, error) {
	mode := orDefault(f.RuntimeUpdateMode, "Auto")
	return c.jsonReply(&lambda.GetRuntimeManagementConfigOutput{FunctionArn: sp(f.ARN), UpdateRuntimeOn: lambdatypes.UpdateRuntimeOn(mode)}), nil
}

// ---- EFS (restJson1, old codegen) ----

func (s *Server) efsService() *service {
	return &service{name: "elasticfilesystem", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/2015-02-01/file-systems", "DescribeFileSystems"),
			rt("GET", "/2015-02-01/access-points", "DescribeAccessPoints"),
			rt("GET", "/2015-02-01/file-systems/replication-configurations", "DescribeReplicationConfigurations"),
			rt("GET", "/2015-02-01/file-systems/{FileSystemId}/backup-policy", "DescribeBackupPolicy"),
			rt("GET", "/2015-02-01/file-systems/{FileSystemId}/policy", "DescribeFileSystemPolicy"),
			rt("GET", "/2015-02-01/mount-targets", "DescribeMountTargets"),
			rt("POST", "/2015-02-01/file-systems", "CreateFileSystem"),
			rt("DELETE", "/2015-02-01/file-systems/{FileSystemId}", "DeleteFileSystem"),
			rt("PUT", "/2015-02-01/file-systems/{FileSystemId}/policy", "PutFileSystemPolicy"),
		},
		ops: map[string]handler{
			"DescribeFileSystems":               efsDescribeFileSystems,
			"DescribeAccessPoints":              efsDescribeAccessPoints,
			"DescribeReplicationConfigurations": efsDescribeReplicationConfigurations,
			"DescribeBackupPolicy":              efsFileSystem(efsDescribeBackupPolicy),
			"DescribeFileSystemPolicy":          efsFileSystem(efsDescribeFileSystemPolicy),
			"DescribeMountTargets":              efsDescribeMountTargets,
		}}
}

type efsTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

func efsTags(m map[string]string) []efsTag {
	out := []efsTag{}
	for _, k := range sortedKeys(m) {
		out = append(out, efsTag{k, m[k]})
	}
	return out
}

func efsDescribeFileSystems(c *call) (*reply, error) {
	fs := c.s.idx.fileSystems[c.region]
	mx, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(fs), c.str("Marker"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	type size struct {
		Value int64 `json:"Value"`
	}
	type desc struct {
		FileSystemID         string   `json:"FileSystemId"`
		FileSystemArn        string   `json:"FileSystemArn"`
		Name                 string   `json:"Name,omitempty"`
		LifeCycleState       string   `json:"LifeCycleState"`
		Encrypted            bool     `json:"Encrypted"`
		KmsKeyID             string   `json:"KmsKeyId,omitempty"`
		OwnerID              string   `json:"OwnerId"`
		CreationToken        string   `json:"CreationToken"`
		CreationTime         epoch    `json:"CreationTime"`
		NumberOfMountTargets int      `json:"NumberOfMountTargets"`
		PerformanceMode      string   `json:"PerformanceMode"`
		SizeInBytes          size     `json:"SizeInBytes"`
		Tags                 []efsTag `json:"Tags"`
	}
	out := struct {
		FileSystems []desc  `json:"FileSystems"`
		NextMarker  *string `json:"NextMarker,omitempty"`
	}{FileSystems: []desc{}, NextMarker: sp(next)}
	for _, f := range fs[start:end] {
		out.FileSystems = append(out.FileSystems, desc{FileSystemID: f.ID, FileSystemArn: f.ARN, Name: f.Name, LifeCycleState: orDefault(f.LifeCycleState, "available"),
			Encrypted: f.Encrypted, KmsKeyID: f.KMSKeyID, OwnerID: c.s.acct.AccountID, CreationToken: f.ID, CreationTime: epoch(c.s.acct.CollectedAt),
			PerformanceMode: "generalPurpose", Tags: efsTags(f.Tags)})
	}
	return c.rawJSON(out)
}

func efsDescribeAccessPoints(c *call) (*reply, error) {
	aps := c.s.idx.accessPoints[c.region]
	start, end, next, err := c.pageOf(len(aps), 100, 1000)
	if err != nil {
		return nil, err
	}
	type posix struct {
		UID int64 `json:"Uid"`
		GID int64 `json:"Gid"`
	}
	type root struct {
		Path string `json:"Path"`
	}
	type desc struct {
		AccessPointID  string   `json:"AccessPointId"`
		AccessPointArn string   `json:"AccessPointArn"`
		FileSystemID   string   `json:"FileSystemId"`
		LifeCycleState string   `json:"LifeCycleState"`
		OwnerID        string   `json:"OwnerId"`
		RootDirectory  *root    `json:"RootDirectory,omitempty"`
		PosixUser      *posix   `json:"PosixUser,omitempty"`
		Tags           []efsTag `json:"Tags"`
	}
	out := struct {
		AccessPoints []desc  `json:"AccessPoints"`
		NextToken    *string `json:"NextToken,omitempty"`
	}{AccessPoints: []desc{}, NextToken: sp(next)}
	for _, ap := range aps[start:end] {
		d := desc{AccessPointID: ap.ID, AccessPointArn: ap.ARN, FileSystemID: ap.FileSystemID, LifeCycleState: "available", OwnerID: c.s.acct.AccountID, Tags: efsTags(ap.Tags)}
		if ap.RootDirectory != "" {
			d.RootDirectory = &root{ap.RootDirectory}
		}
		if u := ap.PosixUser; u != nil {
			d.PosixUser = &posix{u.UID, u.GID}
		}
		out.AccessPoints = append(out.AccessPoints, d)
	}
	return c.rawJSON(out)
}

func efsDescribeReplicationConfigurations(c *call) (*reply, error) {
	type dest struct {
		FileSystemID string `json:"FileSystemId"`
		Region       string `json:"Region"`
		Status       string `json:"Status"`
	}
	type repl struct {
		SourceFileSystemID     string `json:"SourceFileSystemId"`
		SourceFileSystemArn    string `json:"SourceFileSystemArn"`
		SourceFileSystemRegion string `json:"SourceFileSystemRegion"`
		OriginalSourceArn      string `json:"OriginalSourceFileSystemArn"`
		CreationTime           epoch  `json:"CreationTime"`
		Destinations           []dest `json:"Destinations"`
	}
	var all []repl
	for _, f := range c.s.idx.fileSystems[c.region] {
		if len(f.ReplicationDestinations) == 0 {
			continue
		}
		r := repl{SourceFileSystemID: f.ID, SourceFileSystemArn: f.ARN, SourceFileSystemRegion: c.region, OriginalSourceArn: f.ARN, CreationTime: epoch(c.s.acct.CollectedAt)}
		for i, d := range f.ReplicationDestinations {
			r.Destinations = append(r.Destinations, dest{FileSystemID: "fs-" + shortHash(f.ID + d)[:8] + string(rune('a'+i%26)), Region: d, Status: "ENABLED"})
		}
		all = append(all, r)
	}
	start, end, next, err := c.pageOf(len(all), 100, 100)
	if err != nil {
		return nil, err
	}
	return c.rawJSON(struct {
		Replications []repl  `json:"Replications"`
		NextToken    *string `json:"NextToken,omitempty"`
	}{append([]repl{}, all[start:end]...), sp(next)})
}

func efsFileSystem(h func(c *call, f *state.FileSystem) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		id := c.labels["FileSystemId"]
		for _, f := range c.s.idx.fileSystems[c.region] {
			if f.ID == id || f.ARN == id {
				return h(c, f)
			}
		}
		return nil, errf(404, "FileSystemNotFound", "File system '%s' does not exist.", id)
	}
}

func efsDescribeBackupPolicy(c *call, f *state.FileSystem) (*reply, error) {
	if f.BackupPolicy == "" {
		return nil, errf(404, "PolicyNotFound", "Backup policy not found for file system %s", f.ID)
	}
	type bp struct {
		Status string `json:"Status"`
	}
	return c.rawJSON(struct {
		BackupPolicy bp `json:"BackupPolicy"`
	}{bp{f.BackupPolicy}})
}

func efsDescribeFileSystemPolicy(c *call, f *state.FileSystem) (*reply, error) {
	if f.Policy == "" {
		return nil, errf(404, "PolicyNotFound", "Policy not found for file system %s", f.ID)
	}
	return c.rawJSON(struct {
		FileSystemID string `json:"FileSystemId"`
		Policy       string `json:"Policy"`
	}{f.ID, f.Policy})
}

func efsDescribeMountTargets(c *call) (*reply, error) {
	id := c.str("FileSystemId")
	var mts []*state.EFSMountTarget
	for _, m := range c.s.idx.mountTargets[c.region] {
		if id == "" || m.FileSystemID == id {
			mts = append(mts, m)
		}
	}
	mx, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(mts), c.str("Marker"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	type desc struct {
		MountTargetID  string `json:"MountTargetId"`
		FileSystemID   string `json:"FileSystemId"`
		SubnetID       string `json:"SubnetId"`
		IPAddress      string `json:"IpAddress,omitempty"`
		LifeCycleState string `json:"LifeCycleState"`
		OwnerID        string `json:"OwnerId"`
	}
	out := struct {
		MountTargets []desc  `json:"MountTargets"`
		NextMarker   *string `json:"NextMarker,omitempty"`
	}{MountTargets: []desc{}, NextMarker: sp(next)}
	for _, m := range mts[start:end] {
		out.MountTargets = append(out.MountTargets, desc{m.ID, m.FileSystemID, m.SubnetID, m.IPAddress, "available", c.s.acct.AccountID})
	}
	return c.rawJSON(out)
}

var _ = strings.HasPrefix
