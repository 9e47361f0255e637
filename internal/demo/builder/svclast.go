package builder

// svcLast adds what svc-last's checks read (SSM.6, ServiceCatalog.1).
// SSM Automation: the platform team turned on CloudWatch logging of
// script output in Frankfurt, where its runbooks live; every other
// region keeps AWS's default, None (SSM.6 fails there).
func (x *b) svcLast() {
	for i := range x.a.SSM.RegionSettings {
		st := &x.a.SSM.RegionSettings[i]
		st.AutomationLogDestination = "None"
		if st.Region == "eu-central-1" {
			st.AutomationLogDestination = "CloudWatch"
		}
	}
}
