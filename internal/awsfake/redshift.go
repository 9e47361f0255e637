package awsfake

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Redshift speaks awsQuery, but its SDK client has no schemas: the XML is
// written by hand with the element names of the client's deserializer
// (lists are <Clusters><Cluster>...</Cluster></Clusters>).

const redshiftNS = "http://redshift.amazonaws.com/doc/2012-12-01/"

func (s *Server) redshiftService() *service {
	return &service{name: "redshift", proto: protoQuery, xmlns: redshiftNS, ops: map[string]handler{
		"DescribeClusters":               rsDescribeClusters,
		"DescribeLoggingStatus":          rsDescribeLoggingStatus,
		"DescribeClusterParameterGroups": rsDescribeClusterParameterGroups,
		"DescribeClusterParameters":      rsDescribeClusterParameters,
	}}
}

func (c *call) queryXML(body func(w *xw)) *reply {
	w := &xw{b: make([]byte, 0, 1024)}
	w.openNS(c.action+"Response", c.svc.xmlns)
	w.open(c.action + "Result")
	body(w)
	w.close(c.action + "Result")
	w.raw("<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>")
	w.close(c.action + "Response")
	return &reply{ctype: "text/xml", body: w.b}
}

func rsTags(w *xw, m map[string]string) {
	w.open("Tags")
	for _, k := range sortedKeys(m) {
		w.open("Tag")
		w.elem("Key", k)
		w.elem("Value", m[k])
		w.close("Tag")
	}
	w.close("Tags")
}

func rsDescribeClusters(c *call) (*reply, error) {
	xs := c.s.idx.rsClusters[c.region]
	if id := c.str("ClusterIdentifier"); id != "" {
		var f []*state.RedshiftCluster
		for _, x := range xs {
			if x.ID == id {
				f = append(f, x)
			}
		}
		xs = f
	}
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	return c.queryXML(func(w *xw) {
		w.open("Clusters")
		for _, cl := range xs[start:end] {
			w.open("Cluster")
			w.elem("ClusterIdentifier", cl.ID)
			w.str("NodeType", cl.NodeType)
			w.elem("ClusterStatus", "available")
			w.str("MasterUsername", cl.MasterUsername)
			w.str("DBName", cl.DBName)
			if cl.Port != 0 {
				w.open("Endpoint")
				w.elem("Address", cl.ID+".fake."+c.region+".redshift.amazonaws.com")
				w.integer("Port", cl.Port)
				w.close("Endpoint")
			}
			w.integer("AutomatedSnapshotRetentionPeriod", cl.AutomatedSnapshotRetention)
			w.open("VpcSecurityGroups")
			for _, g := range cl.SecurityGroups {
				w.open("VpcSecurityGroup")
				w.elem("VpcSecurityGroupId", g)
				w.elem("Status", "active")
				w.close("VpcSecurityGroup")
			}
			w.close("VpcSecurityGroups")
			w.open("ClusterParameterGroups")
			for _, g := range cl.ParameterGroups {
				w.open("ClusterParameterGroup")
				w.elem("ParameterGroupName", g)
				w.elem("ParameterApplyStatus", "in-sync")
				w.close("ClusterParameterGroup")
			}
			w.close("ClusterParameterGroups")
			w.str("VpcId", cl.VPCID)
			w.boolean("AllowVersionUpgrade", cl.AllowVersionUpgrade)
			w.boolean("PubliclyAccessible", cl.PubliclyAccessible)
			w.boolean("Encrypted", cl.Encrypted)
			w.str("KmsKeyId", cl.KMSKeyID)
			w.boolean("EnhancedVpcRouting", cl.EnhancedVPCRouting)
			if cl.CrossRegionSnapshotCopyRegion != "" {
				w.open("ClusterSnapshotCopyStatus")
				w.elem("DestinationRegion", cl.CrossRegionSnapshotCopyRegion)
				w.integer("RetentionPeriod", 7)
				w.close("ClusterSnapshotCopyStatus")
			}
			w.str("MaintenanceTrackName", cl.MaintenanceTrackName)
			if cl.MultiAZ {
				w.elem("MultiAZ", "Enabled")
			} else {
				w.elem("MultiAZ", "Disabled")
			}
			rsTags(w, cl.Tags)
			w.close("Cluster")
		}
		w.close("Clusters")
		w.str("Marker", next)
	}), nil
}

func rsDescribeLoggingStatus(c *call) (*reply, error) {
	id := c.str("ClusterIdentifier")
	c.resource = id
	for _, cl := range c.s.idx.rsClusters[c.region] {
		if cl.ID != id {
			continue
		}
		return c.queryXML(func(w *xw) {
			w.boolean("LoggingEnabled", cl.LoggingEnabled)
			if cl.LoggingEnabled {
				w.elem("LogDestinationType", "cloudwatch")
			}
		}), nil
	}
	return nil, errf(404, "ClusterNotFound", "Cluster %s not found.", id)
}

func rsDescribeClusterParameterGroups(c *call) (*reply, error) {
	xs := c.s.idx.rsParamGroups[c.region]
	start, end, next, err := c.rdsPage(len(xs))
	if err != nil {
		return nil, err
	}
	return c.queryXML(func(w *xw) {
		w.open("ParameterGroups")
		for _, g := range xs[start:end] {
			w.open("ClusterParameterGroup")
			w.elem("ParameterGroupName", g.Name)
			w.elem("ParameterGroupFamily", g.Family)
			w.elem("Description", g.Name)
			rsTags(w, g.Tags)
			w.close("ClusterParameterGroup")
		}
		w.close("ParameterGroups")
		w.str("Marker", next)
	}), nil
}

func rsDescribeClusterParameters(c *call) (*reply, error) {
	name := c.str("ParameterGroupName")
	c.resource = name
	var g *state.ParameterGroup
	for _, x := range c.s.idx.rsParamGroups[c.region] {
		if x.Name == name {
			g = x
		}
	}
	if g == nil {
		return nil, errf(404, "ClusterParameterGroupNotFound", "Parameter group %s not found.", name)
	}
	var keys []string
	if src := c.str("Source"); src == "" || src == "user" {
		keys = sortedKeys(g.Parameters)
	}
	start, end, next, err := c.rdsPage(len(keys))
	if err != nil {
		return nil, err
	}
	return c.queryXML(func(w *xw) {
		w.open("Parameters")
		for _, k := range keys[start:end] {
			w.open("Parameter")
			w.elem("ParameterName", k)
			w.elem("ParameterValue", g.Parameters[k])
			w.elem("Source", "user")
			w.elem("DataType", "string")
			w.elem("ApplyType", "static")
			w.elem("IsModifiable", "true")
			w.close("Parameter")
		}
		w.close("Parameters")
		w.str("Marker", next)
	}), nil
}
