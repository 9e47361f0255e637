package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// transfer is Alpenglow's AWS Transfer Family (svc-netfw): Frankfurt's
// supplier SFTP server inside the VPC with a connector that fetches
// invoices from the bank and logs; the marketing agency's N. Virginia
// server, public and still accepting FTP for an old print shop, with a
// connector to the print shop that has no logging role.
func (x *b) transfer() {
	fra, iad := "eu-central-1", "us-east-1"
	logs := "arn:aws:iam::" + AccountID + ":role/transfer-logging"
	x.a.Transfer.Servers = append(x.a.Transfer.Servers,
		state.TransferServer{Meta: state.Meta{ARN: x.arn("transfer", fra, "server/s-0a1f000000000001"), Region: fra, Tags: tags("owner", "procurement")},
			ID: "s-0a1f000000000001", EndpointType: "VPC", State: "ONLINE", Domain: "S3", IdentityProviderType: "SERVICE_MANAGED", LoggingRole: logs,
			Described: true, Protocols: []string{"SFTP"}, VPCID: vpcOf(fra), SecurityPolicyName: "TransferSecurityPolicy-2024-01"},
		state.TransferServer{Meta: state.Meta{ARN: x.arn("transfer", iad, "server/s-0a1f000000000002"), Region: iad, Tags: tags("owner", "marketing")},
			ID: "s-0a1f000000000002", EndpointType: "PUBLIC", State: "ONLINE", Domain: "S3", IdentityProviderType: "SERVICE_MANAGED",
			Described: true, Protocols: []string{"SFTP", "FTP"}, SecurityPolicyName: "TransferSecurityPolicy-2018-11"},
	)
	x.a.Transfer.Connectors = append(x.a.Transfer.Connectors,
		state.TransferConnector{Meta: state.Meta{ARN: x.arn("transfer", fra, "connector/c-0a1f000000000001"), Region: fra, Tags: tags("owner", "finance")},
			ID: "c-0a1f000000000001", URL: "sftp://sftp.bank.example", Described: true, Kind: "SFTP", LoggingRole: logs},
		state.TransferConnector{Meta: state.Meta{ARN: x.arn("transfer", iad, "connector/c-0a1f000000000002"), Region: iad, Tags: tags("owner", "marketing")},
			ID: "c-0a1f000000000002", URL: "sftp://upload.printshop.example", Described: true, Kind: "SFTP"},
	)
}
