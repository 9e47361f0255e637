package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// s3controlListMultiRegionAccessPoints serves the account's Multi-Region
// Access Points (REST-XML, no namespace), up to 100 a page with
// maxResults/nextToken, each with its own Block Public Access. AWS answers
// only in us-west-2; the fake, like an emulator behind an endpoint
// override, answers wherever it is asked.
func s3controlListMultiRegionAccessPoints(c *call) (*reply, error) {
	if id := c.r.Header.Get("X-Amz-Account-Id"); id != "" && id != c.s.acct.AccountID {
		return nil, errf(403, "AccessDenied", "account %s is not the caller's account", id)
	}
	mx, err := c.num("maxResults", 0)
	if err != nil {
		return nil, err
	}
	mraps := c.s.acct.S3.MultiRegionAccessPoints
	start, end, next, err := page(c.action, len(mraps), c.str("nextToken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.open("ListMultiRegionAccessPointsResult")
	w.open("AccessPoints")
	for i := range mraps[start:end] {
		m := &mraps[start+i]
		w.open("AccessPoint")
		w.elem("Name", m.Name)
		w.elem("Alias", m.Alias)
		if m.CreatedAt != nil {
			w.timestamp("CreatedAt", *m.CreatedAt)
		}
		// AWS always answers with the four settings; a state that lacks
		// them (nil: not read) is told apart in expressible.go.
		pab := m.PublicAccessBlock
		if pab == nil {
			pab = &state.PublicAccessBlock{}
		}
		w.open("PublicAccessBlock")
		writePAB(w, pab)
		w.close("PublicAccessBlock")
		w.str("Status", m.Status)
		w.open("Regions")
		for _, r := range m.Regions {
			w.open("Region")
			w.elem("Bucket", r.Bucket)
			w.str("Region", r.Region)
			w.close("Region")
		}
		w.close("Regions")
		w.close("AccessPoint")
	}
	w.close("AccessPoints")
	w.str("NextToken", next)
	w.close("ListMultiRegionAccessPointsResult")
	return &reply{ctype: "application/xml", body: w.b}, nil
}
