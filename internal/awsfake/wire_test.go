package awsfake

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	athenatypes "github.com/aws/aws-sdk-go-v2/service/athena/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// TestSerializeOutput holds the reflection walk over SDK outputs to the
// wire forms the SDK's deserializers read: member names (and restJson's
// locationName), query lists named by the model, epoch-second timestamps in
// JSON, unset fields and zero enums left out, map keys in order.
func TestSerializeOutput(t *testing.T) {
	at := time.Unix(1700000000, 0).UTC()
	cases := []struct {
		name string
		out  any
		xml  bool
		rest bool
		want string
	}{
		{"awsJson: list of structs, time, enum, nil left out", &athena.ListWorkGroupsOutput{NextToken: aws.String("t"),
			WorkGroups: []athenatypes.WorkGroupSummary{{Name: aws.String("wg"), State: athenatypes.WorkGroupStateEnabled, CreationTime: &at}, {Name: aws.String("x")}}},
			false, false, `{"NextToken":"t","WorkGroups":[{"CreationTime":1700000000,"Name":"wg","State":"ENABLED"},{"Name":"x"}]}`},
		{"awsJson: a map, keys sorted", &sqs.GetQueueAttributesOutput{Attributes: map[string]string{"b": "2", "a": "1"}},
			false, false, `{"Attributes":{"a":"1","b":"2"}}`},
		{"restJson: lower-case member names, bool, empty list kept", &eks.DescribeClusterOutput{Cluster: &ekstypes.Cluster{Name: aws.String("c"),
			ResourcesVpcConfig: &ekstypes.VpcConfigResponse{EndpointPublicAccess: true, PublicAccessCidrs: []string{}}}},
			false, true, `{"cluster":{"name":"c","resourcesVpcConfig":{"endpointPublicAccess":true,"publicAccessCidrs":[]}}}`},
		{"query: list items named by the model", &rds.DescribeDBInstancesOutput{DBInstances: []rdstypes.DBInstance{{DBInstanceIdentifier: aws.String("db1"), StorageEncrypted: aws.Bool(false)}}},
			true, false, `<DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>db1</DBInstanceIdentifier><StorageEncrypted>false</StorageEncrypted></DBInstance></DBInstances></DescribeDBInstancesResult>`},
	}
	var w wireSchemas
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			if tc.xml {
				x := &xw{}
				if err := w.serializeOutput(newSchemaXML(x, "DescribeDBInstancesResult"), tc.out); err != nil {
					t.Fatal(err)
				}
				got = string(x.b)
			} else {
				s := &schemaJSON{jsonName: tc.rest}
				if err := w.serializeOutput(s, tc.out); err != nil {
					t.Fatal(err)
				}
				got = string(s.b)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestSerializeOutputRefuses: an output the models do not describe is an
// error that says how to fix it, never an empty or partial body.
func TestSerializeOutputRefuses(t *testing.T) {
	var w wireSchemas
	for _, out := range []any{&s3.ListBucketsOutput{}, athena.ListWorkGroupsOutput{}, nil} {
		err := w.serializeOutput(&schemaJSON{}, out)
		if err == nil {
			t.Errorf("%T: no error", out)
		}
	}
	err := w.serializeOutput(&schemaJSON{}, &s3.ListBucketsOutput{})
	if err == nil || !strings.Contains(err.Error(), "go generate") {
		t.Errorf("error %v does not say to run go generate", err)
	}
}

// TestWireModelsCoverEveryOutput: every SDK output type the fake's sources
// name has its operation in the embedded models (wiregen -check reads the
// sources as `go generate` does, without botocore).
func TestWireModelsCoverEveryOutput(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to run wiregen -check")
	}
	cmd := exec.Command("go", "run", "./wiregen", "-check", "wiremodels.json.gz")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wiregen -check: %v\n%s", err, out)
	}
}
