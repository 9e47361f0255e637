package awsfake

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Resource Groups Tagging API (awsJson1.1, signing name tagging) ----

func (s *Server) taggingService() *service {
	return &service{name: "tagging", proto: protoJSON, ops: map[string]handler{
		"GetResources": tagGetResources,
	}}
}

type tagKV struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

func tagList(m map[string]string) []tagKV {
	out := []tagKV{}
	for _, k := range sortedKeys(m) {
		out = append(out, tagKV{k, m[k]})
	}
	return out
}

// tagged is one resource GetResources can return.
type tagged struct {
	arn  string
	tags map[string]string
}

// taggedIn lists the region's tagged resources of the kinds the fake
// holds tags for that no listing of their own returns: Lambda functions
// and WorkSpaces resources. Like AWS, an untagged resource is not listed.
func (c *call) taggedIn() []tagged {
	var out []tagged
	add := func(m state.Meta) {
		if len(m.Tags) > 0 {
			out = append(out, tagged{m.ARN, m.Tags})
		}
	}
	for _, f := range c.s.idx.functions[c.region] {
		add(f.Meta)
	}
	for _, w := range c.s.idx.workspaces[c.region] {
		add(w.Meta)
	}
	for _, q := range c.s.idx.queues[c.region] {
		add(q.Meta)
	}
	for _, r := range c.s.idx.repositories[c.region] {
		add(r.Meta)
	}
	// svc-data: ElastiCache
	for _, g := range c.s.idx.cacheGroups[c.region] {
		add(g.Meta)
	}
	for _, k := range c.s.idx.cacheClusters[c.region] {
		add(k.Meta)
	}
	// svc-stream: Kinesis and Firehose
	for _, s := range c.s.idx.kinesisStreams[c.region] {
		add(s.Meta)
	}
	for _, d := range c.s.idx.deliveryStreams[c.region] {
		add(d.Meta)
	}
	// svc-search: OpenSearch Service domains
	for _, d := range c.s.idx.osDomains[c.region] {
		add(d.Meta)
	}
	for _, d := range c.s.idx.directories[c.region] {
		add(d.Meta)
	}
	for _, g := range c.s.idx.ipGroups[c.region] {
		add(g.Meta)
	}
	for _, im := range c.s.idx.wsImages[c.region] {
		add(im.Meta)
	}
	return out
}

// resourceType is the "service:type" of an ARN as GetResources filters
// name it: arn:aws:lambda:R:A:function:NAME is lambda:function,
// arn:aws:workspaces:R:A:workspace/ID is workspaces:workspace.
func resourceType(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	res := parts[5]
	if i := strings.IndexAny(res, ":/"); i >= 0 {
		res = res[:i]
	}
	return parts[2] + ":" + res
}

// matchesType reports whether a ResourceTypeFilters entry, "service" or
// "service:type", selects the resource type typ.
func matchesType(filter, typ string) bool {
	if strings.Contains(filter, ":") {
		return filter == typ
	}
	return strings.HasPrefix(typ, filter+":")
}

// tagGetResources serves GetResources: the region's tagged resources of
// the requested types (all when no filter), ResourcesPerPage (1..100,
// default 50) a page, PaginationToken "" at the end as AWS answers. Tag
// filters are not supported (the collectors send none).
func tagGetResources(c *call) (*reply, error) {
	if _, ok := c.body["TagFilters"]; ok {
		return nil, errf(400, "InvalidParameterException", "awsfake does not support TagFilters")
	}
	n, err := c.num("ResourcesPerPage", 0)
	if err != nil {
		return nil, err
	}
	if n < 0 || n > 100 {
		return nil, errf(400, "InvalidParameterException", "ResourcesPerPage must be between 1 and 100")
	}
	filters := c.strs("ResourceTypeFilters")
	var xs []tagged
	for _, t := range c.taggedIn() {
		keep := len(filters) == 0
		for _, f := range filters {
			keep = keep || matchesType(f, resourceType(t.arn))
		}
		if keep {
			xs = append(xs, t)
		}
	}
	start, end, next, err := page(c.action, len(xs), c.str("PaginationToken"), n, 50, 100)
	if err != nil {
		return nil, err
	}
	type mapping struct {
		ResourceARN string  `json:"ResourceARN"`
		Tags        []tagKV `json:"Tags"`
	}
	out := struct {
		PaginationToken        string    `json:"PaginationToken"`
		ResourceTagMappingList []mapping `json:"ResourceTagMappingList"`
	}{PaginationToken: next, ResourceTagMappingList: []mapping{}}
	for _, t := range xs[start:end] {
		out.ResourceTagMappingList = append(out.ResourceTagMappingList, mapping{t.arn, tagList(t.tags)})
	}
	return c.rawJSON(out)
}
