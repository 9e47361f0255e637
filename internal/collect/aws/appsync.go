package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appsync"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// appSyncPage is ListGraphqlApis's largest page.
const appSyncPage = 25

// appSync reads a region's GraphQL APIs (authorization modes, log
// configuration and tags in the listing), then each API's cache with
// GetApiCache (a NotFoundException means the API has no cache).
func (c *collector) appSync(ctx context.Context, region string) {
	cl := appsync.NewFromConfig(c.cfg, func(o *appsync.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("appsync", region))
	})
	var apis []state.GraphQLAPI
	err := c.do(ctx, "appsync", "ListGraphqlApis", region, "", nil, func(ctx context.Context) error {
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			out, err := cl.ListGraphqlApis(ctx, &appsync.ListGraphqlApisInput{MaxResults: appSyncPage, NextToken: token})
			if err != nil {
				return nil, err
			}
			for _, g := range out.GraphqlApis {
				x := state.GraphQLAPI{Meta: meta(str(g.Arn), region, tagsOrNil(g.Tags)), ID: str(g.ApiId), Name: str(g.Name),
					AuthenticationType: string(g.AuthenticationType)}
				for _, p := range g.AdditionalAuthenticationProviders {
					x.AdditionalAuthenticationTypes = append(x.AdditionalAuthenticationTypes, string(p.AuthenticationType))
				}
				if l := g.LogConfig; l != nil {
					x.FieldLogLevel = string(l.FieldLogLevel)
				}
				apis = append(apis, x)
			}
			return out.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(apis), func() {
		c.rec.Update(func(a *state.Account) { a.AppSync.APIs = append(a.AppSync.APIs, apis...) })
	})
	for i := range apis {
		x := &apis[i]
		c.item("appsync", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "appsync", "GetApiCache", region, x.ARN, []string{"NotFoundException"}, func(ctx context.Context) error {
				out, err := cl.GetApiCache(ctx, &appsync.GetApiCacheInput{ApiId: sdk.String(x.ID)})
				if err != nil {
					return err
				}
				if k := out.ApiCache; k != nil {
					x.Cache = &state.AppSyncCache{Type: string(k.Type), Status: string(k.Status),
						AtRestEncryption: k.AtRestEncryptionEnabled, TransitEncryption: k.TransitEncryptionEnabled}
				}
				return nil
			})
		}, "GetApiCache")
	}
}

// tagsOrNil is m, nil when empty.
func tagsOrNil(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
