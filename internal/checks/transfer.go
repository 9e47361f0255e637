package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// transferChecks are the customer's duties on AWS Transfer Family
// (svc-netfw): AWS runs the servers and connectors, but which protocols a
// server accepts, whether its endpoint faces the internet and whether
// connectors log are the owner's settings.
func transferChecks() []check.Check {
	return []check.Check{
		transferServerCheck("transfer_server_no_ftp", func(s state.TransferServer) check.Result {
			if s.Speaks("FTP") {
				return check.FailR(s, "server %s accepts FTP (%s): credentials and files cross the network in clear text", s.ID, strings.Join(s.Protocols, ", "))
			}
			return check.PassR(s, "server %s accepts %s, not FTP", s.ID, strings.Join(s.Protocols, ", "))
		}),
		transferServerCheck("transfer_server_endpoint_not_public", func(s state.TransferServer) check.Result {
			if s.InternetFacing() {
				how := "a PUBLIC endpoint"
				if s.EndpointType == "VPC" {
					how = "a VPC endpoint with Elastic IPs"
				}
				return check.FailR(s, "server %s is %s: reachable from the internet through %s", s.ID, exposure.Public, how)
			}
			return check.PassR(s, "server %s is %s: its %s endpoint is reachable only from inside the VPC", s.ID, exposure.Private, s.EndpointType)
		}),
		transferConnectorLogging(),
	}
}

// transferServerCheck judges every described Transfer Family server.
func transferServerCheck(id string, judge func(state.TransferServer) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "transfer", []state.Input{state.InputTransferServers}, a.Transfer.Servers, func(s state.TransferServer) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputTransferServerDetails, s.Region, s.ARN); ok {
					return check.GapR(s, g)
				}
				if !s.Described {
					return check.UnknownR(s, "server %s's description was not reported", s.ID)
				}
				return judge(s)
			})
		},
	}
}

// transferConnectorLogging passes connectors with a logging role (FSBP
// Transfer.3): without one a connector writes nothing to CloudWatch Logs.
func transferConnectorLogging() check.Check {
	return check.Check{
		ID: "transfer_connector_logging",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "transfer", []state.Input{state.InputTransferConnectors}, a.Transfer.Connectors, func(k state.TransferConnector) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputTransferConnectorDetails, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				switch {
				case !k.Described:
					return check.UnknownR(k, "connector %s's description was not reported", k.ID)
				case k.LoggingRole != "":
					return check.PassR(k, "connector %s logs to CloudWatch Logs through role %s", k.ID, k.LoggingRole)
				}
				return check.FailR(k, "connector %s (%s) has no logging role: its transfers leave no logs", k.ID, k.URL)
			})
		},
	}
}
