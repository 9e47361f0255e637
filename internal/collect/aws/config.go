package aws

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"

	"github.com/shoulder-dev/shoulder/internal/collect"
)

// CredentialsError says that no credentials could be found, and what was tried.
type CredentialsError struct {
	Tried []string
	Err   error
}

func (e *CredentialsError) Error() string {
	return "no AWS credentials found; tried, in order:\n  - " + strings.Join(e.Tried, "\n  - ") +
		"\nset one of these up (e.g. `aws configure`, `aws sso login --profile NAME`, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY); or use --demo or --snapshot FILE to scan without AWS" +
		"\n(the SDK said: " + e.Err.Error() + ")"
}

func (e *CredentialsError) Unwrap() error { return e.Err }

// triedSources describes the default credential chain as the SDK walks it,
// with what this environment had for each step.
func triedSources(profile string) []string {
	env := func(k string) string { return os.Getenv(k) }
	have := func(ok bool, yes, no string) string {
		if ok {
			return yes
		}
		return no
	}
	if profile == "" {
		profile = have(env("AWS_PROFILE") != "", env("AWS_PROFILE")+" (AWS_PROFILE)", "default")
	}
	home, _ := os.UserHomeDir()
	credFile := have(env("AWS_SHARED_CREDENTIALS_FILE") != "", env("AWS_SHARED_CREDENTIALS_FILE"), home+"/.aws/credentials")
	confFile := have(env("AWS_CONFIG_FILE") != "", env("AWS_CONFIG_FILE"), home+"/.aws/config")
	return []string{
		"environment: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY " + have(env("AWS_ACCESS_KEY_ID") != "", "(set but incomplete or rejected)", "(not set)"),
		"shared config and credentials files, profile " + profile + ": " + credFile + ", " + confFile + " (static keys, credential_process, role_arn)",
		"IAM Identity Center (SSO) settings of that profile (sso_session / sso_start_url; needs `aws sso login`)",
		"web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN " + have(env("AWS_WEB_IDENTITY_TOKEN_FILE") != "", "(set)", "(not set)"),
		"container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI " + have(env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")+env("AWS_CONTAINER_CREDENTIALS_FULL_URI") != "", "(set)", "(not set)"),
		"EC2 instance metadata (IMDS) " + have(strings.EqualFold(env("AWS_EC2_METADATA_DISABLED"), "true"), "(disabled by AWS_EC2_METADATA_DISABLED)", "(no instance role answered)"),
	}
}

// loadConfig builds the SDK configuration like the AWS CLI does: default
// chain, profile, optional AssumeRole, endpoint override, adaptive retry
// without a retry quota.
func (c *collector) loadConfig(ctx context.Context) (sdk.Config, error) {
	o := c.opts
	lo := []func(*config.LoadOptions) error{
		config.WithRetryer(func() sdk.Retryer { return c.retryer() }),
		// The SDK's own warnings (e.g. a body left unread on Ctrl-C) would
		// interleave with the progress display; failures reach the gaps.
		config.WithLogger(logging.Nop{}),
	}
	if o.Profile != "" {
		lo = append(lo, config.WithSharedConfigProfile(o.Profile))
	}
	if o.EndpointURL != "" {
		lo = append(lo, config.WithBaseEndpoint(o.EndpointURL))
	}
	shared := c.http
	if shared != nil {
		// LoadDefaultConfig is given the options (AWS_CA_BUNDLE is
		// applied to a BuildableClient only); the shared client is
		// built from what it resolved, below.
		lo = append(lo, config.WithHTTPClient(shared.opts))
	} else {
		lo = append(lo, config.WithHTTPClient(o.HTTPClient))
	}
	if o.HomeRegion != "" {
		lo = append(lo, config.WithRegion(o.HomeRegion))
	}
	lo = append(lo, o.LoadOptions...)
	cfg, err := config.LoadDefaultConfig(ctx, lo...)
	if err != nil {
		return cfg, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if shared != nil {
		cfg.HTTPClient = shared.bind(cfg.HTTPClient)
	}
	if cfg.Credentials == nil {
		return cfg, &CredentialsError{Tried: triedSources(o.Profile), Err: errors.New("no credential provider")}
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if ctx.Err() != nil {
			return cfg, ctx.Err()
		}
		return cfg, &CredentialsError{Tried: triedSources(o.Profile), Err: err}
	}
	if o.RoleARN != "" {
		// The AssumeRole call is a declared operation like any other:
		// refused if undeclared, paced, counted.
		stsc := sts.NewFromConfig(cfg, func(so *sts.Options) {
			so.APIOptions = append(so.APIOptions, c.instrument("sts", cfg.Region))
		})
		cfg.Credentials = sdk.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsc, o.RoleARN, func(ar *stscreds.AssumeRoleOptions) {
			ar.RoleSessionName = "shoulder-" + time.Now().UTC().Format("20060102T150405")
			if o.SessionName != "" {
				ar.RoleSessionName = o.SessionName
			}
			if o.ExternalID != "" {
				ar.ExternalID = sdk.String(o.ExternalID)
			}
		}))
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return cfg, fmt.Errorf("assuming role %s: %w", o.RoleARN, err)
		}
	}
	return cfg, nil
}

// errAttemptTimeout marks an attempt that ran past CallTimeout.
type attemptTimeout struct{ err error }

func (e *attemptTimeout) Error() string { return "call timed out: " + e.err.Error() }

// Unwrap lets errors.Is(err, context.DeadlineExceeded) see the timeout.
func (e *attemptTimeout) Unwrap() error { return context.DeadlineExceeded }

// retryer is the SDK's adaptive retry (client-side rate adaptation on
// throttling) with the retry quota disabled: the quota exists to stop
// retry storms from one client to a struggling service, but for a scanner
// that paces itself it turns a throttling burst into failed reads.
func (c *collector) retryer() sdk.Retryer {
	return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
		ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = c.opts.MaxAttempts
			so.MaxBackoff = c.opts.MaxBackoff
			so.RateLimiter = ratelimit.None
			// A timed-out attempt is not retried: the endpoint is hung, and
			// waiting MaxAttempts times as long would make the scan hang. Nor
			// is an emulator's "not implemented" 500 (see collect.Classify).
			so.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) sdk.Ternary {
				var t *attemptTimeout
				if errors.As(err, &t) || collect.IsNotImplemented(err) {
					return sdk.FalseTernary
				}
				return sdk.UnknownTernary
			})}, so.Retryables...)
		})
	})
}

type attemptCounter struct{}

// instrument adds shoulder's per-attempt middleware to a client of service
// in region: it refuses undeclared operations, waits for the (region,
// action) token bucket, bounds the attempt with CallTimeout, and counts the
// attempt, its latency and throttling.
func (c *collector) instrument(service, region string) func(*middleware.Stack) error {
	return func(st *middleware.Stack) error {
		for _, o := range c.opts.APIOptions {
			if err := o(st); err != nil {
				return err
			}
		}
		err := st.Initialize.Add(middleware.InitializeMiddlewareFunc("shoulder/attempts",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				return next.HandleInitialize(middleware.WithStackValue(ctx, attemptCounter{}, new(int32)), in)
			}), middleware.Before)
		if err != nil {
			return err
		}
		return st.Finalize.Insert(middleware.FinalizeMiddlewareFunc("shoulder/pace-and-count",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				action := awsmiddleware.GetOperationName(ctx)
				op, ok := c.decl.Lookup(service, action)
				if !ok {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("shoulder refuses %s:%s: it is not in the operation declaration", service, action)
				}
				waited, err := c.limiters.For(region, op).Wait(ctx)
				if err != nil {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, err
				}
				n := int32(1)
				if p, ok := middleware.GetStackValue(ctx, attemptCounter{}).(*int32); ok {
					n = atomic.AddInt32(p, 1)
				}
				if err := c.opts.Gate.Enter(ctx); err != nil {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, err
				}
				defer c.opts.Gate.Leave()
				actx, cancel := context.WithTimeout(ctx, c.opts.CallTimeout)
				defer cancel()
				t0 := time.Now()
				out, md, err := next.HandleFinalize(actx, in)
				lat := time.Since(t0)
				throttled := collect.IsThrottle(err)
				c.stats.Attempt(service, action, lat, waited, n > 1, throttled)
				if throttled {
					c.progress.Throttled(region, service)
				}
				if err != nil && ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
					err = &attemptTimeout{err: err}
				}
				return out, md, err
			}), "Retry", middleware.After)
	}
}

// clients holds the SDK clients that per-item reads share: S3's of each
// bucket's region and CloudTrail's of each trail's home region. Every other
// collector makes its client once, when it starts (an EC2 client takes
// 2 KB and 2 us to make, an S3 one 6 KB and 10 us: BenchmarkNewClient), and
// drops it when it ends.
//
// The cache is typed, one map per service: a cache of `any` (or a generic
// one) converts each client to an interface, and a client converted to an
// interface keeps every exported method of its type in the binary, the
// writes included (see TestBinaryHasNoWrites).
type clients struct {
	mu         sync.Mutex
	s3         map[string]*s3.Client
	cloudtrail map[string]*cloudtrail.Client
}

// s3In returns the cached S3 client of region, making it with mk.
func (cs *clients) s3In(region string, mk func() *s3.Client) *s3.Client {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.s3 == nil {
		cs.s3 = map[string]*s3.Client{}
	}
	cl, ok := cs.s3[region]
	if !ok {
		cl = mk()
		cs.s3[region] = cl
	}
	return cl
}

// trailIn returns the cached CloudTrail client of region, making it with mk.
func (cs *clients) trailIn(region string, mk func() *cloudtrail.Client) *cloudtrail.Client {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.cloudtrail == nil {
		cs.cloudtrail = map[string]*cloudtrail.Client{}
	}
	cl, ok := cs.cloudtrail[region]
	if !ok {
		cl = mk()
		cs.cloudtrail[region] = cl
	}
	return cl
}
