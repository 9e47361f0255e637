package aws

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	ostypes "github.com/aws/aws-sdk-go-v2/service/opensearch/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// openSearchBatch is the most domains DescribeDomains describes a call.
const openSearchBatch = 5

// openSearch reads a region's OpenSearch Service domains of both engines:
// ListDomainNames without an engine filter (every domain with its engine
// type), then DescribeDomains five names a call. Tags come from the
// Tagging API (es:domain).
func (c *collector) openSearch(ctx context.Context, region string) {
	cl := opensearch.NewFromConfig(c.cfg, func(o *opensearch.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("es", region))
	})
	var domains []state.OpenSearchDomain
	err := c.do(ctx, "es", "ListDomainNames", region, "", nil, func(ctx context.Context) error {
		out, err := cl.ListDomainNames(ctx, &opensearch.ListDomainNamesInput{})
		if err != nil {
			return err
		}
		for _, d := range out.DomainNames {
			name := str(d.DomainName)
			domains = append(domains, state.OpenSearchDomain{Meta: meta(c.arn("es", region, c.accountID, "domain/"+name), region, nil),
				Name: name, EngineType: string(d.EngineType)})
		}
		return nil
	})
	if err != nil {
		return
	}
	byName := make(map[string]*state.OpenSearchDomain, len(domains))
	for i := range domains {
		byName[domains[i].Name] = &domains[i]
	}
	for start := 0; start < len(domains); start += openSearchBatch {
		var names []string
		for _, d := range domains[start:min(start+openSearchBatch, len(domains))] {
			names = append(names, d.Name)
		}
		err := c.do(ctx, "es", "DescribeDomains", region, "", nil, func(ctx context.Context) error {
			out, err := cl.DescribeDomains(ctx, &opensearch.DescribeDomainsInput{DomainNames: names})
			if err != nil {
				return err
			}
			for _, s := range out.DomainStatusList {
				if d := byName[str(s.DomainName)]; d != nil {
					describeDomain(d, s)
				}
			}
			return nil
		})
		if err != nil {
			break // the region's gap is recorded; the rest would fail alike
		}
	}
	c.rec.Update(func(a *state.Account) { a.OpenSearch.Domains = append(a.OpenSearch.Domains, domains...) })
}

// describeDomain copies what the checks judge from a domain's status.
func describeDomain(d *state.OpenSearchDomain, s ostypes.DomainStatus) {
	d.Described, d.EngineVersion, d.AccessPolicy = true, str(s.EngineVersion), str(s.AccessPolicies)
	if s.ARN != nil {
		d.ARN = str(s.ARN)
	}
	if v := s.VPCOptions; v != nil {
		d.VPCID, d.SubnetIDs, d.SecurityGroupIDs = str(v.VPCId), v.SubnetIds, v.SecurityGroupIds
	}
	if e := s.EncryptionAtRestOptions; e != nil {
		d.EncryptedAtRest, d.KMSKeyID = b(e.Enabled), str(e.KmsKeyId)
	}
	if n := s.NodeToNodeEncryptionOptions; n != nil {
		d.NodeToNode = b(n.Enabled)
	}
	if e := s.DomainEndpointOptions; e != nil {
		d.EnforceHTTPS, d.TLSPolicy = b(e.EnforceHTTPS), string(e.TLSSecurityPolicy)
	}
	for t, l := range s.LogPublishingOptions {
		if b(l.Enabled) && str(l.CloudWatchLogsLogGroupArn) != "" {
			d.Logs = append(d.Logs, t)
		}
	}
	sort.Strings(d.Logs)
	if k := s.ClusterConfig; k != nil {
		d.InstanceCount, d.ZoneAwareness = i32(k.InstanceCount), b(k.ZoneAwarenessEnabled)
		if b(k.DedicatedMasterEnabled) {
			d.MasterCount = i32(k.DedicatedMasterCount)
		}
	}
	if a := s.AdvancedSecurityOptions; a != nil {
		d.FineGrained = b(a.Enabled)
	}
	if o := s.ServiceSoftwareOptions; o != nil {
		d.UpdateAvailable = b(o.UpdateAvailable)
	}
}
