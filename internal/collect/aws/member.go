package aws

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/org"
)

// DefaultMemberRole is the role shoulder assumes in each account named by
// --accounts when --member-role is not given.
const DefaultMemberRole = "ShoulderAudit"

// MemberSessionName is the session name of the AssumeRole into a member
// account: it shows in the member's CloudTrail as the reader.
const MemberSessionName = "shoulder-scan"

// roleNameRe is IAM's role name syntax (1-64 of these characters).
var roleNameRe = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)

// ValidateAccountID reports whether id is an AWS account ID (12 digits):
// the rule of package org, the one place every flag naming an account uses.
func ValidateAccountID(id string) error { return org.ValidateAccountID(id) }

// MemberRoleARN is the ARN of role in account, the one rule for the role
// shoulder assumes in a member account. The role must be a plain role name:
// a path or an ARN is refused.
func MemberRoleARN(account, role string) (string, error) {
	if err := ValidateAccountID(account); err != nil {
		return "", err
	}
	if strings.HasPrefix(role, "arn:") || strings.Contains(role, "/") {
		return "", fmt.Errorf("member role %q: want a plain role name (e.g. %s), not a path or an ARN", role, DefaultMemberRole)
	}
	if !roleNameRe.MatchString(role) {
		return "", fmt.Errorf("member role %q: want an IAM role name (1-64 letters, digits or +=,.@_-)", role)
	}
	return "arn:aws:iam::" + account + ":role/" + role, nil
}
