package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// kms lists a region's keys and aliases, then describes each key. For AWS
// managed keys nothing more is read: AWS writes their policy, rotates them
// every year and nobody can change either, so their policy, rotation,
// grants and tags decide no customer duty. For customer keys the policy,
// grants and tags are read, and rotation where AWS supports it (symmetric
// keys with key material from KMS; rotation of others is an error).
func (c *collector) kms(ctx context.Context, region string) {
	cl := kms.NewFromConfig(c.cfg, func(o *kms.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("kms", region))
	})
	var keys []state.Key
	err := c.do(ctx, "kms", "ListKeys", region, "", nil, func(ctx context.Context) error {
		params := kms.ListKeysInput{Limit: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListKeys(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, k := range page.Keys {
				keys = append(keys, state.Key{Meta: meta(str(k.KeyArn), region, nil), ID: str(k.KeyId)})
			}
			return page.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	aliases := map[string][]string{}
	_ = c.do(ctx, "kms", "ListAliases", region, "", nil, func(ctx context.Context) error {
		params := kms.ListAliasesInput{Limit: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListAliases(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, a := range page.Aliases {
				if a.TargetKeyId != nil {
					aliases[str(a.TargetKeyId)] = append(aliases[str(a.TargetKeyId)], str(a.AliasName))
				}
			}
			return page.NextMarker, nil
		})
	})
	for i := range keys {
		keys[i].Aliases = aliases[keys[i].ID]
	}
	done := c.perItem(len(keys), func() {
		c.rec.Update(func(a *state.Account) { a.KMS.Keys = append(a.KMS.Keys, keys...) })
	})
	for i := range keys {
		k := &keys[i]
		// Every action the task makes is named: the lane is sized by the
		// slowest one (ListResourceTags), and a cancelled task leaves a gap
		// for each.
		c.item("kms", region, k.ARN, done, func(ctx context.Context) { c.kmsKey(ctx, cl, region, k) },
			"DescribeKey", "GetKeyRotationStatus", "GetKeyPolicy", "ListGrants", "ListResourceTags")
	}
}

func (c *collector) kmsKey(ctx context.Context, cl *kms.Client, region string, k *state.Key) {
	id := sdk.String(k.ID)
	err := c.do(ctx, "kms", "DescribeKey", region, k.ARN, nil, func(ctx context.Context) error {
		out, err := cl.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: id})
		if err != nil || out.KeyMetadata == nil {
			return err
		}
		m := out.KeyMetadata
		k.Manager, k.Origin, k.State, k.Usage, k.Spec = string(m.KeyManager), string(m.Origin), string(m.KeyState), string(m.KeyUsage), string(m.KeySpec)
		k.Description, k.CreationDate, k.DeletionDate = str(m.Description), tm(m.CreationDate), tptr(m.DeletionDate)
		k.MultiRegion = b(m.MultiRegion)
		if mr := m.MultiRegionConfiguration; mr != nil {
			k.MultiRegionType = string(mr.MultiRegionKeyType)
			if mr.PrimaryKey != nil {
				k.PrimaryRegion = str(mr.PrimaryKey.Region)
			}
			if mr.MultiRegionKeyType == types.MultiRegionKeyTypePrimary {
				for _, r := range mr.ReplicaKeys {
					k.ReplicaRegions = append(k.ReplicaRegions, str(r.Region))
				}
			}
		}
		return nil
	})
	if err != nil || k.Manager == string(types.KeyManagerTypeAws) {
		return
	}
	if k.Spec == string(types.KeySpecSymmetricDefault) && k.Origin == string(types.OriginTypeAwsKms) && k.State != string(types.KeyStatePendingDeletion) && k.State != string(types.KeyStatePendingImport) {
		_ = c.do(ctx, "kms", "GetKeyRotationStatus", region, k.ARN, nil, func(ctx context.Context) error {
			out, err := cl.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: id})
			if err == nil {
				k.RotationEnabled, k.RotationPeriodDays = out.KeyRotationEnabled, i32(out.RotationPeriodInDays)
			}
			return err
		})
	}
	_ = c.do(ctx, "kms", "GetKeyPolicy", region, k.ARN, nil, func(ctx context.Context) error {
		out, err := cl.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: id, PolicyName: sdk.String("default")})
		if err == nil {
			k.Policy = str(out.Policy)
		}
		return err
	})
	_ = c.do(ctx, "kms", "ListGrants", region, k.ARN, nil, func(ctx context.Context) error {
		params := kms.ListGrantsInput{KeyId: id, Limit: sdk.Int32(100)}
		var grants []state.Grant
		if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListGrants(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.Grants {
				gr := state.Grant{ID: str(g.GrantId), GranteePrincipal: str(g.GranteePrincipal), RetiringPrincipal: str(g.RetiringPrincipal), IssuingAccount: str(g.IssuingAccount)}
				for _, o := range g.Operations {
					gr.Operations = append(gr.Operations, string(o))
				}
				grants = append(grants, gr)
			}
			return page.NextMarker, nil
		}); err != nil {
			return err
		}
		k.Grants = grants
		return nil
	})
	_ = c.do(ctx, "kms", "ListResourceTags", region, k.ARN, nil, func(ctx context.Context) error {
		params := kms.ListResourceTagsInput{KeyId: id, Limit: sdk.Int32(50)}
		var tags []types.Tag
		if err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListResourceTags(ctx, &params)
			if err != nil {
				return nil, err
			}
			tags = append(tags, page.Tags...)
			return page.NextMarker, nil
		}); err != nil {
			return err
		}
		k.Tags = tagMap(tags, func(t types.Tag) (*string, *string) { return t.TagKey, t.TagValue })
		return nil
	})
}
