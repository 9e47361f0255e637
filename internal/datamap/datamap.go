// Package datamap answers the customer's data questions for one account:
// for every data store, where it lives (region, country, jurisdiction),
// where copies of it go, in what form (encryption and key custody), who
// can reach it (public, shared with named accounts, private), whether it
// is backed up, and how it is classified.
//
// It reads the account state under the customer's policy; it judges
// nothing (the checks do), it maps.
package datamap

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Map is every data store of an account.
type Map struct {
	AccountID   string    `json:"account_id"`
	AccountName string    `json:"account_name,omitempty"`
	Source      string    `json:"source,omitempty"`
	Policy      string    `json:"policy,omitempty"`
	CollectedAt time.Time `json:"collected_at"`
	// AllowedRegions is the policy's set (empty when it states none).
	AllowedRegions []string `json:"allowed_regions,omitempty"`
	// Stores are ordered by the chosen sort (default: region, kind, name).
	Stores []Store `json:"stores"`
	// Incomplete lists the coverage gaps that hide stores: listings that
	// failed, so the map may lack stores in those places.
	Incomplete []state.Gap `json:"incomplete,omitempty"`
	Summary    Summary     `json:"summary"`
	// OrganizationID and Accounts are set for an organization's map (see
	// AddAccount): its stores then name their account and OU path.
	OrganizationID string       `json:"organization_id,omitempty"`
	Accounts       []MapAccount `json:"accounts,omitempty"`
}

// MapAccount is one account of an organization's data map.
type MapAccount struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	OUPath string `json:"ou_path,omitempty"`
	// Read is full, partial or none; Reason says why an account was not
	// read (it has no stores in the map).
	Read   string `json:"read"`
	Reason string `json:"reason,omitempty"`
	// Stores counts the account's stores before any filter.
	Stores int `json:"stores"`
	// Incomplete are the account's listing gaps that may hide stores.
	Incomplete []state.Gap `json:"incomplete,omitempty"`
}

// Where places a store or a copy: region, and the country and
// jurisdiction group it is in.
type Where struct {
	Region       string `json:"region"`
	Location     string `json:"location,omitempty"`
	Country      string `json:"country,omitempty"`
	Jurisdiction string `json:"jurisdiction,omitempty"`
	// Allowed is set when the policy names allowed regions: whether this
	// region is one of them.
	Allowed *bool `json:"allowed,omitempty"`
}

// Store is one place where customer data rests.
type Store struct {
	// Service is the AWS service prefix (s3, ec2, rds, redshift,
	// workspaces, dynamodb, elasticfilesystem, backup, sqs,
	// secretsmanager, ecr, elasticache).
	Service string `json:"service"`
	// Kind is the resource type: bucket, volume, snapshot, db-instance,
	// db-cluster, db-snapshot, cluster, workspace, table, file-system,
	// backup-vault, queue, secret, repository, replication-group,
	// cache-cluster.
	Kind string `json:"kind"`
	Name string `json:"name"`
	ARN  string `json:"arn"`
	// AccountID and OUPath are set in an organization's map: the account
	// the store is in, and its OU path.
	AccountID string `json:"account_id,omitempty"`
	OUPath    string `json:"ou_path,omitempty"`
	Where
	// Zone is the Availability Zone or Local Zone ID that holds all of a
	// zonal store's data (an S3 directory bucket, svc-s3dir); "" for
	// stores spread over a region.
	Zone string `json:"zone,omitempty"`
	// Classification is the value of the policy's classification tag, ""
	// when the store is untagged.
	Classification string `json:"classification,omitempty"`
	// Sensitive is true when the policy counts the classification as sensitive.
	Sensitive  bool       `json:"sensitive,omitempty"`
	Encryption Encryption `json:"encryption"`
	Exposure   Exposure   `json:"exposure"`
	Backup     Backup     `json:"backup"`
	// Copies are the places outside the store's region (or account) that
	// hold its data or its key.
	Copies []Copy `json:"copies,omitempty"`
}

// Encryption is the store's encryption at rest and who holds its key.
type Encryption struct {
	// Custody is the key custody level: none, aws_owned, aws_managed,
	// customer_managed, imported, cloudhsm, external_key_store, or unknown.
	Custody string `json:"custody"`
	// Key is the key as the store names it (ID, ARN or alias), "" for the
	// service's default key or none.
	Key string `json:"key,omitempty"`
	// Reason says why custody is unknown.
	Reason string `json:"reason,omitempty"`
}

// Exposure levels, from most to least exposed.
const (
	Public  = "public"
	Shared  = "shared"
	Unknown = "unknown"
	Private = "private"
)

// Exposure is who can reach the store's data.
type Exposure struct {
	// Level is public, shared, private or unknown.
	Level string `json:"level"`
	// Detail says why, e.g. "bucket policy grants s3:GetObject to everyone".
	Detail string `json:"detail,omitempty"`
	// SharedWith are the accounts (or organizations, canonical users) the
	// store is shared with, each trusted or not per the policy.
	SharedWith []Share `json:"shared_with,omitempty"`
}

// Share is one party a store is shared with.
type Share struct {
	// Account is a 12-digit account ID, an organization ID (o-...), or an
	// S3 canonical user ID.
	Account string `json:"account"`
	Trusted bool   `json:"trusted"`
	// Via names the mechanism: bucket policy, bucket ACL, replication,
	// snapshot permission, resource policy, vault policy.
	Via string `json:"via"`
}

// Backup states.
const (
	// Protected: the store has backups or versions it can be restored from.
	Protected = "protected"
	// Unprotected: nothing in the state restores it.
	Unprotected = "unprotected"
	// IsBackup: the store is itself a backup or copy (snapshots, vaults).
	IsBackup = "is_backup"
	// BackupUnknown: the settings that would say could not be read.
	BackupUnknown = "unknown"
)

// Backup is whether the store can be restored.
type Backup struct {
	State string `json:"state"`
	// Detail lists what protects it (or what it is a backup of).
	Detail []string `json:"detail,omitempty"`
}

// Copy kinds.
const (
	CopyReplication  = "replication"
	CopyReplica      = "replica"
	CopySnapshotCopy = "snapshot-copy"
	CopyBackupCopy   = "backup-copy"
	CopyKeyReplica   = "key-replica"
)

// Copy is a place outside the store's region or account that holds its
// data (or, for key-replica, the key that decrypts it).
type Copy struct {
	Kind string `json:"kind"`
	Where
	// Account is set when the copy is in another account.
	Account string `json:"account,omitempty"`
	// Target names the copy (bucket, replica, vault or key ARN), when known.
	Target string `json:"target,omitempty"`
}

// Summary counts the stores by what matters.
type Summary struct {
	Stores         int            `json:"stores"`
	ByJurisdiction map[string]int `json:"by_jurisdiction"`
	ByCountry      map[string]int `json:"by_country"`
	ByExposure     map[string]int `json:"by_exposure"`
	ByCustody      map[string]int `json:"by_custody"`
	ByClass        map[string]int `json:"by_class"`
	ByBackup       map[string]int `json:"by_backup"`
	// OutsideAllowed counts stores in a region the policy does not allow;
	// CopiesOutsideAllowed counts stores with a copy in such a region.
	OutsideAllowed       int `json:"outside_allowed"`
	CopiesOutsideAllowed int `json:"copies_outside_allowed"`
}

// Build maps every data store of a under policy p, sorted by region, kind
// and name.
func Build(a *state.Account, p *policy.Policy) *Map {
	if p == nil {
		p = policy.Default()
	}
	ix := newIndex(a)
	m := &Map{AccountID: a.AccountID, AccountName: a.Name, Source: a.Source, Policy: p.Source, CollectedAt: a.CollectedAt,
		AllowedRegions: p.AllowedRegions, Stores: []Store{}}
	for _, cs := range custody.Stores(a) {
		s := Store{Service: cs.Service, Kind: cs.Kind, ARN: cs.Resource.ARN, Name: nameOf(cs),
			Where: where(cs.Resource.Region, p)}
		s.Classification = p.Classification(cs.Resource.Tags)
		s.Sensitive = p.IsSensitive(cs.Resource.Tags)
		s.Encryption = Encryption{Custody: cs.Level.String(), Key: cs.KeyRef}
		if cs.Gap != nil {
			s.Encryption.Reason = "could not read " + cs.Gap.String()
		} else if cs.Level == custody.Unknown {
			s.Encryption.Reason = fmt.Sprintf("key %s is not in the scanned KMS keys (another account's key, or KMS could not be read)", cs.KeyRef)
		}
		ix.describe(&s, cs, p)
		ix.keyCopies(&s, cs, p)
		// AWS Backup does not protect ElastiCache (svc-data), Kinesis or
		// Firehose (svc-stream): a plan's tag selection copies none of
		// their data.
		// Nor OpenSearch Service domains (svc-search), which snapshot
		// themselves.
		// Nor MSK (svc-msk).
		if !awsBackupSkips[cs.Service] {
			ix.backupCopies(&s, cs.Resource, p)
		}
		m.Stores = append(m.Stores, s)
	}
	m.Incomplete = incomplete(a)
	Sort(m.Stores, "region")
	m.Summary = summarise(m.Stores)
	return m
}

// where places a region, with the policy's verdict when it has one.
func where(region string, p *policy.Policy) Where {
	w := Where{Region: region}
	if info, ok := regions.Lookup(region); ok {
		w.Location, w.Country, w.Jurisdiction = info.Location, info.Country, info.Jurisdiction
	}
	if p.RegionsConfigured() && region != "" {
		ok := p.RegionAllowed(region)
		w.Allowed = &ok
	}
	return w
}

// awsBackupSkips are the services whose data a backup plan's selection
// never copies: ElastiCache, Kinesis, Firehose, OpenSearch Service, MSK,
// DMS (exposure-gaps), Amazon MQ (svc-mq) and S3 directory buckets
// (svc-s3dir: AWS Backup supports general purpose buckets only).
var awsBackupSkips = map[string]bool{"elasticache": true, "kinesis": true, "firehose": true, "es": true, "kafka": true, "dms": true, "mq": true, "s3express": true}

func nameOf(cs custody.Store) string {
	arn := cs.Resource.ARN
	res := arn
	if parts := strings.SplitN(arn, ":", 6); len(parts) == 6 {
		res = parts[5]
	}
	// ECR repository names hold slashes (team/api); a secret's ARN ends in
	// its name, a hyphen and six random characters.
	if name, ok := strings.CutPrefix(res, "repository/"); ok {
		return name
	}
	if name, ok := strings.CutPrefix(res, "secret:"); ok {
		if n := len(name); n > 7 && name[n-7] == '-' {
			return name[:n-7]
		}
		return name
	}
	// svc-msk: an MSK cluster's ARN is cluster/NAME/UUID (serverless too).
	// (A Redshift Serverless namespace's ends in its ID: describe names it.)
	if cs.Service == "kafka" {
		if parts := strings.Split(res, "/"); len(parts) >= 2 {
			return parts[1]
		}
	}
	// svc-mq: an Amazon MQ broker's ARN is broker:NAME:ID.
	if name, ok := strings.CutPrefix(res, "broker:"); ok && cs.Service == "mq" {
		if i := strings.Index(name, ":"); i >= 0 {
			return name[:i]
		}
		return name
	}
	// bucket, vol-..., db:NAME, cluster:NAME, snapshot:NAME, table/NAME, ...
	if i := strings.LastIndexAny(res, "/:"); i >= 0 {
		return res[i+1:]
	}
	return res
}

// incomplete returns the listing gaps that may hide stores.
func incomplete(a *state.Account) []state.Gap {
	seen := map[string]bool{}
	var out []state.Gap
	add := func(g state.Gap) {
		k := g.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, g)
		}
	}
	if g, ok := custody.ListingGap(a, ""); ok {
		add(g)
	}
	for _, r := range a.ScannedRegions() {
		if g, ok := custody.ListingGap(a, r); ok {
			add(g)
		}
	}
	return out
}

func summarise(stores []Store) Summary {
	s := Summary{Stores: len(stores), ByJurisdiction: map[string]int{}, ByCountry: map[string]int{}, ByExposure: map[string]int{},
		ByCustody: map[string]int{}, ByClass: map[string]int{}, ByBackup: map[string]int{}}
	for _, st := range stores {
		j := st.Jurisdiction
		if j == "" {
			j = "unknown"
		}
		c := st.Country
		if c == "" {
			c = "unknown"
		}
		s.ByJurisdiction[j]++
		s.ByCountry[c]++
		s.ByExposure[st.Exposure.Level]++
		s.ByCustody[st.Encryption.Custody]++
		cl := st.Classification
		if cl == "" {
			cl = Untagged
		}
		s.ByClass[cl]++
		s.ByBackup[st.Backup.State]++
		if st.Allowed != nil && !*st.Allowed {
			s.OutsideAllowed++
		}
		for _, cp := range st.Copies {
			if cp.Allowed != nil && !*cp.Allowed {
				s.CopiesOutsideAllowed++
				break
			}
		}
	}
	return s
}

// Untagged is how filters and summaries name a store without a
// classification tag.
const Untagged = "untagged"

// SortKeys are the --sort values.
func SortKeys() []string { return []string{"region", "custody", "exposure", "class", "name"} }

// Sort orders stores by key (see SortKeys); ties fall back to region,
// kind and name so the order is total and stable.
func Sort(stores []Store, key string) {
	base := func(a, b *Store) bool {
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ARN < b.ARN
	}
	less := base
	switch key {
	case "custody":
		less = func(a, b *Store) bool {
			// Weakest first: that is what a reader of this sort looks for;
			// unknown leads, as it can be anything.
			if ra, rb := custodyRank(a.Encryption.Custody), custodyRank(b.Encryption.Custody); ra != rb {
				return ra < rb
			}
			return base(a, b)
		}
	case "exposure":
		less = func(a, b *Store) bool {
			if ra, rb := exposureRank(a.Exposure), exposureRank(b.Exposure); ra != rb {
				return ra < rb
			}
			return base(a, b)
		}
	case "class":
		less = func(a, b *Store) bool {
			if a.Sensitive != b.Sensitive {
				return a.Sensitive
			}
			ca, cb := a.Classification, b.Classification
			if (ca == "") != (cb == "") {
				return cb == ""
			}
			if ca != cb {
				return ca < cb
			}
			return base(a, b)
		}
	case "name":
		less = func(a, b *Store) bool {
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return base(a, b)
		}
	}
	sort.SliceStable(stores, func(i, j int) bool { return less(&stores[i], &stores[j]) })
}

func custodyRank(name string) int {
	if name == custody.Unknown.String() {
		return -1
	}
	l, err := custody.Parse(name)
	if err != nil {
		return -1
	}
	return int(l)
}

// exposureRank orders public, shared with untrusted accounts, unknown,
// shared with trusted accounts only, private.
func exposureRank(e Exposure) int {
	switch e.Level {
	case Public:
		return 0
	case Shared:
		for _, s := range e.SharedWith {
			if !s.Trusted {
				return 1
			}
		}
		return 3
	case Unknown:
		return 2
	}
	return 4
}
