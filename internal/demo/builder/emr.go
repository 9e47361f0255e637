package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// emr adds Alpenglow's Spark: the Frankfurt nightly ETL cluster runs in the
// private subnet under a security configuration encrypting at rest and in
// transit; the contractors' ad hoc cluster in Ireland sits in their
// public subnet under a configuration that encrypts disks but not the
// traffic between nodes, and they asked for the YARN UI port to be
// exempted from block public access there; the legacy marketing region
// turned block public access off years ago and keeps a configuration
// that encrypts nothing.
func (x *b) emr() {
	fra, dub, iad, auh := "eu-central-1", "eu-west-1", "us-east-1", "me-central-1"
	x.a.EMR.BlockPublicAccess = append(x.a.EMR.BlockPublicAccess,
		state.EMRBlockPublicAccess{Region: fra, Enabled: true, PermittedPorts: []string{"22"}},
		state.EMRBlockPublicAccess{Region: dub, Enabled: true, PermittedPorts: []string{"22", "8088"}},
		state.EMRBlockPublicAccess{Region: iad, Enabled: false},
		state.EMRBlockPublicAccess{Region: auh, Enabled: true},
	)
	x.a.EMR.Clusters = append(x.a.EMR.Clusters,
		state.EMRCluster{Meta: state.Meta{ARN: x.arn("elasticmapreduce", fra, "cluster/j-1NIGHTLYETL01"), Region: fra, Tags: tags("owner", "data")},
			ID: "j-1NIGHTLYETL01", Name: "nightly-etl", State: "WAITING", Described: true, SubnetID: "subnet-00pri",
			MasterPublicDNSName: "ip-10-0-0-58.eu-central-1.compute.internal", SecurityConfiguration: "alpenglow-encrypted"},
		state.EMRCluster{Meta: state.Meta{ARN: x.arn("elasticmapreduce", dub, "cluster/j-2ADHOCSPARK02"), Region: dub, Tags: tags("owner", "contractors")},
			ID: "j-2ADHOCSPARK02", Name: "adhoc-spark", State: "RUNNING", Described: true, SubnetID: "subnet-10pub",
			MasterPublicDNSName: "ec2-203-0-113-41.eu-west-1.compute.amazonaws.com", SecurityConfiguration: "disks-only"},
	)
	sc := func(region, name string, atRest, inTransit bool) state.EMRSecurityConfiguration {
		return state.EMRSecurityConfiguration{Meta: state.Meta{ARN: x.arn("elasticmapreduce", region, "security-configuration/"+name), Region: region},
			Name: name, Described: true, AtRest: atRest, InTransit: inTransit}
	}
	x.a.EMR.SecurityConfigurations = append(x.a.EMR.SecurityConfigurations,
		sc(fra, "alpenglow-encrypted", true, true), sc(dub, "disks-only", true, false), sc(iad, "legacy-default", false, false))
}
