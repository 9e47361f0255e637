package awsfake

import (
	"strconv"
)

// ---- Route 53 (REST-XML, global: us-east-1) ---- svc-search

const route53NS = "https://route53.amazonaws.com/doc/2013-04-01/"

func (s *Server) route53Service() *service {
	return &service{name: "route53", proto: protoRestXML, global: true,
		routes: []route{
			rt("GET", "/2013-04-01/hostedzone", "ListHostedZones"),
			rt("POST", "/2013-04-01/hostedzone", "CreateHostedZone"),
			rt("GET", "/2013-04-01/queryloggingconfig", "ListQueryLoggingConfigs"),
			rt("GET", "/2013-04-01/hostedzone/{Id}/dnssec", "GetDNSSEC"),
		},
		ops: map[string]handler{
			"ListHostedZones":         r53ListHostedZones,
			"ListQueryLoggingConfigs": r53ListQueryLoggingConfigs,
			"GetDNSSEC":               r53GetDNSSEC,
		}}
}

// r53ListHostedZones pages with maxitems (up to 100) and marker/NextMarker.
// The SDK has no schema serializer for route53: the bodies are written by
// hand with the member names of its restXml deserializer.
func r53ListHostedZones(c *call) (*reply, error) {
	zs := c.s.acct.Route53.HostedZones
	mx, err := c.num("maxitems", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(zs), c.str("marker"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.openNS("ListHostedZonesResponse", route53NS)
	w.open("HostedZones")
	for _, z := range zs[start:end] {
		w.open("HostedZone")
		w.elem("Id", "/hostedzone/"+z.ID)
		w.elem("Name", z.Name)
		w.elem("CallerReference", z.ID)
		w.open("Config")
		w.boolean("PrivateZone", z.Private)
		w.close("Config")
		w.integer("ResourceRecordSetCount", z.RecordCount)
		w.close("HostedZone")
	}
	w.close("HostedZones")
	w.elem("Marker", c.str("marker"))
	w.elem("IsTruncated", strconv.FormatBool(next != ""))
	w.str("NextMarker", next)
	w.integer("MaxItems", max(mx, 100))
	w.close("ListHostedZonesResponse")
	return &reply{ctype: "text/xml", body: w.b}, nil
}

// r53ListQueryLoggingConfigs lists every query logging configuration of
// the account (or of hostedzoneid), maxresults (up to 100) a page.
func r53ListQueryLoggingConfigs(c *call) (*reply, error) {
	type qlc struct{ id, zone, group string }
	var xs []qlc
	only := c.str("hostedzoneid")
	for _, z := range c.s.acct.Route53.HostedZones {
		if z.QueryLogGroupARN != "" && (only == "" || only == z.ID) {
			xs = append(xs, qlc{"qlc-" + z.ID, z.ID, z.QueryLogGroupARN})
		}
	}
	mx, err := c.num("maxresults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(xs), c.str("nexttoken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.openNS("ListQueryLoggingConfigsResponse", route53NS)
	w.open("QueryLoggingConfigs")
	for _, x := range xs[start:end] {
		w.open("QueryLoggingConfig")
		w.elem("Id", x.id)
		w.elem("HostedZoneId", x.zone)
		w.elem("CloudWatchLogsLogGroupArn", x.group)
		w.close("QueryLoggingConfig")
	}
	w.close("QueryLoggingConfigs")
	w.str("NextToken", next)
	w.close("ListQueryLoggingConfigsResponse")
	return &reply{ctype: "text/xml", body: w.b}, nil
}

// r53GetDNSSEC answers a zone's DNSSEC signing status (NOT_SIGNING unless
// the state says otherwise, as for a zone whose owner never signed it).
func r53GetDNSSEC(c *call) (*reply, error) {
	id := c.str("Id")
	for _, z := range c.s.acct.Route53.HostedZones {
		if z.ID != id {
			continue
		}
		w := &xw{}
		w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
		w.openNS("GetDNSSECResponse", route53NS)
		w.open("Status")
		w.elem("ServeSignature", orDefault(z.DNSSECStatus, "NOT_SIGNING"))
		w.close("Status")
		w.open("KeySigningKeys")
		w.close("KeySigningKeys")
		w.close("GetDNSSECResponse")
		return &reply{ctype: "text/xml", body: w.b}, nil
	}
	return nil, errf(404, "NoSuchHostedZone", "No hosted zone found with ID: %s", id)
}
