package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// S3 access points are served by s3control at its regional endpoint
// (REST-XML, no namespace): ListAccessPoints pages up to 1,000 with
// maxResults/nextToken and carries no Block Public Access;
// GetAccessPoint has it.

// s3controlAccount refuses a request for another account's resources, as
// s3control does (the account travels in x-amz-account-id), and a region
// that is not enabled (s3control is routed as global for the account's
// settings, but access points are regional).
func s3controlAccount(c *call) *apiError {
	if id := c.r.Header.Get("X-Amz-Account-Id"); id != "" && id != c.s.acct.AccountID {
		return errf(403, "AccessDenied", "account %s is not the caller's account", id)
	}
	if !c.s.idx.regionEnabled(c.region) {
		return c.s.disabledRegionError(c.svc, c.region)
	}
	return nil
}

func s3controlListAccessPoints(c *call) (*reply, error) {
	if err := s3controlAccount(c); err != nil {
		return nil, err
	}
	mx, err := c.num("maxResults", 0)
	if err != nil {
		return nil, err
	}
	aps := c.s.idx.s3AccessPoints[c.region]
	if bucket := c.str("bucket"); bucket != "" {
		var only []*state.S3AccessPoint
		for _, ap := range aps {
			if ap.Bucket == bucket {
				only = append(only, ap)
			}
		}
		aps = only
	}
	start, end, next, err := page(c.action, len(aps), c.str("nextToken"), mx, 1000, 1000)
	if err != nil {
		return nil, err
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.open("ListAccessPointsResult")
	w.open("AccessPointList")
	for _, ap := range aps[start:end] {
		w.open("AccessPoint")
		w.elem("Name", ap.Name)
		w.elem("NetworkOrigin", ap.NetworkOrigin)
		if ap.VPCID != "" {
			w.open("VpcConfiguration")
			w.elem("VpcId", ap.VPCID)
			w.close("VpcConfiguration")
		}
		w.elem("Bucket", ap.Bucket)
		w.elem("AccessPointArn", ap.ARN)
		w.str("BucketAccountId", ap.BucketAccountID)
		w.close("AccessPoint")
	}
	w.close("AccessPointList")
	w.str("NextToken", next)
	w.close("ListAccessPointsResult")
	return &reply{ctype: "application/xml", body: w.b}, nil
}

func s3controlGetAccessPoint(c *call) (*reply, error) {
	if err := s3controlAccount(c); err != nil {
		return nil, err
	}
	name := c.labels["Name"]
	var ap *state.S3AccessPoint
	for _, x := range c.s.idx.s3AccessPoints[c.region] {
		if x.Name == name {
			ap = x
			break
		}
	}
	if ap == nil {
		return nil, errf(404, "NoSuchAccessPoint", "The specified access point does not exist")
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.open("GetAccessPointResult")
	w.elem("Name", ap.Name)
	w.elem("Bucket", ap.Bucket)
	w.elem("NetworkOrigin", ap.NetworkOrigin)
	if ap.VPCID != "" {
		w.open("VpcConfiguration")
		w.elem("VpcId", ap.VPCID)
		w.close("VpcConfiguration")
	}
	// AWS always answers with the four settings; a state that lacks them
	// (nil: not read) is told apart in expressible.go.
	pab := ap.PublicAccessBlock
	if pab == nil {
		pab = &state.PublicAccessBlock{}
	}
	w.open("PublicAccessBlockConfiguration")
	writePAB(w, pab)
	w.close("PublicAccessBlockConfiguration")
	w.timestamp("CreationDate", c.s.acct.CollectedAt)
	w.elem("AccessPointArn", ap.ARN)
	w.str("BucketAccountId", ap.BucketAccountID)
	w.close("GetAccessPointResult")
	return &reply{ctype: "application/xml", body: w.b}, nil
}
