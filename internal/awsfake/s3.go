package awsfake

import (
	"net"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// S3 speaks REST-XML: the bucket is the first path segment (path-style
// addressing, which the SDK uses for an IP endpoint) or the first label of
// the Host (virtual-hosted style); the sub-resource query key names the
// operation (GET /{Bucket}?policy is GetBucketPolicy). A setting that is
// not configured answers 404 with S3's own "not found" code, which the
// collectors must read as "none", not as a failure.

const s3NS = "http://s3.amazonaws.com/doc/2006-03-01/"

func (s *Server) s3Service() *service {
	b := func(q, action string) route { return rt("GET", "/{Bucket}", action, q) }
	return &service{name: "s3", proto: protoRestXML, global: true,
		routes: []route{
			rt("GET", "/", "ListBuckets"),
			b("location", "GetBucketLocation"),
			b("policy", "GetBucketPolicy"),
			b("policyStatus", "GetBucketPolicyStatus"),
			b("acl", "GetBucketAcl"),
			b("ownershipControls", "GetBucketOwnershipControls"),
			b("publicAccessBlock", "GetPublicAccessBlock"),
			b("encryption", "GetBucketEncryption"),
			b("versioning", "GetBucketVersioning"),
			b("object-lock", "GetObjectLockConfiguration"),
			b("logging", "GetBucketLogging"),
			b("lifecycle", "GetBucketLifecycleConfiguration"),
			b("replication", "GetBucketReplication"),
			b("notification", "GetBucketNotificationConfiguration"),
			b("website", "GetBucketWebsite"),
			b("tagging", "GetBucketTagging"),
			rt("GET", "/{Bucket}", "ListObjectsV2", "list-type"),
			rt("GET", "/{Bucket}", "ListObjects"),
			rt("HEAD", "/{Bucket}", "HeadBucket"),
			// Writes, named so that the rejection says what was attempted.
			rt("PUT", "/{Bucket}", "CreateBucket"),
			rt("PUT", "/{Bucket}", "PutBucketPolicy", "policy"),
			rt("PUT", "/{Bucket}", "PutBucketAcl", "acl"),
			rt("PUT", "/{Bucket}", "PutBucketEncryption", "encryption"),
			rt("PUT", "/{Bucket}", "PutBucketVersioning", "versioning"),
			rt("PUT", "/{Bucket}", "PutPublicAccessBlock", "publicAccessBlock"),
			rt("PUT", "/{Bucket}", "PutBucketTagging", "tagging"),
			rt("DELETE", "/{Bucket}", "DeleteBucket"),
			rt("DELETE", "/{Bucket}", "DeleteBucketPolicy", "policy"),
		},
		ops: map[string]handler{
			"ListBuckets":                        s3ListBuckets,
			"GetBucketLocation":                  s3Bucket(s3GetBucketLocation),
			"GetBucketPolicy":                    s3Bucket(s3GetBucketPolicy),
			"GetBucketPolicyStatus":              s3Bucket(s3GetBucketPolicyStatus),
			"GetBucketAcl":                       s3Bucket(s3GetBucketAcl),
			"GetBucketOwnershipControls":         s3Bucket(s3GetBucketOwnershipControls),
			"GetPublicAccessBlock":               s3Bucket(s3GetPublicAccessBlock),
			"GetBucketEncryption":                s3Bucket(s3GetBucketEncryption),
			"GetBucketVersioning":                s3Bucket(s3GetBucketVersioning),
			"GetObjectLockConfiguration":         s3Bucket(s3GetObjectLockConfiguration),
			"GetBucketLogging":                   s3Bucket(s3GetBucketLogging),
			"GetBucketLifecycleConfiguration":    s3Bucket(s3GetBucketLifecycle),
			"GetBucketReplication":               s3Bucket(s3GetBucketReplication),
			"GetBucketNotificationConfiguration": s3Bucket(s3GetBucketNotification),
			"GetBucketWebsite":                   s3Bucket(s3GetBucketWebsite),
			"GetBucketTagging":                   s3Bucket(s3GetBucketTagging),
		}}
}

func (s *Server) s3controlService() *service {
	return &service{name: "s3control", proto: protoRestXML, global: true,
		routes: []route{
			rt("GET", "/v20180820/configuration/publicAccessBlock", "GetPublicAccessBlock"),
			rt("PUT", "/v20180820/configuration/publicAccessBlock", "PutPublicAccessBlock"),
			rt("DELETE", "/v20180820/configuration/publicAccessBlock", "DeletePublicAccessBlock"),
			rt("GET", "/v20180820/accesspoint", "ListAccessPoints"),
			rt("GET", "/v20180820/accesspoint/{Name}", "GetAccessPoint"),
			rt("PUT", "/v20180820/accesspoint/{Name}", "CreateAccessPoint"),
			rt("DELETE", "/v20180820/accesspoint/{Name}", "DeleteAccessPoint"),
			rt("GET", "/v20180820/mrap/instances", "ListMultiRegionAccessPoints"),
		},
		ops: map[string]handler{
			"GetPublicAccessBlock":        s3controlGetPublicAccessBlock,
			"ListAccessPoints":            s3controlListAccessPoints,
			"GetAccessPoint":              s3controlGetAccessPoint,
			"ListMultiRegionAccessPoints": s3controlListMultiRegionAccessPoints,
		}}
}

// s3BucketName returns the bucket a request addresses: the path's first
// segment, or the Host's first label for virtual-hosted requests.
func s3BucketFromHost(host, endpointHost string) string {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	if net.ParseIP(h) != nil || !strings.Contains(h, ".") {
		return ""
	}
	return h[:strings.IndexByte(h, '.')]
}

func (c *call) xmlDoc(root string, body func(w *xw)) *reply {
	w := &xw{b: make([]byte, 0, 512)}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.openNS(root, s3NS)
	body(w)
	w.close(root)
	return &reply{ctype: "application/xml", body: w.b}
}

func s3ListBuckets(c *call) (*reply, error) {
	max, err := c.num("max-buckets", 0)
	if err != nil {
		return nil, err
	}
	prefix, regionFilter := c.str("prefix"), c.str("bucket-region")
	var bs []*state.Bucket
	for i := range c.s.acct.S3.Buckets {
		b := &c.s.acct.S3.Buckets[i]
		if (prefix == "" || strings.HasPrefix(b.Name, prefix)) && (regionFilter == "" || b.Region == regionFilter) {
			bs = append(bs, b)
		}
	}
	// Without max-buckets S3 returns every bucket in one answer (the
	// general-purpose bucket quota is 10,000 by default).
	if max > 10000 {
		return nil, errf(400, "InvalidArgument", "max-buckets must be between 1 and 10000")
	}
	return c.cached(c.r.URL.RawQuery, func() (*reply, error) {
		start, end, next, err := page(c.action, len(bs), c.str("continuation-token"), max, 10000, 10000)
		if err != nil {
			return nil, err
		}
		return c.xmlDoc("ListAllMyBucketsResult", func(w *xw) {
			w.open("Owner")
			w.elem("ID", c.s.canonicalID())
			w.close("Owner")
			w.open("Buckets")
			for _, b := range bs[start:end] {
				w.open("Bucket")
				w.elem("Name", b.Name)
				w.timestamp("CreationDate", b.CreationDate)
				w.str("BucketRegion", b.Region)
				w.elem("BucketArn", b.ARN)
				w.close("Bucket")
			}
			w.close("Buckets")
			w.str("ContinuationToken", next)
			w.str("Prefix", prefix)
		}), nil
	})
}

// canonicalID is the account's S3 canonical user ID.
func (s *Server) canonicalID() string { return canonicalIDOf(s.acct) }

// canonicalIDOf is the canonical user ID the account's buckets carry, or
// one derived from the account ID when the state records none.
func canonicalIDOf(a *state.Account) string {
	for _, b := range a.S3.Buckets {
		if b.OwnerID != "" {
			return b.OwnerID
		}
	}
	return shortHash("canonical/"+a.AccountID) + shortHash(a.AccountID)
}

// s3Bucket resolves the addressed bucket and checks that the request was
// sent to the bucket's region, as S3 does (it redirects otherwise);
// GetBucketLocation is answered from any region.
func s3Bucket(h func(c *call, b *state.Bucket) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.labels["Bucket"]
		if name == "" {
			name = s3BucketFromHost(c.r.Host, "")
		}
		c.resource = name
		b := c.s.idx.buckets[name]
		if b == nil {
			return nil, errf(404, "NoSuchBucket", "The specified bucket does not exist")
		}
		region := orDefault(b.Region, "us-east-1")
		if c.action != "GetBucketLocation" && c.region != region {
			return nil, &apiError{301, "PermanentRedirect", "The bucket " + name + " is in " + region + " and must be addressed there (request signed for " + c.region + ")"}
		}
		return h(c, b)
	}
}

func s3GetBucketLocation(c *call, b *state.Bucket) (*reply, error) {
	loc := b.Region
	if loc == "us-east-1" {
		loc = "" // us-east-1 buckets have a null location constraint
	}
	return c.xmlDoc("LocationConstraint", func(w *xw) { w.text(loc) }), nil
}

func s3GetBucketPolicy(c *call, b *state.Bucket) (*reply, error) {
	if b.Policy == "" {
		return nil, errf(404, "NoSuchBucketPolicy", "The bucket policy does not exist")
	}
	return &reply{ctype: "application/json", body: []byte(b.Policy)}, nil
}

func s3GetBucketPolicyStatus(c *call, b *state.Bucket) (*reply, error) {
	if b.Policy == "" {
		return nil, errf(404, "NoSuchBucketPolicy", "The bucket policy does not exist")
	}
	public := b.PolicyIsPublic != nil && *b.PolicyIsPublic
	return c.xmlDoc("PolicyStatus", func(w *xw) { w.boolean("IsPublic", public) }), nil
}

func s3GetBucketAcl(c *call, b *state.Bucket) (*reply, error) {
	owner := orDefault(b.OwnerID, c.s.canonicalID())
	return c.xmlDoc("AccessControlPolicy", func(w *xw) {
		w.open("Owner")
		w.elem("ID", owner)
		w.close("Owner")
		w.open("AccessControlList")
		for _, g := range b.ACLGrants {
			w.open("Grant")
			w.raw(`<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="`)
			w.text(g.GranteeType)
			w.raw(`">`)
			w.str("ID", g.GranteeID)
			w.str("URI", g.GranteeURI)
			w.close("Grantee")
			w.elem("Permission", g.Permission)
			w.close("Grant")
		}
		w.close("AccessControlList")
	}), nil
}

func s3GetBucketOwnershipControls(c *call, b *state.Bucket) (*reply, error) {
	if b.ObjectOwnership == "" {
		return nil, errf(404, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")
	}
	return c.xmlDoc("OwnershipControls", func(w *xw) {
		w.open("Rule")
		w.elem("ObjectOwnership", b.ObjectOwnership)
		w.close("Rule")
	}), nil
}

func writePAB(w *xw, p *state.PublicAccessBlock) {
	w.boolean("BlockPublicAcls", p.BlockPublicAcls)
	w.boolean("IgnorePublicAcls", p.IgnorePublicAcls)
	w.boolean("BlockPublicPolicy", p.BlockPublicPolicy)
	w.boolean("RestrictPublicBuckets", p.RestrictPublicBuckets)
}

func s3GetPublicAccessBlock(c *call, b *state.Bucket) (*reply, error) {
	if b.PublicAccessBlock == nil {
		return nil, errf(404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
	}
	return c.xmlDoc("PublicAccessBlockConfiguration", func(w *xw) { writePAB(w, b.PublicAccessBlock) }), nil
}

func s3controlGetPublicAccessBlock(c *call) (*reply, error) {
	if id := c.r.Header.Get("X-Amz-Account-Id"); id != "" && id != c.s.acct.AccountID {
		return nil, errf(403, "AccessDenied", "account %s is not the caller's account", id)
	}
	p := c.s.acct.S3.AccountPublicAccessBlock
	if p == nil {
		return nil, errf(404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.open("PublicAccessBlockConfiguration")
	writePAB(w, p)
	w.close("PublicAccessBlockConfiguration")
	return &reply{ctype: "application/xml", body: w.b}, nil
}

func s3GetBucketEncryption(c *call, b *state.Bucket) (*reply, error) {
	e := b.Encryption
	if e == nil {
		return nil, errf(404, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found")
	}
	return c.xmlDoc("ServerSideEncryptionConfiguration", func(w *xw) {
		w.open("Rule")
		w.open("ApplyServerSideEncryptionByDefault")
		w.elem("SSEAlgorithm", e.Algorithm)
		w.str("KMSMasterKeyID", e.KMSKeyID)
		w.close("ApplyServerSideEncryptionByDefault")
		w.boolean("BucketKeyEnabled", e.BucketKeyEnabled)
		w.close("Rule")
	}), nil
}

func s3GetBucketVersioning(c *call, b *state.Bucket) (*reply, error) {
	return c.xmlDoc("VersioningConfiguration", func(w *xw) {
		w.str("Status", b.Versioning)
		if b.Versioning != "" {
			if b.MFADelete {
				w.elem("MfaDelete", "Enabled")
			} else {
				w.elem("MfaDelete", "Disabled")
			}
		}
	}), nil
}

func s3GetObjectLockConfiguration(c *call, b *state.Bucket) (*reply, error) {
	ol := b.ObjectLock
	if ol == nil {
		return nil, errf(404, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket")
	}
	return c.xmlDoc("ObjectLockConfiguration", func(w *xw) {
		if ol.Enabled {
			w.elem("ObjectLockEnabled", "Enabled")
		}
		if ol.Mode != "" {
			w.open("Rule")
			w.open("DefaultRetention")
			w.elem("Mode", ol.Mode)
			if ol.Days > 0 {
				w.integer("Days", ol.Days)
			}
			if ol.Years > 0 {
				w.integer("Years", ol.Years)
			}
			w.close("DefaultRetention")
			w.close("Rule")
		}
	}), nil
}

func s3GetBucketLogging(c *call, b *state.Bucket) (*reply, error) {
	return c.xmlDoc("BucketLoggingStatus", func(w *xw) {
		if l := b.Logging; l != nil {
			w.open("LoggingEnabled")
			w.elem("TargetBucket", l.TargetBucket)
			w.elem("TargetPrefix", l.TargetPrefix)
			w.close("LoggingEnabled")
		}
	}), nil
}

func enabledStatus(v bool) string {
	if v {
		return "Enabled"
	}
	return "Disabled"
}

func s3GetBucketLifecycle(c *call, b *state.Bucket) (*reply, error) {
	if len(b.LifecycleRules) == 0 {
		return nil, errf(404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist")
	}
	return c.xmlDoc("LifecycleConfiguration", func(w *xw) {
		for _, r := range b.LifecycleRules {
			w.open("Rule")
			w.str("ID", r.ID)
			w.raw("<Filter><Prefix></Prefix></Filter>")
			w.elem("Status", enabledStatus(r.Enabled))
			if r.ExpirationDays > 0 {
				w.open("Expiration")
				w.integer("Days", r.ExpirationDays)
				w.close("Expiration")
			}
			if r.TransitionDays > 0 || r.TransitionClass != "" {
				w.open("Transition")
				w.integer("Days", r.TransitionDays)
				w.str("StorageClass", r.TransitionClass)
				w.close("Transition")
			}
			if r.NoncurrentExpDays > 0 {
				w.open("NoncurrentVersionExpiration")
				w.integer("NoncurrentDays", r.NoncurrentExpDays)
				w.close("NoncurrentVersionExpiration")
			}
			if r.AbortIncompleteDays > 0 {
				w.open("AbortIncompleteMultipartUpload")
				w.integer("DaysAfterInitiation", r.AbortIncompleteDays)
				w.close("AbortIncompleteMultipartUpload")
			}
			w.close("Rule")
		}
	}), nil
}

func s3GetBucketReplication(c *call, b *state.Bucket) (*reply, error) {
	if len(b.Replication) == 0 {
		return nil, errf(404, "ReplicationConfigurationNotFoundError", "The replication configuration was not found")
	}
	return c.xmlDoc("ReplicationConfiguration", func(w *xw) {
		w.elem("Role", "arn:aws:iam::"+c.s.acct.AccountID+":role/s3-replication")
		for i, r := range b.Replication {
			w.open("Rule")
			w.str("ID", r.ID)
			w.integer("Priority", i+1)
			w.raw("<Filter><Prefix></Prefix></Filter>")
			w.elem("Status", enabledStatus(r.Enabled))
			w.open("Destination")
			w.elem("Bucket", r.DestinationBucket)
			w.str("Account", r.DestinationAccount)
			if r.ReplicaKMSKeyID != "" {
				w.open("EncryptionConfiguration")
				w.elem("ReplicaKmsKeyID", r.ReplicaKMSKeyID)
				w.close("EncryptionConfiguration")
			}
			w.close("Destination")
			w.raw("<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>")
			w.close("Rule")
		}
	}), nil
}

func s3GetBucketNotification(c *call, b *state.Bucket) (*reply, error) {
	return c.xmlDoc("NotificationConfiguration", func(w *xw) {
		if b.EventNotifications {
			w.open("TopicConfiguration")
			w.elem("Id", "notify")
			w.elem("Topic", "arn:aws:sns:"+orDefault(b.Region, "us-east-1")+":"+c.s.acct.AccountID+":"+b.Name+"-events")
			w.elem("Event", "s3:ObjectCreated:*")
			w.close("TopicConfiguration")
		}
	}), nil
}

func s3GetBucketWebsite(c *call, b *state.Bucket) (*reply, error) {
	if !b.Website {
		return nil, errf(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration")
	}
	return c.xmlDoc("WebsiteConfiguration", func(w *xw) {
		w.raw("<IndexDocument><Suffix>index.html</Suffix></IndexDocument>")
	}), nil
}

func s3GetBucketTagging(c *call, b *state.Bucket) (*reply, error) {
	if len(b.Tags) == 0 {
		return nil, errf(404, "NoSuchTagSet", "The TagSet does not exist")
	}
	return c.xmlDoc("Tagging", func(w *xw) {
		w.open("TagSet")
		for _, k := range sortedKeys(b.Tags) {
			w.open("Tag")
			w.elem("Key", k)
			w.elem("Value", b.Tags[k])
			w.close("Tag")
		}
		w.close("TagSet")
	}), nil
}
