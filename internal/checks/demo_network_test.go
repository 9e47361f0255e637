package checks

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

// nwDemoPolicy is the demo company's intent as the network, patching and
// residency checks need it: EU regions only, the Munich office and VPN as
// corporate networks, one trusted partner.
func nwDemoPolicy() *policy.Policy {
	return &policy.Policy{
		AllowedRegions:  []string{"eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2"},
		CorporateCIDRs:  []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("10.200.0.0/16")},
		TrustedAccounts: []string{builder.TrustedPartner},
	}
}

// nwDemoMustFail are the checks the demo account must trip: every area this
// group of checks covers, and each beyond-benchmark duty (VPN, residency,
// patching, corporate-only admin access, public AMIs).
func nwDemoMustFail() []string {
	return []string{
		// network
		"ec2_sg_no_admin_ports_from_internet", "ec2_sg_no_db_ports_from_internet", "ec2_sg_admin_ports_corporate_only",
		"ec2_sg_default_restricts_all", "ec2_nacl_no_admin_ports_from_internet", "ec2_vpc_flow_logs_enabled",
		"ec2_subnet_no_auto_public_ip", "ec2_subnet_db_no_internet_route", "ec2_instance_no_public_ip", "ec2_instance_imdsv2_required",
		"ec2_vpn_tunnels_up", "ec2_vpn_ikev2_only", "ec2_vpn_phase1_strong_algorithms", "ec2_vpn_client_authorization_scoped",
		"elb_alb_waf_attached", "elb_alb_desync_mitigation", "ec2_instance_source_dest_check", "ec2_instance_launch_template_no_public_ip",
		"ec2_instance_launch_template_imdsv2", "ec2_vpc_transit_gateway_no_auto_accept",
		// encryption in transit
		"elb_alb_http_redirects_to_https", "elb_v2_recommended_tls_policy", "elb_classic_acm_certificate",
		// patching
		"ssm_instance_managed", "ssm_instance_patch_compliant", "ec2_instance_ami_age", "ec2_instance_ami_not_deprecated",
		"ec2_instance_stopped_under_30_days", "ec2_instance_not_paravirtual", "rds_pending_maintenance_applied", "workspaces_image_up_to_date", "workspaces_directory_maintenance_mode",
		// access and sharing
		"ec2_snapshot_public_not_restorable", "ec2_ami_not_public", "ec2_ami_shared_trusted_only", "ssm_document_not_public",
		// data residency
		"account_enabled_regions_allowed", "s3_bucket_in_allowed_region", "ec2_snapshot_in_allowed_region", "rds_instance_in_allowed_region",
		"rds_instance_replica_in_allowed_region", "rds_instance_backup_replication_in_allowed_region", "kms_key_replica_in_allowed_region",
		"redshift_cluster_in_allowed_region", "cloudtrail_logs_in_allowed_region", "backup_plan_copy_in_allowed_region",
		"dynamodb_table_in_allowed_region", "dynamodb_table_replica_in_allowed_region", "backup_vault_in_allowed_region",
	}
}

func TestDemoTripsNetworkPatchingResidency(t *testing.T) {
	a := builder.Build()
	p := nwDemoPolicy()
	by := ByID()
	for _, id := range nwDemoMustFail() {
		c, ok := by[id]
		if !ok {
			t.Errorf("%s is not registered", id)
			continue
		}
		fails := 0
		for _, r := range c.Run(a, p) {
			if r.Status == check.Fail {
				fails++
			}
		}
		if fails == 0 {
			t.Errorf("the demo account does not trip %s", id)
		}
	}
	// The management account's facts place the demo in an OU the EU-only
	// SCP is not attached to: a failure with that evidence.
	if r := by["organizations_region_deny_scp"].Run(a, p); len(r) != 1 || r[0].Status != check.Fail || !strings.Contains(r[0].Message, "read from account") {
		t.Errorf("organizations_region_deny_scp on the demo = %+v, want one failure from the applied facts", r)
	}
	// Without them, the member account cannot list SCPs: unknown, not a failure.
	a.OrgFacts = nil
	if r := by["organizations_region_deny_scp"].Run(a, p); len(r) != 1 || r[0].Status != check.Unknown {
		t.Errorf("organizations_region_deny_scp on the demo without org facts = %+v, want one unknown", r)
	}
}
