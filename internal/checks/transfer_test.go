package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	trServerARN    = "arn:aws:transfer:eu-west-1:" + testAccountID + ":server/s-01234567890abcdef"
	trConnectorARN = "arn:aws:transfer:eu-west-1:" + testAccountID + ":connector/c-01234567890abcdef"
)

// trServer adds a described SFTP server inside a VPC without Elastic IPs.
func trServer(mut func(s *state.TransferServer)) func(*state.Account) {
	return func(a *state.Account) {
		s := state.TransferServer{Meta: state.Meta{ARN: trServerARN, Region: "eu-west-1"}, ID: "s-01234567890abcdef", EndpointType: "VPC",
			State: "ONLINE", Domain: "S3", IdentityProviderType: "SERVICE_MANAGED", Described: true, Protocols: []string{"SFTP"}, VPCID: "vpc-1"}
		if mut != nil {
			mut(&s)
		}
		a.Transfer.Servers = append(a.Transfer.Servers, s)
	}
}

// trConnector adds a described SFTP connector with a logging role.
func trConnector(mut func(k *state.TransferConnector)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.TransferConnector{Meta: state.Meta{ARN: trConnectorARN, Region: "eu-west-1"}, ID: "c-01234567890abcdef",
			URL: "sftp://partner.example.com", Described: true, Kind: "SFTP", LoggingRole: "arn:aws:iam::" + testAccountID + ":role/transfer-logs"}
		if mut != nil {
			mut(&k)
		}
		a.Transfer.Connectors = append(a.Transfer.Connectors, k)
	}
}

func transferCases() map[string][]checkCase {
	srv := func(name string, m func(*state.TransferServer), want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){trServer(m)}, more...)...), want: dsWant(want), msg: msg}
	}
	con := func(name string, m func(*state.TransferConnector), want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){trConnector(m)}, more...)...), want: dsWant(want), msg: msg}
	}
	srvUnknowns := []checkCase{
		srv("not described", func(s *state.TransferServer) { s.Described, s.Protocols = false, nil }, dsU, "not reported"),
		srv("description denied", func(s *state.TransferServer) { s.Described, s.Protocols = false, nil }, dsU, "denied",
			dsGap("transfer", "eu-west-1", "DescribeServer", trServerARN)),
		{name: "listing denied", acct: baseAccount(trServer(nil), dsGap("transfer", "eu-west-1", "ListServers", "")), want: dsWant(dsU)},
	}
	return map[string][]checkCase{
		"transfer_server_no_ftp": append([]checkCase{
			srv("sftp", nil, dsP, "accepts SFTP, not FTP"),
			srv("ftps and as2", func(s *state.TransferServer) { s.Protocols = []string{"FTPS", "AS2"} }, dsP, "FTPS, AS2"),
			srv("sftp and ftp", func(s *state.TransferServer) { s.Protocols = []string{"SFTP", "FTP"} }, dsF, "accepts FTP"),
		}, srvUnknowns...),
		"transfer_server_endpoint_not_public": append([]checkCase{
			srv("vpc internal", nil, dsP, "private"),
			srv("public", func(s *state.TransferServer) { s.EndpointType = "PUBLIC" }, dsF, "PUBLIC endpoint"),
			srv("vpc with elastic ips", func(s *state.TransferServer) { s.AddressAllocationIDs = []string{"eipalloc-1"} }, dsF, "Elastic IPs"),
		}, srvUnknowns...),
		"transfer_connector_logging": {
			con("logging role", nil, dsP, "role/transfer-logs"),
			con("no logging role", func(k *state.TransferConnector) { k.LoggingRole = "" }, dsF, "no logging role"),
			con("not described", func(k *state.TransferConnector) { k.Described, k.LoggingRole = false, "" }, dsU, "not reported"),
			con("description denied", func(k *state.TransferConnector) { k.Described, k.LoggingRole = false, "" }, dsU, "denied",
				dsGap("transfer", "eu-west-1", "DescribeConnector", trConnectorARN)),
			{name: "listing denied", acct: baseAccount(trConnector(nil), dsGap("transfer", "eu-west-1", "ListConnectors", "")), want: dsWant(dsU)},
		},
	}
}
