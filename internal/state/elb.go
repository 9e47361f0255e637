package state

import "strings"

// Gap service names for Elastic Load Balancing. The two generations are
// separate APIs with the same operation names (DescribeLoadBalancers,
// DescribeLoadBalancerAttributes), so their gaps carry different services:
// a denied classic listing must not hide the application load balancers.
const (
	// ELBServiceV2 is the gap service of application, network and gateway
	// load balancers (elasticloadbalancing v2: DescribeLoadBalancers,
	// DescribeListeners, DescribeRules, DescribeLoadBalancerAttributes).
	ELBServiceV2 = "elbv2"
	// ELBServiceClassic is the gap service of Classic Load Balancers
	// (DescribeLoadBalancers, DescribeLoadBalancerAttributes,
	// DescribeLoadBalancerPolicies).
	ELBServiceClassic = "elb"
)

// Load balancer types.
const (
	LBApplication = "application"
	LBNetwork     = "network"
	LBGateway     = "gateway"
	LBClassic     = "classic"
)

// ELB holds the load balancers of every scanned region, both generations.
type ELB struct {
	LoadBalancers []LoadBalancer `json:"load_balancers,omitempty"`
}

// LoadBalancer is an application, network, gateway or classic load
// balancer with its listeners and the attributes the checks read.
// Attributes the collector could not read are recorded as a Gap for the load
// balancer's ARN (DescribeLoadBalancerAttributes, DescribeListeners,
// wafv2 GetWebACLForResource); the fields then hold their zero values.
type LoadBalancer struct {
	Meta
	Name string `json:"name"`
	// Type is application, network, gateway or classic.
	Type string `json:"type"`
	// Scheme is internet-facing or internal.
	Scheme  string `json:"scheme"`
	VPCID   string `json:"vpc_id,omitempty"`
	DNSName string `json:"dns_name,omitempty"`
	// AvailabilityZones are the zones the load balancer has nodes in.
	AvailabilityZones []string   `json:"availability_zones,omitempty"`
	SecurityGroups    []string   `json:"security_groups,omitempty"`
	Listeners         []Listener `json:"listeners,omitempty"`

	// AccessLogs is access_logs.s3.enabled (v2) or AccessLog.Enabled (classic).
	AccessLogs       bool   `json:"access_logs"`
	AccessLogsBucket string `json:"access_logs_bucket,omitempty"`
	// DeletionProtection is deletion_protection.enabled (v2 only).
	DeletionProtection bool `json:"deletion_protection,omitempty"`
	// DropInvalidHeaders is routing.http.drop_invalid_header_fields.enabled (ALB only).
	DropInvalidHeaders bool `json:"drop_invalid_headers,omitempty"`
	// DesyncMitigationMode is monitor, defensive or strictest (ALB and
	// classic); empty means the attribute was not returned.
	DesyncMitigationMode string `json:"desync_mitigation_mode,omitempty"`
	// CrossZone is cross-zone load balancing (classic, network, gateway;
	// always on for ALBs).
	CrossZone bool `json:"cross_zone,omitempty"`
	// ConnectionDraining and its timeout (classic only).
	ConnectionDraining        bool `json:"connection_draining,omitempty"`
	ConnectionDrainingTimeout int  `json:"connection_draining_timeout,omitempty"`
	// WebACLARN is the associated AWS WAF web ACL (ALB only), empty when none.
	WebACLARN string `json:"web_acl_arn,omitempty"`
}

// Classic is true for a Classic Load Balancer.
func (l LoadBalancer) Classic() bool { return l.Type == LBClassic }

// GapService is the gap service name for this load balancer's generation.
func (l LoadBalancer) GapService() string {
	if l.Classic() {
		return ELBServiceClassic
	}
	return ELBServiceV2
}

// Listener is one listener. For classic load balancers Protocol is HTTP,
// HTTPS, TCP or SSL and InstanceProtocol is the back-end protocol; for v2
// Protocol is HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP or GENEVE.
type Listener struct {
	ARN              string `json:"arn,omitempty"`
	Protocol         string `json:"protocol"`
	Port             int    `json:"port"`
	InstanceProtocol string `json:"instance_protocol,omitempty"`
	// SSLPolicy is the v2 security policy name (ELBSecurityPolicy-...) or the
	// classic listener's policy name.
	SSLPolicy string `json:"ssl_policy,omitempty"`
	// ReferenceSecurityPolicy is, for classic listeners, the predefined
	// policy the listener's policy was built from (Reference-Security-Policy).
	ReferenceSecurityPolicy string `json:"reference_security_policy,omitempty"`
	// Certificates are the server certificate ARNs (ACM or IAM).
	Certificates []string `json:"certificates,omitempty"`
	// DefaultActions and RuleActions are the actions of an ALB listener: the
	// default one(s) and those of every other rule.
	DefaultActions []ListenerAction `json:"default_actions,omitempty"`
	RuleActions    []ListenerAction `json:"rule_actions,omitempty"`
}

// Secure is true when the listener terminates TLS.
func (l Listener) Secure() bool {
	switch strings.ToUpper(l.Protocol) {
	case "HTTPS", "TLS", "SSL":
		return true
	}
	return false
}

// ListenerAction is one ALB listener action.
type ListenerAction struct {
	// Type is forward, redirect, fixed-response, authenticate-oidc or authenticate-cognito.
	Type string `json:"type"`
	// RedirectProtocol is the redirect's protocol (HTTPS, HTTP or #{protocol}).
	RedirectProtocol string `json:"redirect_protocol,omitempty"`
}
