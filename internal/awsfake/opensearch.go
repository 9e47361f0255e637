package awsfake

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Amazon OpenSearch Service (opensearch API, restJson1, signing name es) ---- svc-search

func (s *Server) openSearchService() *service {
	return &service{name: "es", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/2021-01-01/domain", "ListDomainNames"),
			rt("POST", "/2021-01-01/opensearch/domain-info", "DescribeDomains"),
			rt("GET", "/2021-01-01/opensearch/domain/{DomainName}/config", "DescribeDomainConfig"),
			rt("POST", "/2021-01-01/opensearch/domain", "CreateDomain"),
			rt("DELETE", "/2021-01-01/opensearch/domain/{DomainName}", "DeleteDomain"),
		},
		ops: map[string]handler{
			"ListDomainNames": osListDomainNames,
			"DescribeDomains": osDescribeDomains,
		}}
}

// osListDomainNames names the region's domains with their engine types,
// only those of engineType when the query names one (OpenSearch or
// Elasticsearch). The SDK has no schema serializer for opensearch: the
// bodies are built by hand with the member names of its restJson1
// deserializer.
func osListDomainNames(c *call) (*reply, error) {
	engine := c.str("engineType")
	if engine != "" && engine != state.EngineOpenSearch && engine != state.EngineElasticsearch {
		return nil, errf(400, "ValidationException", "1 validation error detected: Value '%s' at 'engineType' failed to satisfy constraint", engine)
	}
	type info struct {
		DomainName string `json:"DomainName"`
		EngineType string `json:"EngineType"`
	}
	out := []info{}
	for _, d := range c.s.idx.osDomains[c.region] {
		if engine == "" || d.EngineType == engine {
			out = append(out, info{d.Name, d.EngineType})
		}
	}
	return c.rawJSON(map[string]any{"DomainNames": out})
}

// osDescribeDomains describes up to five named domains; names of no
// domain are left out of the answer, as OpenSearch does.
func osDescribeDomains(c *call) (*reply, error) {
	names := c.strs("DomainNames")
	if len(names) == 0 || len(names) > 5 {
		return nil, errf(400, "ValidationException", "1 validation error detected: Value at 'domainNames' failed to satisfy constraint: Member must have length between 1 and 5")
	}
	list := []map[string]any{}
	for _, n := range names {
		for _, d := range c.s.idx.osDomains[c.region] {
			if d.Name == n {
				list = append(list, osDomainStatus(c.s.acct.AccountID, d))
			}
		}
	}
	return c.rawJSON(map[string]any{"DomainStatusList": list})
}

// osDomainStatus is the DomainStatus of d as OpenSearch answers it.
func osDomainStatus(account string, d *state.OpenSearchDomain) map[string]any {
	cluster := map[string]any{"InstanceType": "r6g.large.search", "InstanceCount": d.InstanceCount,
		"ZoneAwarenessEnabled": d.ZoneAwareness, "DedicatedMasterEnabled": d.MasterCount > 0}
	if d.MasterCount > 0 {
		cluster["DedicatedMasterCount"], cluster["DedicatedMasterType"] = d.MasterCount, "m6g.large.search"
	}
	if d.ZoneAwareness {
		cluster["ZoneAwarenessConfig"] = map[string]any{"AvailabilityZoneCount": min(max(d.InstanceCount, 2), 3)}
	}
	logs := map[string]any{}
	for _, t := range d.Logs {
		logs[t] = map[string]any{"Enabled": true,
			"CloudWatchLogsLogGroupArn": "arn:aws:logs:" + d.Region + ":" + account + ":log-group:/aws/OpenSearchService/domains/" + d.Name + "/" + t}
	}
	x := map[string]any{
		"DomainId": account + "/" + d.Name, "DomainName": d.Name, "ARN": d.ARN, "Created": true, "Deleted": false, "Processing": false,
		"UpgradeProcessing": false, "EngineVersion": orDefault(d.EngineVersion, "OpenSearch_2.13"), "ClusterConfig": cluster,
		"EBSOptions":                  map[string]any{"EBSEnabled": true, "VolumeType": "gp3", "VolumeSize": 100},
		"SnapshotOptions":             map[string]any{"AutomatedSnapshotStartHour": 0},
		"EncryptionAtRestOptions":     map[string]any{"Enabled": d.EncryptedAtRest},
		"NodeToNodeEncryptionOptions": map[string]any{"Enabled": d.NodeToNode},
		"DomainEndpointOptions":       map[string]any{"EnforceHTTPS": d.EnforceHTTPS, "TLSSecurityPolicy": d.TLSPolicy, "CustomEndpointEnabled": false},
		"AdvancedSecurityOptions":     map[string]any{"Enabled": d.FineGrained, "InternalUserDatabaseEnabled": false, "AnonymousAuthEnabled": false},
		"ServiceSoftwareOptions": map[string]any{"UpdateAvailable": d.UpdateAvailable, "Cancellable": false, "UpdateStatus": "COMPLETED",
			"CurrentVersion": "OpenSearch_2_13_R20240520", "NewVersion": osNewVersion(d.UpdateAvailable), "OptionalDeployment": true},
		"LogPublishingOptions": logs,
		"AccessPolicies":       d.AccessPolicy,
	}
	if d.KMSKeyID != "" {
		x["EncryptionAtRestOptions"] = map[string]any{"Enabled": d.EncryptedAtRest, "KmsKeyId": d.KMSKeyID}
	}
	if d.InVPC() {
		x["VPCOptions"] = map[string]any{"VPCId": d.VPCID, "SubnetIds": d.SubnetIDs, "SecurityGroupIds": d.SecurityGroupIDs,
			"AvailabilityZones": []string{d.Region + "a"}}
		x["Endpoints"] = map[string]any{"vpc": "vpc-" + d.Name + "-abc123." + d.Region + ".es.amazonaws.com"}
	} else {
		x["Endpoint"] = "search-" + d.Name + "-abc123." + d.Region + ".es.amazonaws.com"
	}
	return x
}

// osNewVersion is the software version an available update installs.
func osNewVersion(available bool) string {
	if available {
		return "OpenSearch_2_13_R20241003"
	}
	return ""
}
