package awsfake

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- S3 directory buckets (svc-s3dir): the "Regional endpoint API
// operations" of S3 Express One Zone, served at the region's
// s3express-control endpoint in REST-XML, path-style, signed with the
// signing name s3express (the SDK's S3 client with S3 Express session
// auth off). ListDirectoryBuckets is GET /?x-id=ListDirectoryBuckets
// (max-directory-buckets 1..1000, continuation-token); the bucket reads
// are the S3 sub-resources, answered in S3's own documents and error
// codes by the general purpose bucket handlers. ----

func (s *Server) s3ExpressService() *service {
	b := func(q, action string) route { return rt("GET", "/{Bucket}", action, q) }
	return &service{name: "s3express", proto: protoRestXML,
		routes: []route{
			rt("GET", "/", "ListDirectoryBuckets", "x-id"),
			b("policy", "GetBucketPolicy"),
			b("encryption", "GetBucketEncryption"),
			b("lifecycle", "GetBucketLifecycleConfiguration"),
			// Writes, named so that the rejection says what was attempted.
			rt("PUT", "/{Bucket}", "CreateBucket"),
			rt("PUT", "/{Bucket}", "PutBucketPolicy", "policy"),
			rt("PUT", "/{Bucket}", "PutBucketEncryption", "encryption"),
			rt("PUT", "/{Bucket}", "PutBucketLifecycleConfiguration", "lifecycle"),
			rt("DELETE", "/{Bucket}", "DeleteBucket"),
			rt("DELETE", "/{Bucket}", "DeleteBucketPolicy", "policy"),
			rt("GET", "/{Bucket}", "CreateSession", "session"),
		},
		ops: map[string]handler{
			"ListDirectoryBuckets":            s3ExpressList,
			"GetBucketPolicy":                 directoryBucket(s3GetBucketPolicy),
			"GetBucketEncryption":             directoryBucket(s3ExpressEncryption),
			"GetBucketLifecycleConfiguration": directoryBucket(s3GetBucketLifecycle),
		}}
}

// s3ExpressList answers a region's directory buckets, 1,000 a page by
// default (max-directory-buckets may ask for fewer).
func s3ExpressList(c *call) (*reply, error) {
	if c.str("x-id") != "ListDirectoryBuckets" {
		return nil, errf(400, "InvalidRequest", "unknown x-id %q", c.str("x-id"))
	}
	mx, err := c.num("max-directory-buckets", 0)
	if err != nil {
		return nil, err
	}
	if mx < 0 || mx > 1000 {
		return nil, errf(400, "InvalidArgument", "max-directory-buckets must be between 0 and 1000")
	}
	bs := c.s.idx.directoryBuckets[c.region]
	start, end, next, err := page(c.action, len(bs), c.str("continuation-token"), mx, 1000, 1000)
	if err != nil {
		return nil, err
	}
	return c.xmlDoc("ListAllMyDirectoryBucketsResult", func(w *xw) {
		w.open("Buckets")
		for _, b := range bs[start:end] {
			w.open("Bucket")
			w.elem("Name", b.Name)
			if b.CreationDate != nil {
				w.timestamp("CreationDate", *b.CreationDate)
			}
			w.elem("BucketRegion", b.Region)
			w.elem("BucketArn", b.ARN)
			w.close("Bucket")
		}
		w.close("Buckets")
		w.str("ContinuationToken", next)
	}), nil
}

// directoryBucket resolves the addressed directory bucket in the request's
// region (the control endpoint of another region does not know it) and
// answers with the general purpose handler h on the settings the two kinds
// of bucket share.
func directoryBucket(h func(c *call, b *state.Bucket) (*reply, error)) handler {
	return func(c *call) (*reply, error) {
		name := c.labels["Bucket"]
		c.resource = name
		var d *state.DirectoryBucket
		for _, x := range c.s.idx.directoryBuckets[c.region] {
			if x.Name == name {
				d = x
			}
		}
		if d == nil {
			return nil, errf(404, "NoSuchBucket", "The specified bucket does not exist")
		}
		return h(c, &state.Bucket{Meta: d.Meta, Name: d.Name, Policy: d.Policy, Encryption: d.Encryption, LifecycleRules: d.LifecycleRules})
	}
}

// s3ExpressEncryption: a directory bucket always has a default
// encryption; one the state does not record is SSE-S3, as S3 answers.
func s3ExpressEncryption(c *call, b *state.Bucket) (*reply, error) {
	if b.Encryption == nil {
		b.Encryption = &state.BucketEncryption{Algorithm: "AES256"}
	}
	return s3GetBucketEncryption(c, b)
}
