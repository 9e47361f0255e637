package awsfake

// ---- AWS CodeBuild report groups (svc-gaps3; awsJson1.1 bodies by hand,
// as codebuild.go) ----

// cbListReportGroups lists the region's report group ARNs, up to
// maxResults (1-100) a page.
func cbListReportGroups(c *call) (*reply, error) {
	var arns []string
	for i := range c.s.acct.CodeBuild.ReportGroups {
		if g := &c.s.acct.CodeBuild.ReportGroups[i]; g.Region == c.region {
			arns = append(arns, g.ARN)
		}
	}
	mx, err := c.num("maxResults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(arns), c.str("nextToken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"reportGroups": append([]string{}, arns[start:end]...)}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

// cbBatchGetReportGroups describes up to 100 report groups by ARN;
// unknown ARNs are returned in reportGroupsNotFound, as AWS does.
func cbBatchGetReportGroups(c *call) (*reply, error) {
	arns := c.strs("reportGroupArns")
	if len(arns) == 0 || len(arns) > 100 {
		return nil, errf(400, "InvalidInputException", "reportGroupArns must hold 1 to 100 ARNs, got %d", len(arns))
	}
	at := float64(c.s.acct.CollectedAt.Unix())
	groups, missing := []map[string]any{}, []string{}
	for _, arn := range arns {
		found := false
		for i := range c.s.acct.CodeBuild.ReportGroups {
			g := &c.s.acct.CodeBuild.ReportGroups[i]
			if g.ARN != arn || g.Region != c.region {
				continue
			}
			found = true
			export := map[string]any{"exportConfigType": orDefault(g.ExportType, "NO_EXPORT")}
			if g.ExportType == "S3" {
				dest := map[string]any{"bucket": g.ExportBucket, "packaging": "NONE", "encryptionDisabled": g.ExportEncryptionDisabled}
				if g.ExportEncryptionKey != "" {
					dest["encryptionKey"] = g.ExportEncryptionKey
				}
				export["s3Destination"] = dest
			}
			groups = append(groups, map[string]any{"arn": g.ARN, "name": g.Name, "type": orDefault(g.Type, "TEST"), "status": "ACTIVE",
				"exportConfig": export, "created": at, "lastModified": at, "tags": cbTags(g.Tags)})
		}
		if !found {
			missing = append(missing, arn)
		}
	}
	return c.rawJSON(map[string]any{"reportGroups": groups, "reportGroupsNotFound": missing})
}

// cbTags renders tags as CodeBuild does (key/value objects).
func cbTags(tags map[string]string) []map[string]string {
	out := []map[string]string{}
	for k, v := range tags {
		out = append(out, map[string]string{"key": k, "value": v})
	}
	return out
}
