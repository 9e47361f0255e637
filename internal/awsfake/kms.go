package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func (s *Server) kmsService() *service {
	return &service{name: "kms", proto: protoJSON, ops: map[string]handler{
		"ListKeys":             kmsListKeys,
		"ListAliases":          kmsListAliases,
		"DescribeKey":          kmsKey(kmsDescribeKey),
		"GetKeyRotationStatus": kmsKey(kmsGetKeyRotationStatus),
		"GetKeyPolicy":         kmsKey(kmsGetKeyPolicy),
		"ListGrants":           kmsKey(kmsListGrants),
		"ListResourceTags":     kmsKey(kmsListResourceTags),
	}}
}

// kmsPage pages with KMS's Limit/Marker: limit 1..max, default def.
func (c *call) kmsPage(n, def, max int) (start, end int, next string, err error) {
	limit, err := c.num("Limit", 0)
	if err != nil {
		return 0, 0, "", err
	}
	if limit < 0 || limit > max {
		return 0, 0, "", errf(400, "ValidationException", "1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value less than or equal to %d", limit, max)
	}
	return page(c.action, n, c.str("Marker"), limit, def, max)
}

func kmsListKeys(c *call) (*reply, error) {
	keys := c.s.idx.keys[c.region]
	start, end, next, err := c.kmsPage(len(keys), 100, 1000)
	if err != nil {
		return nil, err
	}
	out := &kms.ListKeysOutput{Keys: []kmstypes.KeyListEntry{}, Truncated: next != "", NextMarker: sp(next)}
	for _, k := range keys[start:end] {
		out.Keys = append(out.Keys, kmstypes.KeyListEntry{KeyId: sp(k.ID), KeyArn: sp(k.ARN)})
	}
	return c.jsonReply(out), nil
}

type kmsAlias struct {
	name string
	key  *state.Key
}

func kmsListAliases(c *call) (*reply, error) {
	var aliases []kmsAlias
	only := c.str("KeyId")
	for _, k := range c.s.idx.keys[c.region] {
		if only != "" && only != k.ID && only != k.ARN {
			continue
		}
		for _, a := range k.Aliases {
			aliases = append(aliases, kmsAlias{a, k})
		}
	}
	start, end, next, err := c.kmsPage(len(aliases), 50, 100)
	if err != nil {
		return nil, err
	}
	out := &kms.ListAliasesOutput{Aliases: []kmstypes.AliasListEntry{}, Truncated: next != "", NextMarker: sp(next)}
	for _, a := range aliases[start:end] {
		out.Aliases = append(out.Aliases, kmstypes.AliasListEntry{
			AliasName: sp(a.name), TargetKeyId: sp(a.key.ID),
			AliasArn: sp(c.s.acct.ARNPrefix() + "kms:" + c.region + ":" + c.s.acct.AccountID + ":" + a.name),
		})
	}
	return c.jsonReply(out), nil
}

// kmsKey resolves KeyId (an ID, a key ARN or an alias) in the request's region.
func kmsKey(h func(c *call, k *state.Key) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		id := c.str("KeyId")
		c.resource = id
		k := c.s.idx.keyByID[c.region+"/"+id]
		if k == nil && strings.HasPrefix(id, "alias/") {
			for _, x := range c.s.idx.keys[c.region] {
				if containsStr(x.Aliases, id) {
					k = x
				}
			}
		}
		if k == nil {
			return nil, errf(400, "NotFoundException", "Key '%s' does not exist", id)
		}
		c.resource = k.ID
		return h(c, k)
	}
}

func kmsDescribeKey(c *call, k *state.Key) (*reply, error) {
	md := &kmstypes.KeyMetadata{
		KeyId: sp(k.ID), Arn: sp(k.ARN), AWSAccountId: sp(c.s.acct.AccountID), CreationDate: tp(k.CreationDate),
		Enabled: k.State == "Enabled", Description: p(k.Description), KeyUsage: kmstypes.KeyUsageType(k.Usage),
		KeyState: kmstypes.KeyState(k.State), DeletionDate: k.DeletionDate, Origin: kmstypes.OriginType(k.Origin),
		KeyManager: kmstypes.KeyManagerType(k.Manager), KeySpec: kmstypes.KeySpec(k.Spec),
		CustomerMasterKeySpec: kmstypes.CustomerMasterKeySpec(k.Spec), MultiRegion: p(k.MultiRegion),
	}
	if k.Spec == "SYMMETRIC_DEFAULT" {
		md.EncryptionAlgorithms = []kmstypes.EncryptionAlgorithmSpec{kmstypes.EncryptionAlgorithmSpecSymmetricDefault}
	}
	if k.State == "PendingDeletion" {
		md.PendingDeletionWindowInDays = p(int32(30))
	}
	if k.MultiRegion {
		mr := &kmstypes.MultiRegionConfiguration{MultiRegionKeyType: kmstypes.MultiRegionKeyType(k.MultiRegionType)}
		primary := orDefault(k.PrimaryRegion, k.Region)
		mr.PrimaryKey = &kmstypes.MultiRegionKey{Region: p(primary), Arn: p(strings.Replace(k.ARN, ":"+k.Region+":", ":"+primary+":", 1))}
		for _, r := range k.ReplicaRegions {
			mr.ReplicaKeys = append(mr.ReplicaKeys, kmstypes.MultiRegionKey{Region: p(r), Arn: p(strings.Replace(k.ARN, ":"+k.Region+":", ":"+r+":", 1))})
		}
		md.MultiRegionConfiguration = mr
	}
	return c.jsonReply(&kms.DescribeKeyOutput{KeyMetadata: md}), nil
}

// kmsGetKeyRotationStatus answers like KMS: rotation exists only for
// symmetric keys with KMS-generated material; other keys get
// UnsupportedOperationException, and keys pending deletion
// KMSInvalidStateException.
func kmsGetKeyRotationStatus(c *call, k *state.Key) (*reply, error) {
	if k.Spec != "SYMMETRIC_DEFAULT" || k.Origin != "AWS_KMS" {
		return nil, errf(400, "UnsupportedOperationException", "%s key %s does not support automatic rotation", k.Spec, k.ARN)
	}
	if k.State == "PendingDeletion" || k.State == "PendingImport" {
		return nil, errf(400, "KMSInvalidStateException", "%s is pending deletion.", k.ARN)
	}
	out := &kms.GetKeyRotationStatusOutput{KeyId: sp(k.ARN), KeyRotationEnabled: k.RotationEnabled}
	if k.RotationEnabled {
		days := k.RotationPeriodDays
		if days == 0 {
			days = 365
		}
		out.RotationPeriodInDays = p(int32(days))
	}
	return c.jsonReply(out), nil
}

func kmsGetKeyPolicy(c *call, k *state.Key) (*reply, error) {
	if name := c.str("PolicyName"); name != "" && name != "default" {
		return nil, errf(400, "NotFoundException", "No such policy exists")
	}
	return c.jsonReply(&kms.GetKeyPolicyOutput{Policy: p(k.Policy), PolicyName: p("default")}), nil
}

func kmsListGrants(c *call, k *state.Key) (*reply, error) {
	start, end, next, err := c.kmsPage(len(k.Grants), 50, 100)
	if err != nil {
		return nil, err
	}
	out := &kms.ListGrantsOutput{Grants: []kmstypes.GrantListEntry{}, Truncated: next != "", NextMarker: sp(next)}
	for _, g := range k.Grants[start:end] {
		e := kmstypes.GrantListEntry{KeyId: sp(k.ARN), GrantId: sp(g.ID), GranteePrincipal: sp(g.GranteePrincipal),
			RetiringPrincipal: sp(g.RetiringPrincipal), IssuingAccount: sp(g.IssuingAccount), CreationDate: tp(k.CreationDate)}
		for _, op := range g.Operations {
			e.Operations = append(e.Operations, kmstypes.GrantOperation(op))
		}
		out.Grants = append(out.Grants, e)
	}
	return c.jsonReply(out), nil
}

func kmsListResourceTags(c *call, k *state.Key) (*reply, error) {
	keys := sortedKeys(k.Tags)
	start, end, next, err := c.kmsPage(len(keys), 50, 50)
	if err != nil {
		return nil, err
	}
	out := &kms.ListResourceTagsOutput{Tags: []kmstypes.Tag{}, Truncated: next != "", NextMarker: sp(next)}
	for _, t := range keys[start:end] {
		out.Tags = append(out.Tags, kmstypes.Tag{TagKey: p(t), TagValue: p(k.Tags[t])})
	}
	return c.jsonReply(out), nil
}
