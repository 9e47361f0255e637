package builder

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// gaps3 adds what svc-gaps3's checks read on resources the demo already
// has. CloudFront: the shop fails over from its Frankfurt bucket to the
// Irish DR bucket (CloudFront.4 passes there, nowhere else); the API docs
// put a Lambda function URL for search behind the distribution without
// origin access control (CloudFront.16 fails), while the promo site signs
// its requests to its tracking function (passes). The shop's and promo's
// buckets are not in Alpenglow's bucket list, so CloudFront.12 answers
// unknown for them, naming the buckets to verify.
func (x *b) gaps3() {
	x.gaps3CodeBuild()
	x.gaps3SpotFleets()
	x.gaps3TaskSets()
	// Redshift.15: the agency's public marketing warehouse sits behind
	// the debug-all group, which admits everything from the internet.
	for i := range x.a.Redshift.Clusters {
		if c := &x.a.Redshift.Clusters[i]; c.ID == "marketing-dw" {
			c.SecurityGroups = []string{"sg-wide-open-us-east-1"}
		}
	}
	for i := range x.a.CloudFront.Distributions {
		d := &x.a.CloudFront.Distributions[i]
		switch d.ID {
		case "E2ALPSHOP0001":
			d.Origins = append(d.Origins, state.DistributionOrigin{ID: "shop-site-dr", DomainName: "alpenglow-dr.s3.eu-west-1.amazonaws.com", S3: true,
				OACID: "E1ALPOAC00001"})
			d.OriginGroups = append(d.OriginGroups, state.OriginGroup{ID: "shop-failover", Members: []string{"shop-site", "shop-site-dr"}})
		case "E3ALPPROMO002":
			d.Origins = append(d.Origins, state.DistributionOrigin{ID: "tracking-fn", DomainName: "k7p2m4q9z1x3c5v8b6n0l2j4h6g8f0d2.lambda-url.us-east-1.on.aws",
				ProtocolPolicy: "https-only", SSLProtocols: []string{"TLSv1.2"}, OACID: "E5ALPOAC00005"})
		case "E4ALPDOCS0003":
			d.Origins = append(d.Origins, state.DistributionOrigin{ID: "docs-search-fn", DomainName: "q3w5e7r9t1y3u5i7o9p1a3s5d7f9g1h3.lambda-url.eu-west-1.on.aws",
				ProtocolPolicy: "https-only", SSLProtocols: []string{"TLSv1.2"}})
		}
	}
}

// gaps3CodeBuild adds Alpenglow's CodeBuild report groups (CodeBuild.7):
// Frankfurt's API unit tests export to S3 under the CI key; the agency's
// end-to-end suite in N. Virginia exports screenshots and logs to S3 with
// encryption turned off; its coverage group exports nothing.
func (x *b) gaps3CodeBuild() {
	group := func(region, name, typ string) state.CodeBuildReportGroup {
		return state.CodeBuildReportGroup{Meta: state.Meta{ARN: x.arn("codebuild", region, "report-group/"+name), Region: region,
			Tags: tags("owner", "platform")}, Name: name, Type: typ}
	}
	unit := group("eu-central-1", "api-unit-tests", "TEST")
	unit.ExportType, unit.ExportBucket, unit.ExportEncryptionKey = "S3", "alpenglow-main", x.arn("kms", "eu-central-1", "alias/ci")
	e2e := group("us-east-1", "marketing-e2e", "TEST")
	e2e.ExportType, e2e.ExportBucket, e2e.ExportEncryptionDisabled = "S3", "alpenglow-marketing-assets", true
	cov := group("us-east-1", "marketing-coverage", "CODE_COVERAGE")
	cov.ExportType = "NO_EXPORT"
	x.a.CodeBuild.ReportGroups = append(x.a.CodeBuild.ReportGroups, unit, e2e, cov)
}

// gaps3SpotFleets adds Alpenglow's Spot Fleet requests (EC2.173): the
// Irish ETL fleet leaves its volumes to Ireland's encryption by default
// (on), the agency's N. Virginia render fleet turns encryption off on its
// scratch volume, and an old cancelled fleet launches nothing more.
func (x *b) gaps3SpotFleets() {
	on, off := true, false
	fleet := func(region, id, st string, specs int, vols ...state.TemplateVolume) state.SpotFleetRequest {
		return state.SpotFleetRequest{Meta: state.Meta{ARN: x.arn("ec2", region, "spot-fleet-request/"+id), Region: region}, ID: id,
			State: st, LaunchSpecifications: specs, EBSVolumes: vols}
	}
	x.a.EC2.SpotFleetRequests = append(x.a.EC2.SpotFleetRequests,
		fleet("eu-west-1", "sfr-0e7a1b2c3d4e5f601", "active", 2, state.TemplateVolume{Device: "1:/dev/xvda"}, state.TemplateVolume{Device: "2:/dev/xvda"}),
		fleet("us-east-1", "sfr-0c9d8e7f6a5b4c302", "active", 1, state.TemplateVolume{Device: "1:/dev/xvda", Encrypted: &on},
			state.TemplateVolume{Device: "1:/dev/sdf", Encrypted: &off}),
		fleet("us-east-1", "sfr-0a1a2b3c4d5e6f703", "cancelled", 1, state.TemplateVolume{Device: "1:/dev/xvda", Encrypted: &off}),
	)
}

// gaps3TaskSets gives Alpenglow's blue/green services their task sets
// (ECS.16): Frankfurt's checkout runs blue and green privately; the
// agency's landing page has a green task set with public IP addresses.
func (x *b) gaps3TaskSets() {
	sets := map[string][]string{"checkout": {"DISABLED", "DISABLED"}, "landing-page": {"DISABLED", "ENABLED"}}
	for i := range x.a.ECS.Services {
		s := &x.a.ECS.Services[i]
		for k, ip := range sets[s.Name] {
			id := []string{"ecs-svc/4912073681829301", "ecs-svc/7730198246551027"}[k]
			arn := strings.Replace(s.ARN, ":service/", ":task-set/", 1) + "/" + strings.TrimPrefix(id, "ecs-svc/")
			s.TaskSets = append(s.TaskSets, state.ECSTaskSet{ID: id, ARN: arn, AssignPublicIP: ip})
		}
	}
}
