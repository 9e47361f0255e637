package awsfake

import (
	"strconv"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS Elastic Beanstalk (awsQuery, 2010-12-01; bodies by hand: the
// SDK's Elastic Beanstalk client has no schema serializers. Lists are
// <member> elements, as the query protocol's deserializer expects). ----

func (s *Server) elasticBeanstalkService() *service {
	return &service{name: "elasticbeanstalk", proto: protoQuery, xmlns: "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/", ops: map[string]handler{
		"DescribeEnvironments":          ebDescribeEnvironments,
		"DescribeConfigurationSettings": ebDescribeConfigurationSettings,
	}}
}

// ebDescribeEnvironments pages with MaxRecords (1..1000, default all) and
// NextToken.
func ebDescribeEnvironments(c *call) (*reply, error) {
	xs := c.s.idx.beanstalkEnvs[c.region]
	m, err := c.num("MaxRecords", 0)
	if err != nil {
		return nil, err
	}
	if c.str("MaxRecords") != "" && (m < 1 || m > 1000) {
		return nil, errf(400, "InvalidParameterValue", "Invalid value %d for MaxRecords. Must be between 1 and 1000", m)
	}
	start, end, next, err := page(c.action, len(xs), c.str("NextToken"), m, 0, 1000)
	if err != nil {
		return nil, err
	}
	return c.queryXML(func(w *xw) {
		w.open("Environments")
		for _, e := range xs[start:end] {
			w.open("member")
			w.elem("EnvironmentName", e.Name)
			w.str("EnvironmentId", e.ID)
			w.elem("ApplicationName", e.Application)
			w.elem("EnvironmentArn", e.ARN)
			w.str("PlatformArn", e.Platform)
			w.elem("Status", orDefault(e.Status, "Ready"))
			w.elem("Health", "Green")
			w.open("Tier")
			w.elem("Name", orDefault(e.Tier, "WebServer"))
			w.elem("Type", map[bool]string{true: "SQS/HTTP", false: "Standard"}[e.Tier == "Worker"])
			w.elem("Version", "1.0")
			w.close("Tier")
			w.close("member")
		}
		w.close("Environments")
		w.str("NextToken", next)
	}), nil
}

// ebDescribeConfigurationSettings answers an environment's option
// settings: only the ones the state records, the way AWS lists them.
func ebDescribeConfigurationSettings(c *call) (*reply, error) {
	app, name := c.str("ApplicationName"), c.str("EnvironmentName")
	if app == "" {
		return nil, errf(400, "MissingParameter", "The request must contain the parameter ApplicationName")
	}
	for _, e := range c.s.idx.beanstalkEnvs[c.region] {
		if e.Application != app || e.Name != name {
			continue
		}
		return c.queryXML(func(w *xw) {
			w.open("ConfigurationSettings")
			w.open("member")
			w.elem("ApplicationName", e.Application)
			w.elem("EnvironmentName", e.Name)
			w.str("PlatformArn", e.Platform)
			w.elem("DeploymentStatus", "deployed")
			w.open("OptionSettings")
			for _, o := range ebOptions(e) {
				w.open("member")
				w.elem("Namespace", o[0])
				w.elem("OptionName", o[1])
				w.elem("Value", o[2])
				w.close("member")
			}
			w.close("OptionSettings")
			w.close("member")
			w.close("ConfigurationSettings")
		}), nil
	}
	return nil, errf(400, "InvalidParameterValue", "No Environment found for EnvironmentName = '%s'.", name)
}

// ebOptions are e's option settings as namespace, name and value. Like
// AWS, it reports a log retention (7 days by default) even when logs are
// not streamed.
func ebOptions(e *state.BeanstalkEnvironment) [][3]string {
	tf := strconv.FormatBool
	out := [][3]string{
		{state.BeanstalkHealthNamespace, state.BeanstalkOptionSystemType, orDefault(e.HealthReporting, "basic")},
		{state.BeanstalkManagedNamespace, state.BeanstalkOptionManaged, tf(e.ManagedUpdates)},
		{state.BeanstalkLogsNamespace, state.BeanstalkOptionStreamLogs, tf(e.StreamLogs)},
		{state.BeanstalkLogsNamespace, state.BeanstalkOptionRetention, strconv.Itoa(max(e.LogRetentionDays, 7))},
	}
	if e.UpdateLevel != "" {
		out = append(out, [3]string{state.BeanstalkUpdateNamespace, state.BeanstalkOptionUpdateLevel, e.UpdateLevel})
	}
	return out
}
