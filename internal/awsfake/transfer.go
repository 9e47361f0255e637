package awsfake

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS Transfer Family (awsJson1.1, signing name transfer,
// X-Amz-Target TransferService.*) ---- svc-netfw
//
// The SDK has no schema serializer for transfer: bodies are built by hand
// with the member names of its awsJson1_1 deserializer.

func (s *Server) transferService() *service {
	return &service{name: "transfer", proto: protoJSON, ops: map[string]handler{
		"ListServers":       trListServers,
		"DescribeServer":    trDescribeServer,
		"ListConnectors":    trListConnectors,
		"DescribeConnector": trDescribeConnector,
	}}
}

// trServer is a server as AWS reports it: S3 and service-managed
// identities unless set, online, PUBLIC unless set.
func trServer(x *state.TransferServer) map[string]any {
	out := map[string]any{"Arn": x.ARN, "ServerId": x.ID, "Domain": orDefault(x.Domain, "S3"),
		"EndpointType": orDefault(x.EndpointType, "PUBLIC"), "IdentityProviderType": orDefault(x.IdentityProviderType, "SERVICE_MANAGED"),
		"State": orDefault(x.State, "ONLINE")}
	if x.LoggingRole != "" {
		out["LoggingRole"] = x.LoggingRole
	}
	return out
}

func trListServers(c *call) (*reply, error) {
	xs := c.s.idx.transferServers[c.region]
	start, end, next, err := c.pageOf(len(xs), 1000, 1000)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"Servers": []map[string]any{}}
	list := make([]map[string]any, 0, end-start)
	for _, x := range xs[start:end] {
		list = append(list, trServer(x))
	}
	out["Servers"] = list
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

func trDescribeServer(c *call) (*reply, error) {
	id := c.str("ServerId")
	for _, x := range c.s.idx.transferServers[c.region] {
		if x.ID != id {
			continue
		}
		s := trServer(x)
		s["Protocols"] = nonNil(x.Protocols)
		if len(s["Protocols"].([]string)) == 0 {
			s["Protocols"] = []string{"SFTP"}
		}
		if x.VPCID != "" || len(x.AddressAllocationIDs) > 0 {
			d := map[string]any{"VpcId": x.VPCID}
			if len(x.AddressAllocationIDs) > 0 {
				d["AddressAllocationIds"] = x.AddressAllocationIDs
			}
			s["EndpointDetails"] = d
		}
		if x.SecurityPolicyName != "" {
			s["SecurityPolicyName"] = x.SecurityPolicyName
		}
		if len(x.StructuredLogDestinations) > 0 {
			s["StructuredLogDestinations"] = x.StructuredLogDestinations
		}
		s["Tags"] = tagList(x.Tags)
		return c.rawJSON(map[string]any{"Server": s})
	}
	return nil, errf(400, "ResourceNotFoundException", "Unknown server")
}

func trListConnectors(c *call) (*reply, error) {
	xs := c.s.idx.transferConnectors[c.region]
	start, end, next, err := c.pageOf(len(xs), 1000, 1000)
	if err != nil {
		return nil, err
	}
	list := make([]map[string]any, 0, end-start)
	for _, x := range xs[start:end] {
		list = append(list, map[string]any{"Arn": x.ARN, "ConnectorId": x.ID, "Url": x.URL})
	}
	out := map[string]any{"Connectors": list}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

func trDescribeConnector(c *call) (*reply, error) {
	id := c.str("ConnectorId")
	for _, x := range c.s.idx.transferConnectors[c.region] {
		if x.ID != id {
			continue
		}
		k := map[string]any{"Arn": x.ARN, "ConnectorId": x.ID, "Url": x.URL, "Tags": tagList(x.Tags)}
		if x.LoggingRole != "" {
			k["LoggingRole"] = x.LoggingRole
		}
		if x.Kind == "AS2" {
			k["As2Config"] = map[string]any{"LocalProfileId": "p-local", "PartnerProfileId": "p-partner"}
		} else {
			k["SftpConfig"] = map[string]any{"UserSecretId": "arn:aws:secretsmanager:" + c.region + ":" + c.s.acct.AccountID + ":secret:" + x.ID}
		}
		return c.rawJSON(map[string]any{"Connector": k})
	}
	return nil, errf(400, "ResourceNotFoundException", "Unknown connector")
}
