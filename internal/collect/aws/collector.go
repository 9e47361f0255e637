// Package aws collects a live AWS account into a state.Account with
// aws-sdk-go-v2, read-only, under the operation declaration of package
// collect: every call goes through a client-side token bucket per (region,
// action), the SDK's adaptive retry (its retry quota disabled), a per-attempt
// timeout and call accounting; every call that fails after its retries is
// recorded as a coverage gap and the collection goes on.
//
// Global services (IAM, Organizations, S3's bucket list, the account's
// alternate contacts) are read once; regional ones once per scanned region.
// Each service has its own file.
package aws

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Options select the account, the regions and the pace of a collection.
// The zero value collects the default credential chain's account in every
// enabled region with the default limits.
type Options struct {
	// Profile is the shared-config profile (like `aws --profile`).
	Profile string
	// RoleARN, when set, is assumed (with ExternalID if set) on top of the
	// base credentials, and the collection runs as that role.
	RoleARN    string
	ExternalID string
	// SessionName names the AssumeRole session (default shoulder-<time>).
	SessionName string
	// Regions limits the scan; empty means every region enabled for the
	// account (DescribeRegions AllRegions=true).
	Regions []string
	// VetRegions, when set, judges Regions once DescribeRegions answered:
	// listed holds every region the endpoint lists, nil when the listing
	// failed. An error stops the collection before any resource is read
	// and is Collect's error.
	VetRegions func(listed map[string]bool) error
	// HomeRegion is where global calls go; empty means the configured
	// region (AWS_REGION, the profile) or us-east-1.
	HomeRegion string
	// EndpointURL sends every service's calls to one endpoint (an emulator).
	// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> work too, through the SDK.
	EndpointURL string
	// CallTimeout bounds each HTTP attempt (default 30s). A timed-out
	// attempt is not retried: it becomes a `timeout` gap.
	CallTimeout time.Duration
	// RegionTimeout, when positive, bounds the work of each region (and
	// that of the global services) from its first call: what is not read
	// by then becomes `timeout` gaps. Zero means no bound.
	RegionTimeout time.Duration
	// MaxAttempts is the SDK retryer's attempt budget per operation (default 10).
	MaxAttempts int
	// MaxBackoff caps the retryer's backoff between attempts (default 20s).
	MaxBackoff time.Duration
	// Concurrency is the most workers, i.e. calls in flight (default
	// 128). Workers start as the account's work is found, one per
	// tasksPerWorker tasks (at least minWorkers), so a small account is
	// read by fewer.
	Concurrency int
	// Rates override the declared token-bucket rates; keys as in
	// collect.NewDeclaration ("service:Action", "service" or a pool name).
	Rates map[string]collect.Rate
	// CredentialReportWait bounds the wait for IAM to generate the
	// credential report (default 60s).
	CredentialReportWait time.Duration
	// Details chooses whether per-item reads that no check judges are made
	// (collect.Details; empty means auto).
	Details collect.Details
	// Progress, when set, is told about every task and throttle.
	Progress *collect.Progress
	// HTTPClient replaces the SDK's HTTP client. Accounts read side by
	// side share one *HTTPClient (NewHTTPClient): one connection pool with
	// a bound per host for the whole run, its idle connections closed
	// when the last collection using it ends. Any other client must be an
	// *awshttp.BuildableClient when AWS_CA_BUNDLE is set (an SDK rule).
	// Nil means NewHTTPClient(Concurrency) for this collection.
	HTTPClient sdk.HTTPClient
	// APIOptions are added to every client's middleware stack after
	// shoulder's own (tests record every request sent with one).
	APIOptions []func(*middleware.Stack) error
	// LoadOptions are extra config.LoadDefaultConfig options (tests pass
	// static credentials with them).
	LoadOptions []func(*config.LoadOptions) error
	// Now is the clock for CollectedAt (default time.Now).
	Now func() time.Time
	// ReadOrgTree makes the Organizations collector read the OU tree
	// (Organization.Tree) when the account is in an organization; a call
	// that is denied (a member account) is a coverage gap.
	ReadOrgTree bool
	// OrgTree, when set, is the tree an organization run already read
	// (Discover): it is attached to the account's Organization instead of
	// being read again.
	OrgTree *state.OrgTree
	// OrgFactsRead says that the organization-wide facts (policies,
	// delegated administrators, trusted services, IAM organization
	// features) were already read in this run from the management or a
	// delegated-administrator account and are applied to this account
	// before evaluation (state.Account.ApplyOrgFacts): a member's own
	// Organizations reads of them are skipped, recorded as `skipped` gaps
	// so that its state judged alone says unknown, never absent.
	OrgFactsRead bool
	// Gate, when set, bounds the AWS calls in flight across every
	// collection sharing it (an organization run reads accounts side by
	// side under one bound).
	Gate *collect.Gate
}

// sharedHTTP is the HTTP client a collection sends through: the run's
// (Options.HTTPClient), a new one when none is given, nil when the caller
// gave an HTTP client of another kind, which is then used as it is.
func (o *Options) sharedHTTP() *HTTPClient {
	if o.HTTPClient == nil {
		return NewHTTPClient(o.Concurrency)
	}
	h, _ := o.HTTPClient.(*HTTPClient)
	return h
}

func (o *Options) defaults() {
	if o.CallTimeout <= 0 {
		o.CallTimeout = 30 * time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 20 * time.Second
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 128
	}
	if o.CredentialReportWait <= 0 {
		o.CredentialReportWait = 60 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Details == "" {
		o.Details = collect.DetailsAuto
	}
}

// Result is what a collection produced.
type Result struct {
	// Account is the collected state; every list is sorted by ARN (then
	// ID) so two collections of the same account compare equal.
	Account *state.Account
	// Stats is the per-action call accounting.
	Stats *collect.Stats
	// Interrupted is true when ctx was cancelled during the collection:
	// Account holds what was read, and what was not carries `cancelled` gaps.
	Interrupted bool
	// Duration is the wall time of the collection.
	Duration time.Duration
	// Regions are the regions scanned.
	Regions []string
	// Reads counts the operations that answered, per region ("" for the
	// global services); see NoData.
	Reads map[string]int
}

// Collect reads the account that the options' credentials reach. It fails
// only when the collection cannot start (bad options, no credentials, the
// caller's identity unreadable); every later failure is a gap in the result.
func Collect(ctx context.Context, o Options) (*Result, error) {
	o.defaults()
	start := time.Now()
	if _, err := collect.ParseDetails(string(o.Details)); err != nil {
		return nil, err
	}
	decl, err := collect.NewDeclaration(o.Rates)
	if err != nil {
		return nil, err
	}
	c := &collector{
		bounds:   regionBounds{timeout: o.RegionTimeout},
		opts:     o,
		decl:     decl,
		stats:    collect.NewStats(),
		limiters: collect.NewLimiters(),
		progress: o.Progress,
		acct:     &state.Account{Source: "live", CollectedAt: o.Now().UTC()},
	}
	c.rec = collect.NewRecorder(c.acct)
	if c.http = o.sharedHTTP(); c.http != nil {
		// The idle connections go when the last collection using the
		// client ends (this one, unless accounts run side by side).
		defer c.http.use()()
	}
	cfg, err := c.loadConfig(ctx)
	if err != nil {
		return nil, err
	}
	c.cfg = cfg
	if err := c.identify(ctx); err != nil {
		return nil, err
	}
	regions, err := c.regions(ctx)
	if err != nil {
		return nil, err
	}
	c.pool = collect.NewPool(ctx, o.Concurrency)
	c.pool.TasksPerWorker, c.pool.MinWorkers = tasksPerWorker, minWorkers
	c.pool.OnStart = func(t collect.Task) { c.progress.Started(t.Region, t.Service) }
	c.pool.OnDone = func(t collect.Task) { c.progress.Finished(t.Region, t.Service, true) }
	for _, s := range globalServices() {
		c.submitService(s, "")
	}
	for _, r := range regions {
		for _, s := range regionalServices() {
			c.submitService(s, r)
		}
	}
	c.pool.Wait()
	c.bounds.stop()
	reads := c.reads.snapshot()
	c.finishTimeouts(ctx, regions, reads)
	c.finish(regions)
	return &Result{Account: c.acct, Stats: c.stats, Interrupted: ctx.Err() != nil, Duration: time.Since(start),
		Regions: regions, Reads: reads}, nil
}

// A collection's workers grow with the tasks found, one per tasksPerWorker,
// at least minWorkers, up to Options.Concurrency. Each busy worker holds
// about 125 KiB (its stack grown by the SDK's middleware, a connection and
// the call's buffers). Measured with bench/collectbench, 20 ms a call: a
// 230-resource account (553 tasks) gets 47 workers instead of 128, 35 ->
// 24-26 MiB of anonymous memory for 0.3 s more; a 5,248-resource account
// (2,218 tasks) reaches 128 and takes the same 9.0 s, its slowest token
// buckets setting the pace.
const (
	tasksPerWorker = 12
	minWorkers     = 16
)

// service is one collector: a name (the endpoint prefix used in progress
// and cancelled gaps) and its function.
type service struct {
	name string
	run  func(c *collector, ctx context.Context, region string)
}

// globalServices are read once per account.
func globalServices() []service {
	return []service{
		{"iam", (*collector).iam},
		{"account", (*collector).alternateContact},
		{"organizations", (*collector).organizations},
		{"s3", (*collector).s3},
		{"s3control", (*collector).s3AccountBPA},
		{"s3control", (*collector).s3MultiRegionAccessPoints},
		{"cloudfront", (*collector).cloudFront},
		{"wafv2", (*collector).wafCloudFront},  // svc-api
		{"waf", (*collector).wafClassicGlobal}, // svc-classic
		{"route53", (*collector).route53},      // svc-search
	}
}

// regionalServices are read once per scanned region.
func regionalServices() []service {
	return []service{
		{"ec2", (*collector).ec2},
		{"kms", (*collector).kms},
		{"cloudtrail", (*collector).cloudtrail},
		{"config", (*collector).config},
		{"guardduty", (*collector).guardduty},
		{"ssm", (*collector).ssm},
		{"rds", (*collector).rds},
		{"redshift", (*collector).redshift},
		{"workspaces", (*collector).workspaces},
		{"access-analyzer", (*collector).accessAnalyzer},
		{"logs", (*collector).logs},
		{"cloudwatch", (*collector).cloudwatch},
		{"sns", (*collector).sns},
		{"securityhub", (*collector).securityHub},
		{"dynamodb", (*collector).dynamodb},
		{"lambda", (*collector).lambda},
		{"sqs", (*collector).sqs},
		{"secretsmanager", (*collector).secretsManager},
		{"ecr", (*collector).ecr},
		{"events", (*collector).eventBridge},
		{"ecs", (*collector).ecs},
		{"eks", (*collector).eks},
		{"apigateway", (*collector).apiGateway},                  // svc-api
		{"apigatewayv2", (*collector).apiGatewayV2},              // svc-api
		{"wafv2", (*collector).wafRegional},                      // svc-api
		{"waf-regional", (*collector).wafClassicRegional},        // svc-classic
		{"appsync", (*collector).appSync},                        // svc-classic
		{"cognito-identity", (*collector).cognitoIdentity},       // svc-classic
		{"cognito-idp", (*collector).cognitoUserPools},           // svc-classic
		{"autoscaling", (*collector).autoScaling},                // svc-compute2
		{"elasticache", (*collector).elastiCache},                // svc-data
		{"kinesis", (*collector).kinesis},                        // svc-stream
		{"firehose", (*collector).firehose},                      // svc-stream
		{"inspector2", (*collector).inspector},                   // svc-sec
		{"macie2", (*collector).macie},                           // svc-sec
		{"network-firewall", (*collector).networkFirewall},       // svc-netfw
		{"transfer", (*collector).transferFamily},                // svc-netfw
		{"codebuild", (*collector).codeBuild},                    // svc-build
		{"dms", (*collector).dms},                                // svc-build
		{"es", (*collector).openSearch},                          // svc-search
		{"kafka", (*collector).msk},                              // svc-msk
		{"states", (*collector).stepFunctions},                   // svc-msk
		{"redshift-serverless", (*collector).redshiftServerless}, // svc-msk
		{"dax", (*collector).dax},                                // svc-dax
		{"elasticbeanstalk", (*collector).elasticBeanstalk},      // svc-eb
		{"glue", (*collector).glueService},                       // svc-glue
		{"athena", (*collector).athenaWorkGroups},                // svc-glue
		{"fsx", (*collector).fsx},                                // svc-fsx
		{"mq", (*collector).mqBrokers},                           // svc-mq
		{"datasync", (*collector).dataSyncTasks},                 // svc-mq
		{"connect", (*collector).connectInstances},               // svc-connect
		{"s3express", (*collector).s3Express},                    // svc-s3dir
		{"acm-pca", (*collector).acmPCA},                         // svc-s3dir
		// svc-catalog: AWS Service Catalog portfolios
		{"servicecatalog", (*collector).serviceCatalogPortfolios},
		{"acm", (*collector).acm},
		{"elasticfilesystem", (*collector).efs},
		{"elbv2", (*collector).elbv2},
		{"elb", (*collector).elbClassic},
		{"backup", (*collector).backup},
		{"tagging", (*collector).tagging},
		{"s3control", (*collector).s3AccessPoints},
		// svc-analytics: SageMaker, EMR
		{"sagemaker", (*collector).sagemaker},
		{"elasticmapreduce", (*collector).emr},
	}
}

type collector struct {
	opts     Options
	decl     *collect.Declaration
	stats    *collect.Stats
	limiters *collect.Limiters
	progress *collect.Progress
	cfg      sdk.Config
	pool     *collect.Pool
	rec      *collect.Recorder
	// acct is written only through rec once the pool runs.
	acct    *state.Account
	clients clients
	trails  trailSeen
	// joined holds reads for other collectors' resources (applyJoins).
	joined joins
	// account ID and partition, read before the pool starts.
	accountID, partition string
	// reads counts the operations that answered, per region.
	reads readCounts
	// bounds are the per-region deadlines (Options.RegionTimeout).
	bounds regionBounds
	// http is the shared HTTP client every SDK client sends through (nil
	// when Options.HTTPClient is a client of the caller's own).
	http *HTTPClient
}

// submitService queues a service's collector for a region ("" = global).
func (c *collector) submitService(s service, region string) {
	c.submit(region, s.name, "", func(ctx context.Context) { s.run(c, ctx, region) }, func() {
		c.rec.Gap(state.Gap{Service: s.name, Region: region, Operation: state.AllOperations, Reason: state.ReasonCancelled,
			Message: "the collection was interrupted before this service was read"})
	})
}

// submit queues work on the pool with progress accounting. skipped records
// what the work would have read when the collection is cancelled first.
func (c *collector) submit(region, svc, resource string, run func(context.Context), skipped func()) {
	c.submitLane(collect.Task{Region: region, Service: svc, Resource: resource, Run: run}, skipped)
}

// submitLane queues t (whose Run is set) with progress accounting.
func (c *collector) submitLane(t collect.Task, skipped func()) {
	region, svc := t.Region, t.Service
	c.progress.Queued(region, svc)
	t.Skipped = func() {
		if skipped != nil {
			skipped()
		}
		c.progress.Finished(region, svc, false)
	}
	t.Run = c.bound(region, t.Run, skipped)
	c.pool.Submit(t)
}

// skipGaps returns a Skipped function recording a cancelled gap for each
// of the actions a per-item task would have called.
func (c *collector) skipGaps(service, region, resource string, actions ...string) func() {
	return func() {
		for _, a := range actions {
			c.rec.Gap(state.Gap{Service: service, Region: region, Operation: a, Resource: resource, Reason: state.ReasonCancelled,
				Message: "the collection was interrupted before this call"})
		}
	}
}

// errAbsent is returned by do when AWS answered with an error code that
// means "nothing is configured" (NoSuchBucketPolicy, NoSuchEntity, ...).
var errAbsent = errors.New("not configured")

// do runs one declared operation (fn may page through it) and records a
// gap when it fails. absent lists the error codes that mean "not
// configured": do then returns errAbsent and records nothing.
func (c *collector) do(ctx context.Context, service, action, region, resource string, absent []string, fn func(context.Context) error) error {
	op, ok := c.decl.Lookup(service, action)
	if !ok {
		// A bug, caught by the declaration test; never call what is not declared.
		err := fmt.Errorf("%s:%s is not in the operation declaration", service, action)
		c.rec.Gap(state.Gap{Service: service, Region: region, Operation: action, Resource: resource, Reason: state.ReasonError, Message: err.Error()})
		return err
	}
	err := fn(ctx)
	if err == nil {
		c.reads.add(service, action, region)
		return nil
	}
	code := collect.ErrorCode(err)
	for _, a := range absent {
		if code == a {
			c.reads.add(service, action, region)
			return errAbsent
		}
	}
	c.stats.Failed(op.Service, op.Action)
	c.rec.Failure(ctx, op, region, resource, err)
	return err
}

// identify reads the caller's account ID and partition.
func (c *collector) identify(ctx context.Context) error {
	cl := sts.NewFromConfig(c.cfg, func(o *sts.Options) {
		o.Region = c.home()
		o.APIOptions = append(o.APIOptions, c.instrument("sts", c.home()))
	})
	var out *sts.GetCallerIdentityOutput
	err := c.do(ctx, "sts", "GetCallerIdentity", "", "", nil, func(ctx context.Context) error {
		var err error
		out, err = cl.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	})
	if err != nil {
		return fmt.Errorf("reading the caller's identity (sts GetCallerIdentity): %w", err)
	}
	c.accountID = sdk.ToString(out.Account)
	c.partition = "aws"
	if a, err := arn.Parse(sdk.ToString(out.Arn)); err == nil {
		c.partition = a.Partition
	}
	c.acct.AccountID = c.accountID
	c.acct.Partition = c.partition
	if c.opts.Profile != "" {
		c.acct.Name = c.opts.Profile
	}
	// GetCallerIdentity succeeding is not a gap even if it was recorded
	// while the identity was unknown.
	return nil
}

// home is the region for global calls.
func (c *collector) home() string {
	if c.opts.HomeRegion != "" {
		return c.opts.HomeRegion
	}
	if c.cfg.Region != "" {
		return c.cfg.Region
	}
	return "us-east-1"
}

// arn builds an ARN in the account's partition.
func (c *collector) arn(service, region, account, resource string) string {
	return "arn:" + c.partition + ":" + service + ":" + region + ":" + account + ":" + resource
}

// finish sorts every list and records the sections no collector fills.
func (c *collector) finish(regions []string) {
	a := c.acct
	for _, s := range unsupportedSections() {
		if s.global {
			a.Gaps.Add(state.Gap{Service: s.service, Operation: state.AllOperations, Reason: state.ReasonUnsupported, Message: s.why})
			continue
		}
		for _, r := range regions {
			a.Gaps.Add(state.Gap{Service: s.service, Region: r, Operation: state.AllOperations, Reason: state.ReasonUnsupported, Message: s.why})
		}
	}
	c.applyJoins(a)
	replicaRegions(a)
	sortState(a)
}

// replicaRegions fills in where each replication rule copies to when the
// destination is one of the account's own buckets (GetBucketReplication
// names the bucket, not its region). A foreign destination stays "":
// unknown, not "same region".
func replicaRegions(a *state.Account) {
	region := map[string]string{}
	for _, b := range a.S3.Buckets {
		region[b.ARN] = b.Region
	}
	for i := range a.S3.Buckets {
		for j := range a.S3.Buckets[i].Replication {
			r := &a.S3.Buckets[i].Replication[j]
			if r.DestinationRegion == "" {
				r.DestinationRegion = region[r.DestinationBucket]
			}
		}
	}
}

// unsupportedSection is a part of state.Account the live collector does not
// fill yet: it is recorded as an `unsupported` gap so checks answer unknown.
type unsupportedSection struct {
	// section is the json name of the state.Account field, service the gap
	// service its checks consult.
	section string
	service string
	global  bool
	why     string
}

// unsupportedSections lists the state sections no collector fills yet,
// each under the gap service its checks consult.
func unsupportedSections() []unsupportedSection {
	why := func(what string) string {
		return what + " is not collected by live scans yet; checks that need it answer unknown"
	}
	_ = why
	// Every section of state.Account has a collector today. A section
	// added later goes here until it has one, e.g.
	// {section: "newsvc", service: "newsvc", why: why("New Service")}.
	return nil
}
