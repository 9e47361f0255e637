package checks

import (
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Helpers shared by the data-store checks (S3, KMS, EBS, RDS, Redshift,
// WorkSpaces, DynamoDB, EFS, AWS Backup).

// arnPart returns the i-th colon-separated field of an ARN
// (2 service, 3 region, 4 account, 5 resource); "" when arn is not an ARN.
func arnPart(arn string, i int) string {
	f, _ := state.ARNField(arn, i)
	return f
}

// trustedAccount reports whether an account ID is the scanned account or
// one the customer's policy trusts.
func trustedAccount(a *state.Account, p *policy.Policy, id string) bool {
	return id == a.AccountID || p.IsTrustedAccount(id)
}

// untrustedAccounts returns the IDs among ids that are neither the account
// itself nor trusted by the policy, sorted and without duplicates.
func untrustedAccounts(a *state.Account, p *policy.Policy, ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if id == "" || seen[id] || trustedAccount(a, p, id) {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// defaultRequiredCustody is what sensitive data needs when the policy
// states no custody requirements: a key the customer controls.
const defaultRequiredCustody = custody.CustomerManaged

// requiredCustody returns the minimum custody level the policy requires for
// a resource with these tags, and the classification it was derived from.
// ok is false when nothing is required. A classification listed in
// required_custody wins over "*"; without any required_custody, sensitive
// data needs a customer managed key. err is set when the policy names a
// level that does not exist.
func requiredCustody(p *policy.Policy, tags map[string]string) (min custody.Level, class string, ok bool, err error) {
	class = p.Classification(tags)
	if p == nil || len(p.RequiredCustody) == 0 {
		if p.IsSensitive(tags) {
			return defaultRequiredCustody, class, true, nil
		}
		return custody.Unknown, class, false, nil
	}
	name, found := "", false
	for k, v := range p.RequiredCustody {
		if class != "" && strings.EqualFold(k, class) {
			name, found = v, true
			break
		}
	}
	if !found {
		name, found = p.RequiredCustody["*"]
	}
	if !found {
		return custody.Unknown, class, false, nil
	}
	l, err := custody.Parse(name)
	if err != nil {
		return custody.Unknown, class, false, err
	}
	return l, class, true, nil
}

// tagsGap reports the gap that left a resource's tags unread, which leaves
// its data classification unknown: empty tags read from a failed call are
// not "untagged". Most listings return tags with each resource; S3 buckets
// (GetBucketTagging) and DynamoDB tables (ListTagsOfResource) need a call
// of their own, recorded per resource ARN; Lambda functions and WorkSpaces
// get theirs from the Tagging API's GetResources, one listing per region;
// CloudTrail trails from ListTags at their home region.
func tagsGap(a *state.Account, m state.Meta) (state.Gap, bool) {
	switch arnPart(m.ARN, 2) {
	case "s3":
		return a.Gaps.ForInput(state.InputS3BucketTags, m.Region, m.ARN)
	case "dynamodb":
		return a.Gaps.ForInput(state.InputDynamoDBTags, m.Region, m.ARN)
	case "lambda", "workspaces", "sqs", "ecr", "elasticache", "kinesis", "firehose", "es":
		return a.Gaps.ForInput(state.InputTaggedResourceTags, m.Region, m.ARN)
	case "cloudtrail":
		return a.Gaps.ForInput(state.InputCloudTrailTags, m.Region, m.ARN)
	case "mq": // svc-mq: a broker's tags come with DescribeBroker
		return a.Gaps.ForInput(state.InputMQBrokerDetails, m.Region, m.ARN)
	}
	return state.Gap{}, false
}

// sensitiveNA is the not_applicable result for a duty that only sensitive
// data carries.
func sensitiveNA(r state.Resource, p *policy.Policy, what string) check.Result {
	c := p.Classification(r.Ref().Tags)
	if c == "" {
		c = "untagged"
	}
	return check.NotApplicableR(r, "%s is only required for sensitive data; classification is %s (tag %s)", what, c, p.ClassTag())
}
